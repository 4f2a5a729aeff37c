package io.proofline.circuits.l2;

import io.proofline.poseidon2.Digest;
import java.util.List;
import java.util.Objects;

/**
 * One account update in execution order: the account before and after, and its Merkle path
 * at that moment (before the update). The access log of a batch is the list of these.
 */
public record AccessRecord(long account, Account before, Account after, List<Digest> siblings) {

    public AccessRecord {
        // checked here, not only by the codec, so that replaying crafted records fails cleanly
        StateTree.checkIndex(account);
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        siblings = List.copyOf(siblings);
        if (siblings.size() != StateTree.DEPTH) {
            throw new IllegalArgumentException("a path has " + StateTree.DEPTH + " siblings, got " + siblings.size());
        }
    }
}
