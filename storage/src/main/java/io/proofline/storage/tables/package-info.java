/**
 * The prover's own tables ({@code prover_*}, migrated by {@link io.proofline.storage.tables.ProverMigrations}):
 * which batches were taken from the core and how far each got, and the proving attempts of each
 * circuit instance. State changes are single conditional statements, so that several gateways,
 * orchestrators and workers stay consistent without application locks.
 */
package io.proofline.storage.tables;
