package io.proofline.storage.tables;

import java.time.Instant;

/**
 * A row of {@code prover_batches}. Fields a later stage fills in are null until then:
 * {@code jobExecutionId} until a job runs the batch, {@code manifestKey} until basic witness
 * generation, {@code batchProofKey}/{@code batchProofSha256} until aggregation, and the
 * {@code submit*} fields until the core answered a submission.
 */
public record ProverBatch(
        BatchId id,
        int protocolVersion,
        BatchStatus status,
        String witnessInputsKey,
        String witnessInputsSha256,
        String batchCommitment,
        Long jobExecutionId,
        String manifestKey,
        String batchProofKey,
        String batchProofSha256,
        Integer submitStatus,
        String submitAnswer,
        Instant submittedAt,
        Instant createdAt,
        Instant updatedAt) {
}
