package io.proofline.ntt;

import io.proofline.field.Goldilocks;
import io.proofline.field.TwoAdicRoots;
import java.util.stream.IntStream;

/**
 * Batched number-theoretic transforms over many columns of the same power-of-two length.
 *
 * <p>Columns are {@code long[]} of canonical Goldilocks elements (column-major layout). All
 * columns of one call must have the same power-of-two length (length 1 is allowed), otherwise
 * an {@link IllegalArgumentException} is thrown; an empty column array is a no-op. Outputs are
 * canonical and bit-identical to the textbook definitions. The defaults are correct for any
 * {@link #forwardBatch}; implementations override them for speed.
 */
public interface Ntt {

    /**
     * In place, every column: coefficients in natural order to evaluations in natural order,
     * {@code out[i] = f(w^i)} with {@code w = TwoAdicRoots.rootOfUnity(log2 n)}.
     */
    void forwardBatch(long[][] columns);

    /** In place inverse of {@link #forwardBatch}: evaluations to coefficients, including the 1/n scaling. */
    default void inverseBatch(long[][] columns) {
        int logN = Columns.logLength(columns);
        if (logN < 0) {
            return;
        }
        // forward(forward(c))[k] = n * c[-k mod n]
        forwardBatch(columns);
        int n = 1 << logN;
        long nInv = Goldilocks.inverse(n);
        for (long[] col : columns) {
            col[0] = Goldilocks.mul(col[0], nInv);
            for (int i = 1, j = n - 1; i <= j; i++, j--) {
                long t = Goldilocks.mul(col[i], nInv);
                col[i] = Goldilocks.mul(col[j], nInv);
                col[j] = t;
            }
        }
    }

    /**
     * {@link #inverseBatch} into new arrays: the coefficients of columns given by their values,
     * which are left as they were.
     */
    default long[][] interpolate(long[][] evaluations) {
        // a column per pool thread: 130 columns of 2^20 are 1 GB to copy
        long[][] coefficients = new long[evaluations.length][];
        IntStream.range(0, evaluations.length).parallel().forEach(i -> coefficients[i] = evaluations[i].clone());
        inverseBatch(coefficients);
        return coefficients;
    }

    /** In place: coefficients in natural order to evaluations at {@code shift * w^i}, natural order. */
    default void cosetForwardBatch(long[][] columns, long shift) {
        if (Columns.logLength(columns) < 0) {
            return;
        }
        for (long[] col : columns) {
            Columns.mulPowers(col, shift);
        }
        forwardBatch(columns);
    }

    /**
     * Coset low-degree extension. Input: coefficient columns of length {@code n} (not modified).
     * Output: new columns of length {@code n << logBlowup} holding {@code f(shift * W^rev(j))}
     * at position {@code j}, where {@code W = rootOfUnity(log2(n) + logBlowup)} and {@code rev}
     * reverses {@code log2(n) + logBlowup} bits. In this bit-reversed order every aligned block
     * of {@code 2^k} positions is a coset of the order-{@code 2^k} subgroup, which FRI relies on.
     *
     * @throws IllegalArgumentException unless {@code 1 <= logBlowup <= 10}
     */
    default long[][] cosetLde(long[][] coefficients, int logBlowup, long shift) {
        int logN = Columns.logLength(coefficients);
        int logLde = Columns.extendedLog(Math.max(logN, 0), logBlowup);
        if (logN < 0) {
            return new long[0][];
        }
        int n = 1 << logN;
        long[][] out = new long[coefficients.length][1 << logLde];
        for (int c = 0; c < out.length; c++) {
            System.arraycopy(coefficients[c], 0, out[c], 0, n);
        }
        cosetForwardBatch(out, shift);
        for (long[] col : out) {
            TwoAdicRoots.bitReverse(col);
        }
        return out;
    }

    /**
     * The values of coefficient columns of length {@code n} (not modified) on the coset
     * {@code shift * H} of the order-{@code n} subgroup, in bit-reversed order: one block of
     * {@link #cosetLde}, for a coset that no extension by a power of two holds alone.
     */
    default long[][] cosetEvaluations(long[][] coefficients, long shift) {
        if (Columns.logLength(coefficients) < 0) {
            return new long[0][];
        }
        long[][] out = new long[coefficients.length][];
        for (int c = 0; c < out.length; c++) {
            out[c] = coefficients[c].clone();
        }
        cosetForwardBatch(out, shift);
        for (long[] col : out) {
            TwoAdicRoots.bitReverse(col);
        }
        return out;
    }

    /**
     * As {@link #cosetLde}, but starting from evaluations on the order-{@code n} subgroup in
     * natural order (not modified): an inverse transform, then the extension.
     */
    default long[][] cosetLdeFromEvaluations(long[][] evaluations, int logBlowup, long shift) {
        int logN = Columns.logLength(evaluations);
        Columns.extendedLog(Math.max(logN, 0), logBlowup);
        long[][] coefficients = new long[evaluations.length][];
        for (int c = 0; c < coefficients.length; c++) {
            coefficients[c] = evaluations[c].clone();
        }
        inverseBatch(coefficients);
        return cosetLde(coefficients, logBlowup, shift);
    }
}
