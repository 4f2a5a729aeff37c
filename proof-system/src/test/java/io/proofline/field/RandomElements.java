package io.proofline.field;

import java.util.SplittableRandom;

/** Random canonical Goldilocks elements for tests, drawn in order from the caller's generator. */
public final class RandomElements {

    private RandomElements() {
    }

    /** {@code n} elements. */
    public static long[] elements(SplittableRandom rnd, int n) {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = Goldilocks.canonical(rnd.nextLong());
        }
        return out;
    }

    /** {@code columns} columns of {@code n} elements, one column after another. */
    public static long[][] columns(SplittableRandom rnd, int columns, int n) {
        long[][] out = new long[columns][];
        for (int c = 0; c < columns; c++) {
            out[c] = elements(rnd, n);
        }
        return out;
    }
}
