package io.proofline.ntt;

import io.proofline.field.Goldilocks;
import io.proofline.field.TwoAdicRoots;

/** Argument checks and small helpers shared by {@link Ntt}'s defaults and {@link JavaNtt}. */
final class Columns {

    static final int MAX_LOG_BLOWUP = 10;
    /** Java arrays hold at most 2^31 - 1 elements, so the largest power of two is 2^30. */
    static final int MAX_LOG_LENGTH = 30;

    private Columns() {
    }

    /**
     * The common {@code log2} length of the columns, or {@code -1} when there are none.
     *
     * @throws IllegalArgumentException if a length is not a power of two or lengths differ
     */
    static int logLength(long[][] columns) {
        if (columns.length == 0) {
            return -1;
        }
        int n = column(columns, 0).length;
        if (Integer.bitCount(n) != 1) {
            throw new IllegalArgumentException("column length must be a power of two, got " + n);
        }
        for (int i = 1; i < columns.length; i++) {
            if (column(columns, i).length != n) {
                throw new IllegalArgumentException("all columns must have the same length: column 0 has "
                        + n + " elements, column " + i + " has " + columns[i].length);
            }
        }
        return Integer.numberOfTrailingZeros(n);
    }

    private static long[] column(long[][] columns, int i) {
        if (columns[i] == null) {
            throw new IllegalArgumentException("column " + i + " is null");
        }
        return columns[i];
    }

    /** Validates a low-degree-extension request and returns {@code log2} of the extended length. */
    static int extendedLog(int logN, int logBlowup) {
        if (logBlowup < 1 || logBlowup > MAX_LOG_BLOWUP) {
            throw new IllegalArgumentException(
                    "logBlowup must be in [1, " + MAX_LOG_BLOWUP + "], got " + logBlowup);
        }
        int logLde = logN + logBlowup;
        if (logLde > MAX_LOG_LENGTH) {
            throw new IllegalArgumentException("extended length 2^" + logLde
                    + " exceeds the largest supported column, 2^" + MAX_LOG_LENGTH);
        }
        return logLde;
    }

    /**
     * The coset generator of LDE block {@code block}: positions {@code [block n, (block+1) n)}
     * of the bit-reversed extension hold {@code shift * W^rev(block)} times the order-n subgroup.
     */
    static long blockShift(long shift, int logN, int logBlowup, int block) {
        long w = TwoAdicRoots.rootOfUnity(logN + logBlowup);
        return Goldilocks.mul(shift, Goldilocks.pow(w, TwoAdicRoots.reverseBits(block, logBlowup)));
    }

    /** {@code a[i] *= g^i}. */
    static void mulPowers(long[] a, long g) {
        long acc = Goldilocks.ONE;
        for (int i = 0; i < a.length; i++) {
            a[i] = Goldilocks.mul(a[i], acc);
            acc = Goldilocks.mul(acc, g);
        }
    }
}
