package io.proofline.circuits.l2;

import io.proofline.poseidon2.Digest;

/** The public facts of a sealed batch, and their commitment (the batch proof's statement). */
public record BatchHeader(long chainId, long batchNumber, Digest preStateRoot, Digest postStateRoot,
                          Digest txCommitment, Digest withdrawalsCommitment) {

    public Digest commitment() {
        return Commitments.batch(chainId, batchNumber, preStateRoot, postStateRoot, txCommitment, withdrawalsCommitment);
    }
}
