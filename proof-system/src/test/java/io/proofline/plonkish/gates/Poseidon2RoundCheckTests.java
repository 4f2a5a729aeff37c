package io.proofline.plonkish.gates;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.proofline.field.Goldilocks;
import io.proofline.poseidon2.Poseidon2;
import io.proofline.poseidon2.Poseidon2RoundCheck;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The quotient's Poseidon2 kernel against the gate's own constraints through {@link BaseAlgebra},
 * point by point: same weighted sums on random cells (nothing satisfied), on honest cells
 * (all residuals zero) and on honest cells with one stored value changed.
 */
class Poseidon2RoundCheckTests {

    private static final int W = Poseidon2.WIDTH;
    private static final int K = Poseidon2RoundCheck.RESIDUALS;

    private final SplittableRandom rnd = new SplittableRandom(11);

    @Test
    void kernelSumsEqualTheGateConstraintsWeighted() {
        assumeTrue(Poseidon2RoundCheck.AVAILABLE, "no Vector API batches here");
        assertEquals(Poseidon2Gate.INSTANCE.constraints(), K);
        int points = 4 * Poseidon2RoundCheck.lanes();
        long[][] copy = new long[2 * W][points];
        long[][] witness = new long[Poseidon2Gate.WITNESS_CELLS][points];
        for (int p = 0; p < points; p++) {
            long[] input = new long[W];
            for (int i = 0; i < W; i++) {
                input[i] = random();
            }
            // a quarter of the points hold random cells, the rest an honest permutation, some with one cell changed
            long[] cells = p % 4 == 0 ? null : Poseidon2Gate.resolve(input);
            for (int i = 0; i < W; i++) {
                copy[i][p] = input[i];
            }
            for (int c = 0; c < Poseidon2Gate.WITNESS_CELLS + W; c++) {
                long v = cells == null ? random() : cells[c];
                if (c < Poseidon2Gate.WITNESS_CELLS) {
                    witness[c][p] = v;
                } else {
                    copy[c - Poseidon2Gate.WITNESS_CELLS + W][p] = v;
                }
            }
            if (p % 4 == 2) {
                witness[p % Poseidon2Gate.WITNESS_CELLS][p] = Goldilocks.add(witness[p % Poseidon2Gate.WITNESS_CELLS][p], 1);
            }
            if (p % 4 == 3) {
                copy[W + p % W][p] = Goldilocks.add(copy[W + p % W][p], 1);
            }
        }
        long[] w0 = new long[K];
        long[] w1 = new long[K];
        for (int k = 0; k < K; k++) {
            w0[k] = random();
            w1[k] = random();
        }

        long[][] stored = new long[K][];
        for (int k = 0; k < K; k++) {
            int cell = Poseidon2Gate.storedCell(k);
            stored[k] = Poseidon2Gate.storedInWitness(k) ? witness[cell] : copy[cell];
        }
        long[] out0 = new long[points];
        long[] out1 = new long[points];
        long[] start = new long[points];
        for (int p = 0; p < points; p++) {
            start[p] = random();
            out0[p] = start[p];
        }
        new Poseidon2RoundCheck(w0, w1).sums(java.util.Arrays.copyOf(copy, W), stored, 0, points, out0, out1,
                Poseidon2RoundCheck.newBuffer());

        long[] expected0 = new long[points];
        long[] expected1 = new long[points];
        for (int p = 0; p < points; p++) {
            long[] sums = {start[p], 0};
            int[] k = {0};
            Poseidon2Gate.INSTANCE.evaluate(BaseAlgebra.INSTANCE, new ArrayCells(at(copy, p), at(witness, p)), value -> {
                sums[0] = Goldilocks.add(sums[0], Goldilocks.mul(value, w0[k[0]]));
                sums[1] = Goldilocks.add(sums[1], Goldilocks.mul(value, w1[k[0]]));
                k[0]++;
            });
            assertEquals(K, k[0]);
            expected0[p] = sums[0];
            expected1[p] = sums[1];
            if (p % 4 == 1) {
                // honest cells: every residual vanishes, the sums add nothing
                assertEquals(start[p], sums[0]);
                assertEquals(0, sums[1]);
            } else {
                assertEquals(false, sums[1] == 0, "a wrong cell must show at point " + p);
            }
        }
        assertArrayEquals(expected0, out0);
        assertArrayEquals(expected1, out1);
    }

    /** Point {@code point} of column-major cells: one instance's cells. */
    private static long[] at(long[][] columns, int point) {
        long[] cells = new long[columns.length];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = columns[i][point];
        }
        return cells;
    }

    @Test
    void rejectsWrongShapes() {
        assumeTrue(Poseidon2RoundCheck.AVAILABLE, "no Vector API batches here");
        assertThrows(IllegalArgumentException.class, () -> new Poseidon2RoundCheck(new long[K - 1], new long[K]));
        long[] notCanonical = new long[K];
        notCanonical[3] = -1;
        assertThrows(IllegalArgumentException.class, () -> new Poseidon2RoundCheck(new long[K], notCanonical));
        Poseidon2RoundCheck check = new Poseidon2RoundCheck(new long[K], new long[K]);
        int odd = Poseidon2RoundCheck.lanes() + 1;
        assertThrows(IllegalArgumentException.class, () -> check.sums(new long[W][odd], new long[K][odd], 0, odd,
                new long[odd], new long[odd], Poseidon2RoundCheck.newBuffer()));
    }

    private long random() {
        return Goldilocks.canonical(rnd.nextLong());
    }
}
