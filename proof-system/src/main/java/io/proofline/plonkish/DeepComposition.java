package io.proofline.plonkish;

import io.proofline.backend.ColumnMatrix;
import io.proofline.field.Ext2;
import io.proofline.field.Goldilocks;
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

    /** Points per parallel block: columns are streamed through it one at a time. */
    private static final int BLOCK = 1 << 12;

    private DeepComposition() {
    }

    /** The combined codeword on the LDE domain, {@code {c0, c1}}. */
    static long[][] codeword(List<ColumnMatrix> trees, ColumnMatrix productsLde, List<Ext2> openings,
                             List<Ext2> nextOpenings, Ext2 zeta, Ext2 zetaNext, Ext2 phi, long[] points) {
        int length = points.length;
        int columns = trees.stream().mapToInt(ColumnMatrix::columns).sum();
        Ext2[] phiPowers = powers(phi, columns + nextOpenings.size());
        Ext2 claimed = combine(phiPowers, 0, openings);
        Ext2 claimedNext = combine(phiPowers, columns, nextOpenings);
        long[] out0 = new long[length];
        long[] out1 = new long[length];
        // in blocks of the domain over the cores, each block column by column on the base
        // field's batch kernels, with no Ext2 per point
        int block = Math.min(length, BLOCK);
        IntStream.range(0, length / block).parallel().forEach(b -> {
            int from = b * block;
            long[] s0 = new long[block];
            long[] s1 = new long[block];
            long[] t0 = new long[block];
            long[] t1 = new long[block];
            long[] values = new long[block];
            // sum_k phi^k f_k(x), and the products' columns apart
            int k = 0;
            for (ColumnMatrix tree : trees) {
                for (int c = 0; c < tree.columns(); c++) {
                    tree.read(c, from, values, block);
                    Goldilocks.addScaledBatch(s0, values, phiPowers[k].c0());
                    Goldilocks.addScaledBatch(s1, values, phiPowers[k].c1());
                    k++;
                }
            }
            for (int c = 0; c < nextOpenings.size(); c++) {
                productsLde.read(c, from, values, block);
                Goldilocks.addScaledBatch(t0, values, phiPowers[columns + c].c0());
                Goldilocks.addScaledBatch(t1, values, phiPowers[columns + c].c1());
            }
            ExtBlocks ext = new ExtBlocks(block);
            long[] inverse0 = values;
            long[] inverse1 = new long[block];
            // (sum - claimed) / (x - zeta) + (products - claimedNext) / (x - zeta w)
            subtract(s0, s1, claimed);
            inverses(points, from, zeta, inverse0, inverse1, ext);
            ext.mulInto(s0, s1, inverse0, inverse1);
            subtract(t0, t1, claimedNext);
            inverses(points, from, zetaNext, inverse0, inverse1, ext);
            ext.mulInto(t0, t1, inverse0, inverse1);
            Goldilocks.addBatch(s0, t0, s0);
            Goldilocks.addBatch(s1, t1, s1);
            System.arraycopy(s0, 0, out0, from, block);
            System.arraycopy(s1, 0, out1, from, block);
        });
        return new long[][] {out0, out1};
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
