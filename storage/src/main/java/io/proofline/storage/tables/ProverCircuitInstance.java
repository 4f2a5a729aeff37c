package io.proofline.storage.tables;

import java.time.Instant;

/**
 * A row of {@code prover_circuit_instances}. {@code workerId}, {@code heartbeatAt} and
 * {@code startedAt} describe the current or last attempt (null while queued); the proof fields
 * and timings are set by the attempt that made the proof ({@code queueMs}, the wait between witness vector
 * and prover, only on a pipelined GPU worker); {@code error} keeps the last failure.
 */
public record ProverCircuitInstance(
        CircuitInstanceId id,
        InstanceStatus status,
        int attempts,
        String workerId,
        Instant heartbeatAt,
        Instant startedAt,
        Instant finishedAt,
        String inputKey,
        String inputSha256,
        String proofKey,
        String proofSha256,
        Long vectorMs,
        Long queueMs,
        Long proveMs,
        String error,
        Instant createdAt,
        Instant updatedAt) {
}
