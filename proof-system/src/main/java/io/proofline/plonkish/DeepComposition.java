package io.proofline.plonkish;

import io.proofline.backend.ColumnMatrix;
import io.proofline.backend.ProverBackend;
import io.proofline.field.Ext2;
import java.util.List;

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

    /**
     * The combined codeword on the LDE domain (the rows of the committed extensions, on the coset
     * of {@link Domains#SHIFT}), {@code {c0, c1}}: the sums over the columns and the divisions by
     * {@code x - zeta} and {@code x - zeta w} are the back end's ({@link ProverBackend#deepCodeword}).
     */
    static long[][] codeword(ProverBackend backend, List<ColumnMatrix> trees, ColumnMatrix productsLde,
                             List<Ext2> openings, List<Ext2> nextOpenings, Ext2 zeta, Ext2 zetaNext, Ext2 phi) {
        int columns = trees.stream().mapToInt(ColumnMatrix::columns).sum();
        Ext2[] phiPowers = Ext2.powers(phi, columns + nextOpenings.size());
        // sum_k phi^k f_k(x) less its claimed value over x - zeta, and the products' columns apart over x - zeta w
        return backend.deepCodeword(trees, trees.stream().mapToInt(ColumnMatrix::columns).toArray(),
                components(phiPowers, 0, columns, true), components(phiPowers, 0, columns, false), productsLde,
                nextOpenings.size(), components(phiPowers, columns, nextOpenings.size(), true),
                components(phiPowers, columns, nextOpenings.size(), false), Domains.SHIFT,
                combine(phiPowers, 0, openings), combine(phiPowers, columns, nextOpenings), zeta, zetaNext);
    }

    /** The c0 (or c1) components of {@code count} powers from {@code from}. */
    private static long[] components(Ext2[] powers, int from, int count, boolean c0) {
        long[] out = new long[count];
        for (int i = 0; i < count; i++) {
            out[i] = c0 ? powers[from + i].c0() : powers[from + i].c1();
        }
        return out;
    }

    /** The combined value at one point from the rows opened there (the verifier's side). */
    static Ext2 atPoint(List<long[]> rows, long[] productsRow, List<Ext2> openings, List<Ext2> nextOpenings,
                        Ext2 zeta, Ext2 zetaNext, Ext2 phi, long x) {
        int columns = rows.stream().mapToInt(r -> r.length).sum();
        Ext2[] phiPowers = Ext2.powers(phi, columns + nextOpenings.size());
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
}
