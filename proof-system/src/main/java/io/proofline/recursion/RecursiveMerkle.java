package io.proofline.recursion;

import io.proofline.plonkish.CircuitBuilder;
import io.proofline.plonkish.Variable;
import io.proofline.poseidon2.Digest;
import io.proofline.poseidon2.Poseidon2;
import io.proofline.poseidon2.Poseidon2Hash;

/**
 * {@link Poseidon2Hash#hash}, {@link Poseidon2Hash#compress} and
 * {@link io.proofline.merkle.MerkleVerifier#verify} over circuit variables. A digest is four
 * variables; a cap is its roots in order. Whether caps and digests are constants or witness is
 * the caller's choice; a variable asserted equal to something must sit in some gate (an input
 * that no gate reads has no cell in the trace, so nothing constrains it).
 */
public final class RecursiveMerkle {

    private static final int LENGTH_LANE = Poseidon2Hash.RATE;

    private RecursiveMerkle() {
    }

    /** The sponge hash of {@code input}: length in lane 8, chunks of up to 8 overwriting lanes 0..7. */
    public static Variable[] hash(CircuitBuilder b, Variable[] input) {
        Variable[] state = new Variable[Poseidon2.WIDTH];
        for (int i = 0; i < state.length; i++) {
            state[i] = b.constant(0);
        }
        state[LENGTH_LANE] = b.constant(input.length);
        if (input.length == 0) {
            return digest(b.poseidon2(state));
        }
        for (int pos = 0; pos < input.length; pos += Poseidon2Hash.RATE) {
            int chunk = Math.min(Poseidon2Hash.RATE, input.length - pos);
            System.arraycopy(input, pos, state, 0, chunk);
            state = b.poseidon2(state);
        }
        return digest(state);
    }

    /** Two-to-one compression: {@code left || right}, lanes 8..10 zero, lane 11 one. */
    public static Variable[] compress(CircuitBuilder b, Variable[] left, Variable[] right) {
        Variable[] state = new Variable[Poseidon2.WIDTH];
        System.arraycopy(left, 0, state, 0, Digest.ELEMENTS);
        System.arraycopy(right, 0, state, Digest.ELEMENTS, Digest.ELEMENTS);
        for (int i = 2 * Digest.ELEMENTS; i < Poseidon2.WIDTH - 1; i++) {
            state[i] = b.constant(0);
        }
        state[Poseidon2.WIDTH - 1] = b.constant(1);
        return digest(b.poseidon2(state));
    }

    /**
     * Requires {@code row} to be the leaf at the index spelled by {@code indexBits} (least
     * significant first, one per tree level: {@code log2} of the leaf count) under {@code cap}.
     * The low bits order each compression, the {@code log2(cap size)} high bits pick the root.
     *
     * @param siblings the path from the leaf up, one digest per level below the cap
     * @param label names the root equality in satisfiability reports
     * @throws IllegalArgumentException if the shapes do not fit together
     */
    public static void verify(CircuitBuilder b, Variable[][] cap, Variable[] indexBits, Variable[] row,
                              Variable[][] siblings, String label) {
        int logCap = Integer.numberOfTrailingZeros(cap.length);
        if (Integer.bitCount(cap.length) != 1 || indexBits.length != siblings.length + logCap) {
            throw new IllegalArgumentException("a cap of " + cap.length + " roots and a path of " + siblings.length
                    + " siblings need " + (siblings.length + logCap) + " index bits, got " + indexBits.length);
        }
        Variable[] node = hash(b, row);
        for (int k = 0; k < siblings.length; k++) {
            Variable[] left = new Variable[Digest.ELEMENTS];
            Variable[] right = new Variable[Digest.ELEMENTS];
            for (int e = 0; e < Digest.ELEMENTS; e++) {
                // bit 0: the node is the left child
                Variable[] ordered = b.conditionalSwap(indexBits[k], node[e], siblings[k][e]);
                left[e] = ordered[0];
                right[e] = ordered[1];
            }
            node = compress(b, left, right);
        }
        Variable[] top = new Variable[logCap];
        System.arraycopy(indexBits, siblings.length, top, 0, logCap);
        Variable[] root = selectRoot(b, cap, top);
        for (int e = 0; e < Digest.ELEMENTS; e++) {
            b.assertEqual(node[e], root[e], label);
        }
    }

    /** {@code cap[index]} for the index spelled by {@code bits} (least significant first): a tree of selects. */
    static Variable[] selectRoot(CircuitBuilder b, Variable[][] cap, Variable[] bits) {
        Variable[][] level = cap;
        for (Variable bit : bits) {
            Variable[][] next = new Variable[level.length / 2][];
            for (int i = 0; i < next.length; i++) {
                next[i] = new Variable[Digest.ELEMENTS];
                for (int e = 0; e < Digest.ELEMENTS; e++) {
                    next[i][e] = b.select(bit, level[2 * i + 1][e], level[2 * i][e]);
                }
            }
            level = next;
        }
        return level[0];
    }

    private static Variable[] digest(Variable[] state) {
        Variable[] out = new Variable[Digest.ELEMENTS];
        System.arraycopy(state, 0, out, 0, Digest.ELEMENTS);
        return out;
    }
}
