package io.proofline.storage.tables;

import java.time.Instant;

/**
 * A row of {@code prover_aggregation_proofs}, with the meaning of {@link ProverCircuitInstance}'s
 * fields; {@code innerProofKeys} lists the object keys of the proofs the successful attempt
 * verified, and {@code loadMs} its time reading them.
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
        Long proveMs,
        String error,
        Instant createdAt,
        Instant updatedAt) {
}
