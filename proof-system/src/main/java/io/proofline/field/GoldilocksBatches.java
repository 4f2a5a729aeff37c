package io.proofline.field;

import jdk.incubator.vector.VectorSpecies;

/**
 * Vector loops behind the batch operations of {@link Goldilocks}. Each handles the longest
 * prefix that fills whole vectors and returns its length; the caller finishes the tail with
 * scalar code. Only loaded when {@link VectorSupport#PRESENT}.
 */
final class GoldilocksBatches {

    private static final VectorSpecies<Long> S = GoldilocksVectors.SPECIES;
    private static final int L = S.length();

    private GoldilocksBatches() {
    }

    // every loop goes through GoldilocksVectors' array helpers, never a method taking a vector:
    // see GoldilocksVectors.mulAt

    static int add(long[] a, long[] b, long[] out, int n) {
        int bound = S.loopBound(n);
        for (int i = 0; i < bound; i += L) {
            GoldilocksVectors.addAt(a, i, b, i, out, i);
        }
        return bound;
    }

    static int sub(long[] a, long[] b, long[] out, int n) {
        int bound = S.loopBound(n);
        for (int i = 0; i < bound; i += L) {
            GoldilocksVectors.subAt(a, i, b, i, out, i);
        }
        return bound;
    }

    static int scale(long[] a, long k, long[] out, int n) {
        int bound = S.loopBound(n);
        long[] kv = broadcast(k);
        for (int i = 0; i < bound; i += L) {
            GoldilocksVectors.mulAt(a, i, kv, 0, out, i);
        }
        return bound;
    }

    static int addScaled(long[] acc, long[] a, long k, int n) {
        int bound = S.loopBound(n);
        long[] kv = broadcast(k);
        long[] product = new long[L];
        for (int i = 0; i < bound; i += L) {
            GoldilocksVectors.mulAt(a, i, kv, 0, product, 0);
            GoldilocksVectors.addAt(acc, i, product, 0, acc, i);
        }
        return bound;
    }

    static int addProduct(long[] acc, long[] a, long[] b, int n) {
        int bound = S.loopBound(n);
        long[] product = new long[L];
        for (int i = 0; i < bound; i += L) {
            GoldilocksVectors.mulAt(a, i, b, i, product, 0);
            GoldilocksVectors.addAt(acc, i, product, 0, acc, i);
        }
        return bound;
    }

    /** Lane {@code l} of {@code lanes} gets the sum of the products at {@code i = l} modulo the vector length. */
    static int dot(long[] a, long[] b, int n, long[] lanes) {
        int bound = S.loopBound(n);
        long[] product = new long[L];
        java.util.Arrays.fill(lanes, 0, L, 0L);
        for (int i = 0; i < bound; i += L) {
            GoldilocksVectors.mulAt(a, i, b, i, product, 0);
            GoldilocksVectors.addAt(lanes, 0, product, 0, lanes, 0);
        }
        return bound;
    }

    private static long[] broadcast(long k) {
        long[] kv = new long[L];
        java.util.Arrays.fill(kv, k);
        return kv;
    }
}
