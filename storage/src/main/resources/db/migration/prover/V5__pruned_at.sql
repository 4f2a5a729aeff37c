-- When the house keeper pruned a submitted batch's job records and intermediate artifacts
-- (io.proofline.jobs.housekeeper.JobActions#delete); NULL until then. Pruning selects the batches
-- still NULL, so that each is pruned once rather than on every run for as long as it is kept.
ALTER TABLE prover_batches ADD COLUMN pruned_at TIMESTAMPTZ;
