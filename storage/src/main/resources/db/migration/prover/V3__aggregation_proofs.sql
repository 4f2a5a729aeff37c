-- One row per recursion proof of a batch (io.proofline.circuits.aggregation.AggregationPlan):
-- each leaf, each node of every round, and the scheduler. Rows are queued all at once when the
-- leaves start; each proof's attempts follow prover_circuit_instances (status, worker,
-- heartbeat), so that a restarted job proves only the proofs that did not complete.
CREATE TABLE prover_aggregation_proofs (
    chain_id         BIGINT      NOT NULL,
    batch_number     BIGINT      NOT NULL,
    -- leaf (round 0), node (rounds 1 and up) or scheduler (the round after the last node round).
    layer            TEXT        NOT NULL CHECK (layer IN ('leaf', 'node', 'scheduler')),
    round            INTEGER     NOT NULL CHECK (round >= 0),
    -- The base circuit type's label below the proof; 'batch' for the scheduler, which takes both.
    circuit_type     TEXT        NOT NULL,
    proof_index      INTEGER     NOT NULL CHECK (proof_index >= 0),
    status           TEXT        NOT NULL DEFAULT 'queued'
        CHECK (status IN ('queued', 'in_progress', 'successful', 'failed')),
    attempts         INTEGER     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    worker_id        TEXT,
    heartbeat_at     TIMESTAMPTZ,
    started_at       TIMESTAMPTZ,
    finished_at      TIMESTAMPTZ,
    -- The object keys of the inner proofs it verified (base, leaf or node proofs), space-separated.
    inner_proof_keys TEXT,
    proof_key        TEXT,
    proof_sha256     TEXT        CHECK (proof_sha256 ~ '^[0-9a-f]{64}$'),
    -- Milliseconds spent reading and decoding the inner proofs, and proving, in the successful attempt.
    load_ms          BIGINT,
    prove_ms         BIGINT,
    -- The last failure, kept across requeues.
    error            TEXT,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (chain_id, batch_number, layer, round, circuit_type, proof_index),
    CHECK ((layer = 'leaf') = (round = 0)),
    CHECK ((layer = 'scheduler') = (circuit_type = 'batch')),
    FOREIGN KEY (chain_id, batch_number) REFERENCES prover_batches (chain_id, batch_number) ON DELETE CASCADE
);

-- Finding proofs whose worker stopped sending heartbeats.
CREATE INDEX prover_aggregation_proofs_status_heartbeat ON prover_aggregation_proofs (status, heartbeat_at);
