/**
 * Batch proofs: the base proofs of a batch's circuit instances, their format, and the check
 * that they chain into the batch's statement (done by the pipeline's aggregate step and again
 * by the core before it accepts a proof).
 */
package io.proofline.circuits.batch;
