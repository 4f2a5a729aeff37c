package io.proofline.backend;

/** Leaf hashing and Merkle tree building, the hashing half of a commitment. */
public interface MerkleHasher {

    /**
     * Hashes every row of a column-major matrix with the Poseidon2 sponge.
     *
     * @param columns equal-length columns; row {@code r} is {@code columns[c][r]} for all {@code c}
     * @return {@code 4 * rows} elements: the digest of row {@code r} at {@code [4r, 4r+4)}
     */
    long[] hashRows(long[][] columns);

    /** {@link #hashRows(long[][])} of a matrix off heap, where the prover keeps its extensions. */
    long[] hashRows(ColumnMatrix matrix);

    /**
     * Builds the layers of a Merkle tree from its leaf digests, up to the cap.
     *
     * @param leafDigests {@code 4 * 2^logLeaves} elements
     * @param logCap log2 of the number of cap digests, at most {@code logLeaves}
     * @return layer {@code k} (0 = leaves) at index {@code k}: {@code 4 * 2^(logLeaves - k)}
     *     elements where node {@code i} of layer {@code k+1} compresses nodes {@code 2i, 2i+1} of
     *     layer {@code k}; the last layer is the cap
     */
    long[][] buildLayers(long[] leafDigests, int logCap);

    /**
     * The number of layers {@link #buildLayers} returns, leaves to cap, after checking its
     * arguments as every back end must.
     *
     * @throws IllegalArgumentException for a leaf count that is not a power of two or a cap
     *     larger than the leaves
     */
    static int layerCount(long[] leafDigests, int logCap) {
        int leaves = leafDigests.length / 4;
        if (leafDigests.length % 4 != 0 || Integer.bitCount(leaves) != 1) {
            throw new IllegalArgumentException("leaf count must be a power of two, got " + leafDigests.length / 4.0);
        }
        int logLeaves = Integer.numberOfTrailingZeros(leaves);
        if (logCap < 0 || logCap > logLeaves) {
            throw new IllegalArgumentException("cap log size " + logCap + " outside [0, " + logLeaves + "]");
        }
        return logLeaves - logCap + 1;
    }
}
