-- A GPU worker's partitions wait between their witness vector (or inner proofs) being ready and
-- its one prover thread starting on them (io.proofline.steps.proving.GpuProverPipeline):
-- milliseconds of that wait in the successful attempt, NULL where both phases ran on the
-- partition's own thread (no queue) and in rows proven before this column existed.
ALTER TABLE prover_circuit_instances ADD COLUMN queue_ms BIGINT CHECK (queue_ms >= 0);
ALTER TABLE prover_aggregation_proofs ADD COLUMN queue_ms BIGINT CHECK (queue_ms >= 0);
