package io.proofline.plonkish;

import io.proofline.backend.ColumnMatrix;
import io.proofline.backend.ProverBackend;
import io.proofline.field.Ext2;
import io.proofline.field.Goldilocks;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The DEEP composition (ePrint 2019/336): every committed column {@code f_k} with its claimed
 * value at {@code zeta} becomes {@code (f_k(x) - f_k(zeta)) / (x - zeta)}, and the grand product
 * columns likewise at {@code zeta * w}; a challenge {@code phi} combines them into one codeword,
 * of degree below {@code n} exactly when every claim is true.
 *
 * <p>Column order: setup, witness, products, quotient (all opened at {@code zeta}), then the two
 * columns of the grand product (opened at {@code zeta * w}).
 */
final class DeepComposition {

    /** Points per parallel block. */
    private static final int BLOCK = 1 << 12;

    private DeepComposition() {
    }

    /**
     * The combined codeword on the LDE domain, {@code {c0, c1}}: the sums over the columns are the
     * back end's ({@link ProverBackend#combineColumns}), the divisions by {@code x - zeta} and
     * {@code x - zeta w} done here in parallel blocks.
     */
    static long[][] codeword(ProverBackend backend, List<ColumnMatrix> trees, ColumnMatrix productsLde,
                             List<Ext2> openings, List<Ext2> nextOpenings, Ext2 zeta, Ext2 zetaNext, Ext2 phi,
                             long[] points) {
        int length = points.length;
        int columns = trees.stream().mapToInt(ColumnMatrix::columns).sum();
        Ext2[] phiPowers = powers(phi, columns + nextOpenings.size());
        Ext2 claimed = combine(phiPowers, 0, openings);
        Ext2 claimedNext = combine(phiPowers, columns, nextOpenings);
        // sum_k phi^k f_k(x), and the products' columns apart
        long[][] s = backend.combineColumns(trees, trees.stream().mapToInt(ColumnMatrix::columns).toArray(),
                components(phiPowers, 0, columns, true), components(phiPowers, 0, columns, false));
        long[][] t = backend.combineColumns(List.of(productsLde), new int[] {nextOpenings.size()},
                components(phiPowers, columns, nextOpenings.size(), true),
                components(phiPowers, columns, nextOpenings.size(), false));
        long[] s0 = s[0];
        long[] s1 = s[1];
        long[] t0 = t[0];
        long[] t1 = t[1];
        int block = Math.min(length, BLOCK);
        IntStream.range(0, length / block).parallel().forEach(b -> {
            int from = b * block;
            ExtBlocks ext = new ExtBlocks(block);
            long[] a0 = Arrays.copyOfRange(s0, from, from + block);
            long[] a1 = Arrays.copyOfRange(s1, from, from + block);
            long[] b0 = Arrays.copyOfRange(t0, from, from + block);
            long[] b1 = Arrays.copyOfRange(t1, from, from + block);
            long[] inverse0 = new long[block];
            long[] inverse1 = new long[block];
            // (sum - claimed) / (x - zeta) + (products - claimedNext) / (x - zeta w)
            subtract(a0, a1, claimed);
            inverses(points, from, zeta, inverse0, inverse1, ext);
            ext.mulInto(a0, a1, inverse0, inverse1);
            subtract(b0, b1, claimedNext);
            inverses(points, from, zetaNext, inverse0, inverse1, ext);
            ext.mulInto(b0, b1, inverse0, inverse1);
            Goldilocks.addBatch(a0, b0, a0);
            Goldilocks.addBatch(a1, b1, a1);
            // the sums are not needed again: the codeword takes their place
            System.arraycopy(a0, 0, s0, from, block);
            System.arraycopy(a1, 0, s1, from, block);
        });
        return new long[][] {s0, s1};
    }

    /** The c0 (or c1) components of {@code count} powers from {@code from}. */
    private static long[] components(Ext2[] powers, int from, int count, boolean c0) {
        long[] out = new long[count];
        for (int i = 0; i < count; i++) {
            out[i] = c0 ? powers[from + i].c0() : powers[from + i].c1();
        }
        return out;
    }

    /** {@code (a0, a1) -= v}. */
    private static void subtract(long[] a0, long[] a1, Ext2 v) {
        for (int i = 0; i < a0.length; i++) {
            a0[i] = Goldilocks.sub(a0[i], v.c0());
            a1[i] = Goldilocks.sub(a1[i], v.c1());
        }
    }

    /** {@code 1 / (x - at)} for the block's points, as {@code (out0, out1)}. */
    private static void inverses(long[] points, int from, Ext2 at, long[] out0, long[] out1, ExtBlocks ext) {
        long minusC1 = Goldilocks.neg(at.c1());
        for (int i = 0; i < out0.length; i++) {
            out0[i] = Goldilocks.sub(points[from + i], at.c0());
            out1[i] = minusC1;
        }
        ext.invertInPlace(out0, out1);
    }

    /** The combined value at one point from the rows opened there (the verifier's side). */
    static Ext2 atPoint(List<long[]> rows, long[] productsRow, List<Ext2> openings, List<Ext2> nextOpenings,
                        Ext2 zeta, Ext2 zetaNext, Ext2 phi, long x) {
        int columns = rows.stream().mapToInt(r -> r.length).sum();
        Ext2[] phiPowers = powers(phi, columns + nextOpenings.size());
        Ext2 s = Ext2.ZERO;
        int k = 0;
        for (long[] row : rows) {
            for (long v : row) {
                s = s.add(phiPowers[k++].mul(v));
            }
        }
        Ext2 t = Ext2.ZERO;
        for (int c = 0; c < nextOpenings.size(); c++) {
            t = t.add(phiPowers[columns + c].mul(productsRow[c]));
        }
        Ext2 fromZeta = s.sub(combine(phiPowers, 0, openings)).mul(Ext2.of(x).sub(zeta).inverse());
        Ext2 fromNext = t.sub(combine(phiPowers, columns, nextOpenings)).mul(Ext2.of(x).sub(zetaNext).inverse());
        return fromZeta.add(fromNext);
    }

    private static Ext2 combine(Ext2[] phiPowers, int offset, List<Ext2> values) {
        Ext2 acc = Ext2.ZERO;
        for (int i = 0; i < values.size(); i++) {
            acc = acc.add(phiPowers[offset + i].mul(values.get(i)));
        }
        return acc;
    }

    static Ext2[] powers(Ext2 base, int count) {
        Ext2[] out = new Ext2[count];
        Ext2 acc = Ext2.ONE;
        for (int i = 0; i < count; i++) {
            out[i] = acc;
            acc = acc.mul(base);
        }
        return out;
    }
}
