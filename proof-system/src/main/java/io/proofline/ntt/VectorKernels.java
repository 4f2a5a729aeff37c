package io.proofline.ntt;

import static io.proofline.field.Goldilocks.P;

import io.proofline.field.Goldilocks;
import io.proofline.field.GoldilocksVectors;
import io.proofline.field.TwoAdicRoots;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Lane-parallel versions of {@link ScalarKernels}, bit-identical to them. Only loaded when
 * {@code VectorSupport.PRESENT}. Run lengths must be multiples of {@link #LANES}.
 *
 * <p>Products are {@link GoldilocksVectors#mul}; the additions and subtractions here are
 * shorter forms that rely on canonical inputs, which every transform has.
 */
final class VectorKernels {

    static final VectorSpecies<Long> SPECIES = GoldilocksVectors.SPECIES;
    static final int LANES = SPECIES.length();
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

    static void scale(long[] a, int from, int to, long c) {
        LongVector cv = LongVector.broadcast(SPECIES, c);
        for (int i = from; i < to; i += LANES) {
            mul(LongVector.fromArray(SPECIES, a, i), cv).intoArray(a, i);
        }
    }

    /**
     * {@code dst[d+i] = src[s+i] * start * g^i}. The powers come from a small table of
     * {@code g^0..g^(B-1)} times a per-run base, so there is no long chain of dependent vector
     * products and only two products per element.
     */
    static void mulPowers(long[] src, int s, long[] dst, int d, int len, long start, long g) {
        int run = Math.min(len, POWER_RUN);
        long[] table = new long[run];
        long acc = Goldilocks.ONE;
        for (int i = 0; i < run; i++) {
            table[i] = acc;
            acc = Goldilocks.mul(acc, g);
        }
        long base = start; // start * g^c at run offset c; acc = g^run
        for (int c = 0; c < len; c += run) {
            int vecEnd = SPECIES.loopBound(Math.min(run, len - c));
            LongVector b = LongVector.broadcast(SPECIES, base);
            for (int i = 0; i < vecEnd; i += LANES) {
                LongVector x = LongVector.fromArray(SPECIES, src, s + c + i);
                mul(x, mul(LongVector.fromArray(SPECIES, table, i), b)).intoArray(dst, d + c + i);
            }
            for (int i = vecEnd; i < Math.min(run, len - c); i++) {
                dst[d + c + i] = Goldilocks.mul(src[s + c + i], Goldilocks.mul(table[i], base));
            }
            base = Goldilocks.mul(base, acc);
        }
    }

    private static final int POWER_RUN = 256;

    /** Whether {@link #lastStagesReversed} and {@link #lastStagesInPlace} fit: a tile row of 8 is whole vectors. */
    static final boolean TILES = LANES == 4 || LANES == 8;

    /**
     * Vector form of the last three DIF stages fused with bit reversal (see
     * {@code DifTransform}); needs {@link #TILES}. Gathering the eight rows of a tile in
     * bit-reversed row order transposes it, so the butterflies are lane-wise and every
     * result vector is one contiguous run of the destination (with 4 lanes, each tile row is
     * two vectors).
     */
    static void lastStagesReversed(long[] a, int off, int logN, long[] tw, int from, int to) {
        int midBits = logN - 6;
        int hiShift = logN - 3;
        int[] rows = new int[8];
        for (int j = 0; j < 8; j++) {
            rows[j] = TwoAdicRoots.reverseBits(j, 3) << hiShift;
        }
        long[] s = new long[64];
        long[] t = new long[64];
        for (int m = from; m < to; m++) {
            int mr = TwoAdicRoots.reverseBits(m, midBits);
            if (mr < m) {
                continue; // done with its partner
            }
            gather(a, off + (m << 3), rows, s);
            radix8Rows(s, tw);
            if (mr != m) {
                gather(a, off + (mr << 3), rows, t);
                radix8Rows(t, tw);
                scatterRows(t, a, off + (m << 3), hiShift);
            }
            scatterRows(s, a, off + (mr << 3), hiShift);
        }
    }

    /** The last three DIF stages in place on {@code a[from..to)}, 64 elements at a time. */
    static void lastStagesInPlace(long[] a, int from, int to, long[] tw) {
        int[] stride8 = {0, 8, 16, 24, 32, 40, 48, 56};
        long[] s = new long[64];
        for (int c = from; c < to; c += 64) {
            gather(a, c, stride8, s);
            radix8Rows(s, tw);
            gather(s, 0, stride8, a, c);
        }
    }

    /** {@code s[8 lo + j] = a[src + lo + rows[j]]}: a transposing load. */
    private static void gather(long[] a, int src, int[] rows, long[] s) {
        gather(a, src, rows, s, 0);
    }

    private static void gather(long[] a, int src, int[] rows, long[] s, int dst) {
        for (int lo = 0; lo < 8; lo++) {
            for (int half = 0; half < 8; half += LANES) {
                LongVector.fromArray(SPECIES, a, src + lo, rows, half).intoArray(s, dst + 8 * lo + half);
            }
        }
    }

    /** Row {@code lo} of {@code s} to {@code a[base + (rev(lo) << shift)]}, undoing the DIF order. */
    private static void scatterRows(long[] s, long[] a, int base, int shift) {
        for (int lo = 0; lo < 8; lo++) {
            int row = base + (TwoAdicRoots.reverseBits(lo, 3) << shift);
            for (int half = 0; half < 8; half += LANES) {
                LongVector.fromArray(SPECIES, s, 8 * lo + half).intoArray(a, row + half);
            }
        }
    }

    /**
     * Three DIF stages across the eight rows of {@code s}, each lane its own transform. One
     * butterfly in the loop body keeps the JIT's inlining budget; it unrolls the loops itself.
     */
    private static void radix8Rows(long[] s, long[] tw) {
        for (int h = 4; h >= 1; h >>>= 1) {
            for (int st = 0; st < 8; st += 2 * h) {
                for (int j = 0; j < h; j++) {
                    for (int half = 0; half < 8; half += LANES) {
                        int r = 8 * (st + j) + half;
                        int q = r + 8 * h;
                        LongVector u = LongVector.fromArray(SPECIES, s, r);
                        LongVector v = LongVector.fromArray(SPECIES, s, q);
                        add(u, v).intoArray(s, r);
                        LongVector d = sub(u, v);
                        (j == 0 ? d : mul(d, LongVector.broadcast(SPECIES, tw[h + j]))).intoArray(s, q);
                    }
                }
            }
        }
    }

    /**
     * {@link GoldilocksVectors#mul}. C2 runs out of inlining budget after about two of these in
     * one compiled method, and a vector that crosses a real call is boxed (about 7x slower);
     * hence one or two products per loop body throughout this class.
     */
    static LongVector mul(LongVector a, LongVector b) {
        return GoldilocksVectors.mul(a, b);
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
