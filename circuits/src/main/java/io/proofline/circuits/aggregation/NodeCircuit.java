package io.proofline.circuits.aggregation;

import static io.proofline.circuits.aggregation.Constraints.bind;
import static io.proofline.circuits.aggregation.Constraints.not;
import static io.proofline.circuits.aggregation.Constraints.requireEqual;
import static io.proofline.circuits.aggregation.Constraints.requireEqualWhen;
import static io.proofline.circuits.aggregation.Constraints.select;

import io.proofline.plonkish.Circuit;
import io.proofline.plonkish.CircuitBuilder;
import io.proofline.plonkish.Variable;
import io.proofline.poseidon2.Digest;

/**
 * The node circuit: verifies two proofs of the recursion shape, leaves or nodes, of one circuit
 * type, checks that the second continues the first and proves the range they cover together.
 * One node circuit serves every circuit type and level.
 *
 * <p>Its own type id, leaf key and node key commitments are inputs and public inputs; per slot
 * {@code s}, with the boolean {@code isLeaf[s]}:
 *
 * <ul>
 *   <li>the slot was verified under {@code isLeaf[s] ? own.leafKey : own.nodeKey};</li>
 *   <li>the slot's type id is the node's;</li>
 *   <li>unless {@code isLeaf[s]}, the slot's leaf and node keys are the node's;</li>
 *   <li>chaining and range as in {@link LeafCircuit}: when {@code active2} is 1, slot 2 starts
 *       where slot 1 ends and the range is slot 1's input to slot 2's output; otherwise slot 1's.</li>
 * </ul>
 *
 * <p><b>Why the node need not know its own key.</b> A circuit cannot hold the commitment of its
 * own key as a constant (the key depends on the constants). Instead the node's key commitment
 * is a public input, fixed one level up, and finally by the {@link SchedulerCircuit}'s constants.
 * Write {@code K_T} for the leaf key of type {@code T} and {@code K_N} for the node key. Claim: a
 * proof that verifies under key {@code K} with public inputs {@code io}, where either (a)
 * {@code K = K_T} and {@code io.typeId = T}, or (b) {@code K = K_N}, {@code io.typeId = T},
 * {@code io.leafKey = K_T} and {@code io.nodeKey = K_N}, attests a non-empty sequence of base
 * proofs of type {@code T} that verify under the registered base key of {@code T}, each
 * starting where the previous ends, from {@code io.in} to {@code io.out}. By induction on the
 * proof's depth: in case (a) it is a leaf proof of type {@code T}, whose circuit checks exactly
 * that for its one or two base proofs. In case (b) it is a node proof; for each slot its
 * circuit checks the key {@code isLeaf ? K_T : K_N}, the type id {@code T}, and for a node slot
 * the keys {@code K_T, K_N}: each slot is in case (a) or (b), so by induction it attests a chain
 * from its input to its output, and the node's chaining and range checks join them. The
 * scheduler checks (a) or (b) for the top proof of each type with {@code K_T} and {@code K_N} as
 * constants. A node's public inputs with other keys attest nothing, and need not: only proofs
 * reached from the scheduler count. (Distinct circuits have distinct key commitments, since the
 * commitment hashes the setup; a leaf's own leaf and node key inputs are never read.)
 *
 * <p>Inputs, in allocation order: type id, leaf key (4), node key (4), {@code isLeaf} of slot 1
 * and of slot 2, {@code active2}, slot 1's check inputs, slot 2's check inputs ({@link #inputs}).
 */
public final class NodeCircuit {

    private NodeCircuit() {
    }

    /**
     * @param check the in-circuit check of one proof of the recursion shape
     * @param logRows the recursion shape's rows, the same for leaves and nodes
     */
    public static Circuit build(InnerProofCheck check, int logRows) {
        CircuitBuilder b = new CircuitBuilder(RecursionShape.geometry(logRows));
        RecursionShape.Io own = new RecursionShape.Io(b.input(), b.inputs(4), b.inputs(4),
                Constraints.allocate(b, AggregationIo.Chains.ELEMENTS), Constraints.allocate(b, AggregationIo.Chains.ELEMENTS));
        Variable[] isLeaf = b.inputs(2);
        Variable active2 = b.input();
        RecursionShape.begin(b, own);

        RecursionShape.Io[] slots = new RecursionShape.Io[2];
        for (int s = 0; s < 2; s++) {
            CheckedProof p = CheckedProof.of(check, b, RecursionShape.PUBLIC_INPUTS, "a leaf or node proof");
            slots[s] = RecursionShape.Io.of(p.publicInputs());
            String slot = "node slot " + (s + 1);
            b.assertBoolean(isLeaf[s]);
            requireEqual(b, p.keyCommitment(), select(b, isLeaf[s], own.leafKey(), own.nodeKey()),
                    slot + " key is the leaf key if a leaf, else the node key");
            requireEqual(b, slots[s].typeId(), own.typeId(), slot + " type id");
            Variable isNode = not(b, isLeaf[s]);
            requireEqualWhen(b, isNode, slots[s].leafKey(), own.leafKey(), slot + " leaf key, for a node");
            requireEqualWhen(b, isNode, slots[s].nodeKey(), own.nodeKey(), slot + " node key, for a node");
        }
        b.assertBoolean(active2);
        requireEqualWhen(b, active2, slots[1].in(), slots[0].out(), "node slot 2 continues slot 1");
        bind(b, own.in(), slots[0].in(), "node range input");
        bind(b, own.out(), select(b, active2, slots[1].out(), slots[0].out()), "node range output");
        return b.build();
    }

    /**
     * The circuit's input values, in allocation order.
     *
     * @param first slot 1's check inputs
     * @param second slot 2's check inputs; slot 1's again when {@code active2} is false
     */
    public static long[] inputs(long typeId, Digest leafKey, Digest nodeKey, boolean firstIsLeaf, boolean secondIsLeaf,
                                boolean active2, long[] first, long[] second) {
        return new InputValues().add(typeId).add(leafKey).add(nodeKey).add(firstIsLeaf).add(secondIsLeaf).add(active2)
                .addCheck(first).addCheck(second).values();
    }
}
