package io.proofline.backend;

/**
 * What {@link ProverBackend#commitEvaluations} returns: the columns' coefficients, which the
 * prover keeps for its openings at out-of-domain points, and the commitment made from them.
 *
 * @param coefficients natural order, as {@link io.proofline.ntt.Ntt#inverseBatch} makes them
 */
public record Interpolation(long[][] coefficients, LdeCommitment commitment) {
}
