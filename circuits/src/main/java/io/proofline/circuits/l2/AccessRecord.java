package io.proofline.circuits.l2;

import io.proofline.poseidon2.Digest;
import java.util.List;

/**
 * One account update in execution order: the account before and after, and its Merkle path
 * at that moment (before the update). The access log of a batch is the list of these.
 */
public record AccessRecord(long account, Account before, Account after, List<Digest> siblings) {

    public AccessRecord {
        siblings = List.copyOf(siblings);
        if (siblings.size() != StateTree.DEPTH) {
            throw new IllegalArgumentException("a path has " + StateTree.DEPTH + " siblings, got " + siblings.size());
        }
    }
}
