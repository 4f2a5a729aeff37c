package io.proofline.ntt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.field.Goldilocks;
import io.proofline.field.TwoAdicRoots;
import io.proofline.field.VectorSupport;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Forward, inverse and coset transforms against the textbook definitions. */
class NttTests {

    private static final List<Ntt> IMPLEMENTATIONS = List.of(
            new JavaNtt(), new JavaNtt(1), new JavaNtt(3), new JavaNtt(2, false), new DefaultsOnly());

    /** Exercises the interface's default methods on top of JavaNtt's forward transform. */
    private static final class DefaultsOnly implements Ntt {
        private final Ntt forward = new JavaNtt(2);

        @Override
        public void forwardBatch(long[][] columns) {
            forward.forwardBatch(columns);
        }
    }

    static long[][] random(SplittableRandom rnd, int columns, int n) {
        long[][] out = new long[columns][n];
        for (long[] col : out) {
            for (int i = 0; i < n; i++) {
                col[i] = rnd.nextInt(8) == 0 ? Goldilocks.P - 1 - rnd.nextLong(4) : Goldilocks.canonical(rnd.nextLong());
            }
        }
        return out;
    }

    static long[][] copy(long[][] columns) {
        long[][] out = new long[columns.length][];
        for (int c = 0; c < columns.length; c++) {
            out[c] = columns[c].clone();
        }
        return out;
    }

    /** Horner evaluation of the coefficients at {@code x}. */
    static long evaluate(long[] coefficients, long x) {
        long acc = 0;
        for (int j = coefficients.length - 1; j >= 0; j--) {
            acc = Goldilocks.add(Goldilocks.mul(acc, x), coefficients[j]);
        }
        return acc;
    }

    /** O(n^2) evaluation at {@code shift * w^i}. */
    static long[] naive(long[] coefficients, long shift) {
        int n = coefficients.length;
        long w = TwoAdicRoots.rootOfUnity(Integer.numberOfTrailingZeros(n));
        long[] out = new long[n];
        long x = shift;
        for (int i = 0; i < n; i++) {
            out[i] = evaluate(coefficients, x);
            x = Goldilocks.mul(x, w);
        }
        return out;
    }

    @Test
    void forwardMatchesNaiveDft() {
        SplittableRandom rnd = new SplittableRandom(1);
        for (int n : new int[] {1, 2, 4, 8, 16, 32, 64, 128, 256, 1024}) {
            long[][] coefficients = random(rnd, 3, n);
            for (Ntt ntt : IMPLEMENTATIONS) {
                long[][] columns = copy(coefficients);
                ntt.forwardBatch(columns);
                for (int c = 0; c < columns.length; c++) {
                    assertArrayEquals(naive(coefficients[c], 1), columns[c], "n=" + n + " column " + c);
                }
            }
        }
    }

    @Test
    void largeTransformsAgreeWithEvaluationAtSamples() {
        // one column on two threads and two on three are split inside the transform, two on two by column
        SplittableRandom rnd = new SplittableRandom(2);
        int[][] shapes = {{2, 1}, {3, 2}, {2, 2}};
        for (int logN : new int[] {12, 15, 16, 17}) {
            int n = 1 << logN;
            long w = TwoAdicRoots.rootOfUnity(logN);
            for (int[] shape : shapes) {
                Ntt ntt = new JavaNtt(shape[0]);
                long[][] coefficients = random(rnd, shape[1], n);
                long shift = Goldilocks.canonical(rnd.nextLong()) | 1;
                long[][] plain = copy(coefficients);
                long[][] coset = copy(coefficients);
                ntt.forwardBatch(plain);
                ntt.cosetForwardBatch(coset, shift);
                for (int k = 0; k < 12; k++) {
                    int i = k < 4 ? new int[] {0, 1, n / 2, n - 1}[k] : rnd.nextInt(n);
                    long x = Goldilocks.pow(w, i);
                    for (int c = 0; c < shape[1]; c++) {
                        String where = "logN=" + logN + " threads=" + shape[0] + " i=" + i;
                        assertEquals(evaluate(coefficients[c], x), plain[c][i], where);
                        assertEquals(evaluate(coefficients[c], Goldilocks.mul(shift, x)), coset[c][i], where);
                    }
                }
            }
        }
    }

    @Test
    void inverseUndoesForward() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int logN = 0; logN <= 16; logN++) {
            int columns = logN <= 12 ? 5 : 2;
            long[][] original = random(rnd, columns, 1 << logN);
            for (Ntt ntt : IMPLEMENTATIONS) {
                if (logN > 13 && ntt instanceof DefaultsOnly) {
                    continue;
                }
                long[][] work = copy(original);
                ntt.forwardBatch(work);
                ntt.inverseBatch(work);
                for (int c = 0; c < columns; c++) {
                    assertArrayEquals(original[c], work[c], "logN=" + logN + " " + ntt);
                }
            }
        }
    }

    @Test
    void inverseMatchesNaiveInterpolation() {
        SplittableRandom rnd = new SplittableRandom(4);
        for (int n : new int[] {1, 2, 8, 64, 512}) {
            long[][] evaluations = random(rnd, 2, n);
            for (Ntt ntt : IMPLEMENTATIONS) {
                long[][] coefficients = copy(evaluations);
                ntt.inverseBatch(coefficients);
                for (int c = 0; c < 2; c++) {
                    assertArrayEquals(evaluations[c], naive(coefficients[c], 1), "n=" + n);
                }
            }
        }
    }

    @Test
    void cosetForwardMatchesShiftedEvaluation() {
        SplittableRandom rnd = new SplittableRandom(5);
        long shift = Goldilocks.GENERATOR;
        for (int n : new int[] {1, 2, 8, 64, 256, 2048}) {
            long[][] coefficients = random(rnd, 2, n);
            long randomShift = Goldilocks.canonical(rnd.nextLong()) | 1;
            for (Ntt ntt : IMPLEMENTATIONS) {
                for (long s : new long[] {shift, randomShift}) {
                    long[][] columns = copy(coefficients);
                    ntt.cosetForwardBatch(columns, s);
                    for (int c = 0; c < 2; c++) {
                        assertArrayEquals(naive(coefficients[c], s), columns[c], "n=" + n);
                    }
                }
            }
        }
    }

    @Test
    void vectorAndScalarPathsAgree() {
        if (!VectorSupport.PRESENT) {
            return;
        }
        SplittableRandom rnd = new SplittableRandom(6);
        Ntt vector = new JavaNtt(2, true);
        Ntt scalar = new JavaNtt(2, false);
        for (int logN : new int[] {3, 6, 7, 10, 15, 16, 18}) {
            long[][] input = random(rnd, 2, 1 << logN);
            long[][] a = copy(input);
            long[][] b = copy(input);
            vector.forwardBatch(a);
            scalar.forwardBatch(b);
            assertTrue(java.util.Arrays.deepEquals(a, b), "forward logN=" + logN);
            vector.inverseBatch(a);
            scalar.inverseBatch(b);
            assertTrue(java.util.Arrays.deepEquals(a, b), "inverse logN=" + logN);
            if (logN <= 16) {
                assertTrue(java.util.Arrays.deepEquals(vector.cosetLde(input, 2, 7), scalar.cosetLde(input, 2, 7)),
                        "lde logN=" + logN);
            }
        }
    }

    @Test
    void rejectsBadInput() {
        Ntt ntt = new JavaNtt(2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ntt.forwardBatch(new long[][] {new long[3]}));
        assertTrue(e.getMessage().contains("power of two"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ntt.forwardBatch(new long[][] {new long[0]}));
        e = assertThrows(IllegalArgumentException.class,
                () -> ntt.inverseBatch(new long[][] {new long[8], new long[16]}));
        assertTrue(e.getMessage().contains("same length"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ntt.cosetForwardBatch(new long[][] {new long[4], new long[2]}, 7));
        assertThrows(IllegalArgumentException.class, () -> new JavaNtt(0));
        for (Ntt impl : IMPLEMENTATIONS) {
            impl.forwardBatch(new long[0][]);
            impl.inverseBatch(new long[0][]);
            impl.cosetForwardBatch(new long[0][], 7);
        }
    }
}
