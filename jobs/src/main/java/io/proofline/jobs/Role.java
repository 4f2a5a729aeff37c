package io.proofline.jobs;

/** What a process of the prover application does; one process may take several roles. */
public enum Role {
    /** Runs batchProof jobs (manager steps, aggregation, submission) and polls the core. */
    ORCHESTRATOR,
    /** Serves basic witness generation partitions. */
    WITNESS_GENERATOR,
    /** Serves circuit proving partitions. */
    CIRCUIT_PROVER
}
