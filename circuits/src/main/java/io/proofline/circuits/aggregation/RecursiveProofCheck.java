package io.proofline.circuits.aggregation;

import io.proofline.plonkish.CircuitBuilder;
import io.proofline.plonkish.PlonkishProof;
import io.proofline.plonkish.VerificationKey;
import io.proofline.recursion.RecursivePlonkishVerifier;

/**
 * The production {@link InnerProofCheck}: the verifier circuit of {@link RecursivePlonkishVerifier}
 * for proofs under keys of one structure, with the key's setup cap as witness, so the check
 * returns the commitment of the key the proof was really checked under.
 */
public final class RecursiveProofCheck implements InnerProofCheck {

    private final VerificationKey shape;
    private final int requiredBits;
    private RecursivePlonkishVerifier.Inputs inputs;
    private RecursivePlonkishVerifier.Rows rows;

    /**
     * @param shape any key of the inner proofs' structure (geometry, FRI parameters, gates,
     *     public-input rows, cap size); its cap is not used
     * @param requiredBits the conjectured security the inner keys must reach
     */
    public RecursiveProofCheck(VerificationKey shape, int requiredBits) {
        this.shape = shape;
        this.requiredBits = requiredBits;
    }

    @Override
    public CheckedProof check(CircuitBuilder b) {
        RecursivePlonkishVerifier.Verified verified = RecursivePlonkishVerifier.verify(b, shape, requiredBits);
        inputs = verified.inputs();
        rows = verified.rows();
        return new CheckedProof(verified.publicInputs(), verified.keyCommitment());
    }

    /** The rows one check opened, by part, in the last circuit built with it; null before. */
    public RecursivePlonkishVerifier.Rows rows() {
        return rows;
    }

    /**
     * A slot's check inputs for one inner proof: its key's setup cap, its public inputs, the proof.
     *
     * @throws IllegalStateException before any circuit was built with this check
     * @throws IllegalArgumentException if the key or proof does not have the check's structure
     */
    public long[] values(VerificationKey key, long[] publicInputs, PlonkishProof proof) {
        if (inputs == null) {
            throw new IllegalStateException("no circuit was built with this check yet");
        }
        return inputs.values(key, publicInputs, proof);
    }
}
