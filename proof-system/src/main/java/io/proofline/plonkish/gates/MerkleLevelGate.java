package io.proofline.plonkish.gates;

import io.proofline.poseidon2.Poseidon2;
import io.proofline.poseidon2.Poseidon2Hash;
import java.util.ArrayList;
import java.util.List;

/**
 * One level of a Merkle path in one row: the node and its sibling ordered by a path bit, then
 * compressed with Poseidon2 as {@link Poseidon2Hash#compress} does. A path built from
 * {@link ConditionalSwapGate} and {@link Poseidon2Gate} takes two rows a level, the swaps'
 * row assigning 20 of its 130 cells; this gate takes one.
 *
 * <p>Copy cells: 0 the bit, 1..4 the node, 5..8 the sibling, 9..12 the left child, 13..16 the
 * right child, 17..20 the parent's digest. The bit is 1 when the node is the right child. Witness
 * cells 0..105: the permutation's round states, stored as {@link Poseidon2Gate} stores them, on
 * the input {@code (left, right, 0, 0, 0, 1)}. Constraints: the bit is boolean, the eight
 * children's cells are the ordered pair (degree 2), then the permutation's 106 stored states and
 * the digest's four elements (degree 7).
 */
public final class MerkleLevelGate implements Gate {

    public static final MerkleLevelGate INSTANCE = new MerkleLevelGate();

    public static final int BIT = 0;
    public static final int NODE = 1;
    public static final int SIBLING = 5;
    public static final int LEFT = 9;
    public static final int RIGHT = 13;
    public static final int DIGEST = 17;
    /** Constraints before the permutation's: the bit's and the eight ordering ones. */
    public static final int ORDERING_CONSTRAINTS = 9;

    private static final int W = Poseidon2.WIDTH;

    private MerkleLevelGate() {
    }

    @Override
    public String name() {
        return "merkle_level";
    }

    @Override
    public int copyCells() {
        return DIGEST + 4;
    }

    @Override
    public int witnessCells() {
        return Poseidon2Gate.WITNESS_CELLS;
    }

    @Override
    public int constraints() {
        return ORDERING_CONSTRAINTS + Poseidon2Gate.WITNESS_CELLS + 4;
    }

    @Override
    public int degree() {
        return 7;
    }

    @Override
    public long[] paddingCopyCells() {
        throw new IllegalStateException("a Merkle level row holds one instance and is never padded");
    }

    @Override
    public int instancesPerRow(int copyColumns, int witnessColumns, int constantColumns) {
        return copyColumns >= copyCells() && witnessColumns >= witnessCells() ? 1 : 0;
    }

    @Override
    public <T> void evaluate(Algebra<T> f, GateCells<T> c, ConstraintSink<T> out) {
        orderingConstraints(f, c, out);
        roundConstraints(f, c, out);
    }

    /** The first {@link #ORDERING_CONSTRAINTS}: {@code bit} boolean, (left, right) = bit ? (sibling, node) : (node, sibling). */
    public static <T> void orderingConstraints(Algebra<T> f, GateCells<T> c, ConstraintSink<T> out) {
        T bit = c.copy(BIT);
        out.constraint(f.sub(f.square(bit), bit));
        for (int i = 0; i < 4; i++) {
            T node = c.copy(NODE + i);
            T sibling = c.copy(SIBLING + i);
            T delta = f.mul(bit, f.sub(sibling, node));
            out.constraint(f.sub(c.copy(LEFT + i), f.add(node, delta)));
            out.constraint(f.sub(c.copy(RIGHT + i), f.sub(sibling, delta)));
        }
    }

    private static <T> void roundConstraints(Algebra<T> f, GateCells<T> c, ConstraintSink<T> out) {
        List<T> input = new ArrayList<>(W);
        for (int i = 0; i < 8; i++) {
            input.add(c.copy(LEFT + i));
        }
        for (long k : compressionCapacity()) {
            input.add(f.constant(k));
        }
        Poseidon2Gate.roundConstraints(f, input, c, 4, i -> c.copy(DIGEST + i), out);
    }

    /** The last four elements of {@link Poseidon2Hash#compress}'s input. */
    public static long[] compressionCapacity() {
        return new long[] {0, 0, 0, 1};
    }

    /**
     * The cells' values for a bit, node and sibling, in cell order: {@code [left (4), right (4),
     * digest (4), witness (106)]}.
     */
    public static long[] resolve(long bit, long[] node, long[] sibling) {
        if (bit != 0 && bit != 1) {
            throw new IllegalArgumentException("a path bit is 0 or 1, got " + bit);
        }
        long[] left = bit == 1 ? sibling : node;
        long[] right = bit == 1 ? node : sibling;
        long[] state = new long[W];
        System.arraycopy(left, 0, state, 0, 4);
        System.arraycopy(right, 0, state, 4, 4);
        System.arraycopy(compressionCapacity(), 0, state, 8, 4);
        long[] cells = new long[12 + Poseidon2Gate.WITNESS_CELLS];
        System.arraycopy(state, 0, cells, 0, 8);
        Poseidon2.permuteTracing(state, cells, 12);
        System.arraycopy(state, 0, cells, 8, 4);
        return cells;
    }
}
