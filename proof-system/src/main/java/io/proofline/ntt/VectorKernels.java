package io.proofline.ntt;

import static io.proofline.field.Goldilocks.P;

import io.proofline.field.Goldilocks;
import io.proofline.field.TwoAdicRoots;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Lane-parallel versions of {@link ScalarKernels}, bit-identical to them. Only loaded when
 * {@code VectorSupport.AVAILABLE}. Run lengths must be multiples of {@link #LANES}.
 *
 * <p>The field's own lane arithmetic ({@code GoldilocksVectors}) is package-private to
 * {@code io.proofline.field}, so the same exact formulas are repeated here.
 */
final class VectorKernels {

    static final VectorSpecies<Long> SPECIES = LongVector.SPECIES_PREFERRED;
    static final int LANES = SPECIES.length();
    private static final long LOW32 = 0xFFFF_FFFFL;
    private static final long EPSILON = 0xFFFF_FFFFL;

    private VectorKernels() {
    }

    static void dif2(long[] a, int x, int h, long[] tw, int t, int len) {
        for (int q = 0; q < len; q += LANES) {
            LongVector u = LongVector.fromArray(SPECIES, a, x + q);
            LongVector v = LongVector.fromArray(SPECIES, a, x + h + q);
            LongVector w = LongVector.fromArray(SPECIES, tw, t + q);
            add(u, v).intoArray(a, x + q);
            mul(sub(u, v), w).intoArray(a, x + h + q);
        }
    }

    static void dif4(long[] a, int x, int d, long[] tw, int tA, int tC, int len) {
        for (int q = 0; q < len; q += LANES) {
            int i0 = x + q;
            LongVector x0 = LongVector.fromArray(SPECIES, a, i0);
            LongVector x1 = LongVector.fromArray(SPECIES, a, i0 + d);
            LongVector x2 = LongVector.fromArray(SPECIES, a, i0 + 2 * d);
            LongVector x3 = LongVector.fromArray(SPECIES, a, i0 + 3 * d);
            LongVector y0 = add(x0, x2);
            LongVector y2 = mul(sub(x0, x2), LongVector.fromArray(SPECIES, tw, tA + q));
            LongVector y1 = add(x1, x3);
            LongVector y3 = mul(sub(x1, x3), LongVector.fromArray(SPECIES, tw, tA + d + q));
            LongVector wc = LongVector.fromArray(SPECIES, tw, tC + q);
            add(y0, y1).intoArray(a, i0);
            mul(sub(y0, y1), wc).intoArray(a, i0 + d);
            add(y2, y3).intoArray(a, i0 + 2 * d);
            mul(sub(y2, y3), wc).intoArray(a, i0 + 3 * d);
        }
    }

    static void scale(long[] a, int from, int to, long c) {
        LongVector cv = LongVector.broadcast(SPECIES, c);
        for (int i = from; i < to; i += LANES) {
            mul(LongVector.fromArray(SPECIES, a, i), cv).intoArray(a, i);
        }
    }

    /** {@code dst[d+i] = src[s+i] * start * g^i}; four interleaved power chains hide latency. */
    static void mulPowers(long[] src, int s, long[] dst, int d, int len, long start, long g) {
        long[] first = new long[4 * LANES];
        long acc = start;
        for (int i = 0; i < first.length; i++) {
            first[i] = acc;
            acc = Goldilocks.mul(acc, g);
        }
        LongVector step = LongVector.broadcast(SPECIES, acc); // g^(4 * LANES)
        LongVector p0 = LongVector.fromArray(SPECIES, first, 0);
        LongVector p1 = LongVector.fromArray(SPECIES, first, LANES);
        LongVector p2 = LongVector.fromArray(SPECIES, first, 2 * LANES);
        LongVector p3 = LongVector.fromArray(SPECIES, first, 3 * LANES);
        int i = 0;
        for (; i + 4 * LANES <= len; i += 4 * LANES) {
            mul(LongVector.fromArray(SPECIES, src, s + i), p0).intoArray(dst, d + i);
            mul(LongVector.fromArray(SPECIES, src, s + i + LANES), p1).intoArray(dst, d + i + LANES);
            mul(LongVector.fromArray(SPECIES, src, s + i + 2 * LANES), p2).intoArray(dst, d + i + 2 * LANES);
            mul(LongVector.fromArray(SPECIES, src, s + i + 3 * LANES), p3).intoArray(dst, d + i + 3 * LANES);
            p0 = mul(p0, step);
            p1 = mul(p1, step);
            p2 = mul(p2, step);
            p3 = mul(p3, step);
        }
        if (i < len) {
            p0.intoArray(first, 0);
            ScalarKernels.mulPowers(src, s + i, dst, d + i, len - i, first[0], g);
        }
    }

    /**
     * Vector form of the last three DIF stages fused with bit reversal (see
     * {@code DifTransform}); needs {@code LANES == 8}. Gathering the eight rows of a tile in
     * bit-reversed row order transposes it, so the butterflies are lane-wise and every
     * result vector is one contiguous run of the destination.
     */
    static void lastStagesReversed(long[] a, int off, int logN, long[] tw, int from, int to) {
        int midBits = logN - 6;
        int hiShift = logN - 3;
        int[] rows = new int[8];
        for (int j = 0; j < 8; j++) {
            rows[j] = TwoAdicRoots.reverseBits(j, 3) << hiShift;
        }
        long[] scratch = new long[64];
        for (int m = from; m < to; m++) {
            int mr = TwoAdicRoots.reverseBits(m, midBits);
            if (mr < m) {
                continue; // done with its partner
            }
            tile(a, off + (m << 3), rows, tw, scratch, 0, 3);
            if (mr != m) {
                tile(a, off + (mr << 3), rows, tw, a, off + (m << 3), hiShift);
            }
            for (int r = 0; r < 8; r++) {
                LongVector.fromArray(SPECIES, scratch, r * 8).intoArray(a, off + (mr << 3) + (r << hiShift));
            }
        }
    }

    /** Radix-8 on the transposed tile at {@code src}; result row {@code r} goes to {@code dst[base + (r << shift)]}. */
    private static void tile(long[] a, int src, int[] rows, long[] tw, long[] dst, int base, int shift) {
        LongVector x0 = LongVector.fromArray(SPECIES, a, src, rows, 0);
        LongVector x1 = LongVector.fromArray(SPECIES, a, src + 1, rows, 0);
        LongVector x2 = LongVector.fromArray(SPECIES, a, src + 2, rows, 0);
        LongVector x3 = LongVector.fromArray(SPECIES, a, src + 3, rows, 0);
        LongVector x4 = LongVector.fromArray(SPECIES, a, src + 4, rows, 0);
        LongVector x5 = LongVector.fromArray(SPECIES, a, src + 5, rows, 0);
        LongVector x6 = LongVector.fromArray(SPECIES, a, src + 6, rows, 0);
        LongVector x7 = LongVector.fromArray(SPECIES, a, src + 7, rows, 0);
        LongVector w1 = LongVector.broadcast(SPECIES, tw[5]);
        LongVector w2 = LongVector.broadcast(SPECIES, tw[6]);
        LongVector w3 = LongVector.broadcast(SPECIES, tw[7]);
        LongVector y0 = add(x0, x4);
        LongVector y4 = sub(x0, x4);
        LongVector y1 = add(x1, x5);
        LongVector y5 = mul(sub(x1, x5), w1);
        LongVector y2 = add(x2, x6);
        LongVector y6 = mul(sub(x2, x6), w2);
        LongVector y3 = add(x3, x7);
        LongVector y7 = mul(sub(x3, x7), w3);
        LongVector z0 = add(y0, y2);
        LongVector z2 = sub(y0, y2);
        LongVector z1 = add(y1, y3);
        LongVector z3 = mul(sub(y1, y3), w2);
        LongVector z4 = add(y4, y6);
        LongVector z6 = sub(y4, y6);
        LongVector z5 = add(y5, y7);
        LongVector z7 = mul(sub(y5, y7), w2);
        // output lo lands in row rev(lo)
        add(z0, z1).intoArray(dst, base);
        sub(z0, z1).intoArray(dst, base + (4 << shift));
        add(z2, z3).intoArray(dst, base + (2 << shift));
        sub(z2, z3).intoArray(dst, base + (6 << shift));
        add(z4, z5).intoArray(dst, base + (1 << shift));
        sub(z4, z5).intoArray(dst, base + (5 << shift));
        add(z6, z7).intoArray(dst, base + (3 << shift));
        sub(z6, z7).intoArray(dst, base + (7 << shift));
    }

    /**
     * Schoolbook 64x64-bit product from 32-bit halves (the JIT emits {@code vpmuludq}), with the
     * carries absorbed by ordering the partial sums so no intermediate can overflow; then the
     * reduction of {@code Goldilocks.reduce128}. Fewer masks than a carry-tracking version
     * keeps the JIT's node count low enough to inline several of these into one loop.
     */
    static LongVector mul(LongVector a, LongVector b) {
        LongVector a0 = a.and(LOW32);
        LongVector a1 = a.lanewise(VectorOperators.LSHR, 32);
        LongVector b0 = b.and(LOW32);
        LongVector b1 = b.lanewise(VectorOperators.LSHR, 32);
        LongVector ll = a0.mul(b0);
        LongVector t = a0.mul(b1).add(ll.lanewise(VectorOperators.LSHR, 32));
        LongVector u = a1.mul(b0).add(t.and(LOW32));
        LongVector lo = u.lanewise(VectorOperators.LSHL, 32).or(ll.and(LOW32));
        LongVector hi = a1.mul(b1).add(t.lanewise(VectorOperators.LSHR, 32)).add(u.lanewise(VectorOperators.LSHR, 32));
        // hi * 2^64 + lo = lo + (hi & EPSILON) * (2^32 - 1) - (hi >>> 32)  (mod p)
        LongVector hh = hi.lanewise(VectorOperators.LSHR, 32);
        LongVector t0 = lo.sub(hh).sub(EPSILON, lo.compare(VectorOperators.ULT, hh));
        LongVector t1 = hi.and(LOW32).mul(EPSILON);
        LongVector t2 = t0.add(t1);
        t2 = t2.add(EPSILON, t2.compare(VectorOperators.ULT, t1));
        return t2.sub(P, t2.compare(VectorOperators.UGE, P));
    }

    /** {@code a + b = a - (p - b)}, corrected by {@code +p = -EPSILON (mod 2^64)} on borrow. */
    static LongVector add(LongVector a, LongVector b) {
        LongVector nb = LongVector.broadcast(SPECIES, P).sub(b);
        return a.sub(nb).sub(EPSILON, a.compare(VectorOperators.ULT, nb));
    }

    static LongVector sub(LongVector a, LongVector b) {
        return a.sub(b).sub(EPSILON, a.compare(VectorOperators.ULT, b));
    }
}
