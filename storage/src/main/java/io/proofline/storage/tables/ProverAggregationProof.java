package io.proofline.storage.tables;

import java.time.Instant;

/**
 * A row of {@code prover_aggregation_proofs}, with the meaning of {@link ProverCircuitInstance}'s
 * fields; {@code innerProofKeys} lists the object keys of the proofs the attempt that made it
 * verified, {@code loadMs} its time reading them and {@code queueMs} its wait for a GPU worker's
 * prover thread.
 */
public record ProverAggregationProof(
        AggregationProofId id,
        InstanceStatus status,
        int attempts,
        String workerId,
        Instant heartbeatAt,
        Instant startedAt,
        Instant finishedAt,
        String innerProofKeys,
        String proofKey,
        String proofSha256,
        Long loadMs,
        Long queueMs,
        Long proveMs,
        String error,
        Instant createdAt,
        Instant updatedAt) {
}
