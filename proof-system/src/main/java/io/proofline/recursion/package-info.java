/**
 * The verifier as a circuit: the native verifier's checks (transcript, Merkle openings, FRI,
 * the constraint identity at the out-of-domain point) stated as constraints over circuit
 * variables, so that a proof can attest that other proofs verify. Extension-field values are
 * pairs of variables ({@link io.proofline.recursion.ExtVar}); gate constraints are evaluated
 * through {@link io.proofline.recursion.ExtVarAlgebra}, the same gate code the prover and the
 * native verifier run.
 */
package io.proofline.recursion;
