package io.proofline.poseidon2;

import java.util.Arrays;

/**
 * The sponge and the two-to-one compression on {@link Poseidon2}.
 *
 * <p>Sponge: rate 8 (lanes 0..7), capacity 4 (lanes 8..11). The input length goes into lane 8
 * before absorbing, so inputs of different lengths never share a state; input chunks of up to 8
 * elements overwrite the rate lanes, one permutation per chunk. The digest is lanes 0..3.
 *
 * <p>Compression: {@code left || right} in lanes 0..7, lanes 8..10 zero and lane 11 set to 1, one
 * permutation, digest lanes 0..3. Lane 11 separates a node from a leaf hash only in the leaf's
 * first permutation, whose lane 11 is 0; that is its only one for rows of up to 8 elements. A
 * longer row's later permutations start from the previous output, so their capacity lanes
 * 8..11 are pseudo-random, and they match a node's input only if that output hits
 * {@code (0, 0, 0, 1)} there, a target of about 256 bits: for those rows the separation rests on
 * that, not on lane 11.
 *
 * <p>{@link #hashRows} and {@link #compressPairs} are the bulk forms the Merkle tree builder
 * needs: with the Vector API they run {@code Poseidon2Vectors.LANES} independent hashes side by
 * side, with results identical to the one-at-a-time methods.
 */
public final class Poseidon2Hash {

    public static final int RATE = 8;
    public static final int CAPACITY = 4;
    private static final int LENGTH_LANE = RATE;
    private static final int COMPRESS_DOMAIN_LANE = Poseidon2.WIDTH - 1;

    private Poseidon2Hash() {
    }

    /** Hashes a sequence of field elements to a digest. */
    public static Digest hash(long[] input) {
        return hash(input, 0, input.length);
    }

    public static Digest hash(long[] input, int offset, int length) {
        long[] state = new long[Poseidon2.WIDTH];
        hashInto(input, offset, length, state);
        return Digest.fromArray(state, 0);
    }

    /** Hashes into a caller-provided 12-element scratch state; the digest is left in lanes 0..3. */
    public static void hashInto(long[] input, int offset, int length, long[] state) {
        Arrays.fill(state, 0);
        state[LENGTH_LANE] = length;
        if (length == 0) {
            Poseidon2.permute(state);
            return;
        }
        for (int pos = 0; pos < length; pos += RATE) {
            int chunk = Math.min(RATE, length - pos);
            System.arraycopy(input, offset + pos, state, 0, chunk);
            Poseidon2.permute(state);
        }
    }

    /** Two-to-one compression of Merkle nodes. */
    public static Digest compress(Digest left, Digest right) {
        long[] state = new long[Poseidon2.WIDTH];
        left.intoArray(state, 0);
        right.intoArray(state, Digest.ELEMENTS);
        state[COMPRESS_DOMAIN_LANE] = 1;
        Poseidon2.permute(state);
        return Digest.fromArray(state, 0);
    }

    /**
     * Compresses the digests at {@code src[4*l..]} and {@code src[4*r..]} into {@code dst[4*d..]}:
     * the array form the tree builder uses, with a caller-provided scratch state.
     */
    public static void compressInto(long[] src, int left, int right, long[] dst, int d, long[] state) {
        System.arraycopy(src, 4 * left, state, 0, 4);
        System.arraycopy(src, 4 * right, state, 4, 4);
        state[8] = 0;
        state[9] = 0;
        state[10] = 0;
        state[COMPRESS_DOMAIN_LANE] = 1;
        Poseidon2.permute(state);
        System.arraycopy(state, 0, dst, 4 * d, 4);
    }

    /** Reads {@code length} elements of a column, from a row on, into an array: a matrix wherever it lives. */
    @FunctionalInterface
    public interface ColumnReader {
        void read(int column, int row, long[] dst, int dstFrom, int length);
    }

    /**
     * Hashes rows {@code [from, to)} of a column-major matrix (row {@code r} is
     * {@code columns[c][r]} for all {@code c}), as {@link #hash} would each row, writing the
     * digest of row {@code r} to {@code out[4r .. 4r + 4)}.
     */
    public static void hashRows(long[][] columns, int from, int to, long[] out) {
        hashRows(columns.length, (c, r, dst, d, length) -> System.arraycopy(columns[c], r, dst, d, length), from, to, out);
    }

    /** {@link #hashRows(long[][], int, int, long[])} for a matrix of {@code width} columns read through {@code columns}. */
    public static void hashRows(int width, ColumnReader columns, int from, int to, long[] out) {
        int r = from;
        if (Poseidon2.BATCHED) {
            int lanes = Poseidon2Vectors.LANES;
            long[] buffer = Poseidon2Vectors.newBuffer();
            for (; r + lanes <= to; r += lanes) {
                // lane-major: element c of the state of row r + l is buffer[c * lanes + l]
                Arrays.fill(buffer, 0, Poseidon2.WIDTH * lanes, 0);
                Arrays.fill(buffer, LENGTH_LANE * lanes, (LENGTH_LANE + 1) * lanes, width);
                int pos = 0;
                do {
                    int chunk = Math.min(RATE, width - pos);
                    for (int c = 0; c < chunk; c++) {
                        columns.read(pos + c, r, buffer, c * lanes, lanes);
                    }
                    Poseidon2Vectors.permute(buffer);
                    pos += RATE;
                } while (pos < width);
                for (int l = 0; l < lanes; l++) {
                    for (int j = 0; j < Digest.ELEMENTS; j++) {
                        out[4 * (r + l) + j] = buffer[j * lanes + l];
                    }
                }
            }
        }
        long[] row = new long[width];
        long[] state = new long[Poseidon2.WIDTH];
        for (; r < to; r++) {
            for (int c = 0; c < width; c++) {
                columns.read(c, r, row, c, 1);
            }
            hashInto(row, 0, width, state);
            System.arraycopy(state, 0, out, 4 * r, 4);
        }
    }

    /**
     * For each {@code i} in {@code [from, to)}, compresses the digests at {@code children[8i ..
     * 8i + 4)} and {@code children[8i + 4 .. 8i + 8)} into {@code parents[4i .. 4i + 4)}, as
     * {@link #compress} would: one layer of a Merkle tree.
     */
    public static void compressPairs(long[] children, int from, int to, long[] parents) {
        int i = from;
        if (Poseidon2.BATCHED) {
            int lanes = Poseidon2Vectors.LANES;
            long[] buffer = Poseidon2Vectors.newBuffer();
            for (; i + lanes <= to; i += lanes) {
                for (int l = 0; l < lanes; l++) {
                    for (int j = 0; j < 2 * Digest.ELEMENTS; j++) {
                        buffer[j * lanes + l] = children[8 * (i + l) + j];
                    }
                }
                Arrays.fill(buffer, 2 * Digest.ELEMENTS * lanes, COMPRESS_DOMAIN_LANE * lanes, 0);
                Arrays.fill(buffer, COMPRESS_DOMAIN_LANE * lanes, Poseidon2.WIDTH * lanes, 1);
                Poseidon2Vectors.permute(buffer);
                for (int l = 0; l < lanes; l++) {
                    for (int j = 0; j < Digest.ELEMENTS; j++) {
                        parents[4 * (i + l) + j] = buffer[j * lanes + l];
                    }
                }
            }
        }
        long[] state = new long[Poseidon2.WIDTH];
        for (; i < to; i++) {
            compressInto(children, 2 * i, 2 * i + 1, parents, i, state);
        }
    }
}
