/**
 * Witness generation: the batch's witness input data (what the core hands the prover), its
 * replay and check, and the split into base circuit instances with their inputs.
 */
package io.proofline.circuits.witness;
