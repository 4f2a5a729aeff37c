package io.proofline.merkle;

import io.proofline.poseidon2.Digest;
import java.util.List;

/**
 * The top layer of a Merkle tree: {@code 2^logSize} subtree roots instead of one root, which
 * shortens every authentication path by {@code logSize} siblings.
 */
public record MerkleCap(List<Digest> roots) {

    public MerkleCap {
        roots = List.copyOf(roots);
        if (Integer.bitCount(roots.size()) != 1) {
            throw new IllegalArgumentException("a Merkle cap holds a power of two of roots, got " + roots.size());
        }
    }

    public int logSize() {
        return Integer.numberOfTrailingZeros(roots.size());
    }

    /** All cap elements in order, as the transcript absorbs them. */
    public long[] elements() {
        long[] out = new long[roots.size() * Digest.ELEMENTS];
        for (int i = 0; i < roots.size(); i++) {
            roots.get(i).intoArray(out, i * Digest.ELEMENTS);
        }
        return out;
    }

    static MerkleCap fromLayer(long[] layer) {
        Digest[] roots = new Digest[layer.length / Digest.ELEMENTS];
        for (int i = 0; i < roots.length; i++) {
            roots[i] = Digest.fromArray(layer, i * Digest.ELEMENTS);
        }
        return new MerkleCap(List.of(roots));
    }
}
