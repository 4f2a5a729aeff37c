package io.proofline.circuits.aggregation;

import static io.proofline.circuits.base.CircuitType.STORAGE_APPLICATION;
import static io.proofline.circuits.base.CircuitType.TRANSFER_EXECUTION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.circuits.base.CircuitType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AggregationPlanTests {

    private static ProofId base(CircuitType t, int i) {
        return new ProofId(t, 0, i);
    }

    private static ProofId leaf(CircuitType t, int i) {
        return new ProofId(t, 1, i);
    }

    private static ProofId node(CircuitType t, int level, int i) {
        return new ProofId(t, level, i);
    }

    @Test
    void fiveTransferAndOneStorageProofs() {
        // given 5 transfer-execution and 1 storage-application base proofs
        AggregationPlan plan = AggregationPlan.of(5, 1);

        // then leaves pair consecutive base proofs, the last leaf of each type holding one
        CircuitType te = TRANSFER_EXECUTION;
        CircuitType sa = STORAGE_APPLICATION;
        assertEquals(List.of(
                new PlannedProof(leaf(te, 0), base(te, 0), base(te, 1), true),
                new PlannedProof(leaf(te, 1), base(te, 2), base(te, 3), true),
                new PlannedProof(leaf(te, 2), base(te, 4), base(te, 4), false),
                new PlannedProof(leaf(sa, 0), base(sa, 0), base(sa, 0), false)), plan.rounds().get(0));
        // and nodes pair the level below, the odd last leaf moving up unchanged until it has a partner
        assertEquals(List.of(new PlannedProof(node(te, 2, 0), leaf(te, 0), leaf(te, 1), true)), plan.rounds().get(1));
        assertEquals(List.of(new PlannedProof(node(te, 3, 0), node(te, 2, 0), leaf(te, 2), true)), plan.rounds().get(2));
        assertEquals(3, plan.rounds().size());
        assertEquals(Map.of(te, node(te, 3, 0), sa, leaf(sa, 0)), plan.tops());
        // and the node of round 2 verifies a node in slot 1 and a leaf in slot 2
        PlannedProof top = plan.rounds().get(2).getFirst();
        assertEquals(List.of(false, true), List.of(top.firstIsLeaf(), top.secondIsLeaf()));
    }

    @Test
    void oneBaseProofOfEachTypeIsOneRoundOfLeaves() {
        AggregationPlan plan = AggregationPlan.of(1, 2);
        assertEquals(1, plan.rounds().size());
        assertEquals(List.of(
                new PlannedProof(leaf(TRANSFER_EXECUTION, 0), base(TRANSFER_EXECUTION, 0), base(TRANSFER_EXECUTION, 0), false),
                new PlannedProof(leaf(STORAGE_APPLICATION, 0), base(STORAGE_APPLICATION, 0), base(STORAGE_APPLICATION, 1), true)),
                plan.proofs());
        assertEquals(Map.of(TRANSFER_EXECUTION, leaf(TRANSFER_EXECUTION, 0), STORAGE_APPLICATION, leaf(STORAGE_APPLICATION, 0)),
                plan.tops());
    }

    @Test
    void theSameCountsGiveTheSamePlan() {
        assertEquals(AggregationPlan.of(37, 12), AggregationPlan.of(37, 12));
        assertNotEquals(AggregationPlan.of(37, 12), AggregationPlan.of(36, 12));
    }

    @Test
    void everyBaseProofIsCoveredOnceInOrderAndEveryProofIsConsumedOnce() {
        for (int n = 1; n <= 40; n++) {
            for (int m : new int[] {1, 2, 3, n}) {
                AggregationPlan plan = AggregationPlan.of(n, m);
                Map<ProofId, PlannedProof> byId = plan.proofs().stream()
                        .collect(Collectors.toMap(PlannedProof::id, Function.identity()));
                Set<ProofId> made = new HashSet<>();
                Set<ProofId> consumed = new HashSet<>();
                for (PlannedProof p : plan.proofs()) {
                    // inner proofs are base proofs or made in an earlier round
                    for (ProofId inner : List.of(p.first(), p.second())) {
                        assertTrue(inner.isBase() == p.isLeaf(), p.toString());
                        assertTrue(inner.isBase() || made.contains(inner), p + " consumes " + inner + " before it is made");
                    }
                    assertTrue(p.isLeaf() || p.active2(), "a node pairs two proofs: " + p);
                    assertTrue(consumed.add(p.first()), p.first() + " consumed twice");
                    assertTrue(!p.active2() || consumed.add(p.second()), p.second() + " consumed twice");
                    made.add(p.id());
                }
                for (Map.Entry<CircuitType, ProofId> top : plan.tops().entrySet()) {
                    int count = top.getKey() == TRANSFER_EXECUTION ? n : m;
                    assertEquals(IntStream.range(0, count).boxed().toList(), covered(top.getValue(), byId), n + ", " + m);
                    assertTrue(!consumed.contains(top.getValue()), "the top is consumed by no other proof");
                }
                // every made proof but the tops is consumed, so nothing is lost
                made.removeAll(plan.tops().values());
                assertTrue(consumed.containsAll(made));
                int leaves = Math.ceilDiv(Math.max(n, m), 2);
                assertEquals(1 + (32 - Integer.numberOfLeadingZeros(leaves - 1)), plan.rounds().size(), n + ", " + m);
            }
        }
    }

    /** The base proofs a proof covers, in order, following only active slots. */
    private static List<Integer> covered(ProofId id, Map<ProofId, PlannedProof> byId) {
        if (id.isBase()) {
            return List.of(id.index());
        }
        PlannedProof p = byId.get(id);
        List<Integer> out = new ArrayList<>(covered(p.first(), byId));
        if (p.active2()) {
            out.addAll(covered(p.second(), byId));
        }
        return out;
    }

    @Test
    void aTypeWithoutBaseProofsIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AggregationPlan.of(3, 0));
        assertEquals("a batch has at least one storage_application proof, got 0", e.getMessage());
    }

    @Test
    void anInactiveSlotMustRepeatTheFirst() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PlannedProof(
                leaf(TRANSFER_EXECUTION, 0), base(TRANSFER_EXECUTION, 0), base(TRANSFER_EXECUTION, 1), false));
        assertEquals("an inactive slot 2 repeats slot 1, but transfer_execution leaf 0 has transfer_execution base 0 and"
                + " transfer_execution base 1", e.getMessage());
    }
}
