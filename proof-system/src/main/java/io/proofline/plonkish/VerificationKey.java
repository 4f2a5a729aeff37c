package io.proofline.plonkish;

import io.proofline.fri.FriParameters;
import io.proofline.merkle.MerkleCap;
import io.proofline.plonkish.gates.Gate;
import io.proofline.poseidon2.Digest;
import io.proofline.poseidon2.Poseidon2Hash;
import java.util.List;

/**
 * What a verifier needs to check proofs of one circuit: its geometry, the FRI parameters, the
 * gate kinds (selector order), the public-input rows, and the Merkle cap of the setup columns.
 * Its {@link #commitment()} is the Poseidon2 hash of its canonical encoding.
 */
public record VerificationKey(Geometry geometry, FriParameters fri, List<Gate> gates, int[] publicInputRows,
                              MerkleCap setupCap) {

    public VerificationKey {
        gates = List.copyOf(gates);
        publicInputRows = publicInputRows.clone();
    }

    @Override
    public int[] publicInputRows() {
        return publicInputRows.clone();
    }

    public int publicInputCount() {
        return publicInputRows.length;
    }

    /** Number of setup columns: constants, then one selector per gate, then one sigma per copy column. */
    public int setupColumns() {
        return geometry.constantColumns() + gates.size() + geometry.copyColumns();
    }

    /** The key's commitment: the Poseidon2 hash of its canonical encoding's words. */
    public Digest commitment() {
        return Poseidon2Hash.hash(VerificationKeyCodec.canonicalWords(this));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VerificationKey k && commitment().equals(k.commitment());
    }

    @Override
    public int hashCode() {
        return commitment().hashCode();
    }
}
