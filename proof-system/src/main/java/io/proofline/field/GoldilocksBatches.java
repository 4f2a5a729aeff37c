package io.proofline.field;

import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector loops behind the batch operations of {@link Goldilocks}. Each handles the longest
 * prefix that fills whole vectors and returns its length; the caller finishes the tail with
 * scalar code. Only loaded when {@link VectorSupport#PRESENT}.
 */
final class GoldilocksBatches {

    private static final VectorSpecies<Long> S = GoldilocksVectors.SPECIES;

    private GoldilocksBatches() {
    }

    static int add(long[] a, long[] b, long[] out, int n) {
        int bound = S.loopBound(n);
        for (int i = 0; i < bound; i += S.length()) {
            GoldilocksVectors.add(LongVector.fromArray(S, a, i), LongVector.fromArray(S, b, i)).intoArray(out, i);
        }
        return bound;
    }

    static int sub(long[] a, long[] b, long[] out, int n) {
        int bound = S.loopBound(n);
        for (int i = 0; i < bound; i += S.length()) {
            GoldilocksVectors.sub(LongVector.fromArray(S, a, i), LongVector.fromArray(S, b, i)).intoArray(out, i);
        }
        return bound;
    }

    static int scale(long[] a, long k, long[] out, int n) {
        int bound = S.loopBound(n);
        LongVector kv = LongVector.broadcast(S, k);
        for (int i = 0; i < bound; i += S.length()) {
            GoldilocksVectors.mul(LongVector.fromArray(S, a, i), kv).intoArray(out, i);
        }
        return bound;
    }

    static int addScaled(long[] acc, long[] a, long k, int n) {
        int bound = S.loopBound(n);
        LongVector kv = LongVector.broadcast(S, k);
        for (int i = 0; i < bound; i += S.length()) {
            LongVector product = GoldilocksVectors.mul(LongVector.fromArray(S, a, i), kv);
            GoldilocksVectors.add(LongVector.fromArray(S, acc, i), product).intoArray(acc, i);
        }
        return bound;
    }

    static int addProduct(long[] acc, long[] a, long[] b, int n) {
        int bound = S.loopBound(n);
        for (int i = 0; i < bound; i += S.length()) {
            LongVector product = GoldilocksVectors.mul(LongVector.fromArray(S, a, i), LongVector.fromArray(S, b, i));
            GoldilocksVectors.add(LongVector.fromArray(S, acc, i), product).intoArray(acc, i);
        }
        return bound;
    }

    /** Lane {@code l} of {@code lanes} gets the sum of the products at {@code i = l} modulo the vector length. */
    static int dot(long[] a, long[] b, int n, long[] lanes) {
        int bound = S.loopBound(n);
        LongVector sum = LongVector.zero(S);
        for (int i = 0; i < bound; i += S.length()) {
            sum = GoldilocksVectors.add(sum, GoldilocksVectors.mul(LongVector.fromArray(S, a, i), LongVector.fromArray(S, b, i)));
        }
        sum.intoArray(lanes, 0);
        return bound;
    }
}
