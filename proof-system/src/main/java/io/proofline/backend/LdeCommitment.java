package io.proofline.backend;

/**
 * What {@link ProverBackend#commit} returns: a coset LDE and the Merkle layers over its rows.
 *
 * @param lde the extension off heap, in the caller's arena; its columns as
 *     {@link io.proofline.ntt.Ntt#cosetLde} returns them
 * @param layers as {@link MerkleHasher#buildLayers} returns them: the row digests first, the cap last
 */
public record LdeCommitment(ColumnMatrix lde, long[][] layers) {

    /**
     * The checks of {@link ProverBackend#commit} that are its own, before any work; each back end
     * makes them, and the extension checks the columns and the blowup.
     *
     * @throws IllegalArgumentException for no columns or a negative {@code logCap}
     */
    public static void checkArguments(long[][] coefficients, int logCap) {
        if (coefficients.length == 0) {
            throw new IllegalArgumentException("a Merkle tree needs at least one column");
        }
        if (logCap < 0) {
            throw new IllegalArgumentException("cap log size must not be negative, got " + logCap);
        }
    }
}
