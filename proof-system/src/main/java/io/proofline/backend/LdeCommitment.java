package io.proofline.backend;

/**
 * What {@link ProverBackend#commit} returns: a coset LDE and the Merkle layers over its rows.
 *
 * @param lde column-major, as {@link io.proofline.ntt.Ntt#cosetLde} returns it
 * @param layers as {@link MerkleHasher#buildLayers} returns them: the row digests first, the cap last
 */
public record LdeCommitment(long[][] lde, long[][] layers) {
}
