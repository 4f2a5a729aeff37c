package io.proofline.circuits.aggregation;

import static io.proofline.circuits.base.CircuitType.STORAGE_APPLICATION;
import static io.proofline.circuits.base.CircuitType.TRANSFER_EXECUTION;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.circuits.base.CircuitType;
import io.proofline.poseidon2.Digest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Nodes over leaves and nodes of a real batch, their public inputs from the native mirror (which
 * {@code AggregationTreeTests} checks against the circuits): storage application has 5
 * instances, so leaves L0 = (0, 1), L1 = (2, 3), L2 = (4) and nodes N = (L0, L1), top = (N, L2).
 */
class NodeCircuitTests {

    private static final Digest OTHER = new Digest(9, 9, 9, 9);

    private final Aggregation agg = Aggregation.get();
    private final RealBatch batch = RealBatch.twoBatches().get(1);

    private AggregationIo leaf(CircuitType type, int first, int second, boolean active2) {
        List<long[]> pi = batch.of(type);
        return AggregationIo.leaf(type, agg.leafKey(type), agg.nodeKey(), pi.get(first), pi.get(second), active2);
    }

    private final AggregationIo l0 = leaf(STORAGE_APPLICATION, 0, 1, true);
    private final AggregationIo l1 = leaf(STORAGE_APPLICATION, 2, 3, true);
    private final AggregationIo l2 = leaf(STORAGE_APPLICATION, 4, 4, false);
    private final AggregationIo n = node(STORAGE_APPLICATION, l0, l1, true);

    private AggregationIo node(CircuitType type, AggregationIo first, AggregationIo second, boolean active2) {
        return AggregationIo.node(type.id, agg.leafKey(type), agg.nodeKey(), first, second, active2);
    }

    /** Node inputs with chosen keys for each slot's proof. */
    private long[] inputs(CircuitType type, AggregationIo first, boolean firstIsLeaf, Digest firstKey, AggregationIo second,
                          boolean secondIsLeaf, Digest secondKey) {
        return NodeCircuit.inputs(type.id, agg.leafKey(type), agg.nodeKey(), firstIsLeaf, secondIsLeaf, true,
                UncheckedInnerProof.checkInputs(first.publicInputs(), firstKey),
                UncheckedInnerProof.checkInputs(second.publicInputs(), secondKey));
    }

    private static long[] chains(AggregationIo.Chains c) {
        long[] out = new long[AggregationIo.Chains.ELEMENTS];
        c.intoArray(out, 0);
        return out;
    }

    @Test
    void twoLeavesProveTheirJointRange() {
        Aggregation.satisfiedAs(agg.node, agg.nodeInputs(STORAGE_APPLICATION, l0, true, l1, true, true), n);
        AggregationIo te = node(TRANSFER_EXECUTION, leaf(TRANSFER_EXECUTION, 0, 1, true), leaf(TRANSFER_EXECUTION, 2, 2, false), true);
        Aggregation.satisfiedAs(agg.node, agg.nodeInputs(TRANSFER_EXECUTION, leaf(TRANSFER_EXECUTION, 0, 1, true), true,
                leaf(TRANSFER_EXECUTION, 2, 2, false), true, true), te);
    }

    @Test
    void aNodeAndALeafProveTheirJointRange() {
        Aggregation.satisfiedAs(agg.node, agg.nodeInputs(STORAGE_APPLICATION, n, false, l2, true, true),
                node(STORAGE_APPLICATION, n, l2, true));
    }

    @Test
    void anInactiveSecondSlotLeavesTheFirstRange() {
        Aggregation.satisfiedAs(agg.node, agg.nodeInputs(STORAGE_APPLICATION, l0, true, l0, true, false),
                node(STORAGE_APPLICATION, l0, l0, false));
    }

    @Test
    void swappedLeavesAreRefused() {
        Aggregation.refusedByConditional(agg.node, agg.nodeInputs(STORAGE_APPLICATION, l1, true, l0, true, true),
                chains(l0.in()), chains(l1.out()));
    }

    @Test
    void aSkippedLeafIsRefused() {
        Aggregation.refusedByConditional(agg.node, agg.nodeInputs(STORAGE_APPLICATION, l0, true, l2, true, true),
                chains(l2.in()), chains(l0.out()));
    }

    @Test
    void aRepeatedLeafIsRefused() {
        Aggregation.refusedByConditional(agg.node, agg.nodeInputs(STORAGE_APPLICATION, l0, true, l0, true, true),
                chains(l0.in()), chains(l0.out()));
    }

    @Test
    void aLeafOfTheOtherTypeIsRefused() {
        // given a transfer-execution node whose second slot holds a storage-application leaf, verified under its own key
        AggregationIo te = leaf(TRANSFER_EXECUTION, 0, 1, true);
        AggregationIo sa = leaf(STORAGE_APPLICATION, 0, 1, true);
        long[] inputs = inputs(TRANSFER_EXECUTION, te, true, agg.leafKey(TRANSFER_EXECUTION), sa, true,
                agg.leafKey(STORAGE_APPLICATION));

        // then the key check or the type-id check refuses it (both fail; the report names the first in the trace)
        String m = Aggregation.refusal(agg.node, inputs);
        assertTrue(Aggregation.names(m, agg.leafKey(STORAGE_APPLICATION).toArray(), agg.leafKey(TRANSFER_EXECUTION).toArray())
                || Aggregation.names(m, new long[] {STORAGE_APPLICATION.id}, new long[] {TRANSFER_EXECUTION.id}), m);
    }

    @Test
    void aLeafUnderTheOtherTypesLeafKeyIsRefusedByTheKeyCheck() {
        // given a slot claiming the node's type id but verified under the storage-application leaf key
        AggregationIo te = leaf(TRANSFER_EXECUTION, 0, 1, true);
        AggregationIo next = leaf(TRANSFER_EXECUTION, 2, 2, false);
        long[] inputs = inputs(TRANSFER_EXECUTION, te, true, agg.leafKey(TRANSFER_EXECUTION), next, true,
                agg.leafKey(STORAGE_APPLICATION));

        // then the key check refuses it: a leaf slot must be under the node's (transfer-execution) leaf key
        Aggregation.refusedBy(agg.node, inputs, agg.leafKey(STORAGE_APPLICATION).toArray(), agg.leafKey(TRANSFER_EXECUTION).toArray());
    }

    @Test
    void aNodeOfTheOtherTypeIsRefusedByTheTypeCheck() {
        // given a transfer-execution node whose second slot is a storage-application node: same node key, other type id
        AggregationIo te = leaf(TRANSFER_EXECUTION, 0, 1, true);
        AggregationIo sa = new AggregationIo(STORAGE_APPLICATION.id, agg.leafKey(TRANSFER_EXECUTION), agg.nodeKey(), te.out(), n.out());
        long[] inputs = inputs(TRANSFER_EXECUTION, te, true, agg.leafKey(TRANSFER_EXECUTION), sa, false, agg.nodeKey());

        // then the type-id check refuses it (its range, keys and chaining all agree), naming the slot
        Aggregation.refusedBy(agg.node, inputs, new long[] {STORAGE_APPLICATION.id}, new long[] {TRANSFER_EXECUTION.id});
        String m = Aggregation.refusal(agg.node, inputs);
        assertTrue(m.startsWith("check failed: node slot 2 type id ("), m);
    }

    @Test
    void aSlotUnderAnotherKeyIsRefused() {
        // a leaf claimed to be a node, a node claimed to be a leaf, and a proof under an unregistered key
        Aggregation.refusedBy(agg.node, inputs(STORAGE_APPLICATION, n, false, agg.nodeKey(), l2, false,
                agg.leafKey(STORAGE_APPLICATION)), agg.leafKey(STORAGE_APPLICATION).toArray(), agg.nodeKey().toArray());
        Aggregation.refusedBy(agg.node, inputs(STORAGE_APPLICATION, n, true, agg.nodeKey(), l2, true,
                agg.leafKey(STORAGE_APPLICATION)), agg.nodeKey().toArray(), agg.leafKey(STORAGE_APPLICATION).toArray());
        Aggregation.refusedBy(agg.node, inputs(STORAGE_APPLICATION, n, false, OTHER, l2, true,
                agg.leafKey(STORAGE_APPLICATION)), OTHER.toArray(), agg.nodeKey().toArray());
    }

    @Test
    void aNodeSlotClaimingOtherKeysIsRefused() {
        // given an inner node verified under the node key whose own public leaf key, or node key, is another
        AggregationIo otherLeafKey = new AggregationIo(n.typeId(), OTHER, n.nodeKey(), n.in(), n.out());
        AggregationIo otherNodeKey = new AggregationIo(n.typeId(), n.leafKey(), OTHER, n.in(), n.out());

        // then the node refuses it: below it, leaves or nodes under other keys could have been accepted
        Aggregation.refusedByConditional(agg.node, agg.nodeInputs(STORAGE_APPLICATION, otherLeafKey, false, l2, true, true),
                OTHER.toArray(), agg.leafKey(STORAGE_APPLICATION).toArray());
        Aggregation.refusedByConditional(agg.node, agg.nodeInputs(STORAGE_APPLICATION, otherNodeKey, false, l2, true, true),
                OTHER.toArray(), agg.nodeKey().toArray());
    }

    @Test
    void aLeafSlotsOwnKeyInputsAreNotRead() {
        // a leaf's leaf and node key public inputs are free in the leaf circuit, so the node must not depend on them
        AggregationIo free = new AggregationIo(l2.typeId(), OTHER, OTHER, l2.in(), l2.out());
        Aggregation.satisfiedAs(agg.node, agg.nodeInputs(STORAGE_APPLICATION, n, false, free, true, true),
                node(STORAGE_APPLICATION, n, l2, true));
    }

    /**
     * The slots' leaf flags and the second slot's activity flag (inputs 9, 10, 11) are each
     * checked boolean before the selections they drive, which would refuse another value later
     * and under another gate's name.
     */
    @Test
    void aFlagOtherThanZeroOrOneIsRefusedByItsBooleanCheck() {
        for (int flag = 9; flag <= 11; flag++) {
            long[] inputs = agg.nodeInputs(STORAGE_APPLICATION, l0, true, l1, true, true);
            inputs[flag] = 3;
            Aggregation.refusedAsNotBoolean(agg.node, inputs, 3);
        }
    }

    @Test
    void aNodeCannotClaimAnotherRange() {
        long[] inputs = agg.nodeInputs(STORAGE_APPLICATION, n, false, l2, true, true);
        for (int i = 0; i < 2 * AggregationIo.Chains.ELEMENTS; i++) {
            Aggregation.refusedClaiming(agg.node, inputs, RecursionShape.RANGE_IN + i, 12345);
        }
    }
}
