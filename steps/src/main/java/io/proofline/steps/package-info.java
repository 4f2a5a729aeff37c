/**
 * The stages of a batch proof, one package each ({@code witness}, {@code proving},
 * {@code aggregation}, {@code submit}), and what the job and its steps agree on: the
 * batchProof job's parameters and the keys of its execution context ({@link
 * io.proofline.steps.BatchProofKeys}). The job definitions that wire these steps together, and
 * the transports of their remote partitions, live in the jobs module.
 */
package io.proofline.steps;
