package io.proofline.core.batches;

import io.proofline.core.api.ApiException;
import java.time.Instant;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /batches/{n}}: a batch's header and proving status, for operators and tests; once
 * proven, the accepted proof's size in bytes and the core's verification time in milliseconds.
 */
@RestController
final class BatchStatusController {

    private final BatchRepository batches;

    BatchStatusController(BatchRepository batches) {
        this.batches = batches;
    }

    @GetMapping(path = "/batches/{batchNumber}", produces = MediaType.APPLICATION_JSON_VALUE)
    BatchStatus batch(@PathVariable long batchNumber) {
        BatchRow b = batches.find(batchNumber)
                .orElseThrow(() -> ApiException.notFound("batch " + batchNumber + " does not exist"));
        return new BatchStatus(b.batchNumber(), b.header().chainId(), b.protocolVersion(), b.status(), b.transactionCount(),
                b.header().preStateRoot().toString(), b.header().postStateRoot().toString(),
                b.header().txCommitment().toString(), b.header().withdrawalsCommitment().toString(), b.commitment(),
                b.attempts(), text(b.sealedAt()), text(b.pickedAt()), text(b.provenAt()), b.proofBytes(), b.verificationMs());
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }

    record BatchStatus(long batchNumber, long chainId, int protocolVersion, String status, int transactionCount,
                       String preStateRoot, String postStateRoot, String txCommitment, String withdrawalsCommitment,
                       String commitment, int attempts, String sealedAt, String pickedAt, String provenAt,
                       Integer proofBytes, Double verificationMs) {
    }
}
