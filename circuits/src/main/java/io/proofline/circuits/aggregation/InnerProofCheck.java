package io.proofline.circuits.aggregation;

import io.proofline.plonkish.CircuitBuilder;

/**
 * Adds the in-circuit check of one inner proof; returns its public inputs and the commitment
 * (4 elements) of the key it was checked under.
 *
 * <p>Production passes the recursive verifier of {@code io.proofline.recursion}; the aggregation
 * circuits only compose what it returns. Contract:
 *
 * <ul>
 *   <li>every circuit input the check needs (the proof, the inner key's setup cap, the public
 *       inputs) is allocated with {@link CircuitBuilder#input()} during {@link #check}; the
 *       aggregation circuits call no other {@code input()} meanwhile, so a check's inputs are
 *       one contiguous block, and its values are the caller's per-slot "check inputs";</li>
 *   <li>the same check allocates the same number of inputs on every call;</li>
 *   <li>the returned variables are the ones the check binds to the proof (through the
 *       transcript and the key commitment's hash), so they occupy trace cells: a copy
 *       constraint on a variable in no cell constrains nothing.</li>
 * </ul>
 */
@FunctionalInterface
public interface InnerProofCheck {

    CheckedProof check(CircuitBuilder b);
}
