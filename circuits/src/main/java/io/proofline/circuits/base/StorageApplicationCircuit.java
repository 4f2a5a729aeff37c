package io.proofline.circuits.base;

import static io.proofline.circuits.base.Gadgets.chain;
import static io.proofline.circuits.base.Gadgets.compress;
import static io.proofline.circuits.base.Gadgets.concat;
import static io.proofline.circuits.base.Gadgets.select;

import io.proofline.circuits.l2.StateTree;
import io.proofline.plonkish.CircuitBuilder;
import io.proofline.plonkish.Variable;
import java.util.Arrays;

/**
 * Circuit 2, storage application: consumes up to M access-log entries in order. For each it
 * decomposes the account into the 20 path bits, checks that the old leaf with the given
 * siblings leads to the current root, computes the new root from the new leaf and the same
 * siblings, and extends its own copy of the access-log chain. Inactive slots change nothing.
 *
 * <p>A level of a path is one {@link CircuitBuilder#merkleLevel} row where {@code mergedLevels}
 * (protocol version 3 on), or four conditional swaps and a Poseidon2 permutation in two rows
 * (versions 1 and 2): the same hashes, in about 45 rows an access instead of 85.
 *
 * <p>Inputs: {@code rootIn, logIn} (4 each), then per slot {@code active, account, oldLeaf (4),
 * newLeaf (4), siblings (20 x 4)}. Public inputs: {@link InstanceIo.Storage}.
 */
public final class StorageApplicationCircuit {

    public static final int SLOT_INPUTS = 2 + 8 + 4 * StateTree.DEPTH;
    public static final int HEADER_INPUTS = 8;

    private StorageApplicationCircuit() {
    }

    public static void define(CircuitBuilder b, int slots, boolean mergedLevels) {
        Variable[] rootIn = b.inputs(4);
        Variable[] logIn = b.inputs(4);
        Variable[] root = rootIn;
        Variable[] log = logIn;
        for (int s = 0; s < slots; s++) {
            Variable[] in = b.inputs(SLOT_INPUTS);
            Variable active = in[0];
            Variable account = in[1];
            Variable[] oldLeaf = Arrays.copyOfRange(in, 2, 6);
            Variable[] newLeaf = Arrays.copyOfRange(in, 6, 10);
            b.assertBoolean(active);
            Variable[] bits = b.bits(account, StateTree.DEPTH);
            Variable[] oldNode = oldLeaf;
            Variable[] newNode = newLeaf;
            for (int level = 0; level < StateTree.DEPTH; level++) {
                Variable[] sibling = Arrays.copyOfRange(in, 10 + 4 * level, 14 + 4 * level);
                oldNode = mergedLevels ? b.merkleLevel(bits[level], oldNode, sibling) : step(b, bits[level], oldNode, sibling);
                newNode = mergedLevels ? b.merkleLevel(bits[level], newNode, sibling) : step(b, bits[level], newNode, sibling);
            }
            Gadgets.assertEqual(b, select(b, active, oldNode, root), root);
            root = select(b, active, newNode, root);
            log = select(b, active, chain(b, log, concat(new Variable[] {account}, oldLeaf, newLeaf)), log);
        }
        Gadgets.publicInputs(b, concat(rootIn, root, logIn, log));
    }

    /** One level up in two rows (protocol versions 1 and 2): the node is the right child when the bit is 1. */
    private static Variable[] step(CircuitBuilder b, Variable bit, Variable[] node, Variable[] sibling) {
        Variable[] left = new Variable[4];
        Variable[] right = new Variable[4];
        for (int i = 0; i < 4; i++) {
            Variable[] pair = b.conditionalSwap(bit, node[i], sibling[i]);
            left[i] = pair[0];
            right[i] = pair[1];
        }
        return compress(b, left, right);
    }
}
