package io.proofline.core.batches;

import io.proofline.core.CoreProperties;
import io.proofline.core.keys.ProtocolKeys;
import java.util.Base64;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The proof data handler: the proving pipeline's gateways take batches to prove here and bring
 * their proofs back.
 */
@RestController
final class ProofDataController {

    private static final System.Logger LOG = System.getLogger(ProofDataController.class.getName());

    private final BatchRepository batches;
    private final ProofSubmissions submissions;
    private final ProtocolKeys keys;
    private final CoreProperties properties;

    ProofDataController(BatchRepository batches, ProofSubmissions submissions, ProtocolKeys keys, CoreProperties properties) {
        this.batches = batches;
        this.submissions = submissions;
        this.keys = keys;
        this.properties = properties;
    }

    /** The oldest batch waiting for a proof (200), or nothing (204). The body may be empty or {@code {}}. */
    @PostMapping(path = "/proof_generation_data", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ProofGenerationData> next(@RequestBody(required = false) Map<String, Object> ignored) {
        return batches.pickNext(keys.protocolVersion(), properties.pickTimeout())
                .map(b -> {
                    LOG.log(System.Logger.Level.INFO, "Batch " + b.batchNumber() + " handed out for proving (attempt "
                            + b.attempts() + ")");
                    return ResponseEntity.ok(new ProofGenerationData(b.chainId(), b.batchNumber(), b.protocolVersion(),
                            Base64.getEncoder().encodeToString(b.witnessInput()), keys.commitmentsByLabel(), b.commitment()));
                })
                .orElseGet(() -> ResponseEntity.noContent().build());
    }

    @PostMapping(path = "/submit_proof/{batchNumber}", produces = MediaType.APPLICATION_JSON_VALUE)
    SubmitProofResponse submit(@PathVariable long batchNumber, @RequestBody SubmitProofRequest request) {
        submissions.submit(batchNumber, request);
        return new SubmitProofResponse(batchNumber, BatchRepository.PROVEN);
    }

    record SubmitProofResponse(long batchNumber, String status) {
    }
}
