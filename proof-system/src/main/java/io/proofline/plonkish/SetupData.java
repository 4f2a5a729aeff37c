package io.proofline.plonkish;

import io.proofline.backend.ColumnMatrix;
import io.proofline.merkle.MerkleTree;

/**
 * The prover's fixed data for one circuit: the setup columns on the trace domain, their
 * coefficients, their low-degree extension and its Merkle tree. Written to disk by
 * {@link SetupCodec} as the columns alone; the rest is recomputed from them (on a
 * {@link StoredSetup}'s first use) and checked against the verification key's cap.
 *
 * @param lde off heap, freed when the setup is no longer reachable
 */
public record SetupData(VerificationKey key, long[][] columns, long[][] coefficients, ColumnMatrix lde, MerkleTree tree) {
}
