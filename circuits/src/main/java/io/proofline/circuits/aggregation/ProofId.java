package io.proofline.circuits.aggregation;

import io.proofline.circuits.base.CircuitType;

/**
 * Names one proof of a batch's aggregation tree.
 *
 * @param type the base circuit type of every base proof below
 * @param level 0 for a base proof, 1 for a leaf, 2 and up for nodes (the round that made it)
 * @param index its position among the proofs of its type and level, from 0; for a base proof,
 *     the instance index
 */
public record ProofId(CircuitType type, int level, int index) {

    public ProofId {
        if (level < 0 || index < 0) {
            throw new IllegalArgumentException("level and index are at least 0, got " + level + " and " + index);
        }
    }

    public boolean isBase() {
        return level == 0;
    }

    public boolean isLeaf() {
        return level == 1;
    }

    public boolean isNode() {
        return level >= 2;
    }

    @Override
    public String toString() {
        String kind = isBase() ? "base" : isLeaf() ? "leaf" : "node" + level;
        return type.label + " " + kind + " " + index;
    }
}
