package io.proofline.plonkish;

import io.proofline.field.Ext2;
import io.proofline.field.ExtBlocks;
import io.proofline.field.Goldilocks;
import io.proofline.field.TwoAdicRoots;
import io.proofline.plonkish.gates.Algebra;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * The copy-permutation argument (PLONK, ePrint 2019/953, section 5) with partial products.
 *
 * <p>With {@code f_i = w_i + beta * k_i * x + gamma} and {@code g_i = w_i + beta * sigma_i + gamma},
 * the grand product {@code Z} starts at 1 and {@code Z(w x) = Z(x) * prod_i f_i / g_i}. To keep
 * every constraint within the degree bound, the copy columns are taken {@code d - 1} at a time
 * ({@code d} the maximal degree): products {@code p_0 = Z}, {@code p_1..p_{m-1}} are committed and
 * {@code p_j * G_j = p_{j-1} * F_j} for {@code j = 1..m}, with {@code p_m = Z(w x)} and
 * {@code F_j, G_j} the chunk products. One more term, {@code L_0 (Z - 1)}, pins the start.
 */
public final class PermutationArgument {

    private PermutationArgument() {
    }

    /** Rows per parallel block of {@link #products}. */
    private static final int BLOCK = 1 << 12;

    /**
     * The products {@code p_0..p_{m-1}} on the trace domain, as {@code 2m} base columns
     * ({@code c0} and {@code c1} of each product).
     *
     * <p>The running product is a scan, done in parallel blocks of rows: each block computes its
     * chunks' ratios {@code F_j / G_j} and the running product from 1 within the block, then
     * every block is multiplied by the product of the blocks before it. Field multiplication is
     * exact, so the values are those of one pass over all rows.
     */
    static long[][] products(Geometry g, long[][] copyColumns, long[][] sigmas, Ext2 beta, Ext2 gamma) {
        int n = g.rows();
        int m = g.permutationProducts();
        long[] omega = TwoAdicRoots.powers(g.logRows());
        int block = Math.min(n, BLOCK);
        int blocks = n / block;
        long[][] out = new long[2 * m][n];
        // each block's product of all its ratios, as (c0, c1)
        long[] totals0 = new long[blocks];
        long[] totals1 = new long[blocks];
        IntStream.range(0, blocks).parallel().forEach(b -> {
            int from = b * block;
            long[] x = Arrays.copyOfRange(omega, from, from + block);
            long[][] ratios0 = new long[m][block];
            long[][] ratios1 = new long[m][block];
            long[] den0 = new long[block];
            long[] den1 = new long[block];
            ExtBlocks ext = new ExtBlocks(block);
            for (int j = 0; j < m; j++) {
                chunkProducts(g, j, x, i -> Arrays.copyOfRange(copyColumns[i], from, from + block),
                        i -> Arrays.copyOfRange(sigmas[i], from, from + block), beta, gamma, ratios0[j], ratios1[j],
                        den0, den1, ext);
                ext.invertInPlace(den0, den1);
                ext.mulInto(ratios0[j], ratios1[j], den0, den1);
            }
            long z0 = 1;
            long z1 = 0;
            for (int r = 0; r < block; r++) {
                for (int j = 0; j < m; j++) {
                    out[2 * j][from + r] = z0;
                    out[2 * j + 1][from + r] = z1;
                    long q0 = ratios0[j][r];
                    long q1 = ratios1[j][r];
                    // (z0, z1) *= (q0, q1), as Ext2.mul
                    long t = Goldilocks.mul(z0, q0);
                    long u = Goldilocks.mul(z1, q1);
                    z1 = Goldilocks.sub(Goldilocks.mul(Goldilocks.add(z0, z1), Goldilocks.add(q0, q1)), Goldilocks.add(t, u));
                    z0 = Goldilocks.add(t, Goldilocks.mul(Ext2.W, u));
                }
            }
            totals0[b] = z0;
            totals1[b] = z1;
        });
        // block b starts from the product of the totals before it
        Ext2[] starts = new Ext2[blocks];
        Ext2 start = Ext2.ONE;
        for (int b = 0; b < blocks; b++) {
            starts[b] = start;
            start = start.mul(new Ext2(totals0[b], totals1[b]));
        }
        IntStream.range(1, blocks).parallel().forEach(b -> {
            int from = b * block;
            long[] p0 = new long[block];
            long[] p1 = new long[block];
            ExtBlocks ext = new ExtBlocks(block);
            for (int j = 0; j < m; j++) {
                System.arraycopy(out[2 * j], from, p0, 0, block);
                System.arraycopy(out[2 * j + 1], from, p1, 0, block);
                ext.scaleInto(p0, p1, starts[b]);
                System.arraycopy(p0, 0, out[2 * j], from, block);
                System.arraycopy(p1, 0, out[2 * j + 1], from, block);
            }
        });
        return out;
    }

    /**
     * Chunk {@code j}'s products on a block of points, as {@code (c0, c1)} arrays:
     * {@code F_j = prod_i (w_i + beta k_i x + gamma)} into {@code num} and
     * {@code G_j = prod_i (w_i + beta sigma_i + gamma)} into {@code den}, over the chunk's copy
     * columns {@code i}. The block form of the factors in {@link #terms}, for the prover: the
     * grand product on the trace domain and the quotient on the LDE domain.
     *
     * @param x the block's points
     * @param w copy column {@code i}'s values at those points
     * @param sigma sigma column {@code i}'s values at those points
     */
    static void chunkProducts(Geometry g, int j, long[] x, IntFunction<long[]> w, IntFunction<long[]> sigma, Ext2 beta,
                              Ext2 gamma, long[] num0, long[] num1, long[] den0, long[] den1, ExtBlocks ext) {
        int chunk = g.permutationChunk();
        long[] f0 = ext.factor0;
        long[] f1 = ext.factor1;
        for (int i = j * chunk; i < Math.min(g.copyColumns(), (j + 1) * chunk); i++) {
            boolean first = i == j * chunk;
            long[] wi = w.apply(i);
            long shift = Setup.columnShift(i);
            ExtBlocks.affine(x, Goldilocks.mul(beta.c0(), shift), Goldilocks.mul(beta.c1(), shift), wi, gamma,
                    first ? num0 : f0, first ? num1 : f1);
            if (!first) {
                ext.mulInto(num0, num1, f0, f1);
            }
            ExtBlocks.affine(sigma.apply(i), beta.c0(), beta.c1(), wi, gamma, first ? den0 : f0, first ? den1 : f1);
            if (!first) {
                ext.mulInto(den0, den1, f0, f1);
            }
        }
    }

    /**
     * The {@code m + 1} constraint terms at one point, in order: {@code L_0 (Z - 1)}, then the
     * chunk constraints. Generic over the algebra so that the native verifier and the verifier
     * in circuit state the same terms from this one source; the prover evaluates them on blocks
     * with {@link #chunkProducts}, and its proofs verify only if both agree.
     *
     * @param x the point
     * @param w copy-column values at x
     * @param sigma sigma values at x
     * @param products {@code p_0..p_{m-1}} at x
     * @param zNext {@code Z(w x)}
     * @param l0 the first Lagrange polynomial at x
     */
    public static <T> List<T> terms(Algebra<T> f, Geometry g, T x, List<T> w, List<T> sigma, List<T> products, T zNext,
                                    T beta, T gamma, T l0) {
        int m = g.permutationProducts();
        int chunk = g.permutationChunk();
        List<T> out = new ArrayList<>(m + 1);
        out.add(f.mul(l0, f.sub(products.get(0), f.constant(1))));
        T betaX = f.mul(beta, x);
        for (int j = 0; j < m; j++) {
            // each product starts from its first factor: in circuit a product with one costs a gate
            T num = null;
            T den = null;
            for (int i = j * chunk; i < Math.min(g.copyColumns(), (j + 1) * chunk); i++) {
                T numFactor = f.add(f.add(f.scale(betaX, Setup.columnShift(i)), gamma), w.get(i));
                T denFactor = f.add(f.add(f.mul(beta, sigma.get(i)), gamma), w.get(i));
                num = num == null ? numFactor : f.mul(num, numFactor);
                den = den == null ? denFactor : f.mul(den, denFactor);
            }
            T next = j + 1 < m ? products.get(j + 1) : zNext;
            out.add(f.sub(f.mul(next, den), f.mul(products.get(j), num)));
        }
        return out;
    }
}
