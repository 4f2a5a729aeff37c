package io.proofline.circuits.aggregation;

import static io.proofline.circuits.base.CircuitType.STORAGE_APPLICATION;
import static io.proofline.circuits.base.CircuitType.TRANSFER_EXECUTION;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.circuits.base.CircuitType;
import io.proofline.plonkish.Circuit;
import io.proofline.plonkish.SatisfiabilityReport;
import io.proofline.poseidon2.Digest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Leaves over the real base proofs' public inputs of a batch: 3 transfer-execution and 5 storage-application instances. */
class LeafCircuitTests {

    private final Aggregation agg = Aggregation.get();
    private final RealBatch batch = RealBatch.twoBatches().get(1);

    private Circuit leaf(CircuitType type) {
        return agg.leaves.get(type);
    }

    private long[] leafInputs(CircuitType type, int first, int second, boolean active2) {
        List<long[]> pi = batch.of(type);
        return agg.leafInputs(type, pi.get(first), pi.get(second), active2);
    }

    private long[] in(CircuitType type, int instance) {
        return chains(AggregationIo.Chains.inputOf(type, batch.of(type).get(instance)));
    }

    private long[] out(CircuitType type, int instance) {
        return chains(AggregationIo.Chains.outputOf(type, batch.of(type).get(instance)));
    }

    private static long[] chains(AggregationIo.Chains c) {
        long[] out = new long[AggregationIo.Chains.ELEMENTS];
        c.intoArray(out, 0);
        return out;
    }

    @Test
    void consecutiveInstancesProveTheirJointRange() {
        for (CircuitType type : CircuitType.values()) {
            List<long[]> pi = batch.of(type);
            for (int i = 0; i + 1 < pi.size(); i++) {
                AggregationIo expected = AggregationIo.leaf(type, agg.leafKey(type), agg.nodeKey(), pi.get(i), pi.get(i + 1), true);
                Aggregation.satisfiedAs(leaf(type), leafInputs(type, i, i + 1, true), expected);
            }
        }
    }

    @Test
    void aLeafOfOneInstanceProvesItsRange() {
        for (CircuitType type : CircuitType.values()) {
            int last = batch.of(type).size() - 1;
            long[] pi = batch.of(type).get(last);
            Aggregation.satisfiedAs(leaf(type), leafInputs(type, last, last, false),
                    AggregationIo.leaf(type, agg.leafKey(type), agg.nodeKey(), pi, pi, false));
        }
    }

    @Test
    void anInactiveSecondSlotIsNeitherChainedNorCounted() {
        // given a leaf whose second slot holds some other verified proof, not the next instance
        List<long[]> pi = batch.transfers();

        // then with active2 = 0 it proves the first instance's range alone
        Aggregation.satisfiedAs(leaf(TRANSFER_EXECUTION), leafInputs(TRANSFER_EXECUTION, 0, 2, false),
                AggregationIo.leaf(TRANSFER_EXECUTION, agg.leafKey(TRANSFER_EXECUTION), agg.nodeKey(), pi.get(0), pi.get(0), false));
    }

    @Test
    void aSkippedInstanceIsRefused() {
        for (CircuitType type : CircuitType.values()) {
            Aggregation.refusedByConditional(leaf(type), leafInputs(type, 0, 2, true), in(type, 2), out(type, 0));
        }
    }

    @Test
    void swappedInstancesAreRefused() {
        for (CircuitType type : CircuitType.values()) {
            Aggregation.refusedByConditional(leaf(type), leafInputs(type, 1, 0, true), in(type, 0), out(type, 1));
        }
    }

    @Test
    void aRepeatedInstanceIsRefused() {
        for (CircuitType type : CircuitType.values()) {
            Aggregation.refusedByConditional(leaf(type), leafInputs(type, 1, 1, true), in(type, 1), out(type, 1));
        }
    }

    @Test
    void aBaseProofUnderAnotherKeyIsRefused() {
        // given two consecutive storage-application instances, the second proven under another key
        // (the transfer-execution key, or any key but the registered one)
        List<long[]> pi = batch.storage();
        Digest registered = Aggregation.baseKey(STORAGE_APPLICATION);
        for (Digest other : List.of(Aggregation.baseKey(TRANSFER_EXECUTION), new Digest(9, 9, 9, 9))) {
            long[] inputs = LeafCircuit.inputs(agg.leafKey(STORAGE_APPLICATION), agg.nodeKey(), true,
                    UncheckedInnerProof.checkInputs(pi.get(0), registered), UncheckedInnerProof.checkInputs(pi.get(1), other));

            // then the leaf is refused by the key check
            Aggregation.refusedBy(leaf(STORAGE_APPLICATION), inputs, other.toArray(), registered.toArray());
        }
        // and so is the first slot under another key
        long[] inputs = LeafCircuit.inputs(agg.leafKey(STORAGE_APPLICATION), agg.nodeKey(), true,
                UncheckedInnerProof.checkInputs(pi.get(0), new Digest(9, 9, 9, 9)), UncheckedInnerProof.checkInputs(pi.get(1), registered));
        Aggregation.refusedBy(leaf(STORAGE_APPLICATION), inputs, new long[] {9, 9, 9, 9}, registered.toArray());
    }

    @Test
    void anActive2OtherThanZeroOrOneIsRefused() {
        long[] inputs = leafInputs(TRANSFER_EXECUTION, 0, 1, true);
        inputs[8] = 2;
        SatisfiabilityReport report = Aggregation.check(leaf(TRANSFER_EXECUTION), inputs);
        assertFalse(report.satisfied());
        assertTrue(report.toString().matches("row \\d+, gate boolean, instance \\d+, constraint 0 evaluates to 2 instead of 0"),
                report.toString());
    }

    @Test
    void aLeafCannotClaimAnotherTypeOrRange() {
        long[] inputs = leafInputs(TRANSFER_EXECUTION, 0, 1, true);
        Aggregation.refusedClaiming(leaf(TRANSFER_EXECUTION), inputs, RecursionShape.TYPE_ID, STORAGE_APPLICATION.id);
        for (int i = 0; i < 2 * AggregationIo.Chains.ELEMENTS; i++) {
            Aggregation.refusedClaiming(leaf(TRANSFER_EXECUTION), inputs, RecursionShape.RANGE_IN + i, 12345);
        }
        long[] single = leafInputs(STORAGE_APPLICATION, 4, 4, false);
        Aggregation.refusedClaiming(leaf(STORAGE_APPLICATION), single, RecursionShape.TYPE_ID, TRANSFER_EXECUTION.id);
        Aggregation.refusedClaiming(leaf(STORAGE_APPLICATION), single, RecursionShape.RANGE_OUT, 12345);
    }
}
