package io.proofline.backend;

import io.proofline.field.Goldilocks;
import java.util.List;
import java.util.stream.IntStream;

/**
 * {@link ProverBackend#combineColumns} on the heap's batch kernels (the Java back end's), and the
 * checks every back end makes.
 */
public final class ColumnSums {

    /** Rows per parallel block: columns are streamed through it one at a time. */
    private static final int BLOCK = 1 << 12;

    private ColumnSums() {
    }

    /**
     * The checks of {@link ProverBackend#combineColumns}, before any work.
     *
     * @return the rows of every matrix
     */
    public static int check(List<ColumnMatrix> matrices, int[] columns, long[] weights0, long[] weights1) {
        if (matrices.isEmpty() || matrices.size() != columns.length) {
            throw new IllegalArgumentException(matrices.size() + " matrices with " + columns.length + " column counts");
        }
        int rows = matrices.get(0).rows();
        long total = 0;
        for (int i = 0; i < columns.length; i++) {
            ColumnMatrix m = matrices.get(i);
            if (m.rows() != rows) {
                throw new IllegalArgumentException("matrices of " + rows + " and " + m.rows() + " rows");
            }
            if (columns[i] < 0 || columns[i] > m.columns()) {
                throw new IllegalArgumentException(columns[i] + " columns of a matrix of " + m.columns());
            }
            total += columns[i];
        }
        if (weights0.length != total || weights1.length != total) {
            throw new IllegalArgumentException(total + " columns, " + weights0.length + " and " + weights1.length + " weights");
        }
        return rows;
    }

    /** The sums, {@code {c0, c1}}, after {@link #check}. */
    public static long[][] combine(List<ColumnMatrix> matrices, int[] columns, long[] weights0, long[] weights1) {
        int rows = check(matrices, columns, weights0, weights1);
        long[] out0 = new long[rows];
        long[] out1 = new long[rows];
        int block = Math.min(rows, BLOCK);
        IntStream.range(0, rows / block).parallel().forEach(b -> {
            int from = b * block;
            long[] s0 = new long[block];
            long[] s1 = new long[block];
            long[] values = new long[block];
            int k = 0;
            for (int i = 0; i < columns.length; i++) {
                for (int c = 0; c < columns[i]; c++, k++) {
                    matrices.get(i).read(c, from, values, block);
                    Goldilocks.addScaledBatch(s0, values, weights0[k]);
                    Goldilocks.addScaledBatch(s1, values, weights1[k]);
                }
            }
            System.arraycopy(s0, 0, out0, from, block);
            System.arraycopy(s1, 0, out1, from, block);
        });
        return new long[][] {out0, out1};
    }
}
