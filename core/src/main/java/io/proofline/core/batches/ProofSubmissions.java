package io.proofline.core.batches;

import io.proofline.circuits.batch.BatchProof;
import io.proofline.circuits.batch.BatchProofCodec;
import io.proofline.circuits.batch.BatchProofRejectedException;
import io.proofline.codec.FormatException;
import io.proofline.core.api.ApiException;
import io.proofline.core.keys.ProtocolKeys;
import java.util.Base64;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Accepts a batch proof only after checking it against the registered keys and the batch's
 * stored header; a proof that fails leaves the batch as it was, to be proven again.
 */
@Service
final class ProofSubmissions {

    private static final System.Logger LOG = System.getLogger(ProofSubmissions.class.getName());

    private final BatchRepository batches;
    private final ProtocolKeys keys;

    ProofSubmissions(BatchRepository batches, ProtocolKeys keys) {
        this.batches = batches;
        this.keys = keys;
    }

    /**
     * @return whether this submission proved the batch (false: it was proven already)
     * @throws ApiException 404 for an unknown batch, 400 for anything wrong with the proof
     */
    boolean submit(long batchNumber, SubmitProofRequest request) {
        BatchRow batch = batches.find(batchNumber)
                .orElseThrow(() -> ApiException.notFound("batch " + batchNumber + " does not exist"));
        if (request.protocolVersion() == null) {
            throw ApiException.badRequest("missing field 'protocolVersion'");
        }
        if (request.proof() == null) {
            throw ApiException.badRequest("missing field 'proof'");
        }
        if (request.protocolVersion() != batch.protocolVersion()) {
            throw ApiException.badRequest("batch " + batchNumber + " was sealed under protocol version "
                    + batch.protocolVersion() + ", not " + request.protocolVersion());
        }
        if (batch.protocolVersion() != keys.protocolVersion()) {
            throw new ApiException(HttpStatus.CONFLICT, "batch " + batchNumber + " belongs to protocol version "
                    + batch.protocolVersion() + " but this core verifies version " + keys.protocolVersion());
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(request.proof());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("proof is not valid base64: " + e.getMessage());
        }
        BatchProof proof;
        try {
            proof = BatchProofCodec.decode(bytes);
        } catch (FormatException | IllegalArgumentException e) {
            throw ApiException.badRequest("malformed proof: " + e.getMessage());
        }
        long start = System.nanoTime();
        try {
            keys.verifier().verify(batch.header(), proof);
        } catch (BatchProofRejectedException e) {
            LOG.log(System.Logger.Level.WARNING, "Proof for batch " + batchNumber + " rejected: " + e.getMessage());
            throw ApiException.badRequest("proof rejected: " + e.getMessage());
        }
        boolean first = batches.markProven(batchNumber, bytes);
        LOG.log(System.Logger.Level.INFO, "Batch " + batchNumber + (first ? " proven" : " was already proven; proof verified again")
                + " (" + proof.proofs().size() + " base proofs, " + bytes.length + " bytes, verified in "
                + (System.nanoTime() - start) / 1_000_000 + " ms)");
        return first;
    }
}
