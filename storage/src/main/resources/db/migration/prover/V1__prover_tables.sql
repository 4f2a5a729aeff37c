-- The proving pipeline's tables. Every name starts with prover_ so that the pipeline can share a
-- database with the core's tables; Flyway's history for them is prover_schema_history.

-- Key commitments (0x-hex, as the core hands them out) of each protocol version seen.
CREATE TABLE prover_protocol_versions (
    protocol_version        INTEGER     PRIMARY KEY CHECK (protocol_version >= 0),
    transfer_execution_key  TEXT        NOT NULL,
    storage_application_key TEXT        NOT NULL,
    created_at              TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- One row per batch taken from the core, following it through the stages.
CREATE TABLE prover_batches (
    chain_id              BIGINT      NOT NULL CHECK (chain_id >= 0),
    batch_number          BIGINT      NOT NULL CHECK (batch_number >= 0),
    protocol_version      INTEGER     NOT NULL,
    status                TEXT        NOT NULL DEFAULT 'received'
        CHECK (status IN ('received', 'witness_generated', 'proving', 'aggregated', 'submitted', 'failed')),
    witness_inputs_key    TEXT        NOT NULL,
    witness_inputs_sha256 TEXT        NOT NULL CHECK (witness_inputs_sha256 ~ '^[0-9a-f]{64}$'),
    batch_commitment      TEXT        NOT NULL,
    -- The Spring Batch job execution proving the batch, once one is started.
    job_execution_id      BIGINT,
    manifest_key          TEXT,
    batch_proof_key       TEXT,
    batch_proof_sha256    TEXT        CHECK (batch_proof_sha256 ~ '^[0-9a-f]{64}$'),
    -- The core's answer to the last submission: HTTP status and body.
    submit_status         INTEGER,
    submit_answer         TEXT,
    submitted_at          TIMESTAMPTZ,
    created_at            TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at            TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (chain_id, batch_number)
);

CREATE INDEX prover_batches_status ON prover_batches (status, created_at);

-- One row per base circuit instance of a batch: its proving attempts and their outcome.
CREATE TABLE prover_circuit_instances (
    chain_id       BIGINT      NOT NULL,
    batch_number   BIGINT      NOT NULL,
    -- The circuit type's label, e.g. transfer_execution.
    circuit_type   TEXT        NOT NULL,
    instance_index INTEGER     NOT NULL CHECK (instance_index >= 0),
    status         TEXT        NOT NULL DEFAULT 'queued'
        CHECK (status IN ('queued', 'in_progress', 'successful', 'failed')),
    attempts       INTEGER     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    worker_id      TEXT,
    heartbeat_at   TIMESTAMPTZ,
    started_at     TIMESTAMPTZ,
    finished_at    TIMESTAMPTZ,
    input_key      TEXT        NOT NULL,
    input_sha256   TEXT        NOT NULL CHECK (input_sha256 ~ '^[0-9a-f]{64}$'),
    proof_key      TEXT,
    proof_sha256   TEXT        CHECK (proof_sha256 ~ '^[0-9a-f]{64}$'),
    -- Milliseconds spent on witness vector generation and on proving, in the successful attempt.
    vector_ms      BIGINT,
    prove_ms       BIGINT,
    -- The last failure, kept across requeues.
    error          TEXT,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (chain_id, batch_number, circuit_type, instance_index),
    FOREIGN KEY (chain_id, batch_number) REFERENCES prover_batches (chain_id, batch_number) ON DELETE CASCADE
);

-- Finding instances whose worker stopped sending heartbeats.
CREATE INDEX prover_circuit_instances_status_heartbeat ON prover_circuit_instances (status, heartbeat_at);
