package io.proofline.poseidon2;

import static io.proofline.poseidon2.Poseidon2Constants.FULL_ROUNDS;
import static io.proofline.poseidon2.Poseidon2Constants.INTERNAL_DIAG_MINUS_1;
import static io.proofline.poseidon2.Poseidon2Constants.PARTIAL_ROUNDS;
import static io.proofline.poseidon2.Poseidon2Constants.ROUND_CONSTANTS;

import io.proofline.field.Goldilocks;

/**
 * The Poseidon2 permutation of width 12 over Goldilocks (ePrint 2023/323), with the parameters
 * of {@link Poseidon2Constants}.
 *
 * <p>Round structure: one external matrix multiplication, 4 full rounds, 22 partial rounds,
 * 4 full rounds. A full round adds 12 constants, applies {@code x^7} to every lane and
 * multiplies by the external matrix {@code circ(2 M4, M4, M4)}; a partial round adds one
 * constant to lane 0, applies {@code x^7} to lane 0 only and multiplies by the internal matrix
 * {@code J + diag(d)}.
 *
 * <p>The linear layers work on 32-bit halves of each lane so that sums of small multiples never
 * overflow, and reduce once per lane; the internal layer folds the lane sum into the 128-bit
 * product before its single reduction.
 */
public final class Poseidon2 {

    public static final int WIDTH = Poseidon2Constants.WIDTH;

    private static final int HALF_FULL = FULL_ROUNDS / 2;
    private static final long LOW32 = 0xFFFF_FFFFL;

    private Poseidon2() {
    }

    /** Permutes {@code state} (12 canonical elements) in place. */
    public static void permute(long[] state) {
        if (state.length != WIDTH) {
            throw new IllegalArgumentException("Poseidon2 state must have " + WIDTH + " elements, got " + state.length);
        }
        long[] lo = new long[WIDTH];
        long[] hi = new long[WIDTH];
        externalLinear(state, lo, hi);
        int round = 0;
        for (int r = 0; r < HALF_FULL; r++, round++) {
            fullRound(state, ROUND_CONSTANTS[round], lo, hi);
        }
        for (int r = 0; r < PARTIAL_ROUNDS; r++, round++) {
            state[0] = sbox(Goldilocks.add(state[0], ROUND_CONSTANTS[round][0]));
            internalLinear(state);
        }
        for (int r = 0; r < HALF_FULL; r++, round++) {
            fullRound(state, ROUND_CONSTANTS[round], lo, hi);
        }
    }

    private static void fullRound(long[] s, long[] rc, long[] lo, long[] hi) {
        for (int i = 0; i < WIDTH; i++) {
            s[i] = sbox(Goldilocks.add(s[i], rc[i]));
        }
        externalLinear(s, lo, hi);
    }

    /** {@code x^7} with four multiplications. */
    static long sbox(long x) {
        long x2 = Goldilocks.mul(x, x);
        long x3 = Goldilocks.mul(x2, x);
        long x4 = Goldilocks.mul(x2, x2);
        return Goldilocks.mul(x3, x4);
    }

    /**
     * {@code circ(2 M4, M4, M4)}: each 4-lane chunk {@code j} becomes {@code z_j + sum_k z_k} with
     * {@code z_j = M4 x_j}. Computed separately on the low and high 32-bit halves, where every
     * coefficient sum stays below 2^6 and nothing overflows.
     */
    static void externalLinear(long[] s, long[] lo, long[] hi) {
        for (int i = 0; i < WIDTH; i++) {
            lo[i] = s[i] & LOW32;
            hi[i] = s[i] >>> 32;
        }
        m4Chunks(lo);
        m4Chunks(hi);
        for (int i = 0; i < WIDTH; i++) {
            s[i] = combine(hi[i], lo[i]);
        }
    }

    private static void m4Chunks(long[] v) {
        for (int c = 0; c < WIDTH; c += 4) {
            m4(v, c);
        }
        for (int i = 0; i < 4; i++) {
            long sum = v[i] + v[i + 4] + v[i + 8];
            v[i] += sum;
            v[i + 4] += sum;
            v[i + 8] += sum;
        }
    }

    /** M4 = [[5,7,1,3],[4,6,1,1],[1,3,5,7],[1,1,4,6]] with eight additions (Poseidon2 paper, appendix B). */
    private static void m4(long[] v, int o) {
        long x0 = v[o], x1 = v[o + 1], x2 = v[o + 2], x3 = v[o + 3];
        long t0 = x0 + x1;
        long t1 = x2 + x3;
        long t2 = (x1 << 1) + t1;
        long t3 = (x3 << 1) + t0;
        long t4 = (t1 << 2) + t3;
        long t5 = (t0 << 2) + t2;
        v[o] = t3 + t5;
        v[o + 1] = t5;
        v[o + 2] = t2 + t4;
        v[o + 3] = t4;
    }

    /** Reduces {@code hi * 2^32 + lo} for {@code hi, lo < 2^40}. */
    private static long combine(long hi, long lo) {
        long shifted = hi << 32;
        long sum = shifted + lo;
        long carry = ((shifted & lo) | ((shifted | lo) & ~sum)) >>> 63;
        return Goldilocks.reduce96((hi >>> 32) + carry, sum);
    }

    /** {@code y_i = d_i x_i + sum(x)}. */
    static void internalLinear(long[] s) {
        long sumLo = 0;
        long sumHi = 0;
        for (int i = 0; i < WIDTH; i++) {
            sumLo += s[i] & LOW32;
            sumHi += s[i] >>> 32;
        }
        long sum = combine(sumHi, sumLo);
        for (int i = 0; i < WIDTH; i++) {
            long d = INTERNAL_DIAG_MINUS_1[i];
            long x = s[i];
            long lo = d * x;
            long hi = Math.unsignedMultiplyHigh(d, x);
            long lo2 = lo + sum;
            long carry = ((lo & sum) | ((lo | sum) & ~lo2)) >>> 63;
            // hi <= 2^64 - 2, so adding the carry cannot wrap
            s[i] = Goldilocks.reduce128(hi + carry, lo2);
        }
    }
}
