package io.proofline.merkle;

import io.proofline.poseidon2.Digest;
import java.util.List;

/**
 * An opening of several leaves of one tree at once. Siblings that the verifier can compute from
 * the opened leaves are left out, so paths that meet are paid for once.
 *
 * <p>Immutable: the arrays are copied in and out (rows deeply), so a caller that edits what it
 * got, e.g. to build a tampered opening, cannot change this one.
 *
 * @param indices the opened leaf indices, strictly increasing
 * @param rows the opened rows, one per index
 * @param siblings the remaining siblings, layer by layer from the leaves up, and within a layer
 *     in increasing node order
 */
public record BatchOpening(int[] indices, long[][] rows, List<Digest> siblings) {

    public BatchOpening {
        indices = indices.clone();
        rows = deepCopy(rows);
        siblings = List.copyOf(siblings);
        if (indices.length != rows.length) {
            throw new IllegalArgumentException(indices.length + " indices but " + rows.length + " rows");
        }
    }

    @Override
    public int[] indices() {
        return indices.clone();
    }

    @Override
    public long[][] rows() {
        return deepCopy(rows);
    }

    /** Opened row {@code i}, a copy; cheaper than {@link #rows()} when rows are read one by one. */
    public long[] row(int i) {
        return rows[i].clone();
    }

    /** Number of opened leaves. */
    public int size() {
        return indices.length;
    }

    private static long[][] deepCopy(long[][] rows) {
        long[][] copy = new long[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            copy[i] = rows[i].clone();
        }
        return copy;
    }
}
