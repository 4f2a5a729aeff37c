package io.proofline.plonkish;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.proofline.backend.ProverBackend;
import io.proofline.field.Goldilocks;
import io.proofline.field.RandomElements;
import io.proofline.field.TwoAdicRoots;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The quotient's pieces from its values on as many cosets of the trace domain as it has pieces. */
class QuotientPiecesTests {

    private static final ProverBackend JAVA = ProverBackend.java();
    private final SplittableRandom rnd = new SplittableRandom(21);

    private long[] random(int n) {
        return RandomElements.elements(rnd, n);
    }

    @Test
    void piecesComeBackFromTheFirstBlocksOfTheCoset() {
        // {log n, pieces, log2 of the coset over n}: degree-4 and degree-8 constraints, a
        // whole coset, a single piece, and a coset larger than the pieces need
        for (int[] shape : new int[][] {{3, 3, 2}, {10, 3, 2}, {6, 7, 3}, {6, 4, 2}, {5, 1, 1}, {5, 3, 3}}) {
            int n = 1 << shape[0];
            int k = shape[1];
            int logBlowup = shape[2];
            long[][] pieces = new long[2 * k][];
            for (int i = 0; i < pieces.length; i++) {
                pieces[i] = random(n);
            }
            // Q = sum_j x^(j n) Q_j: its coefficients are the pieces one after another
            long[][] q = new long[2][n << logBlowup];
            for (int j = 0; j < k; j++) {
                System.arraycopy(pieces[2 * j], 0, q[0], j * n, n);
                System.arraycopy(pieces[2 * j + 1], 0, q[1], j * n, n);
            }
            JAVA.ntt().cosetForwardBatch(q, Domains.SHIFT);
            long[][] values = new long[2][];
            for (int c = 0; c < 2; c++) {
                TwoAdicRoots.bitReverse(q[c]);
                values[c] = Arrays.copyOf(q[c], k * n);
            }
            assertArrayEquals(pieces, QuotientPieces.split(JAVA, values, shape[0], logBlowup), Arrays.toString(shape));
        }
    }

    @Test
    void otherValuesOrShapesAreRefused() {
        long[][] values = {random(3 * 8), random(3 * 8)};
        // three blocks of 8 need a coset of at least 4 blocks; 20 values are no whole blocks; one component
        assertThrows(IllegalArgumentException.class, () -> QuotientPieces.split(JAVA, values, 3, 1));
        assertThrows(IllegalArgumentException.class, () -> QuotientPieces.split(JAVA, new long[][] {random(20), random(20)}, 3, 2));
        assertThrows(IllegalArgumentException.class, () -> QuotientPieces.split(JAVA, new long[][] {random(24)}, 3, 2));
        assertThrows(IllegalArgumentException.class, () -> QuotientPieces.split(JAVA, new long[0][], 3, 2));
        assertThrows(IllegalArgumentException.class, () -> QuotientPieces.split(JAVA, new long[][] {random(24), random(16)}, 3, 2));
    }

    @Test
    void theInverseVandermondeInvertsAndRefusesRepeatedNodes() {
        long[] nodes = random(5);
        long[][] inverse = QuotientPieces.inverseVandermonde(nodes);
        for (int b = 0; b < nodes.length; b++) {
            for (int c = 0; c < nodes.length; c++) {
                // (V V^-1)[b][c] = sum_j nodes[b]^j inverse[j][c]
                long sum = 0;
                for (int j = 0; j < nodes.length; j++) {
                    sum = Goldilocks.add(sum, Goldilocks.mul(Goldilocks.pow(nodes[b], j), inverse[j][c]));
                }
                assertEquals(b == c ? 1 : 0, sum, "row " + b + ", column " + c);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> QuotientPieces.inverseVandermonde(new long[] {3, 5, 3}));
    }
}
