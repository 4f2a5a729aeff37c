package io.proofline.circuits.aggregation;

import io.proofline.plonkish.CircuitBuilder;
import io.proofline.plonkish.Variable;
import io.proofline.poseidon2.Digest;

/**
 * What an {@link InnerProofCheck} established: the inner proof's public inputs and the
 * commitment of the verification key it verified under.
 */
public record CheckedProof(Variable[] publicInputs, Variable[] keyCommitment) {

    public CheckedProof {
        publicInputs = publicInputs.clone();
        keyCommitment = keyCommitment.clone();
        if (keyCommitment.length != Digest.ELEMENTS) {
            throw new IllegalArgumentException("a key commitment has " + Digest.ELEMENTS + " elements, got " + keyCommitment.length);
        }
    }

    @Override
    public Variable[] publicInputs() {
        return publicInputs.clone();
    }

    @Override
    public Variable[] keyCommitment() {
        return keyCommitment.clone();
    }

    /** Checks one inner proof with {@code check} and requires the number of public inputs its circuit has. */
    static CheckedProof of(InnerProofCheck check, CircuitBuilder b, int publicInputs, String what) {
        CheckedProof p = check.check(b);
        if (p.publicInputs.length != publicInputs) {
            throw new IllegalArgumentException(what + " has " + publicInputs + " public inputs, the check returned "
                    + p.publicInputs.length);
        }
        return p;
    }
}
