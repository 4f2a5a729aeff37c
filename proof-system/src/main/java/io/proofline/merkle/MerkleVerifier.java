package io.proofline.merkle;

import io.proofline.poseidon2.Digest;
import io.proofline.poseidon2.Poseidon2Hash;
import java.util.Arrays;
import java.util.Iterator;

/**
 * Checks openings against a cap. Needs no tree, only the cap, the tree's leaf count and the
 * opening; every method returns {@code false} rather than throwing on a malformed opening.
 */
public final class MerkleVerifier {

    private MerkleVerifier() {
    }

    /** Whether {@code row} is leaf {@code index} of a tree with {@code 2^logRows} leaves under {@code cap}. */
    public static boolean verify(MerkleCap cap, int logRows, int index, long[] row, MerklePath path) {
        if (cap.logSize() > logRows || index < 0 || index >= (1 << logRows)
                || path.siblings().size() != logRows - cap.logSize()) {
            return false;
        }
        Digest node = Poseidon2Hash.hash(row);
        int position = index;
        for (Digest sibling : path.siblings()) {
            node = (position & 1) == 0 ? Poseidon2Hash.compress(node, sibling) : Poseidon2Hash.compress(sibling, node);
            position >>>= 1;
        }
        return cap.roots().get(position).equals(node);
    }

    /** Whether every row of a batch opening is the leaf it claims to be under {@code cap}. */
    public static boolean verifyBatch(MerkleCap cap, int logRows, BatchOpening opening) {
        int[] indices = opening.indices();
        if (cap.logSize() > logRows || indices.length == 0) {
            return false;
        }
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < 0 || indices[i] >= (1 << logRows) || (i > 0 && indices[i] <= indices[i - 1])) {
                return false;
            }
        }
        int[] known = indices;
        Digest[] values = new Digest[indices.length];
        for (int i = 0; i < indices.length; i++) {
            values[i] = Poseidon2Hash.hash(opening.row(i));
        }
        Iterator<Digest> siblings = opening.siblings().iterator();
        for (int k = 0; k < logRows - cap.logSize(); k++) {
            int[] parents = new int[known.length];
            Digest[] parentValues = new Digest[known.length];
            int count = 0;
            for (int i = 0; i < known.length; i++) {
                int node = known[i];
                Digest left;
                Digest right;
                if ((node & 1) == 0 && i + 1 < known.length && known[i + 1] == node + 1) {
                    left = values[i];
                    right = values[++i];
                } else {
                    if (!siblings.hasNext()) {
                        return false;
                    }
                    Digest sibling = siblings.next();
                    left = (node & 1) == 0 ? values[i] : sibling;
                    right = (node & 1) == 0 ? sibling : values[i];
                }
                parents[count] = node >>> 1;
                parentValues[count++] = Poseidon2Hash.compress(left, right);
            }
            known = Arrays.copyOf(parents, count);
            values = Arrays.copyOf(parentValues, count);
        }
        if (siblings.hasNext()) {
            return false;
        }
        for (int i = 0; i < known.length; i++) {
            if (!cap.roots().get(known[i]).equals(values[i])) {
                return false;
            }
        }
        return true;
    }
}
