package io.proofline.poseidon2;

import static io.proofline.poseidon2.Poseidon2.FULL_RC;
import static io.proofline.poseidon2.Poseidon2.HALF_FULL;
import static io.proofline.poseidon2.Poseidon2.PARTIAL_RC;
import static io.proofline.poseidon2.Poseidon2Constants.FULL_ROUNDS;
import static io.proofline.poseidon2.Poseidon2Constants.INTERNAL_DIAG_MINUS_1;
import static io.proofline.poseidon2.Poseidon2Constants.PARTIAL_ROUNDS;
import static io.proofline.poseidon2.Poseidon2Constants.WIDTH;
import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.LSHL;
import static jdk.incubator.vector.VectorOperators.LSHR;
import static jdk.incubator.vector.VectorOperators.UGE;
import static jdk.incubator.vector.VectorOperators.ULT;
import static jdk.incubator.vector.VectorOperators.XOR;

import io.proofline.field.Goldilocks;
import io.proofline.field.GoldilocksVectors;
import io.proofline.field.VectorSupport;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Poseidon2 on {@link #LANES} independent states at once, one state per SIMD lane, for the
 * many unrelated hashes of Merkle trees. Only load this class when
 * {@link io.proofline.field.VectorSupport#PRESENT}.
 *
 * <p>The states live lane-major in a buffer from {@link #newBuffer}: element {@code i} of state
 * {@code l} at {@code [i * LANES + l]}, so buffer row {@code i} is {@link #GROUPS} vectors (groups
 * of states, whose dependency chains interleave: a partial round has only one s-box). Each step
 * is the scalar {@link Poseidon2} step on whole rows, with the same lazy (below 2^64, not
 * necessarily canonical) intermediate values, so the results are identical. SIMD units lack a
 * 64x64-bit multiply with a 128-bit result; a product is assembled from four 32x32-bit ones,
 * which the JIT emits as {@code vpmuludq} because the factors are visibly masked or shifted
 * 32-bit halves (on AMD's AVX-512 cores the low word comes from one {@code vpmullq} instead:
 * {@link #LOW_PRODUCTS}).
 *
 * <p>Code shape: every method here takes arrays and indices, never a vector, and calls the
 * Vector API directly. C2 stops inlining ordinary methods once a compilation has created about
 * 18,000 nodes (a few Vector API field multiplications), and a vector passed to a method that
 * was not inlined is boxed on the heap, which costs far more than the arithmetic. Vector API
 * methods are force-inlined past that point, and array arguments cost nothing to pass, so
 * whatever C2 decides the rows stay in registers or in the (L1-resident) buffer.
 */
final class Poseidon2Vectors {

    private static final VectorSpecies<Long> SPECIES = GoldilocksVectors.SPECIES;
    private static final int VLEN = SPECIES.length();
    /**
     * Whether {@link #mulRows} and {@link #squareRows} take their 512-bit form: carries tested
     * with unsigned compares, which AVX-512 has ({@code vpcmpuq}), and {@code hl * (2^32 - 1)}
     * one 32 x 32-bit multiply. Narrower vectors test carries with signed compares on
     * sign-flipped values, which AVX2 needs, and form that product by a shift and a subtraction,
     * where C2 multiplied by the constant in a slower way. One core, 2^13 permutations, the 2-core
     * AVX-512 host of {@code docs/benchmarks.md} on 2026-12-04: the multiply 0.58 against 0.59 to
     * 0.62 µs per permutation with AVX-512 and 0.87 against 0.76 with {@code -XX:UseAVX=2}; the
     * unsigned compares 0.553 to 0.530 with AVX-512 (two flips fewer per product).
     */
    private static final boolean UNSIGNED_COMPARES = VLEN >= 8;
    /**
     * Whether, with {@link #UNSIGNED_COMPARES}, the low word of a product is one multiply of whole
     * lanes ({@code vpmullq}) instead of being assembled from the partial products
     * ({@link VectorSupport#LOW_PRODUCTS}: on AMD's AVX-512 cores).
     */
    private static final boolean LOW_PRODUCTS = UNSIGNED_COMPARES && VectorSupport.LOW_PRODUCTS;
    /**
     * Vectors per row: independent chains that keep the multipliers busy through a partial
     * round's single s-box. One core, 2^13 permutations (the host of
     * {@link #UNSIGNED_COMPARES}): with AVX-512 2, 4 and 8 groups took 0.58 to 0.60, 0.55 to
     * 0.57 and 0.56 to 0.57 µs per permutation; with {@code -XX:UseAVX=2} 0.74 to 0.75, 0.70 and
     * 0.70.
     */
    private static final int GROUPS = 4;
    /** States per batch, the length of a buffer row. */
    static final int LANES = GROUPS * VLEN;

    /** For {@link #mulRows}: plain products. */
    private static final int NO_ADDEND = -1;
    /**
     * Buffer rows: the state, the s-box temporaries x^2 and x^3, then scratch for sums: the
     * halves of the column sums of the external layer, or the sum of the internal layer and its
     * sign-flipped copy.
     */
    private static final int X2 = WIDTH;
    private static final int X3 = 2 * WIDTH;
    private static final int SUMS = 3 * WIDTH;
    private static final int ROWS = SUMS + 8;
    /** Rows of a round-check buffer after the permutation's: one residual, its two weighted copies, two sums. */
    private static final int RESIDUAL = ROWS;
    private static final int PRODUCT0 = ROWS + 1;
    private static final int PRODUCT1 = ROWS + 2;
    private static final int SUM0 = ROWS + 3;
    private static final int SUM1 = ROWS + 4;
    private static final int CHECK_ROWS = ROWS + 5;

    private static final long LOW32 = 0xFFFF_FFFFL;
    private static final long HIGH32 = ~LOW32;
    private static final long EPSILON = 0xFFFF_FFFFL;
    /** The top bit: {@code x < y} unsigned exactly when {@code (x ^ SIGN) < (y ^ SIGN)} signed. */
    private static final long SIGN = Long.MIN_VALUE;
    /** The internal matrix diagonal ({@code Poseidon2.DIAG}), entry {@code i} in every lane of row {@code i}. */
    private static final long[] DIAG_ROWS = new long[WIDTH * LANES];

    static {
        for (int i = 0; i < WIDTH * LANES; i++) {
            DIAG_ROWS[i] = INTERNAL_DIAG_MINUS_1[i / LANES];
        }
    }

    private Poseidon2Vectors() {
    }

    /** A buffer for {@link #permute}: the 12 state rows, then scratch rows. */
    static long[] newBuffer() {
        return new long[ROWS * LANES];
    }

    /**
     * {@code out[l] = x[l] * y[l] + addend[l]} for each of the {@link #LANES} lanes, lazy (below
     * 2^64), by the kernels of the permutation: {@link #squareRows} for {@code y == null},
     * {@link #mulRows} otherwise, with no addend for {@code addend == null}. For tests: the
     * carries of a reduction are taken about once in 2^32 products of pseudo-random states.
     */
    static void mulLanes(long[] x, long[] y, long[] addend, long[] out) {
        long[] b = newBuffer();
        System.arraycopy(x, 0, b, 0, LANES);
        if (y == null) {
            squareRows(b, X2, 0, 1);
        } else {
            System.arraycopy(y, 0, b, LANES, LANES);
            if (addend != null) {
                for (int l = 0; l < LANES; l++) {
                    b[SUMS * LANES + l] = addend[l];
                    b[(SUMS + 1) * LANES + l] = addend[l] ^ SIGN;
                }
            }
            mulRows(b, X2, b, 0, b, 1, 1, addend == null ? NO_ADDEND : SUMS);
        }
        System.arraycopy(b, X2 * LANES, out, 0, LANES);
    }

    /** Permutes the {@link #LANES} lane-major states at the start of {@code b} in place. */
    static void permute(long[] b) {
        externalLinear(b);
        for (int r = 0; r < HALF_FULL; r++) {
            fullRound(b, r);
        }
        for (int r = 0; r < PARTIAL_ROUNDS; r++) {
            addConstants(b, 0, PARTIAL_RC, r, 1);
            sbox(b, 0, 1);
            internalLinear(b);
        }
        for (int r = HALF_FULL; r < FULL_ROUNDS; r++) {
            fullRound(b, r);
        }
        for (int at = 0; at < WIDTH * LANES; at += VLEN) {
            LongVector x = LongVector.fromArray(SPECIES, b, at);
            x.sub(Goldilocks.P, x.compare(UGE, Goldilocks.P)).intoArray(b, at);
        }
    }

    /** A buffer for {@link #checkRounds}: a permutation buffer and five rows more. */
    static long[] newCheckBuffer() {
        return new long[CHECK_ROWS * LANES];
    }

    /** {@code weights} as buffer rows for {@link #checkRounds}: entry {@code k} in every lane of row {@code k}. */
    static long[] weightRows(long[] weights) {
        long[] rows = new long[weights.length * LANES];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = weights[i / LANES];
        }
        return rows;
    }

    /**
     * The rounds of a permutation checked against stored states, on {@link #LANES} points side by
     * side: point {@code l} reads {@code input[i][at + l]} and {@code stored[k][at + l]}. Each round
     * starts from the stored values of the round before (the input for the first), and its
     * output {@code y_k} (the whole state after a full round, the s-box output of a partial one)
     * gives the residual {@code r_k = stored_k - y_k}. Row {@code SUM0} gets
     * {@code sum_k r_k * weights0[k]} and row {@code SUM1} the same with {@code weights1}, in
     * lazy form (below 2^64); see {@link Poseidon2RoundCheck}.
     */
    static void checkRounds(long[] b, long[][] input, long[][] stored, int at, long[] weights0, long[] weights1) {
        for (int i = 0; i < WIDTH; i++) {
            System.arraycopy(input[i], at, b, i * LANES, LANES);
        }
        java.util.Arrays.fill(b, SUM0 * LANES, (SUM1 + 1) * LANES, 0L);
        externalLinear(b);
        int k = 0;
        for (int r = 0; r < FULL_ROUNDS; r++) {
            fullRound(b, r);
            for (int i = 0; i < WIDTH; i++, k++) {
                residual(b, i, stored[k], at, weights0, weights1, k);
            }
            if (r == HALF_FULL - 1) {
                for (int p = 0; p < PARTIAL_ROUNDS; p++, k++) {
                    addConstants(b, 0, PARTIAL_RC, p, 1);
                    sbox(b, 0, 1);
                    residual(b, 0, stored[k], at, weights0, weights1, k);
                    internalLinear(b);
                }
            }
        }
    }

    /**
     * Row {@code row} against {@code stored}: the residual (canonical) is weighted into the two
     * sums, then the stored values replace the row, since the next round starts from them.
     */
    private static void residual(long[] b, int row, long[] stored, int at, long[] weights0, long[] weights1, int k) {
        // vector operations written out, no helper taking vectors: see the class comment
        for (int g = 0; g < LANES; g += VLEN) {
            LongVector y = LongVector.fromArray(SPECIES, b, row * LANES + g);
            y = y.sub(Goldilocks.P, y.compare(UGE, Goldilocks.P));
            LongVector s = LongVector.fromArray(SPECIES, stored, at + g);
            // s - y mod p for canonical s and y: on borrow the difference wrapped by 2^64, so take EPSILON off
            s.sub(y).sub(EPSILON, s.compare(ULT, y)).intoArray(b, RESIDUAL * LANES + g);
            s.intoArray(b, row * LANES + g);
        }
        mulRows(b, PRODUCT0, b, RESIDUAL, weights0, k, 1, NO_ADDEND);
        mulRows(b, PRODUCT1, b, RESIDUAL, weights1, k, 1, NO_ADDEND);
        for (int g = 0; g < 2 * LANES; g += VLEN) {
            // a canonical addend: a carry leaves the sum below it, so adding 2^64 mod p cannot carry again
            LongVector product = LongVector.fromArray(SPECIES, b, PRODUCT0 * LANES + g);
            product = product.sub(Goldilocks.P, product.compare(UGE, Goldilocks.P));
            LongVector sum = LongVector.fromArray(SPECIES, b, SUM0 * LANES + g).add(product);
            sum.add(EPSILON, sum.compare(ULT, product)).intoArray(b, SUM0 * LANES + g);
        }
    }

    /** The canonical value of row {@code SUM0} ({@code which} 0) or {@code SUM1} (1), lane {@code l}. */
    static long checkSum(long[] b, int which, int l) {
        return Goldilocks.canonical(b[(SUM0 + which) * LANES + l]);
    }

    private static void fullRound(long[] b, int round) {
        addConstants(b, 0, FULL_RC, round * WIDTH, WIDTH);
        sbox(b, 0, WIDTH);
        externalLinear(b);
    }

    /** As {@link Poseidon2#addConstant}: rows {@code row + i} gain {@code constants[from + i]}. */
    private static void addConstants(long[] b, int row, long[] constants, int from, int n) {
        for (int i = 0; i < n; i++) {
            long c = constants[from + i];
            for (int at = (row + i) * LANES; at < (row + i + 1) * LANES; at += VLEN) {
                LongVector s = LongVector.fromArray(SPECIES, b, at).add(c);
                s.add(EPSILON, s.compare(ULT, c)).intoArray(b, at);
            }
        }
    }

    /** {@code x^7} on rows {@code [row, row + n)}: two squarings and two products, row-wise. */
    private static void sbox(long[] b, int row, int n) {
        squareRows(b, X2, row, n);
        mulRows(b, X3, b, X2, b, row, n, NO_ADDEND);
        squareRows(b, X2, X2, n);
        mulRows(b, row, b, X3, b, X2, n, NO_ADDEND);
    }

    /**
     * Rows {@code d + i} of {@code dst} become the products of rows {@code a + i} of {@code x}
     * and {@code c + i} of {@code y}, as {@link Poseidon2#mul}. With {@code ll, lh, hl, hh} the
     * products of the 32-bit halves, the middle terms are split so that no sum overflows and no
     * carry needs a compare; then the 128-bit value is reduced as {@link Poseidon2#reduce}, in
     * the form {@link #UNSIGNED_COMPARES} chooses: with 512-bit vectors unsigned carry tests and
     * {@code hl * (2^32 - 1)} one more 32x32-bit product, else signed compares on sign-flipped
     * values ({@code S}), as in {@code GoldilocksVectors.mul}, and a shift and a subtraction. With an {@code addend} row of {@code dst} (its value, then the
     * sign-flipped value in the row after, one per group), each product gains it before the
     * reduction; {@link #NO_ADDEND} for none.
     */
    private static void mulRows(long[] dst, int d, long[] x, int a, long[] y, int c, int n, int addend) {
        LongVector epsilon = LongVector.broadcast(SPECIES, EPSILON).and(LOW32);
        for (int i = 0; i < n * LANES; i += VLEN) {
            LongVector u = LongVector.fromArray(SPECIES, x, a * LANES + i);
            LongVector v = LongVector.fromArray(SPECIES, y, c * LANES + i);
            LongVector uLo = u.and(LOW32);
            LongVector uHi = u.lanewise(LSHR, 32);
            LongVector vLo = v.and(LOW32);
            LongVector vHi = v.lanewise(LSHR, 32);
            LongVector ll = uLo.mul(vLo);
            LongVector t0 = uHi.mul(vLo).add(ll.lanewise(LSHR, 32));
            LongVector t1 = uLo.mul(vHi).add(t0.and(LOW32));
            LongVector hi = uHi.mul(vHi).add(t0.lanewise(LSHR, 32)).add(t1.lanewise(LSHR, 32));
            if (UNSIGNED_COMPARES) {
                LongVector lo = LOW_PRODUCTS ? u.mul(v) : ll.and(LOW32).or(t1.lanewise(LSHL, 32));
                if (addend != NO_ADDEND) {
                    LongVector s = LongVector.fromArray(SPECIES, dst, addend * LANES + i % LANES);
                    lo = lo.add(s);
                    hi = hi.add(1L, lo.compare(ULT, s));
                }
                LongVector hh = hi.lanewise(LSHR, 32);
                LongVector r0 = lo.sub(hh).sub(EPSILON, lo.compare(ULT, hh));
                LongVector t = hi.and(LOW32).mul(epsilon);
                LongVector r2 = r0.add(t);
                r2.add(EPSILON, r2.compare(ULT, t)).intoArray(dst, d * LANES + i);
                continue;
            }
            LongVector loS = ll.and(LOW32).or(t1.lanewise(LSHL, 32)).lanewise(XOR, SIGN);
            if (addend != NO_ADDEND) {
                // lo + s, flipped: a carry (lo + s below s) goes into hi, which the product of two
                // words below 2^64 leaves at most 2^64 - 2
                int g = i % LANES;
                loS = loS.add(LongVector.fromArray(SPECIES, dst, addend * LANES + g));
                hi = hi.add(1L, LongVector.fromArray(SPECIES, dst, (addend + 1) * LANES + g).compare(GT, loS));
            }
            LongVector r0S = loS.sub(hi.lanewise(LSHR, 32));
            r0S = r0S.sub(EPSILON, r0S.compare(GT, loS));
            LongVector hl = hi.and(LOW32);
            LongVector r2S = r0S.add(hl.lanewise(LSHL, 32).sub(hl));
            r2S.add(EPSILON, r0S.compare(GT, r2S)).lanewise(XOR, SIGN).intoArray(dst, d * LANES + i);
        }
    }

    /** Rows {@code d + i} become the squares of rows {@code a + i}: {@link #mulRows} with {@code lh = hl}. */
    private static void squareRows(long[] b, int d, int a, int n) {
        LongVector epsilon = LongVector.broadcast(SPECIES, EPSILON).and(LOW32);
        for (int i = 0; i < n * LANES; i += VLEN) {
            LongVector u = LongVector.fromArray(SPECIES, b, a * LANES + i);
            LongVector uLo = u.and(LOW32);
            LongVector uHi = u.lanewise(LSHR, 32);
            LongVector ll = uLo.mul(uLo);
            LongVector lh = uLo.mul(uHi);
            LongVector t0 = lh.add(ll.lanewise(LSHR, 32));
            LongVector t1 = lh.add(t0.and(LOW32));
            LongVector hi = uHi.mul(uHi).add(t0.lanewise(LSHR, 32)).add(t1.lanewise(LSHR, 32));
            if (UNSIGNED_COMPARES) {
                LongVector lo = LOW_PRODUCTS ? u.mul(u) : ll.and(LOW32).or(t1.lanewise(LSHL, 32));
                LongVector hh = hi.lanewise(LSHR, 32);
                LongVector r0 = lo.sub(hh).sub(EPSILON, lo.compare(ULT, hh));
                LongVector t = hi.and(LOW32).mul(epsilon);
                LongVector r2 = r0.add(t);
                r2.add(EPSILON, r2.compare(ULT, t)).intoArray(b, d * LANES + i);
                continue;
            }
            LongVector loS = ll.and(LOW32).or(t1.lanewise(LSHL, 32)).lanewise(XOR, SIGN);
            LongVector r0S = loS.sub(hi.lanewise(LSHR, 32));
            r0S = r0S.sub(EPSILON, r0S.compare(GT, loS));
            LongVector hl = hi.and(LOW32);
            LongVector r2S = r0S.add(hl.lanewise(LSHL, 32).sub(hl));
            r2S.add(EPSILON, r0S.compare(GT, r2S)).lanewise(XOR, SIGN).intoArray(b, d * LANES + i);
        }
    }

    /**
     * As {@link Poseidon2#externalLinear}: first the halves of the column sums {@code u} go to
     * the sum rows, then each chunk (per group of states) is multiplied by M4 and reduced.
     */
    private static void externalLinear(long[] b) {
        for (int at = 0; at < 4 * LANES; at += VLEN) {
            LongVector x = LongVector.fromArray(SPECIES, b, at);
            LongVector y = LongVector.fromArray(SPECIES, b, at + 4 * LANES);
            LongVector z = LongVector.fromArray(SPECIES, b, at + 8 * LANES);
            x.and(LOW32).add(y.and(LOW32)).add(z.and(LOW32)).intoArray(b, SUMS * LANES + at);
            x.lanewise(LSHR, 32).add(y.lanewise(LSHR, 32)).add(z.lanewise(LSHR, 32))
                    .intoArray(b, (SUMS + 4) * LANES + at);
        }
        for (int chunk = 0; chunk < WIDTH * LANES; chunk += 4 * LANES) {
            for (int g = 0; g < LANES; g += VLEN) {
                m4(b, chunk + g, SUMS * LANES + g);
            }
        }
    }

    /**
     * As {@code Poseidon2.m4}: the four vectors at {@code at + k * LANES} become M4 of
     * themselves plus the column sums, whose halves are at {@code sums + k * LANES} and
     * {@code sums + (4 + k) * LANES}. M4 = [[5,7,1,3],[4,6,1,1],[1,3,5,7],[1,1,4,6]] takes eight
     * additions on each half; the halves stay below 2^34 before it and 2^38 after.
     */
    private static void m4(long[] b, int at, int sums) {
        LongVector x0 = LongVector.fromArray(SPECIES, b, at);
        LongVector x1 = LongVector.fromArray(SPECIES, b, at + LANES);
        LongVector x2 = LongVector.fromArray(SPECIES, b, at + 2 * LANES);
        LongVector x3 = LongVector.fromArray(SPECIES, b, at + 3 * LANES);
        LongVector a0 = x0.and(LOW32).add(LongVector.fromArray(SPECIES, b, sums));
        LongVector a1 = x1.and(LOW32).add(LongVector.fromArray(SPECIES, b, sums + LANES));
        LongVector a2 = x2.and(LOW32).add(LongVector.fromArray(SPECIES, b, sums + 2 * LANES));
        LongVector a3 = x3.and(LOW32).add(LongVector.fromArray(SPECIES, b, sums + 3 * LANES));
        LongVector b0 = x0.lanewise(LSHR, 32).add(LongVector.fromArray(SPECIES, b, sums + 4 * LANES));
        LongVector b1 = x1.lanewise(LSHR, 32).add(LongVector.fromArray(SPECIES, b, sums + 5 * LANES));
        LongVector b2 = x2.lanewise(LSHR, 32).add(LongVector.fromArray(SPECIES, b, sums + 6 * LANES));
        LongVector b3 = x3.lanewise(LSHR, 32).add(LongVector.fromArray(SPECIES, b, sums + 7 * LANES));
        LongVector t0 = a0.add(a1);
        LongVector t1 = a2.add(a3);
        LongVector t2 = a1.add(a1).add(t1);
        LongVector t3 = a3.add(a3).add(t0);
        LongVector t4 = t1.lanewise(LSHL, 2).add(t3);
        LongVector t5 = t0.lanewise(LSHL, 2).add(t2);
        LongVector u0 = b0.add(b1);
        LongVector u1 = b2.add(b3);
        LongVector u2 = b1.add(b1).add(u1);
        LongVector u3 = b3.add(b3).add(u0);
        LongVector u4 = u1.lanewise(LSHL, 2).add(u3);
        LongVector u5 = u0.lanewise(LSHL, 2).add(u2);
        // each output is hi * 2^32 + lo, reduced as Poseidon2.combine; written out four times
        // because a helper taking vectors might be left out of line (see the class comment)
        LongVector hi0 = u3.add(u5);
        LongVector lo0 = t3.add(t5).add(hi0.and(HIGH32)).sub(hi0.lanewise(LSHR, 32));
        LongVector y0 = hi0.lanewise(LSHL, 32).add(lo0);
        y0.add(EPSILON, y0.compare(ULT, lo0)).intoArray(b, at);
        LongVector lo1 = t5.add(u5.and(HIGH32)).sub(u5.lanewise(LSHR, 32));
        LongVector y1 = u5.lanewise(LSHL, 32).add(lo1);
        y1.add(EPSILON, y1.compare(ULT, lo1)).intoArray(b, at + LANES);
        LongVector hi2 = u2.add(u4);
        LongVector lo2 = t2.add(t4).add(hi2.and(HIGH32)).sub(hi2.lanewise(LSHR, 32));
        LongVector y2 = hi2.lanewise(LSHL, 32).add(lo2);
        y2.add(EPSILON, y2.compare(ULT, lo2)).intoArray(b, at + 2 * LANES);
        LongVector lo3 = t4.add(u4.and(HIGH32)).sub(u4.lanewise(LSHR, 32));
        LongVector y3 = u4.lanewise(LSHL, 32).add(lo3);
        y3.add(EPSILON, y3.compare(ULT, lo3)).intoArray(b, at + 3 * LANES);
    }

    /**
     * As {@link Poseidon2#internalLinear}: the sum of the row goes to the sum rows (as it is and
     * sign-flipped), then each row becomes {@code d_i x_i + sum} with the sum folded into the
     * 128-bit product before its one reduction ({@link #mulRows} with an addend).
     */
    private static void internalLinear(long[] b) {
        for (int g = 0; g < LANES; g += VLEN) {
            LongVector sumLo = LongVector.zero(SPECIES);
            LongVector sumHi = sumLo;
            for (int at = g; at < WIDTH * LANES; at += LANES) {
                LongVector x = LongVector.fromArray(SPECIES, b, at);
                sumLo = sumLo.add(x.and(LOW32));
                sumHi = sumHi.add(x.lanewise(LSHR, 32));
            }
            LongVector small = sumLo.add(sumHi.and(HIGH32)).sub(sumHi.lanewise(LSHR, 32));
            LongVector s = sumHi.lanewise(LSHL, 32).add(small);
            s = s.add(EPSILON, s.compare(ULT, small));
            s.intoArray(b, SUMS * LANES + g);
            s.lanewise(XOR, SIGN).intoArray(b, (SUMS + 1) * LANES + g);
        }
        mulRows(b, 0, b, 0, DIAG_ROWS, 0, WIDTH, SUMS);
    }
}
