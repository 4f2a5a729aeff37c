package io.proofline.plonkish;

import io.proofline.backend.QuotientProgram;
import io.proofline.field.Ext2;
import io.proofline.field.ExtBlocks;
import io.proofline.field.Goldilocks;
import io.proofline.field.TwoAdicRoots;
import io.proofline.plonkish.gates.BlockAlgebra;
import io.proofline.plonkish.gates.Gate;
import io.proofline.plonkish.gates.GateCells;
import io.proofline.plonkish.gates.MerkleLevelGate;
import io.proofline.plonkish.gates.Poseidon2Gate;
import io.proofline.poseidon2.Poseidon2;
import io.proofline.poseidon2.Poseidon2RoundCheck;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Evaluates the quotient {@code C(x) / (x^n - 1)} on its domain, where {@code C} combines
 * every constraint with powers of {@code alpha}: gate constraints times their selectors, then
 * the copy-permutation terms. Gate constraints are evaluated over blocks of points with
 * {@link BlockAlgebra}; blocks run in parallel. The permutations of the Poseidon2 and Merkle
 * level gates, most of a hashing circuit's work, go through {@link Poseidon2RoundCheck} where the
 * Vector API is present: the same values from the permutation's vector kernels.
 *
 * <p>The domain is the first {@code blocks * n} points of the coset {@code 7 <W>} of
 * {@code blowup * n} points in bit-reversed order: {@code blocks} cosets of the trace domain
 * {@code H}, since in that order every aligned run of {@code n} points is one. A quotient of
 * degree below {@code k n} is determined by its values on {@code k} cosets of {@code H}
 * ({@link QuotientPieces}), so the prover evaluates {@code k} blocks and no more. The extensions
 * read may be longer than that: only their first {@code blocks * n} rows are read, which are the
 * same points whenever an extension is on a coset {@code 2^j} times larger (the committed LDE 8
 * extensions).
 */
final class QuotientEvaluator {

    private static final int MAX_BLOCK = 256;
    /** The Merkle level's constant permutation inputs, each 0 or 1: a block of zeros or of ones. */
    private static final long[] MERKLE_CAPACITY = MerkleLevelGate.compressionCapacity();

    private final Geometry g;
    private final List<Gate> gates;
    private final QuotientDomainColumns setupLde;
    private final QuotientDomainColumns witnessLde;
    private final QuotientDomainColumns productsLde;
    private final long[] publicInputLde;
    private final int logLength;
    private final int logBlowup;
    /** Points evaluated: {@code blocks * n}. */
    private final int length;
    /** Points per parallel task: at most the trace's size, so that it divides the domain. */
    private final int block;

    QuotientEvaluator(Geometry g, List<Gate> gates, QuotientDomainColumns setupLde, QuotientDomainColumns witnessLde,
                      QuotientDomainColumns productsLde, long[] publicInputLde, int logBlowup, int blocks) {
        this.g = g;
        this.gates = gates;
        this.setupLde = setupLde;
        this.witnessLde = witnessLde;
        this.productsLde = productsLde;
        this.publicInputLde = publicInputLde;
        this.logBlowup = logBlowup;
        this.logLength = g.logRows() + logBlowup;
        if (blocks < 1 || blocks > 1 << logBlowup) {
            throw new IllegalArgumentException("a quotient domain of " + blocks + " blocks in a blowup of 2^" + logBlowup);
        }
        this.length = blocks << g.logRows();
        this.block = Math.min(MAX_BLOCK, g.rows());
        for (QuotientDomainColumns lde : List.of(setupLde, witnessLde, productsLde)) {
            if (lde.rows() < length) {
                throw new IllegalArgumentException("an extension of " + lde.rows() + " rows is shorter than the quotient's domain of "
                        + length);
            }
        }
        if (publicInputLde.length != 1 << logLength) {
            throw new IllegalArgumentException("the public inputs' extension has " + publicInputLde.length
                    + " values, the quotient's domain " + (1 << logLength));
        }
    }

    /** The quotient's values on its domain, as {@code {c0, c1}}. */
    long[][] evaluate(Ext2 alpha, Ext2 beta, Ext2 gamma) {
        int gateConstraints = GateTerms.count(g, gates);
        Ext2[] alphaPowers = Ext2.powers(alpha, gateConstraints + g.permutationProducts() + 1);
        long[] points = Domains.ldePoints(logLength);
        int[] next = Domains.nextRowPositions(logLength, logBlowup);
        // x^n - 1 takes only 'blowup' values on the LDE coset; invert them once
        long[] zh = QuotientProgram.vanishing(g.logRows(), logBlowup, Domains.SHIFT);
        long[] zhInverse = zh.clone();
        Goldilocks.batchInverse(zhInverse);
        long nInverse = Goldilocks.inverse(g.rows());
        long[] q0 = new long[length];
        long[] q1 = new long[length];
        RoundChecks roundCheck = new RoundChecks(roundCheck(alphaPowers, Poseidon2Gate.INSTANCE),
                roundCheck(alphaPowers, MerkleLevelGate.INSTANCE));
        // scratch per pool thread, reused from block to block: the per-block loops allocate nothing
        ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(() -> new Scratch(block));
        IntStream.range(0, length / block).parallel().forEach(b -> {
            Scratch s = scratch.get();
            int from = b * block;
            Arrays.fill(s.acc0, 0);
            Arrays.fill(s.acc1, 0);
            gateTerms(s, from, alphaPowers, roundCheck);
            permutationTerms(s, from, points, next, zh, nInverse, alphaPowers, gateConstraints, beta, gamma);
            for (int i = 0; i < block; i++) {
                long zi = zhInverse[TwoAdicRoots.reverseBits(from + i, logLength) & ((1 << logBlowup) - 1)];
                q0[from + i] = Goldilocks.mul(s.acc0[i], zi);
                q1[from + i] = Goldilocks.mul(s.acc1[i], zi);
            }
        });
        return new long[][] {q0, q1};
    }

    /** One thread's arrays of a block's length: the accumulated quotient numerator and temporaries. */
    private static final class Scratch {
        final BlockAlgebra algebra;
        final long[] acc0;
        final long[] acc1;
        final long[] g0;
        final long[] g1;
        final ExtBlocks ext;
        final long[] roundCheck = Poseidon2RoundCheck.AVAILABLE ? Poseidon2RoundCheck.newBuffer() : null;
        final long[][] roundInput = new long[Poseidon2.WIDTH][];
        final long[][] roundStored = new long[Poseidon2RoundCheck.RESIDUALS][];
        final long[] zeros;
        final long[] ones;

        Scratch(int block) {
            zeros = new long[block];
            ones = new long[block];
            Arrays.fill(ones, 1);
            algebra = new BlockAlgebra(block);
            acc0 = new long[block];
            acc1 = new long[block];
            g0 = new long[block];
            g1 = new long[block];
            ext = new ExtBlocks(block);
        }
    }

    /** The round-check kernels of the Poseidon2 and Merkle level gates, each null where not used. */
    private record RoundChecks(Poseidon2RoundCheck poseidon2, Poseidon2RoundCheck merkleLevel) {
    }

    /**
     * The kernel of {@code gate} (Poseidon2 or Merkle level) with the alpha powers of its
     * permutation's residuals as weights, where the gate has a slot in this geometry and the
     * kernel can run on blocks of this size; otherwise null. The Merkle level gate's permutation
     * comes after its {@link MerkleLevelGate#ORDERING_CONSTRAINTS} and exposes 4 outputs of 12:
     * the other 8 residuals weigh 0.
     */
    private Poseidon2RoundCheck roundCheck(Ext2[] alphaPowers, Gate kind) {
        if (!Poseidon2RoundCheck.AVAILABLE || block % Poseidon2RoundCheck.lanes() != 0) {
            return null;
        }
        int alpha = 0;
        for (Gate gate : gates) {
            if (gate == kind && GateTerms.capacity(g, gate) == 1) {
                int first = gate == MerkleLevelGate.INSTANCE ? alpha + MerkleLevelGate.ORDERING_CONSTRAINTS : alpha;
                int weighted = gate == MerkleLevelGate.INSTANCE ? gate.constraints() - MerkleLevelGate.ORDERING_CONSTRAINTS
                        : gate.constraints();
                long[] w0 = new long[Poseidon2RoundCheck.RESIDUALS];
                long[] w1 = new long[Poseidon2RoundCheck.RESIDUALS];
                for (int k = 0; k < weighted; k++) {
                    w0[k] = alphaPowers[first + k].c0();
                    w1[k] = alphaPowers[first + k].c1();
                }
                return new Poseidon2RoundCheck(w0, w1);
            }
            alpha += GateTerms.capacity(g, gate) * gate.constraints();
        }
        return null;
    }

    private void gateTerms(Scratch s, int from, Ext2[] alphaPowers, RoundChecks roundCheck) {
        BlockAlgebra f = s.algebra;
        f.reset();
        int constantsOffset = 0;
        int selectorsOffset = g.constantColumns();
        long[] g0 = s.g0;
        long[] g1 = s.g1;
        Arrays.fill(g0, 0);
        Arrays.fill(g1, 0);
        long[] acc0 = s.acc0;
        long[] acc1 = s.acc1;
        GateTerms.Columns<long[]> columns = new GateTerms.Columns<>() {
            @Override
            public long[] copy(int column) {
                return slice(f, witnessLde, column, from);
            }

            @Override
            public long[] witness(int column) {
                return slice(f, witnessLde, g.copyColumns() + column, from);
            }

            @Override
            public long[] constant(int column) {
                return slice(f, setupLde, constantsOffset + column, from);
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
                long[] selector = slice(f, setupLde, selectorsOffset + gateIndex, from);
                Goldilocks.addProductBatch(acc0, selector, g0);
                Goldilocks.addProductBatch(acc1, selector, g1);
                Arrays.fill(g0, 0);
                Arrays.fill(g1, 0);
                f.reset();
            }

            @Override
            public boolean wholeGate(Gate gate, int firstAlpha) {
                // the kernels' weights are the alpha powers from the gate's first index on
                if (gate == Poseidon2Gate.INSTANCE && roundCheck.poseidon2() != null) {
                    poseidon2Terms(s, columns, roundCheck.poseidon2());
                    return true;
                }
                if (gate == MerkleLevelGate.INSTANCE && roundCheck.merkleLevel() != null) {
                    merkleLevelTerms(s, columns, firstAlpha, alphaPowers, roundCheck.merkleLevel());
                    return true;
                }
                return false;
            }
        });
    }

    /** The Poseidon2 gate's share of a block into {@code (g0, g1)}, by the round-check kernel. */
    private void poseidon2Terms(Scratch s, GateTerms.Columns<long[]> columns, Poseidon2RoundCheck roundCheck) {
        for (int i = 0; i < s.roundInput.length; i++) {
            s.roundInput[i] = columns.copy(i);
        }
        for (int k = 0; k < s.roundStored.length; k++) {
            int cell = Poseidon2Gate.storedCell(k);
            s.roundStored[k] = Poseidon2Gate.storedInWitness(k) ? columns.witness(cell) : columns.copy(cell);
        }
        roundCheck.sums(s.roundInput, s.roundStored, 0, block, s.g0, s.g1, s.roundCheck);
    }

    /**
     * The Merkle level gate's share of a block into {@code (g0, g1)}: its ordering constraints
     * through the block algebra, its permutation by the round-check kernel on the input
     * {@code (left, right, 0, 0, 0, 1)}, with the 8 unexposed outputs' residuals at weight 0.
     */
    private void merkleLevelTerms(Scratch s, GateTerms.Columns<long[]> columns, int firstAlpha, Ext2[] alphaPowers,
                                  Poseidon2RoundCheck roundCheck) {
        // the gate has one instance a row, at the row's first cells
        GateCells<long[]> cells = GateTerms.cells(columns, MerkleLevelGate.INSTANCE, 0);
        int[] alpha = {firstAlpha};
        MerkleLevelGate.orderingConstraints(s.algebra, cells, value -> {
            Goldilocks.addScaledBatch(s.g0, value, alphaPowers[alpha[0]].c0());
            Goldilocks.addScaledBatch(s.g1, value, alphaPowers[alpha[0]++].c1());
        });
        for (int i = 0; i < 8; i++) {
            s.roundInput[i] = columns.copy(MerkleLevelGate.LEFT + i);
        }
        for (int i = 0; i < 4; i++) {
            s.roundInput[8 + i] = MERKLE_CAPACITY[i] == 0 ? s.zeros : s.ones;
        }
        for (int k = 0; k < s.roundStored.length; k++) {
            int cell = Poseidon2Gate.storedCell(k);
            s.roundStored[k] = Poseidon2Gate.storedInWitness(k) ? columns.witness(cell)
                    : cell - Poseidon2.WIDTH < 4 ? columns.copy(MerkleLevelGate.DIGEST + cell - Poseidon2.WIDTH) : s.zeros;
        }
        roundCheck.sums(s.roundInput, s.roundStored, 0, block, s.g0, s.g1, s.roundCheck);
    }

    private static long[] slice(BlockAlgebra f, long[] column, int from) {
        long[] out = f.next();
        System.arraycopy(column, from, out, 0, out.length);
        return out;
    }

    private static long[] slice(BlockAlgebra f, QuotientDomainColumns matrix, int column, int from) {
        long[] out = f.next();
        matrix.read(column, from, out, out.length);
        return out;
    }

    /**
     * {@link PermutationArgument#terms} on a whole block, in the same order and with the same
     * alpha powers, on arrays: with {@code w}, {@code sigma} and {@code x} in the base field only
     * {@code beta}, {@code gamma} and the products are in the extension, so each factor is two
     * scaled base blocks and each product an {@link ExtBlocks} multiplication.
     */
    private void permutationTerms(Scratch s, int from, long[] points, int[] next, long[] zh, long nInverse,
                                  Ext2[] alphaPowers, int alphaOffset, Ext2 beta, Ext2 gamma) {
        BlockAlgebra f = s.algebra;
        f.reset();
        ExtBlocks e = s.ext;
        int m = g.permutationProducts();
        int sigmaOffset = g.constantColumns() + gates.size();
        long[] x = slice(f, points, from);
        // L_0(x) = (x^n - 1) / (n (x - 1))
        long[] l0 = f.next();
        for (int i = 0; i < block; i++) {
            l0[i] = Goldilocks.sub(x[i], 1);
        }
        Goldilocks.batchInverse(l0);
        for (int i = 0; i < block; i++) {
            long vanishing = zh[TwoAdicRoots.reverseBits(from + i, logLength) & ((1 << logBlowup) - 1)];
            l0[i] = Goldilocks.mul(Goldilocks.mul(vanishing, nInverse), l0[i]);
        }
        // term 0: L_0 (p_0 - 1)
        long[] t0 = f.next();
        long[] t1 = f.next();
        long[] p00 = slice(f, productsLde, 0, from);
        for (int i = 0; i < block; i++) {
            t0[i] = Goldilocks.mul(l0[i], Goldilocks.sub(p00[i], 1));
        }
        Goldilocks.mulBatch(l0, slice(f, productsLde, 1, from), t1);
        accumulate(s, alphaPowers[alphaOffset], t0, t1);

        long[] num0 = f.next();
        long[] num1 = f.next();
        long[] den0 = f.next();
        long[] den1 = f.next();
        long[] a0 = f.next();
        long[] a1 = f.next();
        long[] next0 = f.next();
        long[] next1 = f.next();
        for (int j = 0; j < m; j++) {
            PermutationArgument.chunkProducts(g, j, x, col -> slice(f, witnessLde, col, from),
                    col -> slice(f, setupLde, sigmaOffset + col, from), beta, gamma, num0, num1, den0, den1, e);
            if (j + 1 < m) {
                productsLde.read(2 * (j + 1), from, next0, block);
                productsLde.read(2 * (j + 1) + 1, from, next1, block);
            } else {
                for (int i = 0; i < block; i++) {
                    next0[i] = productsLde.get(0, next[from + i]);
                    next1[i] = productsLde.get(1, next[from + i]);
                }
            }
            // next * den - p_j * num, left in (den0, den1)
            e.mulInto(den0, den1, next0, next1);
            productsLde.read(2 * j, from, a0, block);
            productsLde.read(2 * j + 1, from, a1, block);
            e.mulInto(num0, num1, a0, a1);
            Goldilocks.subBatch(den0, num0, den0);
            Goldilocks.subBatch(den1, num1, den1);
            accumulate(s, alphaPowers[alphaOffset + 1 + j], den0, den1);
        }
    }

    /** {@code acc += alpha * (t0, t1)} in the extension. */
    private static void accumulate(Scratch s, Ext2 alpha, long[] t0, long[] t1) {
        Goldilocks.addScaledBatch(s.acc0, t0, alpha.c0());
        Goldilocks.addScaledBatch(s.acc0, t1, Goldilocks.mul(Ext2.W, alpha.c1()));
        Goldilocks.addScaledBatch(s.acc1, t1, alpha.c0());
        Goldilocks.addScaledBatch(s.acc1, t0, alpha.c1());
    }
}
