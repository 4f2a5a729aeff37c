package io.proofline.plonkish;

import io.proofline.field.Ext2;
import io.proofline.field.Goldilocks;
import io.proofline.field.TwoAdicRoots;
import io.proofline.plonkish.gates.BlockAlgebra;
import io.proofline.plonkish.gates.ExtAlgebra;
import io.proofline.plonkish.gates.Gate;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Evaluates the quotient {@code C(x) / (x^n - 1)} on its domain (a coset of {@code blowup}
 * times the trace's size, at least the quotient's degree), where {@code C} combines
 * every constraint with powers of {@code alpha}: gate constraints times their selectors, then
 * the copy-permutation terms. Gate constraints are evaluated over blocks of points with
 * {@link BlockAlgebra}; blocks run in parallel.
 */
final class QuotientEvaluator {

    private static final int MAX_BLOCK = 256;

    private final Geometry g;
    private final List<Gate> gates;
    private final long[][] setupLde;
    private final long[][] witnessLde;
    private final long[][] productsLde;
    private final long[] publicInputLde;
    private final int logLength;
    private final int logBlowup;
    /** Points per block: at most the whole domain. */
    private final int block;

    QuotientEvaluator(Geometry g, List<Gate> gates, long[][] setupLde, long[][] witnessLde, long[][] productsLde,
                      long[] publicInputLde, int logBlowup) {
        this.g = g;
        this.gates = gates;
        this.setupLde = setupLde;
        this.witnessLde = witnessLde;
        this.productsLde = productsLde;
        this.publicInputLde = publicInputLde;
        this.logBlowup = logBlowup;
        this.logLength = g.logRows() + logBlowup;
        this.block = Math.min(MAX_BLOCK, 1 << logLength);
    }

    /** The quotient's values on the LDE domain, as {@code {c0, c1}}. */
    long[][] evaluate(Ext2 alpha, Ext2 beta, Ext2 gamma) {
        int length = 1 << logLength;
        int gateConstraints = GateTerms.count(g, gates);
        Ext2[] alphaPowers = new Ext2[gateConstraints + g.permutationProducts() + 1];
        Ext2 a = Ext2.ONE;
        for (int i = 0; i < alphaPowers.length; i++) {
            alphaPowers[i] = a;
            a = a.mul(alpha);
        }
        long[] points = Domains.ldePoints(logLength);
        int[] next = Domains.nextRowPositions(logLength, logBlowup);
        // x^n - 1 takes only 'blowup' values on the LDE coset; invert them once
        long[] zh = vanishingValues();
        long[] zhInverse = zh.clone();
        Goldilocks.batchInverse(zhInverse);
        long nInverse = Goldilocks.inverse(g.rows());
        long[] q0 = new long[length];
        long[] q1 = new long[length];
        IntStream.range(0, length / block).parallel().forEach(b -> {
            BlockAlgebra algebra = new BlockAlgebra(block);
            int from = b * block;
            long[] acc0 = new long[block];
            long[] acc1 = new long[block];
            gateTerms(algebra, from, alphaPowers, acc0, acc1);
            permutationTerms(from, points, next, zh, nInverse, alphaPowers, gateConstraints, beta, gamma, acc0, acc1);
            for (int i = 0; i < block; i++) {
                long zi = zhInverse[TwoAdicRoots.reverseBits(from + i, logLength) & ((1 << logBlowup) - 1)];
                q0[from + i] = Goldilocks.mul(acc0[i], zi);
                q1[from + i] = Goldilocks.mul(acc1[i], zi);
            }
        });
        return new long[][] {q0, q1};
    }

    /** {@code x^n - 1} indexed by {@code natural position mod blowup}. */
    private long[] vanishingValues() {
        int blowup = 1 << logBlowup;
        long shiftN = Goldilocks.pow(Domains.SHIFT, g.rows());
        long[] out = new long[blowup];
        long root = TwoAdicRoots.rootOfUnity(logBlowup);
        for (int k = 0; k < blowup; k++) {
            // x = 7 W^m with m = k mod blowup gives x^n = 7^n (W^n)^k and W^n generates the blowup subgroup
            out[k] = Goldilocks.sub(Goldilocks.mul(shiftN, Goldilocks.pow(root, k)), 1);
        }
        return out;
    }

    private void gateTerms(BlockAlgebra f, int from, Ext2[] alphaPowers, long[] acc0, long[] acc1) {
        int constantsOffset = 0;
        int selectorsOffset = g.constantColumns();
        long[] g0 = new long[block];
        long[] g1 = new long[block];
        GateTerms.Columns<long[]> columns = new GateTerms.Columns<>() {
            @Override
            public long[] copy(int column) {
                return slice(f, witnessLde[column], from);
            }

            @Override
            public long[] witness(int column) {
                return slice(f, witnessLde[g.copyColumns() + column], from);
            }

            @Override
            public long[] constant(int column) {
                return slice(f, setupLde[constantsOffset + column], from);
            }

            @Override
            public long[] publicInput() {
                return slice(f, publicInputLde, from);
            }
        };
        GateTerms.visit(g, gates, f, columns, new GateTerms.Visitor<>() {
            @Override
            public void constraint(int alphaIndex, long[] value) {
                Goldilocks.addScaledBatch(g0, value, alphaPowers[alphaIndex].c0());
                Goldilocks.addScaledBatch(g1, value, alphaPowers[alphaIndex].c1());
            }

            @Override
            public void gateDone(int gateIndex) {
                long[] selector = slice(f, setupLde[selectorsOffset + gateIndex], from);
                Goldilocks.addProductBatch(acc0, selector, g0);
                Goldilocks.addProductBatch(acc1, selector, g1);
                java.util.Arrays.fill(g0, 0);
                java.util.Arrays.fill(g1, 0);
                f.reset();
            }
        });
    }

    private static long[] slice(BlockAlgebra f, long[] column, int from) {
        long[] out = f.next();
        System.arraycopy(column, from, out, 0, out.length);
        return out;
    }

    private void permutationTerms(int from, long[] points, int[] next, long[] zh, long nInverse, Ext2[] alphaPowers,
                                  int alphaOffset, Ext2 beta, Ext2 gamma, long[] acc0, long[] acc1) {
        int c = g.copyColumns();
        int m = g.permutationProducts();
        int sigmaOffset = g.constantColumns() + gates.size();
        Ext2[] w = new Ext2[c];
        Ext2[] sigma = new Ext2[c];
        Ext2[] products = new Ext2[m];
        // views of the arrays refilled at every point
        List<Ext2> wList = Arrays.asList(w);
        List<Ext2> sigmaList = Arrays.asList(sigma);
        List<Ext2> productsList = Arrays.asList(products);
        long[] xMinusOneInverse = new long[block];
        for (int i = 0; i < block; i++) {
            xMinusOneInverse[i] = Goldilocks.sub(points[from + i], 1);
        }
        Goldilocks.batchInverse(xMinusOneInverse);
        for (int i = 0; i < block; i++) {
            int j = from + i;
            long x = points[j];
            for (int col = 0; col < c; col++) {
                w[col] = Ext2.of(witnessLde[col][j]);
                sigma[col] = Ext2.of(setupLde[sigmaOffset + col][j]);
            }
            for (int p = 0; p < m; p++) {
                products[p] = new Ext2(productsLde[2 * p][j], productsLde[2 * p + 1][j]);
            }
            Ext2 zNext = new Ext2(productsLde[0][next[j]], productsLde[1][next[j]]);
            // L_0(x) = (x^n - 1) / (n (x - 1))
            long vanishing = zh[TwoAdicRoots.reverseBits(j, logLength) & ((1 << logBlowup) - 1)];
            long l0 = Goldilocks.mul(Goldilocks.mul(vanishing, nInverse), xMinusOneInverse[i]);
            List<Ext2> terms = PermutationArgument.terms(ExtAlgebra.INSTANCE, g, Ext2.of(x), wList, sigmaList, productsList,
                    zNext, beta, gamma, Ext2.of(l0));
            Ext2 sum = Ext2.ZERO;
            for (int t = 0; t < terms.size(); t++) {
                sum = sum.add(alphaPowers[alphaOffset + t].mul(terms.get(t)));
            }
            acc0[i] = Goldilocks.add(acc0[i], sum.c0());
            acc1[i] = Goldilocks.add(acc1[i], sum.c1());
        }
    }
}
