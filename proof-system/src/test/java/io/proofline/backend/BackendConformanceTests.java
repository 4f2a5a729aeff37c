package io.proofline.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.proofline.field.Ext2;
import io.proofline.field.Goldilocks;
import io.proofline.field.RandomElements;
import io.proofline.field.TwoAdicRoots;
import io.proofline.fri.CosetFolding;
import io.proofline.poseidon2.Digest;
import io.proofline.poseidon2.Poseidon2Hash;
import java.lang.foreign.Arena;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ProverBackend} must satisfy, checked against the definitions rather than
 * against another backend. Native back ends extend this class with their own
 * {@link #backend()}.
 */
abstract class BackendConformanceTests {

    private final SplittableRandom rnd = new SplittableRandom(99);

    abstract ProverBackend backend();

    private long[] random(int n) {
        return RandomElements.elements(rnd, n);
    }

    @Test
    void lowDegreeExtensionEvaluatesThePolynomials() {
        int logN = 6;
        int logBlowup = 2;
        long shift = Goldilocks.GENERATOR;
        long[][] coefficients = {random(1 << logN), random(1 << logN), random(1 << logN)};
        long[][] lde = backend().ntt().cosetLde(coefficients, logBlowup, shift);
        int logLength = logN + logBlowup;
        long w = TwoAdicRoots.rootOfUnity(logLength);
        for (int c = 0; c < coefficients.length; c++) {
            assertEquals(1 << logLength, lde[c].length);
            for (int j = 0; j < lde[c].length; j += 7) {
                long x = Goldilocks.mul(shift, Goldilocks.pow(w, TwoAdicRoots.reverseBits(j, logLength)));
                assertEquals(horner(coefficients[c], x), lde[c][j], "column " + c + " position " + j);
            }
        }
    }

    @Test
    void cosetEvaluationsAreTheValuesOnOneCoset() {
        int logN = 6;
        long shift = Goldilocks.mul(Goldilocks.GENERATOR, TwoAdicRoots.rootOfUnity(logN + 3));
        long[][] coefficients = {random(1 << logN), random(1 << logN)};
        long w = TwoAdicRoots.rootOfUnity(logN);
        try (Arena arena = Arena.ofShared()) {
            ColumnMatrix values = backend().cosetEvaluations(coefficients, shift, arena);
            long[][] heap = backend().ntt().cosetEvaluations(coefficients, shift);
            assertEquals(1 << logN, values.rows());
            for (int c = 0; c < coefficients.length; c++) {
                for (int j = 0; j < 1 << logN; j++) {
                    long x = Goldilocks.mul(shift, Goldilocks.pow(w, TwoAdicRoots.reverseBits(j, logN)));
                    assertEquals(horner(coefficients[c], x), values.get(c, j), "column " + c + " position " + j);
                    assertEquals(values.get(c, j), heap[c][j], "column " + c + " position " + j);
                }
            }
            assertThrows(IllegalArgumentException.class,
                    () -> backend().cosetEvaluations(new long[][] {random(8), random(4)}, shift, arena));
            assertThrows(IllegalArgumentException.class, () -> backend().cosetEvaluations(new long[0][], shift, arena));
        }
    }

    @Test
    void columnSumsWeighEachColumnOnce() {
        // two matrices, the second used in part; rows below and above a parallel block
        for (int rows : new int[] {1, 8, 1 << 13}) {
            try (Arena arena = Arena.ofShared()) {
                ColumnMatrix a = ColumnMatrix.copyOf(arena, new long[][] {random(rows), random(rows), random(rows)});
                ColumnMatrix b = ColumnMatrix.copyOf(arena, new long[][] {random(rows), random(rows)});
                long[] w0 = random(4);
                long[] w1 = random(4);
                long[][] sums = backend().combineColumns(List.of(a, b), new int[] {3, 1}, w0, w1);
                for (int r = 0; r < rows; r += Math.max(1, rows / 64)) {
                    long[] row = {a.get(0, r), a.get(1, r), a.get(2, r), b.get(0, r)};
                    Ext2 expected = Ext2.ZERO;
                    for (int k = 0; k < 4; k++) {
                        expected = expected.add(new Ext2(w0[k], w1[k]).mul(row[k]));
                    }
                    assertEquals(expected, new Ext2(sums[0][r], sums[1][r]), rows + " rows, row " + r);
                }
                assertThrows(IllegalArgumentException.class,
                        () -> backend().combineColumns(List.of(a, b), new int[] {3, 3}, random(6), random(6)));
                assertThrows(IllegalArgumentException.class,
                        () -> backend().combineColumns(List.of(a), new int[] {2}, random(3), random(3)));
                assertThrows(IllegalArgumentException.class, () -> backend().combineColumns(List.of(), new int[0],
                        new long[0], new long[0]));
            }
        }
    }

    @Test
    void rowHashesAreSpongeHashesOfRows() {
        for (int width : new int[] {1, 8, 9, 16, 33}) {
            int rows = 37;
            long[][] columns = new long[width][];
            for (int c = 0; c < width; c++) {
                columns[c] = random(rows);
            }
            long[] digests = backend().merkleHasher().hashRows(columns);
            for (int r = 0; r < rows; r++) {
                long[] row = new long[width];
                for (int c = 0; c < width; c++) {
                    row[c] = columns[c][r];
                }
                assertArrayEquals(Poseidon2Hash.hash(row).toArray(), Digest.fromArray(digests, 4 * r).toArray(),
                        "width " + width + " row " + r);
            }
        }
    }

    @Test
    void treeLayersCompressPairs() {
        long[] leaves = random(4 * 64);
        long[][] layers = backend().merkleHasher().buildLayers(leaves, 2);
        assertEquals(5, layers.length);
        for (int k = 1; k < layers.length; k++) {
            for (int i = 0; i < layers[k].length / 4; i++) {
                Digest expected = Poseidon2Hash.compress(Digest.fromArray(layers[k - 1], 8 * i),
                        Digest.fromArray(layers[k - 1], 8 * i + 4));
                assertEquals(expected, Digest.fromArray(layers[k], 4 * i));
            }
        }
    }

    @Test
    void foldingMatchesTheCosetDefinition() {
        for (int logArity = 1; logArity <= 4; logArity++) {
            int cosets = 16;
            long[] c0 = random(cosets << logArity);
            long[] c1 = random(cosets << logArity);
            long[] xInv = random(cosets);
            Ext2 beta = new Ext2(rnd.nextLong(1 << 30), rnd.nextLong(1 << 30));
            long[][] folded = backend().friFolder().fold(c0, c1, xInv, logArity, beta);
            for (int j = 0; j < cosets; j++) {
                long[] expected = CosetFolding.foldCoset(c0, c1, j << logArity, xInv[j], logArity, beta);
                assertEquals(expected[0], folded[0][j]);
                assertEquals(expected[1], folded[1][j]);
            }
        }
    }

    private static long horner(long[] coefficients, long x) {
        long acc = 0;
        for (int i = coefficients.length - 1; i >= 0; i--) {
            acc = Goldilocks.add(Goldilocks.mul(acc, x), coefficients[i]);
        }
        return acc;
    }
}
