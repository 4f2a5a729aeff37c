package io.proofline.circuits.aggregation;

import static io.proofline.circuits.base.CircuitType.STORAGE_APPLICATION;
import static io.proofline.circuits.base.CircuitType.TRANSFER_EXECUTION;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.circuits.base.CircuitType;
import io.proofline.circuits.l2.BatchHeader;
import io.proofline.circuits.l2.Commitments;
import io.proofline.plonkish.SatisfiabilityChecker;
import io.proofline.plonkish.SatisfiabilityReport;
import io.proofline.plonkish.WitnessVector;
import io.proofline.poseidon2.Digest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The scheduler over the top proofs of a real batch (3 transfer-execution and 5
 * storage-application instances, so both tops are nodes), their public inputs from the native
 * mirror of the aggregation plan.
 */
class SchedulerCircuitTests {

    private static final Digest OTHER = new Digest(9, 9, 9, 9);

    private final Aggregation agg = Aggregation.get();
    private final RealBatch batch = RealBatch.twoBatches().get(1);
    private final BatchHeader header = batch.header();
    private final AggregationPlan plan = AggregationPlan.of(batch.transfers().size(), batch.storage().size());
    private final Map<ProofId, AggregationIo> io = agg.mirror(batch, plan);
    private final AggregationIo transfer = top(TRANSFER_EXECUTION);
    private final AggregationIo storage = top(STORAGE_APPLICATION);

    private AggregationIo top(CircuitType type) {
        assertTrue(plan.tops().get(type).isNode());
        return io.get(plan.tops().get(type));
    }

    /** A range of {@code type}'s instances, as the proof covering exactly them would claim (a node's keys). */
    private AggregationIo range(CircuitType type, int from, int to) {
        List<long[]> pi = batch.of(type);
        AggregationIo in = AggregationIo.leaf(type, agg.leafKey(type), agg.nodeKey(), pi.get(from), pi.get(from), false);
        AggregationIo out = AggregationIo.leaf(type, agg.leafKey(type), agg.nodeKey(), pi.get(to), pi.get(to), false);
        return new AggregationIo(type.id, agg.leafKey(type), agg.nodeKey(), in.in(), out.out());
    }

    private long[] inputs(AggregationIo te, AggregationIo sa) {
        return agg.schedulerInputs(header, te, false, sa, false);
    }

    /** Scheduler inputs with a chosen key and flag for the transfer-execution top proof. */
    private long[] inputs(AggregationIo te, boolean teIsLeaf, Digest teKey) {
        return SchedulerCircuit.inputs(header.chainId(), header.batchNumber(), teIsLeaf, false,
                UncheckedInnerProof.checkInputs(te.publicInputs(), teKey),
                UncheckedInnerProof.checkInputs(storage.publicInputs(), agg.nodeKey()));
    }

    private static long[] log(AggregationIo.Chains c) {
        return c.log().toArray();
    }

    @Test
    void theTopProofsOfABatchProveItsHeader() {
        long[] pi = Aggregation.satisfied(agg.scheduler, inputs(transfer, storage));
        assertArrayEquals(agg.schedulerPublicInputs(header), pi);
        assertArrayEquals(header.commitment().toArray(), Arrays.copyOf(pi, 4));
        assertEquals(Commitments.batch(7, 2, header.preStateRoot(), header.postStateRoot(), header.txCommitment(),
                header.withdrawalsCommitment()), header.commitment());
    }

    /**
     * A top proof's leaf flag other than 0 or 1 is refused as such, by its own boolean check (the
     * key selection it drives would refuse it too, later and less clearly).
     */
    @Test
    void aLeafFlagOtherThanZeroOrOneIsRefused() {
        for (int flag = 2; flag <= 3; flag++) {
            long[] inputs = inputs(transfer, storage);
            inputs[flag] = 3;
            Aggregation.refusedAsNotBoolean(agg.scheduler, inputs, 3);
        }
    }

    @Test
    void transferExecutionNotFromEmptyChainsIsRefused() {
        // given a transfer-execution top covering instances 1..2 only: it ends at the batch's chains
        AggregationIo late = range(TRANSFER_EXECUTION, 1, 2);
        assertEquals(transfer.out(), late.out());

        // then the scheduler refuses it for not starting from empty chains
        long[] start = new long[AggregationIo.Chains.ELEMENTS];
        late.in().intoArray(start, 0);
        Aggregation.refusedBy(agg.scheduler, inputs(late, storage), start, new long[start.length]);
    }

    @Test
    void storageNotFromAnEmptyLogIsRefused() {
        AggregationIo late = range(STORAGE_APPLICATION, 1, 4);
        Aggregation.refusedBy(agg.scheduler, inputs(transfer, late), log(late.in()), new long[4]);
    }

    @Test
    void storageNotConsumingExactlyTheTransferLogIsRefused() {
        // given a storage-application top covering instances 0..3 of 5: it stops short of the log's end
        AggregationIo prefix = range(STORAGE_APPLICATION, 0, 3);

        // then the log check refuses it
        Aggregation.refusedBy(agg.scheduler, inputs(transfer, prefix), log(prefix.out()), log(transfer.out()));
    }

    @Test
    void storageFromAnotherPreStateRootCannotClaimTheHeader() {
        // given storage application of the same transactions and access log from another pre-state root
        RealBatch elsewhere = RealBatch.twoBatches(true).get(1);
        AggregationPlan otherPlan = AggregationPlan.of(elsewhere.transfers().size(), elsewhere.storage().size());
        AggregationIo otherStorage = agg.mirror(elsewhere, otherPlan).get(otherPlan.tops().get(STORAGE_APPLICATION));
        assertEquals(storage.out().log(), otherStorage.out().log());
        assertNotEquals(storage.in().main(), otherStorage.in().main());

        // when the scheduler runs on it: every check holds, but the commitment is of the other roots
        WitnessVector w = agg.scheduler.resolve(inputs(transfer, otherStorage));
        assertTrue(SatisfiabilityChecker.check(agg.scheduler, w).satisfied());
        assertArrayEquals(elsewhere.header().commitment().toArray(), Arrays.copyOf(w.publicInputs(), 4));

        // then it cannot claim the header's commitment
        refusedAsHeader(w, agg.schedulerPublicInputs(header));
    }

    @Test
    void aProofOfAnotherHeaderCannotClaimThisOne() {
        WitnessVector w = agg.scheduler.resolve(inputs(transfer, storage));
        for (BatchHeader other : List.of(RealBatch.twoBatches().get(0).header(), new BatchHeader(7, 3, header.preStateRoot(),
                header.postStateRoot(), header.txCommitment(), header.withdrawalsCommitment()))) {
            refusedAsHeader(w, agg.schedulerPublicInputs(other));
        }
    }

    /** A witness claiming {@code claimed} as public inputs is refused, whether or not its public-input cells are changed to match. */
    private void refusedAsHeader(WitnessVector honest, long[] claimed) {
        SatisfiabilityReport asIs = SatisfiabilityChecker.check(agg.scheduler, new WitnessVector(honest.columns(), claimed));
        assertFalse(asIs.satisfied());
        assertTrue(asIs.toString().matches("row [0-3], gate public_input, instance 0, constraint 0 evaluates to \\d+ instead of 0"),
                asIs.toString());

        WitnessVector cells = new WitnessVector(honest.columns(), claimed);
        for (int i = 0; i < SchedulerCircuit.PUBLIC_INPUTS; i++) {
            cells = cells.withCell(0, agg.scheduler.publicInputRows()[i], claimed[i]);
        }
        SatisfiabilityReport changed = SatisfiabilityChecker.check(agg.scheduler, cells);
        assertFalse(changed.satisfied());
        assertTrue(Aggregation.names(changed.toString(), Arrays.copyOf(claimed, 4), Arrays.copyOf(honest.publicInputs(), 4)),
                changed.toString());
    }

    @Test
    void theTopsInTheWrongSlotsAreRefused() {
        // storage application's top in the transfer-execution slot and the other way round: same node key, other type ids
        Aggregation.refusedBy(agg.scheduler, inputs(storage, transfer), new long[] {STORAGE_APPLICATION.id},
                new long[] {TRANSFER_EXECUTION.id});
    }

    @Test
    void aLeafOfTheOtherTypeIsRefused() {
        // given the one-transaction batch 1, whose tops are leaves
        RealBatch first = RealBatch.twoBatches().get(0);
        AggregationPlan p = AggregationPlan.of(1, 1);
        Map<ProofId, AggregationIo> leaves = agg.mirror(first, p);
        AggregationIo te = leaves.get(p.tops().get(TRANSFER_EXECUTION));
        AggregationIo sa = leaves.get(p.tops().get(STORAGE_APPLICATION));
        long[] honest = SchedulerCircuit.inputs(7, 1, true, true,
                UncheckedInnerProof.checkInputs(te.publicInputs(), agg.leafKey(TRANSFER_EXECUTION)),
                UncheckedInnerProof.checkInputs(sa.publicInputs(), agg.leafKey(STORAGE_APPLICATION)));
        assertArrayEquals(agg.schedulerPublicInputs(first.header()), Aggregation.satisfied(agg.scheduler, honest));

        // when the transfer-execution slot holds the storage-application leaf under its own key
        long[] swapped = SchedulerCircuit.inputs(7, 1, true, true,
                UncheckedInnerProof.checkInputs(sa.publicInputs(), agg.leafKey(STORAGE_APPLICATION)),
                UncheckedInnerProof.checkInputs(sa.publicInputs(), agg.leafKey(STORAGE_APPLICATION)));

        // then the key or the type-id check refuses it
        String m = Aggregation.refusal(agg.scheduler, swapped);
        assertTrue(Aggregation.names(m, agg.leafKey(STORAGE_APPLICATION).toArray(), agg.leafKey(TRANSFER_EXECUTION).toArray())
                || Aggregation.names(m, new long[] {STORAGE_APPLICATION.id}, new long[] {TRANSFER_EXECUTION.id}), m);

        // and a transfer-execution range under the storage-application leaf key is refused by the key check
        long[] underOtherKey = SchedulerCircuit.inputs(7, 1, true, true,
                UncheckedInnerProof.checkInputs(te.publicInputs(), agg.leafKey(STORAGE_APPLICATION)),
                UncheckedInnerProof.checkInputs(sa.publicInputs(), agg.leafKey(STORAGE_APPLICATION)));
        Aggregation.refusedBy(agg.scheduler, underOtherKey, agg.leafKey(STORAGE_APPLICATION).toArray(),
                agg.leafKey(TRANSFER_EXECUTION).toArray());
    }

    @Test
    void aTopUnderAnotherNodeKeyIsRefused() {
        AggregationIo claimsOther = new AggregationIo(transfer.typeId(), transfer.leafKey(), OTHER, transfer.in(), transfer.out());
        Aggregation.refusedBy(agg.scheduler, inputs(claimsOther, false, OTHER), OTHER.toArray(), agg.nodeKey().toArray());
    }

    @Test
    void aTopNodeClaimingOtherKeysIsRefused() {
        AggregationIo otherLeafKey = new AggregationIo(transfer.typeId(), OTHER, transfer.nodeKey(), transfer.in(), transfer.out());
        Aggregation.refusedByConditional(agg.scheduler, inputs(otherLeafKey, false, agg.nodeKey()), OTHER.toArray(),
                agg.leafKey(TRANSFER_EXECUTION).toArray());
        AggregationIo otherNodeKey = new AggregationIo(transfer.typeId(), transfer.leafKey(), OTHER, transfer.in(), transfer.out());
        Aggregation.refusedByConditional(agg.scheduler, inputs(otherNodeKey, false, agg.nodeKey()), OTHER.toArray(),
                agg.nodeKey().toArray());
    }

    @Test
    void aNodeFlaggedAsALeafIsRefused() {
        Aggregation.refusedBy(agg.scheduler, inputs(transfer, true, agg.nodeKey()), agg.nodeKey().toArray(),
                agg.leafKey(TRANSFER_EXECUTION).toArray());
    }
}
