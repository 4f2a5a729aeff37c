package io.proofline.core.batches;

import io.proofline.circuits.l2.BatchHeader;
import java.time.Instant;

/** A row of {@code core_batches} without its large columns (witness input, proof). */
record BatchRow(BatchHeader header, int protocolVersion, String commitment, int transactionCount, String status,
                Instant sealedAt, Instant pickedAt, Instant provenAt, int attempts) {

    long batchNumber() {
        return header.batchNumber();
    }

    boolean proven() {
        return BatchRepository.PROVEN.equals(status);
    }
}
