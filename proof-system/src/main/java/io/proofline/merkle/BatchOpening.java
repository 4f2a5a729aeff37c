package io.proofline.merkle;

import io.proofline.poseidon2.Digest;
import java.util.List;

/**
 * An opening of several leaves of one tree at once. Siblings that the verifier can compute from
 * the opened leaves are left out, so paths that meet are paid for once.
 *
 * @param indices the opened leaf indices, strictly increasing
 * @param rows the opened rows, one per index
 * @param siblings the remaining siblings, layer by layer from the leaves up, and within a layer
 *     in increasing node order
 */
public record BatchOpening(int[] indices, long[][] rows, List<Digest> siblings) {

    public BatchOpening {
        indices = indices.clone();
        rows = rows.clone();
        siblings = List.copyOf(siblings);
        if (indices.length != rows.length) {
            throw new IllegalArgumentException(indices.length + " indices but " + rows.length + " rows");
        }
    }
}
