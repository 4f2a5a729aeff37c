package io.proofline.poseidon2;

import static io.proofline.poseidon2.Poseidon2Constants.FULL_ROUNDS;
import static io.proofline.poseidon2.Poseidon2Constants.INTERNAL_DIAG_MINUS_1;
import static io.proofline.poseidon2.Poseidon2Constants.PARTIAL_ROUNDS;
import static io.proofline.poseidon2.Poseidon2Constants.ROUND_CONSTANTS;

import io.proofline.field.Goldilocks;
import io.proofline.field.VectorSupport;
import java.util.Arrays;

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
 * <p>Speed: between rounds a lane holds any 64-bit representative of its value, not
 * necessarily the canonical one, which saves the final compare-and-subtract of every
 * reduction; the output is made canonical once at the end. The linear layers work on 32-bit
 * halves so that sums of small multiples never overflow and each lane is reduced once.
 * {@link #permuteBatch} runs independent permutations side by side on SIMD lanes when the
 * Vector API is available ({@link Poseidon2Vectors}); both paths give identical results.
 */
public final class Poseidon2 {

    public static final int WIDTH = Poseidon2Constants.WIDTH;

    static final int HALF_FULL = FULL_ROUNDS / 2;
    private static final long LOW32 = 0xFFFF_FFFFL;
    /** {@code 2^64 mod p = 2^32 - 1}. */
    private static final long EPSILON = 0xFFFF_FFFFL;

    /** The constants of the full rounds, 12 per round: the 4 initial rounds, then the 4 final ones. */
    static final long[] FULL_RC = new long[FULL_ROUNDS * WIDTH];
    /** The lane-0 constant of each partial round. */
    static final long[] PARTIAL_RC = new long[PARTIAL_ROUNDS];
    /** The internal matrix is {@code J + diag(DIAG)}. */
    static final long[] DIAG = INTERNAL_DIAG_MINUS_1.clone();

    static {
        for (int r = 0; r < FULL_ROUNDS; r++) {
            int round = r < HALF_FULL ? r : r + PARTIAL_ROUNDS;
            System.arraycopy(ROUND_CONSTANTS[round], 0, FULL_RC, r * WIDTH, WIDTH);
        }
        for (int r = 0; r < PARTIAL_ROUNDS; r++) {
            PARTIAL_RC[r] = ROUND_CONSTANTS[HALF_FULL + r][0];
        }
    }

    /**
     * Whether bulk permutations go through {@link Poseidon2Vectors}: the Vector API is on and a
     * vector holds at least four longs (128-bit units such as NEON lack a 64-bit multiply, and
     * two lanes would not pay for the transposition anyway).
     */
    static final boolean BATCHED = VectorSupport.AVAILABLE && Poseidon2Vectors.LANES >= 8;

    private Poseidon2() {
    }

    /** Permutes {@code state} (12 canonical elements) in place. */
    public static void permute(long[] state) {
        if (state.length != WIDTH) {
            throw new IllegalArgumentException("Poseidon2 state must have " + WIDTH + " elements, got " + state.length);
        }
        externalLinear(state);
        for (int r = 0; r < HALF_FULL; r++) {
            fullRound(state, r);
        }
        for (int r = 0; r < PARTIAL_ROUNDS; r++) {
            state[0] = sbox(addConstant(state[0], PARTIAL_RC[r]));
            internalLinear(state);
        }
        for (int r = HALF_FULL; r < FULL_ROUNDS; r++) {
            fullRound(state, r);
        }
        for (int i = 0; i < WIDTH; i++) {
            state[i] = Goldilocks.canonical(state[i]);
        }
    }

    /** Values {@link #permuteTracing} records: the state after each full round but the last, and each partial s-box. */
    public static final int TRACE_LENGTH = (FULL_ROUNDS - 1) * WIDTH + PARTIAL_ROUNDS;

    /**
     * {@link #permute}, also writing to {@code trace[at ..]} the canonical values a circuit stores
     * to keep its constraints' degree low, in round order: after each full round but the last the
     * whole state, after each partial round's s-box its output (before the linear layer).
     */
    public static void permuteTracing(long[] state, long[] trace, int at) {
        if (state.length != WIDTH || at < 0 || trace.length - at < TRACE_LENGTH) {
            throw new IllegalArgumentException("need a state of " + WIDTH + " and room for " + TRACE_LENGTH
                    + " traced values, got " + state.length + " and " + (trace.length - at));
        }
        int t = at;
        externalLinear(state);
        for (int r = 0; r < HALF_FULL; r++) {
            fullRound(state, r);
            for (int i = 0; i < WIDTH; i++) {
                trace[t++] = Goldilocks.canonical(state[i]);
            }
        }
        for (int r = 0; r < PARTIAL_ROUNDS; r++) {
            state[0] = sbox(addConstant(state[0], PARTIAL_RC[r]));
            trace[t++] = Goldilocks.canonical(state[0]);
            internalLinear(state);
        }
        for (int r = HALF_FULL; r < FULL_ROUNDS; r++) {
            fullRound(state, r);
            if (r < FULL_ROUNDS - 1) {
                for (int i = 0; i < WIDTH; i++) {
                    trace[t++] = Goldilocks.canonical(state[i]);
                }
            }
        }
        for (int i = 0; i < WIDTH; i++) {
            state[i] = Goldilocks.canonical(state[i]);
        }
    }

    /**
     * Permutes {@code count} independent states stored one after another, state {@code k} at
     * {@code states[12k .. 12k + 12)}; the same results as {@link #permute} on each, several at a
     * time when the Vector API is available.
     */
    public static void permuteBatch(long[] states, int count) {
        if (count < 0 || states.length < (long) count * WIDTH) {
            throw new IllegalArgumentException("need " + count + " states of " + WIDTH + " elements, array has "
                    + states.length);
        }
        int done = 0;
        if (BATCHED) {
            int lanes = Poseidon2Vectors.LANES;
            long[] buffer = Poseidon2Vectors.newBuffer();
            for (; done + lanes <= count; done += lanes) {
                int base = done * WIDTH;
                for (int l = 0; l < lanes; l++) {
                    for (int i = 0; i < WIDTH; i++) {
                        buffer[i * lanes + l] = states[base + l * WIDTH + i];
                    }
                }
                Poseidon2Vectors.permute(buffer);
                for (int l = 0; l < lanes; l++) {
                    for (int i = 0; i < WIDTH; i++) {
                        states[base + l * WIDTH + i] = buffer[i * lanes + l];
                    }
                }
            }
        }
        for (; done < count; done++) {
            long[] state = Arrays.copyOfRange(states, done * WIDTH, (done + 1) * WIDTH);
            permute(state);
            System.arraycopy(state, 0, states, done * WIDTH, WIDTH);
        }
    }

    private static void fullRound(long[] s, int round) {
        int c = round * WIDTH;
        for (int i = 0; i < WIDTH; i++) {
            s[i] = sbox(addConstant(s[i], FULL_RC[c + i]));
        }
        externalLinear(s);
    }

    /** {@code x + c} for any 64-bit {@code x} and canonical {@code c}. */
    static long addConstant(long x, long c) {
        long s = x + c;
        // a carry leaves s < c < p, so adding 2^64 mod p cannot carry again
        return s + (Long.compareUnsigned(s, c) < 0 ? EPSILON : 0);
    }

    /** {@code x^7} with four multiplications. */
    static long sbox(long x) {
        long x2 = mul(x, x);
        long x3 = mul(x2, x);
        long x4 = mul(x2, x2);
        return mul(x3, x4);
    }

    static long mul(long a, long b) {
        return reduce(Math.unsignedMultiplyHigh(a, b), a * b);
    }

    /**
     * {@code hi * 2^64 + lo} modulo p, as {@link Goldilocks#reduce128} without its final
     * canonicalization: the result is below 2^64 but may exceed p.
     */
    static long reduce(long hi, long lo) {
        long hh = hi >>> 32;
        long hl = hi & EPSILON;
        long t0 = lo - hh;
        t0 -= Long.compareUnsigned(lo, hh) < 0 ? EPSILON : 0;
        long t1 = (hl << 32) - hl;
        long t2 = t0 + t1;
        return t2 + (Long.compareUnsigned(t2, t1) < 0 ? EPSILON : 0);
    }

    /**
     * {@code circ(2 M4, M4, M4)}. Block row {@code c} is {@code 2 M4 x_c + sum_{c' != c} M4 x_c'
     * = M4 (x_c + u)} with {@code u = x_0 + x_1 + x_2}, so the column sums {@code u} come first
     * (as 32-bit halves), then one M4 per chunk.
     */
    static void externalLinear(long[] s) {
        long l0 = (s[0] & LOW32) + (s[4] & LOW32) + (s[8] & LOW32);
        long l1 = (s[1] & LOW32) + (s[5] & LOW32) + (s[9] & LOW32);
        long l2 = (s[2] & LOW32) + (s[6] & LOW32) + (s[10] & LOW32);
        long l3 = (s[3] & LOW32) + (s[7] & LOW32) + (s[11] & LOW32);
        long h0 = (s[0] >>> 32) + (s[4] >>> 32) + (s[8] >>> 32);
        long h1 = (s[1] >>> 32) + (s[5] >>> 32) + (s[9] >>> 32);
        long h2 = (s[2] >>> 32) + (s[6] >>> 32) + (s[10] >>> 32);
        long h3 = (s[3] >>> 32) + (s[7] >>> 32) + (s[11] >>> 32);
        for (int o = 0; o < WIDTH; o += 4) {
            m4(s, o, l0, l1, l2, l3, h0, h1, h2, h3);
        }
    }

    /**
     * Replaces {@code s[o..o+4)} by {@code M4 (s[o..o+4) + u)}, where {@code u} is given by its
     * halves. M4 = [[5,7,1,3],[4,6,1,1],[1,3,5,7],[1,1,4,6]] takes eight additions (Poseidon2
     * paper, appendix B); the halves stay below 2^34 before it and 2^38 after.
     */
    private static void m4(long[] s, int o, long l0, long l1, long l2, long l3, long h0, long h1, long h2, long h3) {
        long x0 = s[o];
        long x1 = s[o + 1];
        long x2 = s[o + 2];
        long x3 = s[o + 3];
        long a0 = (x0 & LOW32) + l0;
        long a1 = (x1 & LOW32) + l1;
        long a2 = (x2 & LOW32) + l2;
        long a3 = (x3 & LOW32) + l3;
        long b0 = (x0 >>> 32) + h0;
        long b1 = (x1 >>> 32) + h1;
        long b2 = (x2 >>> 32) + h2;
        long b3 = (x3 >>> 32) + h3;
        long t0 = a0 + a1;
        long t1 = a2 + a3;
        long t2 = (a1 << 1) + t1;
        long t3 = (a3 << 1) + t0;
        long t4 = (t1 << 2) + t3;
        long t5 = (t0 << 2) + t2;
        long u0 = b0 + b1;
        long u1 = b2 + b3;
        long u2 = (b1 << 1) + u1;
        long u3 = (b3 << 1) + u0;
        long u4 = (u1 << 2) + u3;
        long u5 = (u0 << 2) + u2;
        s[o] = combine(u3 + u5, t3 + t5);
        s[o + 1] = combine(u5, t5);
        s[o + 2] = combine(u2 + u4, t2 + t4);
        s[o + 3] = combine(u4, t4);
    }

    /**
     * {@code hi * 2^32 + lo} modulo p (not necessarily canonical) for {@code hi, lo < 2^40}:
     * with {@code hi = top * 2^32 + rest}, the value is {@code rest * 2^32 + lo + top * (2^32 - 1)}.
     */
    private static long combine(long hi, long lo) {
        long top = hi >>> 32;
        long small = lo + (top << 32) - top;
        long s = (hi << 32) + small;
        return s + (Long.compareUnsigned(s, small) < 0 ? EPSILON : 0);
    }

    /** {@code y_i = d_i x_i + sum(x)}, the sum folded into each 128-bit product before its reduction. */
    static void internalLinear(long[] s) {
        long sumLo = 0;
        long sumHi = 0;
        for (int i = 0; i < WIDTH; i++) {
            sumLo += s[i] & LOW32;
            sumHi += s[i] >>> 32;
        }
        long sum = combine(sumHi, sumLo);
        for (int i = 0; i < WIDTH; i++) {
            long d = DIAG[i];
            long x = s[i];
            long lo = d * x + sum;
            // the high word of a 64x64-bit product is at most 2^64 - 2: adding the carry cannot wrap
            long hi = Math.unsignedMultiplyHigh(d, x) + (Long.compareUnsigned(lo, sum) < 0 ? 1 : 0);
            s[i] = reduce(hi, lo);
        }
    }
}
