/**
 * The Plonkish constraint system: circuits built from gates over a trace of copy-constrained,
 * witness-only and constant columns; setup and verification keys; the prover and the verifier.
 *
 * <p>One circuit definition (code against {@link io.proofline.plonkish.CircuitBuilder}) gives the
 * structure for keys, resolves witnesses from inputs and checks satisfiability with a readable
 * report.
 */
package io.proofline.plonkish;
