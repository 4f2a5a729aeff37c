package io.proofline.backend;

import io.proofline.field.Ext2;
import io.proofline.field.ExtBlocks;
import io.proofline.field.Goldilocks;
import io.proofline.field.TwoAdicRoots;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The divisions of the DEEP composition in Java, {@link ProverBackend#deepCodeword}'s default:
 * {@code (s - claimed) / (x - zeta) + (t - claimedNext) / (x - zetaNext)} for every point
 * {@code x} of a coset extension in bit-reversed order, in parallel blocks, each block's
 * denominators inverted together.
 */
public final class DeepDivisions {

    /** Points per parallel block. */
    private static final int BLOCK = 1 << 12;

    private DeepDivisions() {
    }

    /**
     * The rows of the extensions {@link ProverBackend#deepCodeword} reads, which {@code next}
     * shares with {@code matrices}: a power of two. For every back end's implementation.
     *
     * @throws IllegalArgumentException for no matrices, rows of two counts or not a power of two
     */
    public static int checkRows(List<ColumnMatrix> matrices, ColumnMatrix next) {
        if (matrices.isEmpty()) {
            throw new IllegalArgumentException("a DEEP codeword of no matrices");
        }
        int rows = next.rows();
        for (ColumnMatrix m : matrices) {
            if (m.rows() != rows) {
                throw new IllegalArgumentException("a DEEP codeword over extensions of " + m.rows() + " and " + rows + " rows");
            }
        }
        if (Integer.bitCount(rows) != 1) {
            throw new IllegalArgumentException("a DEEP codeword over " + rows + " rows, not a power of two");
        }
        return rows;
    }

    /**
     * The codeword from the sums {@code s} and {@code t} (each {@code {c0, c1}} of one length, a
     * power of two), written over {@code s}.
     *
     * @throws ArithmeticException if a point of the domain is {@code zeta} or {@code zetaNext}
     */
    static long[][] divide(long[][] s, long[][] t, long shift, Ext2 claimed, Ext2 claimedNext, Ext2 zeta, Ext2 zetaNext) {
        long[] s0 = s[0];
        long[] s1 = s[1];
        long[] t0 = t[0];
        long[] t1 = t[1];
        int length = s0.length;
        int logLength = Integer.numberOfTrailingZeros(length);
        long[] natural = TwoAdicRoots.powers(logLength);
        int block = Math.min(length, BLOCK);
        IntStream.range(0, length / block).parallel().forEach(b -> {
            int from = b * block;
            ExtBlocks ext = new ExtBlocks(block);
            long[] points = new long[block];
            for (int i = 0; i < block; i++) {
                points[i] = Goldilocks.mul(shift, natural[TwoAdicRoots.reverseBits(from + i, logLength)]);
            }
            long[] a0 = Arrays.copyOfRange(s0, from, from + block);
            long[] a1 = Arrays.copyOfRange(s1, from, from + block);
            long[] b0 = Arrays.copyOfRange(t0, from, from + block);
            long[] b1 = Arrays.copyOfRange(t1, from, from + block);
            long[] inverse0 = new long[block];
            long[] inverse1 = new long[block];
            subtract(a0, a1, claimed);
            inverses(points, zeta, inverse0, inverse1, ext);
            ext.mulInto(a0, a1, inverse0, inverse1);
            subtract(b0, b1, claimedNext);
            inverses(points, zetaNext, inverse0, inverse1, ext);
            ext.mulInto(b0, b1, inverse0, inverse1);
            Goldilocks.addBatch(a0, b0, a0);
            Goldilocks.addBatch(a1, b1, a1);
            // the sums are not needed again: the codeword takes their place
            System.arraycopy(a0, 0, s0, from, block);
            System.arraycopy(a1, 0, s1, from, block);
        });
        return new long[][] {s0, s1};
    }

    /** {@code (a0, a1) -= v}. */
    private static void subtract(long[] a0, long[] a1, Ext2 v) {
        for (int i = 0; i < a0.length; i++) {
            a0[i] = Goldilocks.sub(a0[i], v.c0());
            a1[i] = Goldilocks.sub(a1[i], v.c1());
        }
    }

    /** {@code 1 / (x - at)} for the block's points, as {@code (out0, out1)}. */
    private static void inverses(long[] points, Ext2 at, long[] out0, long[] out1, ExtBlocks ext) {
        long minusC1 = Goldilocks.neg(at.c1());
        for (int i = 0; i < out0.length; i++) {
            out0[i] = Goldilocks.sub(points[i], at.c0());
            out1[i] = minusC1;
        }
        ext.invertInPlace(out0, out1);
    }
}
