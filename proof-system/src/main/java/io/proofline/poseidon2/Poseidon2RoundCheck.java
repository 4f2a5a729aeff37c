package io.proofline.poseidon2;

import io.proofline.field.Goldilocks;

/**
 * The Poseidon2 gate's constraints on many points at once, weighted and summed, for the prover's
 * quotient. A gate stores the state after every round (after the s-box alone in a partial
 * round); each round is recomputed from the stored state before it, and the residual
 * {@code stored_k - round_k(stored_{k-1})} is constraint {@code k}, in round order: 4 full rounds
 * of {@link Poseidon2#WIDTH} residuals, 22 partial rounds of one, 4 full rounds again (the last
 * against the outputs). This computes {@code sum_k r_k * weights0[k]} and
 * {@code sum_k r_k * weights1[k]} for each point, equal to summing the residuals that
 * {@code Poseidon2Gate} writes through a generic algebra, but with the permutation's vector
 * kernels on lazy values and no array per operation.
 *
 * <p>Only when {@link #AVAILABLE}: the Vector API with at least 8 lanes per batch.
 */
public final class Poseidon2RoundCheck {

    public static final boolean AVAILABLE = Poseidon2.BATCHED;
    /** Residuals per check: the gate's constraint count. */
    public static final int RESIDUALS = Poseidon2Constants.FULL_ROUNDS * Poseidon2Constants.WIDTH
            + Poseidon2Constants.PARTIAL_ROUNDS;

    private final long[] weightRows0;
    private final long[] weightRows1;

    /** Weights per residual, canonical: {@link #RESIDUALS} each. */
    public Poseidon2RoundCheck(long[] weights0, long[] weights1) {
        if (!AVAILABLE) {
            throw new IllegalStateException("Poseidon2 round checks need the Vector API with at least 8 lanes");
        }
        if (weights0.length != RESIDUALS || weights1.length != RESIDUALS) {
            throw new IllegalArgumentException("need " + RESIDUALS + " weights of each kind, got "
                    + weights0.length + " and " + weights1.length);
        }
        for (long[] weights : new long[][] {weights0, weights1}) {
            for (long w : weights) {
                if (!Goldilocks.isCanonical(w)) {
                    throw new IllegalArgumentException("weights must be canonical: 0x" + Long.toHexString(w));
                }
            }
        }
        weightRows0 = Poseidon2Vectors.weightRows(weights0);
        weightRows1 = Poseidon2Vectors.weightRows(weights1);
    }

    /** Points per kernel call: {@code to - from} in {@link #sums} must be a multiple. */
    public static int lanes() {
        return Poseidon2Vectors.LANES;
    }

    /** Scratch for {@link #sums}, one per thread. */
    public static long[] newBuffer() {
        return Poseidon2Vectors.newCheckBuffer();
    }

    /**
     * For each point {@code j} in {@code [from, to)}: {@code input[i][j]} is the gate's input
     * {@code i} and {@code stored[k][j]} the stored output of residual {@code k}, all canonical;
     * adds the weighted residual sums to {@code out0[j]} and {@code out1[j]} (canonical results).
     */
    public void sums(long[][] input, long[][] stored, int from, int to, long[] out0, long[] out1, long[] buffer) {
        int lanes = lanes();
        if (input.length != Poseidon2.WIDTH || stored.length != RESIDUALS || (to - from) % lanes != 0) {
            throw new IllegalArgumentException("need " + Poseidon2.WIDTH + " inputs, " + RESIDUALS
                    + " stored values and a multiple of " + lanes + " points");
        }
        for (int at = from; at < to; at += lanes) {
            Poseidon2Vectors.checkRounds(buffer, input, stored, at, weightRows0, weightRows1);
            for (int l = 0; l < lanes; l++) {
                out0[at + l] = Goldilocks.add(out0[at + l], Poseidon2Vectors.checkSum(buffer, 0, l));
                out1[at + l] = Goldilocks.add(out1[at + l], Poseidon2Vectors.checkSum(buffer, 1, l));
            }
        }
    }
}
