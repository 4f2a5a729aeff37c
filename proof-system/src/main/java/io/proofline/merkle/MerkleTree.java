package io.proofline.merkle;

import io.proofline.backend.ColumnMatrix;
import io.proofline.backend.MerkleHasher;
import io.proofline.poseidon2.Digest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * A Merkle tree over the rows of a column-major matrix, keeping the matrix for openings.
 * Leaf {@code r} commits to row {@code r}; the tree stops at a cap of {@code 2^logCap} roots
 * (fewer when the matrix has fewer rows).
 */
public final class MerkleTree {

    /** Row {@code r} of the committed matrix, wherever the matrix lives. */
    private final IntFunction<long[]> rows;
    private final int width;
    private final long[][] layers;
    private final int logRows;

    private MerkleTree(IntFunction<long[]> rows, int width, long[][] layers, int logRows) {
        this.rows = rows;
        this.width = width;
        this.layers = layers;
        this.logRows = logRows;
    }

    /**
     * Commits to the rows of {@code columns}; the tree keeps a reference to them.
     *
     * @throws IllegalArgumentException if the row count is not a power of two
     */
    public static MerkleTree build(long[][] columns, int logCap, MerkleHasher hasher) {
        int logRows = logRows(columns);
        if (logCap < 0) {
            throw new IllegalArgumentException("cap log size must not be negative, got " + logCap);
        }
        long[] leaves = hasher.hashRows(columns);
        long[][] layers = hasher.buildLayers(leaves, Math.min(logCap, logRows));
        return new MerkleTree(r -> heapRow(columns, r), columns.length, layers, logRows);
    }

    /**
     * The tree of an off-heap matrix from layers already built over its rows, as
     * {@link io.proofline.backend.ProverBackend#commit} returns them; the tree keeps a reference
     * to the matrix, which must outlive it.
     *
     * @throws IllegalArgumentException if the row count is not a power of two or the layers do
     *     not halve from one digest per row
     */
    public static MerkleTree of(ColumnMatrix matrix, long[][] layers) {
        int rows = matrix.rows();
        if (Integer.bitCount(rows) != 1) {
            throw new IllegalArgumentException("row count must be a power of two, got " + rows);
        }
        int logRows = Integer.numberOfTrailingZeros(rows);
        if (layers.length == 0 || layers.length > logRows + 1) {
            throw new IllegalArgumentException(layers.length + " layers for " + rows + " rows");
        }
        for (int k = 0; k < layers.length; k++) {
            if (layers[k].length != 4 * (rows >>> k)) {
                throw new IllegalArgumentException("layer " + k + " holds " + layers[k].length + " elements, not "
                        + 4 * (rows >>> k));
            }
        }
        return new MerkleTree(matrix::row, matrix.columns(), layers, logRows);
    }

    /** log2 of the row count, checked: at least one column, a power of two of rows. */
    private static int logRows(long[][] columns) {
        if (columns.length == 0) {
            throw new IllegalArgumentException("a Merkle tree needs at least one column");
        }
        int rows = columns[0].length;
        if (Integer.bitCount(rows) != 1) {
            throw new IllegalArgumentException("row count must be a power of two, got " + rows);
        }
        return Integer.numberOfTrailingZeros(rows);
    }

    public int rows() {
        return 1 << logRows;
    }

    public int width() {
        return width;
    }

    public MerkleCap cap() {
        return MerkleCap.fromLayer(layers[layers.length - 1]);
    }

    public long[] row(int index) {
        checkIndex(index);
        return rows.apply(index);
    }

    private static long[] heapRow(long[][] columns, int index) {
        long[] row = new long[columns.length];
        for (int c = 0; c < columns.length; c++) {
            row[c] = columns[c][index];
        }
        return row;
    }

    /** The authentication path of one leaf. */
    public MerklePath path(int index) {
        checkIndex(index);
        List<Digest> siblings = new ArrayList<>(layers.length - 1);
        int node = index;
        for (int k = 0; k < layers.length - 1; k++) {
            siblings.add(Digest.fromArray(layers[k], 4 * (node ^ 1)));
            node >>>= 1;
        }
        return new MerklePath(siblings);
    }

    /** Opens several leaves; duplicate indices are opened once. */
    public BatchOpening openBatch(int[] requested) {
        int[] indices = Arrays.stream(requested).sorted().distinct().toArray();
        long[][] rows = new long[indices.length][];
        for (int i = 0; i < indices.length; i++) {
            rows[i] = row(indices[i]);
        }
        List<Digest> siblings = new ArrayList<>();
        int[] known = indices;
        for (int k = 0; k < layers.length - 1; k++) {
            int[] parents = new int[known.length];
            int count = 0;
            for (int i = 0; i < known.length; i++) {
                int node = known[i];
                boolean pairedWithNext = (node & 1) == 0 && i + 1 < known.length && known[i + 1] == node + 1;
                if (pairedWithNext) {
                    i++;
                } else {
                    siblings.add(Digest.fromArray(layers[k], 4 * (node ^ 1)));
                }
                parents[count++] = node >>> 1;
            }
            known = Arrays.copyOf(parents, count);
        }
        return new BatchOpening(indices, rows, siblings);
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= rows()) {
            throw new IndexOutOfBoundsException("leaf " + index + " of a tree with " + rows() + " leaves");
        }
    }
}
