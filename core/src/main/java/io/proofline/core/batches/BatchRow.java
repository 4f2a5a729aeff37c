package io.proofline.core.batches;

import io.proofline.circuits.l2.BatchHeader;
import java.time.Instant;

/**
 * A row of {@code core_batches} without its large columns (witness input, proof); the accepted
 * proof's size and verification time are null before it is proven.
 */
record BatchRow(BatchHeader header, int protocolVersion, String commitment, int transactionCount, String status,
                Instant sealedAt, Instant pickedAt, Instant provenAt, int attempts, Integer proofBytes,
                Double verificationMs) {

    long batchNumber() {
        return header.batchNumber();
    }

    boolean proven() {
        return BatchRepository.PROVEN.equals(status);
    }
}
