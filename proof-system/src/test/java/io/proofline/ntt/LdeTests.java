package io.proofline.ntt;

import static io.proofline.ntt.NttTests.copy;
import static io.proofline.ntt.NttTests.evaluate;
import static io.proofline.ntt.NttTests.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.field.Goldilocks;
import io.proofline.field.TwoAdicRoots;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The bit-reversed coset low-degree extension against direct polynomial evaluation. */
class LdeTests {

    private static final long SHIFT = Goldilocks.GENERATOR;

    private static final List<Ntt> IMPLEMENTATIONS = List.of(
            new JavaNtt(), new JavaNtt(1), new JavaNtt(3), new JavaNtt(2, false), new DefaultsOnly());

    private static final class DefaultsOnly implements Ntt {
        private final Ntt forward = new JavaNtt(2);

        @Override
        public void forwardBatch(long[][] columns) {
            forward.forwardBatch(columns);
        }
    }

    /** Checks {@code samples} random positions j (plus both ends) against f(shift * W^rev(j)). */
    private static void assertLde(long[][] coefficients, long[][] lde, int logBlowup, long shift, int samples,
            SplittableRandom rnd) {
        int logN = Integer.numberOfTrailingZeros(coefficients[0].length);
        int logLde = logN + logBlowup;
        long w = TwoAdicRoots.rootOfUnity(logLde);
        assertEquals(coefficients.length, lde.length);
        for (int c = 0; c < lde.length; c++) {
            assertEquals(1 << logLde, lde[c].length);
            for (int k = 0; k < samples + 2; k++) {
                int j = k == 0 ? 0 : k == 1 ? lde[c].length - 1 : rnd.nextInt(lde[c].length);
                long x = Goldilocks.mul(shift, Goldilocks.pow(w, TwoAdicRoots.reverseBits(j, logLde)));
                assertEquals(evaluate(coefficients[c], x), lde[c][j],
                        "logN=" + logN + " logBlowup=" + logBlowup + " column " + c + " j=" + j);
            }
        }
    }

    @Test
    void extensionMatchesDirectEvaluation() {
        SplittableRandom rnd = new SplittableRandom(11);
        int[][] cases = {{0, 1}, {1, 1}, {2, 3}, {3, 1}, {4, 3}, {6, 1}, {6, 3}, {8, 3}, {10, 1}, {12, 1}, {13, 3}};
        for (int[] tc : cases) {
            long[][] coefficients = random(rnd, 2, 1 << tc[0]);
            long[][] before = copy(coefficients);
            for (Ntt ntt : IMPLEMENTATIONS) {
                long[][] lde = ntt.cosetLde(coefficients, tc[1], SHIFT);
                assertLde(coefficients, lde, tc[1], SHIFT, 40, rnd);
                assertTrue(java.util.Arrays.deepEquals(before, coefficients), "input modified");
            }
        }
    }

    @Test
    void largestBlowupOnSmallColumns() {
        SplittableRandom rnd = new SplittableRandom(12);
        for (int logN : new int[] {0, 2, 4, 6}) {
            long[][] coefficients = random(rnd, 2, 1 << logN);
            for (Ntt ntt : IMPLEMENTATIONS) {
                assertLde(coefficients, ntt.cosetLde(coefficients, 10, SHIFT), 10, SHIFT, 60, rnd);
            }
        }
    }

    @Test
    void alignedBlocksAreCosetsOfSubgroups() {
        // extending f(x) = x lists the points themselves; FRI folding relies on this structure
        long[] identity = new long[64];
        identity[1] = 1;
        long[] points = new JavaNtt().cosetLde(new long[][] {identity}, 3, SHIFT)[0];
        long w4 = TwoAdicRoots.rootOfUnity(2);
        for (int j = 0; j < points.length; j += 4) {
            assertEquals(Goldilocks.neg(points[j]), points[j + 1]);
            assertEquals(Goldilocks.mul(points[j], w4), points[j + 2]);
            assertEquals(Goldilocks.neg(points[j + 2]), points[j + 3]);
        }
    }

    @Test
    void fromEvaluationsEqualsFromCoefficients() {
        SplittableRandom rnd = new SplittableRandom(14);
        for (int logN : new int[] {0, 1, 3, 6, 9, 12}) {
            long[][] coefficients = random(rnd, 3, 1 << logN);
            long[][] evaluations = copy(coefficients);
            new JavaNtt().forwardBatch(evaluations);
            long[][] before = copy(evaluations);
            for (Ntt ntt : IMPLEMENTATIONS) {
                for (int logBlowup : new int[] {1, 3}) {
                    long[][] expected = ntt.cosetLde(coefficients, logBlowup, SHIFT);
                    long[][] actual = ntt.cosetLdeFromEvaluations(evaluations, logBlowup, SHIFT);
                    for (int c = 0; c < 3; c++) {
                        assertArrayEquals(expected[c], actual[c], "logN=" + logN);
                    }
                }
                assertTrue(java.util.Arrays.deepEquals(before, evaluations), "input modified");
            }
        }
    }

    @Test
    void rejectsBadBlowupAndLengths() {
        long[][] columns = {new long[8]};
        for (Ntt ntt : IMPLEMENTATIONS) {
            for (int bad : new int[] {0, -1, 11}) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> ntt.cosetLde(columns, bad, SHIFT));
                assertTrue(e.getMessage().contains("logBlowup"), e.getMessage());
                assertThrows(IllegalArgumentException.class, () -> ntt.cosetLdeFromEvaluations(columns, bad, SHIFT));
            }
            assertThrows(IllegalArgumentException.class,
                    () -> ntt.cosetLde(new long[][] {new long[8], new long[4]}, 1, SHIFT));
            assertThrows(IllegalArgumentException.class, () -> ntt.cosetLde(new long[][] {new long[6]}, 1, SHIFT));
            assertEquals(0, ntt.cosetLde(new long[0][], 2, SHIFT).length);
            assertEquals(0, ntt.cosetLdeFromEvaluations(new long[0][], 2, SHIFT).length);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new JavaNtt(1).cosetLde(new long[][] {new long[1 << 21]}, 10, SHIFT));
        assertTrue(e.getMessage().contains("exceeds"), e.getMessage());
    }
}
