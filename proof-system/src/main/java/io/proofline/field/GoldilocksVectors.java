package io.proofline.field;

import static io.proofline.field.Goldilocks.EPSILON;
import static io.proofline.field.Goldilocks.P;

import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Lane-parallel Goldilocks arithmetic on the Vector API, for the batch, NTT and hashing kernels.
 * Only load it when {@link VectorSupport#PRESENT}; results equal the scalar {@link Goldilocks}
 * ones bit for bit.
 *
 * <p>Written for what AVX2 has as well as AVX-512, so that neither falls back to lane-by-lane
 * code:
 * <ul>
 *   <li>No 64x64-bit multiply: products are built from four 32x32-bit ones, which the JIT emits
 *       as {@code vpmuludq} because both factors are visibly masked or shifted 32-bit halves. The
 *       partial sums are ordered so that none overflows, so they need no carry compares.
 *       {@code hl * (2^32 - 1)} is a shift and a subtraction.</li>
 *   <li>No unsigned 64-bit compare: with {@code s(x) = x ^ 2^63}, {@code x < y} unsigned exactly
 *       when {@code s(x) < s(y)} signed ({@code vpcmpgtq}). Values on which several carries are
 *       tested stay in that sign-flipped form (names ending in {@code S}) from one test to the
 *       next, so each test is one compare; adding or subtracting an unflipped value keeps the
 *       form, since the flip is itself an addition of 2^63 modulo 2^64.</li>
 * </ul>
 * With 512-bit vectors (AVX-512, which has unsigned compares) products take the plain form of
 * {@code Goldilocks.reduce128} instead, and {@code hl * (2^32 - 1)} is one more 32x32-bit
 * product (one core, 2026-12-04: batch products 1.47 to 1.67 G/s, a 130-column extension of
 * 2^16 rows by 8 340 to 310 ms on 2 cores); sums and differences compare unflipped values too
 * ({@code addScaled} 1.23 to 1.30 G/s).
 */
public final class GoldilocksVectors {

    public static final VectorSpecies<Long> SPECIES = LongVector.SPECIES_PREFERRED;
    private static final long LOW32 = 0xFFFF_FFFFL;
    /** The top bit: XOR with it maps unsigned order onto signed order. */
    static final long SIGN = Long.MIN_VALUE;
    /** {@code s(P) - 1}: a flipped value is at least {@code P} exactly when it is greater than this. */
    static final long P_FLIPPED_MINUS_1 = (P ^ SIGN) - 1;
    /**
     * Whether products test their carries with unsigned compares and form {@code hl * (2^32 - 1)}
     * with one more 32x32-bit product: with 512-bit vectors (AVX-512 has {@code vpcmpuq}); with
     * narrower ones, the sign-flipped form and a shift and a subtraction.
     */
    private static final boolean UNSIGNED_COMPARES = SPECIES.length() >= 8;

    private GoldilocksVectors() {
    }

    /** Multiplies the longest prefix that fills whole vectors and returns its length. */
    public static int mul(long[] a, long[] b, long[] out, int n) {
        int bound = SPECIES.loopBound(n);
        for (int i = 0; i < bound; i += SPECIES.length()) {
            mulAt(a, i, b, i, out, i);
        }
        return bound;
    }

    /**
     * One vector of products, {@code out[o ..] = a[i ..] * b[j ..]}, canonical, for any 64-bit
     * lanes. Batch loops call this rather than {@link #mul(LongVector, LongVector)}: it takes
     * arrays, so where C2 leaves a call out of line (it sometimes does after recompiling a
     * loop), nothing is boxed, whereas a vector argument would be, and every operation on it
     * would run the Vector API's lane-by-lane fallback, ten times slower or worse. The bodies
     * are {@link #mul}'s forms written out on arrays, for the same reason: passing vectors to
     * them from here made {@code FieldBenchmark.batchMul} with AVX2 drop from 1.2 G/s to 0.25
     * once C2 recompiled the loop. The NTT kernels keep the vector form, because routing their
     * butterflies through arrays made {@code NttBenchmark} 1.5 times slower.
     */
    static void mulAt(long[] a, int i, long[] b, int j, long[] out, int o) {
        if (UNSIGNED_COMPARES) {
            mulAtUnsigned(a, i, b, j, out, o);
        } else {
            mulAtFlipped(a, i, b, j, out, o);
        }
    }

    /** {@link #mulAt} for 512-bit vectors: the body of {@link #mulUnsigned} on arrays. */
    private static void mulAtUnsigned(long[] a, int i, long[] b, int j, long[] out, int o) {
        LongVector x = LongVector.fromArray(SPECIES, a, i);
        LongVector y = LongVector.fromArray(SPECIES, b, j);
        LongVector a0 = x.and(LOW32);
        LongVector a1 = x.lanewise(VectorOperators.LSHR, 32);
        LongVector b0 = y.and(LOW32);
        LongVector b1 = y.lanewise(VectorOperators.LSHR, 32);
        LongVector ll = a0.mul(b0);
        LongVector t = a0.mul(b1).add(ll.lanewise(VectorOperators.LSHR, 32));
        LongVector u = a1.mul(b0).add(t.and(LOW32));
        LongVector hi = a1.mul(b1).add(t.lanewise(VectorOperators.LSHR, 32)).add(u.lanewise(VectorOperators.LSHR, 32));
        LongVector lo = u.lanewise(VectorOperators.LSHL, 32).or(ll.and(LOW32));
        LongVector hh = hi.lanewise(VectorOperators.LSHR, 32);
        LongVector t0 = lo.sub(hh).sub(EPSILON, lo.compare(VectorOperators.ULT, hh));
        LongVector t1 = hi.and(LOW32).mul(LongVector.broadcast(SPECIES, EPSILON).and(LOW32));
        LongVector t2 = t0.add(t1);
        t2 = t2.add(EPSILON, t2.compare(VectorOperators.ULT, t1));
        t2.sub(P, t2.compare(VectorOperators.UGE, P)).intoArray(out, o);
    }

    /** {@link #mulAt} for narrower vectors: the body of {@link #mulFlipped} on arrays. */
    private static void mulAtFlipped(long[] a, int i, long[] b, int j, long[] out, int o) {
        LongVector x = LongVector.fromArray(SPECIES, a, i);
        LongVector y = LongVector.fromArray(SPECIES, b, j);
        LongVector a0 = x.and(LOW32);
        LongVector a1 = x.lanewise(VectorOperators.LSHR, 32);
        LongVector b0 = y.and(LOW32);
        LongVector b1 = y.lanewise(VectorOperators.LSHR, 32);
        LongVector ll = a0.mul(b0);
        LongVector t = a0.mul(b1).add(ll.lanewise(VectorOperators.LSHR, 32));
        LongVector u = a1.mul(b0).add(t.and(LOW32));
        LongVector loS = u.lanewise(VectorOperators.LSHL, 32).or(ll.and(LOW32)).lanewise(VectorOperators.XOR, SIGN);
        LongVector hi = a1.mul(b1).add(t.lanewise(VectorOperators.LSHR, 32)).add(u.lanewise(VectorOperators.LSHR, 32));
        LongVector t0S = loS.sub(hi.lanewise(VectorOperators.LSHR, 32));
        t0S = t0S.sub(EPSILON, t0S.compare(VectorOperators.GT, loS));
        LongVector hl = hi.and(LOW32);
        LongVector t2S = t0S.add(hl.lanewise(VectorOperators.LSHL, 32).sub(hl));
        t2S = t2S.add(EPSILON, t0S.compare(VectorOperators.GT, t2S));
        t2S = t2S.sub(P, t2S.compare(VectorOperators.GT, P_FLIPPED_MINUS_1));
        t2S.lanewise(VectorOperators.XOR, SIGN).intoArray(out, o);
    }

    /** One vector of sums, {@code out[o ..] = a[i ..] + b[j ..]}, canonical, for any 64-bit lanes; arrays for the reason of {@link #mulAt}. */
    static void addAt(long[] a, int i, long[] b, int j, long[] out, int o) {
        if (UNSIGNED_COMPARES) {
            // a carry leaves the sum below a; then 2^64 = EPSILON (mod p) cannot carry again
            LongVector x = LongVector.fromArray(SPECIES, a, i);
            LongVector sum = x.add(LongVector.fromArray(SPECIES, b, j));
            sum = sum.add(EPSILON, sum.compare(VectorOperators.ULT, x));
            sum.sub(P, sum.compare(VectorOperators.UGE, P)).intoArray(out, o);
            return;
        }
        LongVector aS = LongVector.fromArray(SPECIES, a, i).lanewise(VectorOperators.XOR, SIGN);
        LongVector sS = aS.add(LongVector.fromArray(SPECIES, b, j));
        sS = sS.add(EPSILON, aS.compare(VectorOperators.GT, sS));
        sS = sS.sub(P, sS.compare(VectorOperators.GT, P_FLIPPED_MINUS_1));
        sS.lanewise(VectorOperators.XOR, SIGN).intoArray(out, o);
    }

    /** One vector of differences, {@code out[o ..] = a[i ..] - b[j ..]}, for any 64-bit lanes; arrays for the reason of {@link #mulAt}. */
    static void subAt(long[] a, int i, long[] b, int j, long[] out, int o) {
        if (UNSIGNED_COMPARES) {
            LongVector x = LongVector.fromArray(SPECIES, a, i);
            LongVector y = LongVector.fromArray(SPECIES, b, j);
            x.sub(y).sub(EPSILON, x.compare(VectorOperators.ULT, y)).intoArray(out, o);
            return;
        }
        LongVector aS = LongVector.fromArray(SPECIES, a, i).lanewise(VectorOperators.XOR, SIGN);
        LongVector dS = aS.sub(LongVector.fromArray(SPECIES, b, j));
        dS.lanewise(VectorOperators.XOR, SIGN).sub(EPSILON, dS.compare(VectorOperators.GT, aS)).intoArray(out, o);
    }

    /**
     * {@code a * b} in canonical form, for any 64-bit lanes; {@link Goldilocks#mul} lane by
     * lane. The form for the machine's vectors is chosen here and each is a method of its own: a
     * vector passed to a method that C2 did not inline is boxed, and C2 inlines a hot method by
     * the size of its bytecode, dead branches included, so one method holding both forms would
     * be too large (an NTT took 4 times as long).
     */
    public static LongVector mul(LongVector a, LongVector b) {
        return UNSIGNED_COMPARES ? mulUnsigned(a, b) : mulFlipped(a, b);
    }

    /** {@link #mul} for 512-bit vectors: {@code Goldilocks.reduce128} as it is written, with unsigned compares. */
    private static LongVector mulUnsigned(LongVector a, LongVector b) {
        LongVector a0 = a.and(LOW32);
        LongVector a1 = a.lanewise(VectorOperators.LSHR, 32);
        LongVector b0 = b.and(LOW32);
        LongVector b1 = b.lanewise(VectorOperators.LSHR, 32);
        LongVector ll = a0.mul(b0);
        LongVector t = a0.mul(b1).add(ll.lanewise(VectorOperators.LSHR, 32));
        LongVector u = a1.mul(b0).add(t.and(LOW32));
        LongVector hi = a1.mul(b1).add(t.lanewise(VectorOperators.LSHR, 32)).add(u.lanewise(VectorOperators.LSHR, 32));
        LongVector lo = u.lanewise(VectorOperators.LSHL, 32).or(ll.and(LOW32));
        LongVector hh = hi.lanewise(VectorOperators.LSHR, 32);
        LongVector t0 = lo.sub(hh).sub(EPSILON, lo.compare(VectorOperators.ULT, hh));
        LongVector t1 = hi.and(LOW32).mul(LongVector.broadcast(SPECIES, EPSILON).and(LOW32));
        LongVector t2 = t0.add(t1);
        t2 = t2.add(EPSILON, t2.compare(VectorOperators.ULT, t1));
        return t2.sub(P, t2.compare(VectorOperators.UGE, P));
    }

    /** {@link #mul} for narrower vectors, without unsigned compares. */
    private static LongVector mulFlipped(LongVector a, LongVector b) {
        LongVector a0 = a.and(LOW32);
        LongVector a1 = a.lanewise(VectorOperators.LSHR, 32);
        LongVector b0 = b.and(LOW32);
        LongVector b1 = b.lanewise(VectorOperators.LSHR, 32);
        // schoolbook from 32-bit halves; t and u stay below 2^64 - 2^32 + 1, so nothing carries
        LongVector ll = a0.mul(b0);
        LongVector t = a0.mul(b1).add(ll.lanewise(VectorOperators.LSHR, 32));
        LongVector u = a1.mul(b0).add(t.and(LOW32));
        LongVector loS = u.lanewise(VectorOperators.LSHL, 32).or(ll.and(LOW32)).lanewise(VectorOperators.XOR, SIGN);
        LongVector hi = a1.mul(b1).add(t.lanewise(VectorOperators.LSHR, 32)).add(u.lanewise(VectorOperators.LSHR, 32));
        // Goldilocks.reduce128: lo - (hi >>> 32), less EPSILON on borrow (the result went up) ...
        LongVector t0S = loS.sub(hi.lanewise(VectorOperators.LSHR, 32));
        t0S = t0S.sub(EPSILON, t0S.compare(VectorOperators.GT, loS));
        // ... plus (hi & EPSILON) * EPSILON, plus EPSILON on carry (the result went down) ...
        LongVector hl = hi.and(LOW32);
        LongVector t2S = t0S.add(hl.lanewise(VectorOperators.LSHL, 32).sub(hl));
        t2S = t2S.add(EPSILON, t0S.compare(VectorOperators.GT, t2S));
        // ... made canonical
        t2S = t2S.sub(P, t2S.compare(VectorOperators.GT, P_FLIPPED_MINUS_1));
        return t2S.lanewise(VectorOperators.XOR, SIGN);
    }

    /** {@link Goldilocks#canonical} lane by lane. */
    public static LongVector canonical(LongVector x) {
        LongVector xS = x.lanewise(VectorOperators.XOR, SIGN);
        return x.sub(P, xS.compare(VectorOperators.GT, P_FLIPPED_MINUS_1));
    }
}
