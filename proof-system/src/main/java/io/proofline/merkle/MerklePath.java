package io.proofline.merkle;

import io.proofline.poseidon2.Digest;
import java.util.List;

/** The siblings from a leaf up to (not including) the cap, bottom first. */
public record MerklePath(List<Digest> siblings) {

    public MerklePath {
        siblings = List.copyOf(siblings);
    }
}
