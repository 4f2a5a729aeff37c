package io.proofline.circuits.aggregation;

/**
 * One leaf or node proof to make: which proofs it consumes and its flags.
 *
 * @param id the proof made
 * @param first the proof in slot 1
 * @param second the proof in slot 2; {@code first} again when {@code active2} is false
 * @param active2 whether slot 2 takes part (is chained and extends the range)
 */
public record PlannedProof(ProofId id, ProofId first, ProofId second, boolean active2) {

    public PlannedProof {
        if (id.isBase()) {
            throw new IllegalArgumentException("a base proof is not aggregated: " + id);
        }
        if (!active2 && !second.equals(first)) {
            throw new IllegalArgumentException("an inactive slot 2 repeats slot 1, but " + id + " has " + first + " and " + second);
        }
    }

    public boolean isLeaf() {
        return id.isLeaf();
    }

    /** The node circuit's {@code isLeaf} flag of slot 1. */
    public boolean firstIsLeaf() {
        return first.isLeaf();
    }

    /** The node circuit's {@code isLeaf} flag of slot 2. */
    public boolean secondIsLeaf() {
        return second.isLeaf();
    }
}
