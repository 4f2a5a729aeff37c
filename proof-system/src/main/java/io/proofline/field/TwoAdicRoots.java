package io.proofline.field;

/**
 * Roots of unity of power-of-two order, derived from the multiplicative generator 7.
 *
 * <p>{@code rootOfUnity(k)} generates the subgroup of order {@code 2^k}: it is
 * {@code 7^((p-1)/2^k)}, so {@code rootOfUnity(k)^2 = rootOfUnity(k-1)}.
 */
public final class TwoAdicRoots {

    private static final long[] ROOTS = new long[Goldilocks.TWO_ADICITY + 1];

    static {
        ROOTS[Goldilocks.TWO_ADICITY] = Goldilocks.pow(Goldilocks.GENERATOR, (Goldilocks.P - 1) >>> Goldilocks.TWO_ADICITY);
        for (int k = Goldilocks.TWO_ADICITY - 1; k >= 0; k--) {
            ROOTS[k] = Goldilocks.square(ROOTS[k + 1]);
        }
    }

    private TwoAdicRoots() {
    }

    /** A primitive {@code 2^logN}-th root of unity. */
    public static long rootOfUnity(int logN) {
        if (logN < 0 || logN > Goldilocks.TWO_ADICITY) {
            throw new IllegalArgumentException(
                    "log2 of the order must be in [0, " + Goldilocks.TWO_ADICITY + "], got " + logN);
        }
        return ROOTS[logN];
    }

    /** {@code [1, w, w^2, ..., w^(n-1)]} for {@code w = rootOfUnity(logN)}, {@code n = 2^logN}. */
    public static long[] powers(int logN) {
        return powers(rootOfUnity(logN), 1 << logN);
    }

    /** {@code [1, g, g^2, ..., g^(count-1)]}. */
    public static long[] powers(long g, int count) {
        long[] out = new long[count];
        long acc = Goldilocks.ONE;
        for (int i = 0; i < count; i++) {
            out[i] = acc;
            acc = Goldilocks.mul(acc, g);
        }
        return out;
    }

    /** Reverses the low {@code logN} bits of {@code i}. */
    public static int reverseBits(int i, int logN) {
        return logN == 0 ? 0 : Integer.reverse(i) >>> (32 - logN);
    }

    /** Permutes {@code values} (of length {@code 2^logN}) into bit-reversed order in place. */
    public static void bitReverse(long[] values) {
        int n = values.length;
        int logN = Integer.numberOfTrailingZeros(n);
        if (Integer.bitCount(n) != 1) {
            throw new IllegalArgumentException("length must be a power of two, got " + n);
        }
        for (int i = 0; i < n; i++) {
            int j = reverseBits(i, logN);
            if (i < j) {
                long t = values[i];
                values[i] = values[j];
                values[j] = t;
            }
        }
    }
}
