-- Every key a protocol version's batch proofs are verified against. Versions whose proofs are
-- aggregated (version 2 on) verify one scheduler proof, so the core checks the recursion layers'
-- keys too: a leaf per base circuit type, the node and the scheduler (circuits' commitments.json
-- pins them). NULL for versions whose proofs are bundles of base proofs: all four or none.
ALTER TABLE prover_protocol_versions
    ADD COLUMN leaf_transfer_execution_key  TEXT,
    ADD COLUMN leaf_storage_application_key TEXT,
    ADD COLUMN node_key                     TEXT,
    ADD COLUMN scheduler_key                TEXT,
    ADD CONSTRAINT prover_protocol_versions_recursion_keys
        CHECK (num_nonnulls(leaf_transfer_execution_key, leaf_storage_application_key, node_key, scheduler_key) IN (0, 4));

-- A batch is recorded under a protocol version whose keys are recorded. NOT VALID: batches received
-- before this migration, whose gateway recorded no versions, are kept as they are.
ALTER TABLE prover_batches
    ADD CONSTRAINT prover_batches_protocol_version FOREIGN KEY (protocol_version)
        REFERENCES prover_protocol_versions (protocol_version) NOT VALID;
