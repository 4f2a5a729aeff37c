package io.proofline.plonkish;

import io.proofline.field.Goldilocks;
import io.proofline.poseidon2.Digest;
import io.proofline.poseidon2.Poseidon2;
import io.proofline.poseidon2.Poseidon2Hash;
import java.util.SplittableRandom;

/** Circuits used across the Plonkish tests. */
final class TestCircuits {

    static final int DEPTH = 3;

    private TestCircuits() {
    }

    /**
     * A circuit using every gate kind: it proves membership of a leaf in a Poseidon2 Merkle tree
     * (sponge leaf hash, conditional swaps by index bits, compression per level) with the root as
     * public input, and exercises multiply-add in both fields, range checks, selection and zero
     * checks on further inputs.
     *
     * <p>Inputs: leaf (4), siblings (4 per level), index bits (one per level), a, b, c, x, y,
     * e0..e5 (three extension elements).
     */
    static Circuit everyGate(Geometry geometry) {
        CircuitBuilder b = new CircuitBuilder(geometry);
        Variable[] leaf = b.inputs(4);
        Variable[][] siblings = siblingInputs(b);
        Variable[] bits = b.inputs(DEPTH);
        Variable a = b.input();
        Variable bb = b.input();
        Variable c = b.input();
        Variable x = b.input();
        Variable y = b.input();
        Variable[] e = b.inputs(6);

        Variable[] node = leafDigest(b, leaf);
        Variable zero = b.constant(0);
        for (int level = 0; level < DEPTH; level++) {
            b.assertBoolean(bits[level]);
            Variable[] compress = new Variable[Poseidon2.WIDTH];
            for (int i = 0; i < 4; i++) {
                Variable[] swapped = b.conditionalSwap(bits[level], node[i], siblings[level][i]);
                compress[i] = swapped[0];
                compress[4 + i] = swapped[1];
            }
            for (int i = 8; i < 11; i++) {
                compress[i] = zero;
            }
            compress[11] = b.constant(1);
            node = java.util.Arrays.copyOf(b.poseidon2(compress), 4);
        }
        for (Variable root : node) {
            b.publicInput(root);
        }

        b.publicInput(b.fma(3, a, bb, 5, c));
        b.rangeCheck(a, 32);
        b.rangeCheck(bb, 8);
        b.publicInput(b.select(bits[0], a, bb));
        b.publicInput(b.isZero(x));
        b.publicInput(b.isZero(y));
        Variable[] ext = b.extFma(2, new Variable[] {e[0], e[1]}, new Variable[] {e[2], e[3]}, 9, new Variable[] {e[4], e[5]});
        b.publicInput(ext[0]);
        b.publicInput(ext[1]);
        b.publicInput(b.sub(b.add(a, c), bb));
        return b.build();
    }

    /**
     * The gates that came after the golden proofs: {@link #everyGate}'s Merkle path with a
     * {@code merkle_level} row per level, and a {@code range_62} check of its {@code a}. Inputs
     * are the first {@code 4 + 5 * DEPTH + 1} of {@link #everyGateInputs} (leaf, siblings, bits,
     * a), public inputs the root.
     */
    static Circuit wideRowGates(Geometry geometry) {
        CircuitBuilder b = new CircuitBuilder(geometry);
        Variable[] leaf = b.inputs(4);
        Variable[][] siblings = siblingInputs(b);
        Variable[] bits = b.inputs(DEPTH);
        b.rangeCheck62(b.input());
        Variable[] node = leafDigest(b, leaf);
        for (int level = 0; level < DEPTH; level++) {
            node = b.merkleLevel(bits[level], node, siblings[level]);
        }
        for (Variable root : node) {
            b.publicInput(root);
        }
        return b.build();
    }

    private static Variable[][] siblingInputs(CircuitBuilder b) {
        Variable[][] siblings = new Variable[DEPTH][];
        for (int level = 0; level < DEPTH; level++) {
            siblings[level] = b.inputs(4);
        }
        return siblings;
    }

    /** The leaf hash: the sponge over 4 elements, length 4 in lane 8. */
    private static Variable[] leafDigest(CircuitBuilder b, Variable[] leaf) {
        Variable zero = b.constant(0);
        Variable[] state = new Variable[Poseidon2.WIDTH];
        for (int i = 0; i < Poseidon2.WIDTH; i++) {
            state[i] = i < 4 ? leaf[i] : zero;
        }
        state[8] = b.constant(4);
        return java.util.Arrays.copyOf(b.poseidon2(state), 4);
    }

    static long[] wideRowGatesInputs(long seed) {
        return java.util.Arrays.copyOf(everyGateInputs(seed), 4 + 5 * DEPTH + 1);
    }

    /** Valid inputs for {@link #everyGate}. */
    static long[] everyGateInputs(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        long[] in = new long[4 + 4 * DEPTH + DEPTH + 5 + 6];
        int p = 0;
        for (int i = 0; i < 4 + 4 * DEPTH; i++) {
            in[p++] = Goldilocks.canonical(rnd.nextLong());
        }
        for (int i = 0; i < DEPTH; i++) {
            in[p++] = rnd.nextInt(2);
        }
        in[p++] = rnd.nextLong(1L << 32); // a: 32 bits
        in[p++] = rnd.nextInt(256); // b: 8 bits
        in[p++] = Goldilocks.canonical(rnd.nextLong()); // c
        in[p++] = 0; // x: zero
        in[p++] = 1 + rnd.nextInt(1000); // y: non-zero
        for (int i = 0; i < 6; i++) {
            in[p++] = Goldilocks.canonical(rnd.nextLong());
        }
        return in;
    }

    /** For each gate kind, a copy cell of its first instance that the gate constrains (its output). */
    static int constrainedCell(io.proofline.plonkish.gates.Gate gate) {
        return switch (gate.name()) {
            case "fma" -> 3;
            case "ext_fma" -> 6;
            case "bit_decomposition" -> 5;
            case "select", "conditional_swap" -> 3;
            case "zero_check" -> 2;
            case "poseidon2" -> 12;
            case "merkle_level" -> 17;
            default -> 0;
        };
    }

    /** The witness with the constrained cell of {@code gate}'s first instance moved by 2 (0 and 1 both leave the boolean set). */
    static WitnessVector breakGate(Circuit circuit, WitnessVector w, io.proofline.plonkish.gates.Gate gate) {
        int row = circuit.firstRowOf(gate);
        int column = constrainedCell(gate);
        return w.withCell(column, row, Goldilocks.add(w.value(column, row), 2));
    }

    /** The Merkle root the circuit should compute for these inputs, natively. */
    static Digest expectedRoot(long[] in) {
        Digest node = Poseidon2Hash.hash(java.util.Arrays.copyOf(in, 4));
        for (int level = 0; level < DEPTH; level++) {
            Digest sibling = Digest.fromArray(in, 4 + 4 * level);
            boolean right = in[4 + 4 * DEPTH + level] == 1;
            node = right ? Poseidon2Hash.compress(sibling, node) : Poseidon2Hash.compress(node, sibling);
        }
        return node;
    }
}
