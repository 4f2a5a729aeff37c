package io.proofline.circuits.aggregation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.proofline.circuits.base.CircuitType;
import io.proofline.plonkish.Circuit;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Whole batches aggregated by their plan: every leaf and node circuit is satisfied and yields
 * the native mirror's public inputs, with each proof's inner public inputs taken from what the
 * circuits below yielded, and the scheduler yields the batch header's commitment.
 */
class AggregationTreeTests {

    private final Aggregation agg = Aggregation.get();

    @Test
    void batchesAggregateToTheirHeaders() {
        for (RealBatch batch : RealBatch.twoBatches()) {
            AggregationPlan plan = AggregationPlan.of(batch.transfers().size(), batch.storage().size());
            Map<ProofId, AggregationIo> mirror = agg.mirror(batch, plan);
            Map<ProofId, AggregationIo> proven = new HashMap<>();
            for (PlannedProof p : plan.proofs()) {
                Circuit circuit = agg.circuitOf(p);
                proven.put(p.id(), Aggregation.satisfiedAs(circuit, agg.inputs(batch, p, proven), mirror.get(p.id())));
            }
            assertEquals(plan.proofs().size(), proven.size());

            ProofId transfer = plan.tops().get(CircuitType.TRANSFER_EXECUTION);
            ProofId storage = plan.tops().get(CircuitType.STORAGE_APPLICATION);
            long[] inputs = agg.schedulerInputs(batch.header(), proven.get(transfer), transfer.isLeaf(), proven.get(storage),
                    storage.isLeaf());
            assertArrayEquals(agg.schedulerPublicInputs(batch.header()), Aggregation.satisfied(agg.scheduler, inputs));
        }
    }

    @Test
    void theLargerBatchUsesNodesOfBothKinds() {
        RealBatch batch = RealBatch.twoBatches().get(1);
        assertEquals(3, batch.transfers().size());
        assertEquals(5, batch.storage().size());
        AggregationPlan plan = AggregationPlan.of(3, 5);
        // storage application's top is a node over a node and a leaf: both isLeaf values in one node
        PlannedProof top = plan.proofs().stream().filter(p -> p.id().equals(plan.tops().get(CircuitType.STORAGE_APPLICATION)))
                .findFirst().orElseThrow();
        assertEquals(false, top.firstIsLeaf());
        assertEquals(true, top.secondIsLeaf());
    }
}
