/**
 * {@code ./proofline demo}: the whole proving pipeline on one machine with nothing installed but
 * Java and Maven. {@link io.proofline.demo.Demo} starts an embedded PostgreSQL
 * ({@link io.proofline.demo.EmbeddedDatabase}), the core, the orchestrator and worker processes
 * ({@link io.proofline.demo.DemoCluster}), follows batches through the stages
 * ({@link io.proofline.demo.ProgressReporter}) and prints what was proven
 * ({@link io.proofline.demo.SummaryTable}).
 */
package io.proofline.demo;
