package io.proofline.storage.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.circuits.aggregation.AggregationPlan;
import io.proofline.circuits.aggregation.PlannedProof;
import io.proofline.circuits.base.CircuitType;
import io.proofline.circuits.base.RecursionCommitments;
import io.proofline.storage.objects.ObjectKeys;
import io.proofline.storage.objects.Sha256;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AggregationProofsDalIntegrationTests {

    private static final BatchId BATCH = new BatchId(270, 9);
    private static final String SHA = Sha256.hex(new byte[] {4});

    private static ProverDatabase database;
    private static AggregationProofsDal proofs;

    @BeforeAll
    static void start() {
        database = new ProverDatabase();
        proofs = new AggregationProofsDal(database.jdbc);
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @BeforeEach
    void clear() {
        database.clear();
        Map<String, String> recursion = new LinkedHashMap<>();
        RecursionCommitments.LABELS.forEach(label -> recursion.put(label, "0x" + "2a".repeat(32)));
        new ProtocolVersionsDal(database.jdbc).register(new ProtocolVersionKeys(2, "0x" + "21".repeat(32), "0x" + "22".repeat(32), recursion));
        new ProverBatchesDal(database.jdbc).insertReceived(BATCH, 2, ObjectKeys.witnessInputs(270, 9), SHA, "0x00");
    }

    /** The rows of a plan with 3 transfer-execution and 5 storage-application base proofs: two node rounds. */
    private static List<AggregationProofId> planRows() {
        AggregationPlan plan = AggregationPlan.of(3, 5);
        List<AggregationProofId> rows = new ArrayList<>();
        for (PlannedProof p : plan.proofs()) {
            rows.add(AggregationProofId.of(BATCH, p.id()));
        }
        rows.add(AggregationProofId.scheduler(BATCH, plan.rounds().size()));
        return rows;
    }

    @Test
    void queuingIsIdempotentAndRowsComeRoundByRoundWithTheSchedulerLast() {
        List<AggregationProofId> rows = planRows();
        assertEquals(rows.size(), proofs.insertQueued(rows.reversed()));
        assertEquals(0, proofs.insertQueued(rows), "a restarted job queues nothing twice");

        List<ProverAggregationProof> found = proofs.findByBatch(BATCH);
        assertEquals(rows, found.stream().map(ProverAggregationProof::id).toList());
        assertTrue(found.stream().allMatch(p -> p.status() == InstanceStatus.QUEUED && p.attempts() == 0));
        // leaves (2 + 3), node round 1 (1 + 1), node round 2 (0 + 1), scheduler in round 3
        assertEquals(List.of("leaf-transfer_execution-0", "leaf-transfer_execution-1", "leaf-storage_application-0",
                        "leaf-storage_application-1", "leaf-storage_application-2", "node1-transfer_execution-0",
                        "node1-storage_application-0", "node2-storage_application-0", "scheduler"),
                found.stream().map(p -> p.id().name()).toList());
        assertEquals(3, found.getLast().id().round());
    }

    @Test
    void anAttemptIsHeldByOneWorkerAndRecordsItsProofAndInnerProofs() {
        AggregationProofId leaf = planRows().getFirst();
        proofs.insertQueued(List.of(leaf));
        assertTrue(proofs.startAttempt(leaf, "worker-1"));
        assertFalse(proofs.startAttempt(leaf, "worker-2"), "one attempt at a time");
        assertTrue(proofs.heartbeat(leaf, "worker-1"));
        assertFalse(proofs.heartbeat(leaf, "worker-2"));
        String key = ObjectKeys.aggregationProof(270, 9, leaf.name());
        List<String> inner = List.of(ObjectKeys.proof(270, 9, CircuitType.TRANSFER_EXECUTION, 0),
                ObjectKeys.proof(270, 9, CircuitType.TRANSFER_EXECUTION, 1));
        assertFalse(proofs.markSuccessful(leaf), "no proof recorded yet");
        assertFalse(proofs.recordProof(leaf, "worker-2", inner, key, SHA, 1, null, 2), "not worker-2's attempt");
        assertTrue(proofs.recordProof(leaf, "worker-1", inner, key, SHA, 10, null, 2000));
        assertEquals(InstanceStatus.IN_PROGRESS, proofs.find(leaf).orElseThrow().status(),
                "the outcome waits for the partition's step");
        assertTrue(proofs.markSuccessful(leaf));

        ProverAggregationProof row = proofs.find(leaf).orElseThrow();
        assertEquals(InstanceStatus.SUCCESSFUL, row.status());
        assertEquals(1, row.attempts());
        assertEquals(key, row.proofKey());
        assertEquals(String.join(" ", inner), row.innerProofKeys());
        assertEquals(2000L, row.proveMs());
        assertFalse(proofs.requeue(leaf), "a proof made stays made");
    }

    @Test
    void aProofWithoutHeartbeatIsFoundStaleAndAFailedOneCanBeRequeued() {
        AggregationProofId node = planRows().get(5);
        AggregationProofId scheduler = planRows().getLast();
        proofs.insertQueued(List.of(node, scheduler));
        assertTrue(proofs.startAttempt(node, "worker-1"));
        assertTrue(proofs.startAttempt(scheduler, "worker-2"));
        database.jdbc.sql("UPDATE prover_aggregation_proofs SET heartbeat_at = now() - interval '5 minutes' WHERE layer = 'node'")
                .update();

        assertEquals(List.of(node), proofs.findStale(Duration.ofMinutes(1)).stream().map(ProverAggregationProof::id).toList());
        assertTrue(proofs.markFailed(node, null, "worker worker-1 stopped sending heartbeats"));
        assertFalse(proofs.heartbeat(node, "worker-1"), "the lost worker learns it from its next heartbeat");
        assertTrue(proofs.requeue(node));

        ProverAggregationProof requeued = proofs.find(node).orElseThrow();
        assertEquals(InstanceStatus.QUEUED, requeued.status());
        assertEquals(1, requeued.attempts(), "the attempt count is kept");
        assertNull(requeued.workerId());
        assertEquals("worker worker-1 stopped sending heartbeats", requeued.error());
    }
}
