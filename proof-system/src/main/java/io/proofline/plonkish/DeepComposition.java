package io.proofline.plonkish;

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

    private DeepComposition() {
    }

    /** The combined codeword on the LDE domain, {@code {c0, c1}}. */
    static long[][] codeword(List<long[][]> trees, long[][] productsLde, List<Ext2> openings, List<Ext2> nextOpenings,
                             Ext2 zeta, Ext2 zetaNext, Ext2 phi, long[] points) {
        int length = points.length;
        int columns = trees.stream().mapToInt(t -> t.length).sum();
        Ext2[] phiPowers = powers(phi, columns + nextOpenings.size());
        Ext2 claimed = combine(phiPowers, 0, openings);
        Ext2 claimedNext = combine(phiPowers, columns, nextOpenings);
        Ext2[] inverseAtZeta = inverses(points, zeta);
        Ext2[] inverseAtNext = inverses(points, zetaNext);
        // sum_k phi^k f_k(x), column by column so each pass streams one column
        long[] s0 = new long[length];
        long[] s1 = new long[length];
        long[] t0 = new long[length];
        long[] t1 = new long[length];
        int k = 0;
        for (long[][] tree : trees) {
            for (long[] column : tree) {
                accumulate(s0, s1, column, phiPowers[k++]);
            }
        }
        for (int c = 0; c < nextOpenings.size(); c++) {
            accumulate(t0, t1, productsLde[c], phiPowers[columns + c]);
        }
        long[] out0 = new long[length];
        long[] out1 = new long[length];
        IntStream.range(0, length).parallel().forEach(j -> {
            Ext2 value = new Ext2(s0[j], s1[j]).sub(claimed).mul(inverseAtZeta[j])
                    .add(new Ext2(t0[j], t1[j]).sub(claimedNext).mul(inverseAtNext[j]));
            out0[j] = value.c0();
            out1[j] = value.c1();
        });
        return new long[][] {out0, out1};
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

    /** {@code (acc0, acc1) += column * phi}, split into chunks over the cores. */
    private static void accumulate(long[] acc0, long[] acc1, long[] column, Ext2 phi) {
        int chunk = 1 << 12;
        IntStream.range(0, Math.ceilDiv(column.length, chunk)).parallel().forEach(b -> {
            int from = b * chunk;
            int to = Math.min(column.length, from + chunk);
            for (int j = from; j < to; j++) {
                acc0[j] = Goldilocks.add(acc0[j], Goldilocks.mul(column[j], phi.c0()));
                acc1[j] = Goldilocks.add(acc1[j], Goldilocks.mul(column[j], phi.c1()));
            }
        });
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

    private static Ext2[] inverses(long[] points, Ext2 at) {
        Ext2[] differences = new Ext2[points.length];
        for (int j = 0; j < points.length; j++) {
            differences[j] = Ext2.of(points[j]).sub(at);
        }
        return Ext2.batchInverse(differences);
    }
}
