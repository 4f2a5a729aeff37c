package io.proofline.circuits.aggregation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.circuits.base.CircuitType;
import io.proofline.circuits.base.InstanceIo;
import io.proofline.circuits.l2.Commitments;
import io.proofline.poseidon2.Digest;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class AggregationIoTests {

    private static final RealBatch BATCH = RealBatch.twoBatches().get(1);
    private static final Digest LEAF = new Digest(1, 2, 3, 4);
    private static final Digest NODE = new Digest(5, 6, 7, 8);

    @Test
    void publicInputsRoundTripInTheirLayout() {
        long[] pi = LongStream.range(100, 133).toArray();
        AggregationIo io = AggregationIo.of(pi);
        assertEquals(100, io.typeId());
        assertEquals(new Digest(101, 102, 103, 104), io.leafKey());
        assertEquals(new Digest(105, 106, 107, 108), io.nodeKey());
        assertEquals(new Digest(109, 110, 111, 112), io.in().main());
        assertEquals(new Digest(129, 130, 131, 132), io.out().extra());
        assertArrayEquals(pi, io.publicInputs());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AggregationIo.of(new long[32]));
        assertEquals("a leaf or node proof has 33 public inputs, got 32", e.getMessage());
    }

    @Test
    void baseRangesFollowTheInstanceLayouts() {
        InstanceIo.Transfer t = InstanceIo.Transfer.of(BATCH.transfers().get(1));
        assertEquals(new AggregationIo.Chains(t.txIn(), t.logIn(), t.withdrawalsIn()),
                AggregationIo.Chains.inputOf(CircuitType.TRANSFER_EXECUTION, BATCH.transfers().get(1)));
        assertEquals(new AggregationIo.Chains(t.txOut(), t.logOut(), t.withdrawalsOut()),
                AggregationIo.Chains.outputOf(CircuitType.TRANSFER_EXECUTION, BATCH.transfers().get(1)));
        InstanceIo.Storage s = InstanceIo.Storage.of(BATCH.storage().get(2));
        assertEquals(new AggregationIo.Chains(s.rootIn(), s.logIn(), Commitments.ZERO),
                AggregationIo.Chains.inputOf(CircuitType.STORAGE_APPLICATION, BATCH.storage().get(2)));
        assertEquals(new AggregationIo.Chains(s.rootOut(), s.logOut(), Commitments.ZERO),
                AggregationIo.Chains.outputOf(CircuitType.STORAGE_APPLICATION, BATCH.storage().get(2)));
    }

    @Test
    void leavesAndNodesJoinRanges() {
        List<long[]> sa = BATCH.storage();
        CircuitType type = CircuitType.STORAGE_APPLICATION;
        AggregationIo first = AggregationIo.leaf(type, LEAF, NODE, sa.get(0), sa.get(1), true);
        AggregationIo second = AggregationIo.leaf(type, LEAF, NODE, sa.get(2), sa.get(2), false);
        AggregationIo both = AggregationIo.node(type.id, LEAF, NODE, first, second, true);
        assertEquals(AggregationIo.Chains.inputOf(type, sa.get(0)), both.in());
        assertEquals(AggregationIo.Chains.outputOf(type, sa.get(2)), both.out());
        assertEquals(first, AggregationIo.node(type.id, LEAF, NODE, first, first, false));
    }

    @Test
    void aBrokenChainIsRefused() {
        List<long[]> te = BATCH.transfers();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AggregationIo.leaf(CircuitType.TRANSFER_EXECUTION, LEAF, NODE, te.get(0), te.get(2), true));
        assertTrue(e.getMessage().startsWith("the second inner proof does not start where the first ends: "), e.getMessage());
        // a node joining two leaves whose ranges do not meet: instance 0 alone, then instance 2
        CircuitType type = CircuitType.TRANSFER_EXECUTION;
        AggregationIo first = AggregationIo.leaf(type, LEAF, NODE, te.get(0), te.get(0), false);
        AggregationIo third = AggregationIo.leaf(type, LEAF, NODE, te.get(2), te.get(2), false);
        e = assertThrows(IllegalArgumentException.class, () -> AggregationIo.node(type.id, LEAF, NODE, first, third, true));
        assertTrue(e.getMessage().startsWith("the second inner proof does not start where the first ends: "), e.getMessage());
    }
}
