-- Protocol versions whose batch proofs are aggregated pin the recursion layers' keys too;
-- NULL for a version whose proofs are bundles of base proofs (version 1).
ALTER TABLE core_protocol_versions
    ADD COLUMN leaf_transfer_execution_key  TEXT,
    ADD COLUMN leaf_storage_application_key TEXT,
    ADD COLUMN node_key                     TEXT,
    ADD COLUMN scheduler_key                TEXT,
    ADD CONSTRAINT core_protocol_versions_recursion_keys CHECK (
        (leaf_transfer_execution_key IS NULL) = (leaf_storage_application_key IS NULL)
        AND (leaf_transfer_execution_key IS NULL) = (node_key IS NULL)
        AND (leaf_transfer_execution_key IS NULL) = (scheduler_key IS NULL));

-- The accepted proof's size and how long the core took to verify it (NULL before it is proven).
ALTER TABLE core_batches
    ADD COLUMN proof_bytes     INTEGER,
    ADD COLUMN verification_ms DOUBLE PRECISION;
