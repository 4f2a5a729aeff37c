/**
 * The Plonkish constraint system: circuits built from gates over a trace of copy-constrained,
 * witness-only and constant columns; setup and verification keys; the prover and the verifier.
 *
 * <p>One circuit definition (code against {@link io.proofline.plonkish.CircuitBuilder}) gives the
 * structure for keys, resolves witnesses from inputs and checks satisfiability with a readable
 * report.
 *
 * <p>Security levels are bits of <em>conjectured</em> security (ethSTARK), capped by what the
 * extension field allows at the trace size ({@link io.proofline.plonkish.Soundness}); a verifier
 * is made for one key and a required level and refuses a key below it at construction.
 * docs/security.md sets the conjectured count beside the proven one.
 */
package io.proofline.plonkish;
