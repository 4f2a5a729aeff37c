package io.proofline.plonkish;

import io.proofline.backend.ColumnMatrix;
import io.proofline.backend.Interpolation;
import io.proofline.backend.LdeCommitment;
import io.proofline.field.Goldilocks;
import io.proofline.field.TwoAdicRoots;
import io.proofline.merkle.MerkleTree;
import java.lang.foreign.Arena;
import java.util.List;

/**
 * Key generation: synthesizes a circuit's fixed columns (constants, selectors, copy-permutation
 * sigmas), extends and commits them, and derives the verification key.
 *
 * <p>Copy cell {@code (i, r)} is identified by {@code k_i * w^r} with {@code k_i = 7^i}: the
 * cosets {@code 7^i * H} are disjoint because 7 generates the whole multiplicative group. The
 * sigma column {@code i} holds, at row {@code r}, the identifier of the next cell in its cycle.
 */
public final class Setup {

    private Setup() {
    }

    public static SetupData generate(Circuit circuit, ProverConfig config) {
        return commit(circuit.geometry(), config, circuit.gates(), circuit.publicInputRows(), fixedColumns(circuit));
    }

    /**
     * The circuit's setup columns on the trace domain, without extending or committing them:
     * constants, then one selector per gate, then one sigma per copy column.
     */
    static long[][] fixedColumns(Circuit circuit) {
        TraceLayout layout = TraceLayout.of(circuit);
        long[][] constants = layout.constantColumns();
        long[][] selectors = layout.selectorColumns();
        long[][] sigmas = sigmaColumns(circuit.geometry(), layout.copyPermutation());
        long[][] columns = new long[constants.length + selectors.length + sigmas.length][];
        System.arraycopy(constants, 0, columns, 0, constants.length);
        System.arraycopy(selectors, 0, columns, constants.length, selectors.length);
        System.arraycopy(sigmas, 0, columns, constants.length + selectors.length, sigmas.length);
        return columns;
    }

    /**
     * Extends and commits given setup columns; used by generation, by loading from disk, and by
     * tests that build a setup which does not match its circuit, to show that it is refused.
     *
     * @throws IllegalArgumentException if the config requests more than the field allows at this size
     */
    public static SetupData commit(Geometry g, ProverConfig config, List<io.proofline.plonkish.gates.Gate> gates,
                                   int[] publicInputRows, long[][] columns) {
        int limit = Soundness.fieldLimitBits(g);
        if (config.securityBits() > limit) {
            throw new IllegalArgumentException("requested " + config.securityBits() + " bits of conjectured security, but the"
                    + " extension field allows at most " + limit + " at 2^" + g.logRows() + " rows of this geometry");
        }
        // a setup is kept and shared between proofs: its extensions are freed with it, by the GC
        Arena kept = Arena.ofAuto();
        Interpolation interpolation = config.backend().commitEvaluations(columns, config.fri().logBlowup(), Domains.SHIFT,
                config.fri().logCapSize(), kept, () -> { });
        long[][] coefficients = interpolation.coefficients();
        LdeCommitment made = interpolation.commitment();
        ColumnMatrix lde = made.lde();
        MerkleTree tree = MerkleTree.of(lde, made.layers());
        VerificationKey key = new VerificationKey(g, config.fri(), gates, publicInputRows, tree.cap());
        // the same for every proof, so made once rather than per proof
        List<ColumnMatrix> quotientCosets = Domains.quotientCosets(config.backend(), coefficients, g, config.fri().logBlowup(), kept);
        return new SetupData(key, columns, coefficients, lde, tree, quotientCosets);
    }

    private static final long[] COLUMN_SHIFTS = TwoAdicRoots.powers(Goldilocks.GENERATOR, 256);

    /** {@code k_i = 7^i}, the coset representative of copy column {@code i}. */
    static long columnShift(int column) {
        return COLUMN_SHIFTS[column];
    }

    private static long[][] sigmaColumns(Geometry g, int[] next) {
        int n = g.rows();
        long[] omegaPowers = TwoAdicRoots.powers(g.logRows());
        long[][] sigmas = new long[g.copyColumns()][n];
        for (int c = 0; c < next.length; c++) {
            int target = next[c];
            sigmas[c / n][c % n] = Goldilocks.mul(columnShift(target / n), omegaPowers[target % n]);
        }
        return sigmas;
    }
}
