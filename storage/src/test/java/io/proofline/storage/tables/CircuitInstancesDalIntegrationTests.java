package io.proofline.storage.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.circuits.base.CircuitType;
import io.proofline.storage.objects.ObjectKeys;
import io.proofline.storage.objects.Sha256;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CircuitInstancesDalIntegrationTests {

    private static final BatchId BATCH = new BatchId(270, 8);
    private static final String SHA = Sha256.hex(new byte[] {3});
    private static final Duration TIMEOUT = Duration.ofMinutes(1);

    private static ProverDatabase database;
    private static CircuitInstancesDal instances;

    @BeforeAll
    static void start() {
        database = new ProverDatabase();
        instances = new CircuitInstancesDal(database.jdbc);
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @BeforeEach
    void clear() {
        database.clear();
        new ProverBatchesDal(database.jdbc).insertReceived(BATCH, 1, ObjectKeys.witnessInputs(270, 8), SHA, "0x00");
    }

    private static CircuitInstanceId id(CircuitType type, int index) {
        return new CircuitInstanceId(BATCH, type, index);
    }

    private static boolean queue(CircuitInstanceId id) {
        return instances.insertQueued(id, ObjectKeys.circuitInput(270, 8, id.type(), id.index()), SHA);
    }

    /** Pretends the instance's last heartbeat was {@code ago}. */
    private static void heartbeatWas(CircuitInstanceId id, Duration ago) {
        database.jdbc.sql("UPDATE prover_circuit_instances SET heartbeat_at = now() - make_interval(secs => ?) "
                        + "WHERE circuit_type = ? AND instance_index = ?")
                .params((double) ago.toSeconds(), id.type().label, id.index()).update();
    }

    @Test
    void queuingIsIdempotentAndFindByBatchIsInProofOrder() {
        List<CircuitInstanceId> ids = List.of(id(CircuitType.STORAGE_APPLICATION, 1), id(CircuitType.TRANSFER_EXECUTION, 1),
                id(CircuitType.STORAGE_APPLICATION, 0), id(CircuitType.TRANSFER_EXECUTION, 0));
        for (CircuitInstanceId id : ids) {
            assertTrue(queue(id));
        }
        assertFalse(queue(ids.get(0)));
        assertFalse(instances.insertQueued(ids.get(0), "elsewhere.bin", Sha256.hex(new byte[0])));

        List<ProverCircuitInstance> found = instances.findByBatch(BATCH);
        assertEquals(List.of(id(CircuitType.TRANSFER_EXECUTION, 0), id(CircuitType.TRANSFER_EXECUTION, 1),
                id(CircuitType.STORAGE_APPLICATION, 0), id(CircuitType.STORAGE_APPLICATION, 1)),
                found.stream().map(ProverCircuitInstance::id).toList());
        ProverCircuitInstance first = found.get(2);
        assertEquals(InstanceStatus.QUEUED, first.status());
        assertEquals(0, first.attempts());
        assertEquals("circuit_inputs/270/8/storage_application/0.bin", first.inputKey());
        assertEquals(SHA, first.inputSha256());
        assertNull(first.workerId());
        assertNull(first.heartbeatAt());
        assertTrue(instances.findByBatch(new BatchId(270, 9)).isEmpty());
    }

    @Test
    void anAttemptRunsFromStartToSuccess() {
        CircuitInstanceId id = id(CircuitType.TRANSFER_EXECUTION, 0);
        queue(id);
        assertTrue(instances.startAttempt(id, "worker-a"));
        assertFalse(instances.startAttempt(id, "worker-b"), "an instance in progress is not started again");
        assertTrue(instances.heartbeat(id, "worker-a"));
        assertFalse(instances.heartbeat(id, "worker-b"));

        ProverCircuitInstance running = instances.find(id).orElseThrow();
        assertEquals(InstanceStatus.IN_PROGRESS, running.status());
        assertEquals(1, running.attempts());
        assertEquals("worker-a", running.workerId());
        assertNotNull(running.startedAt());
        assertNotNull(running.heartbeatAt());

        assertFalse(instances.markSuccessful(id), "no proof recorded, so not successful");
        assertFalse(instances.recordProof(id, "worker-b", ObjectKeys.proof(270, 8, id.type(), 0), SHA, 1, null, 2),
                "another worker cannot record a proof for worker-a's attempt");
        assertTrue(instances.recordProof(id, "worker-a", ObjectKeys.proof(270, 8, id.type(), 0), SHA, 12, 67L, 345));
        assertEquals(InstanceStatus.IN_PROGRESS, instances.find(id).orElseThrow().status(),
                "recording the proof is the claim's last act; the outcome comes from the partition's step");
        assertTrue(instances.markSuccessful(id));
        assertFalse(instances.recordProof(id, "worker-a", ObjectKeys.proof(270, 8, id.type(), 0), SHA, 1, null, 2),
                "already proven");
        assertFalse(instances.markFailed(id, "too late"));
        assertFalse(instances.heartbeat(id, "worker-a"));
        assertFalse(instances.requeue(id), "a proven instance stays proven");

        ProverCircuitInstance done = instances.find(id).orElseThrow();
        assertEquals(InstanceStatus.SUCCESSFUL, done.status());
        assertEquals("proofs/270/8/transfer_execution/0.bin", done.proofKey());
        assertEquals(SHA, done.proofSha256());
        assertEquals(12L, done.vectorMs());
        assertEquals(67L, done.queueMs(), "the wait for a GPU worker's prover thread");
        assertEquals(345L, done.proveMs());
        assertNotNull(done.finishedAt());
    }

    @Test
    void aFailedAttemptIsRequeuedAndTriedAgain() {
        CircuitInstanceId id = id(CircuitType.STORAGE_APPLICATION, 0);
        queue(id);
        assertFalse(instances.markFailed(id, "not started"));
        assertTrue(instances.startAttempt(id, "worker-a"));
        assertFalse(instances.markFailed(id, "worker-b", "not mine"));
        assertTrue(instances.markFailed(id, "unsatisfied gate 3 at row 17"));
        assertFalse(instances.startAttempt(id, "worker-b"), "a failed instance waits for a requeue");

        assertTrue(instances.requeue(id));
        assertFalse(instances.requeue(id), "queued already");
        ProverCircuitInstance queued = instances.find(id).orElseThrow();
        assertEquals(InstanceStatus.QUEUED, queued.status());
        assertEquals("unsatisfied gate 3 at row 17", queued.error(), "the last error is kept");
        assertNull(queued.workerId());

        assertTrue(instances.startAttempt(id, "worker-b"));
        assertEquals(2, instances.find(id).orElseThrow().attempts());
    }

    @Test
    void findsAndFailsInstancesWhoseWorkerWentSilent() {
        CircuitInstanceId silent = id(CircuitType.TRANSFER_EXECUTION, 0);
        CircuitInstanceId alive = id(CircuitType.TRANSFER_EXECUTION, 1);
        CircuitInstanceId exhausted = id(CircuitType.STORAGE_APPLICATION, 0);
        CircuitInstanceId waiting = id(CircuitType.STORAGE_APPLICATION, 1);
        for (CircuitInstanceId id : List.of(silent, alive, exhausted, waiting)) {
            queue(id);
        }
        instances.startAttempt(silent, "worker-a");
        instances.startAttempt(alive, "worker-b");
        for (int attempt = 0; attempt < 3; attempt++) {
            instances.startAttempt(exhausted, "worker-c");
            if (attempt < 2) {
                instances.requeue(exhausted);
            }
        }
        heartbeatWas(silent, Duration.ofMinutes(5));
        heartbeatWas(exhausted, Duration.ofMinutes(5));
        heartbeatWas(alive, Duration.ofSeconds(10));

        assertEquals(List.of(silent, exhausted), instances.findStale(TIMEOUT).stream().map(ProverCircuitInstance::id)
                .sorted(Comparator.comparingInt((CircuitInstanceId i) -> i.type().id)).toList());
        assertEquals(3, instances.findStale(Duration.ofSeconds(1)).size());

        // the house keeper's stale-partition recovery fails each lost attempt, whichever worker held it
        for (ProverCircuitInstance lost : instances.findStale(TIMEOUT)) {
            assertTrue(instances.markFailed(lost.id(), "worker " + lost.workerId() + " stopped sending heartbeats"));
        }
        assertFalse(instances.heartbeat(silent, "worker-a"), "worker-a lost its instance");
        assertEquals(InstanceStatus.FAILED, instances.find(silent).orElseThrow().status());
        ProverCircuitInstance failed = instances.find(exhausted).orElseThrow();
        assertEquals(InstanceStatus.FAILED, failed.status());
        assertEquals(3, failed.attempts());
        assertEquals("worker worker-c stopped sending heartbeats", failed.error());
        assertEquals(InstanceStatus.IN_PROGRESS, instances.find(alive).orElseThrow().status());
        assertTrue(instances.findStale(TIMEOUT).isEmpty());

        assertEquals(Map.of(InstanceStatus.QUEUED, 1L, InstanceStatus.IN_PROGRESS, 1L, InstanceStatus.SUCCESSFUL, 0L,
                InstanceStatus.FAILED, 2L), instances.countByStatus());
    }

    @Test
    void concurrentWorkersNeverStartTheSameInstanceTwice() throws Exception {
        List<CircuitInstanceId> ids = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ids.add(id(CircuitType.TRANSFER_EXECUTION, i));
            queue(ids.get(i));
        }
        int workers = 12;
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        Map<CircuitInstanceId, String> winners = new ConcurrentHashMap<>();
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Integer>> started = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                String worker = "worker-" + w;
                started.add(pool.submit(() -> {
                    go.await();
                    int count = 0;
                    for (CircuitInstanceId id : ids) {
                        if (instances.startAttempt(id, worker)) {
                            String previous = winners.putIfAbsent(id, worker);
                            if (previous != null) {
                                throw new AssertionError(id + " started by " + previous + " and " + worker);
                            }
                            count++;
                        }
                    }
                    return count;
                }));
            }
            go.countDown();
            int total = 0;
            for (Future<Integer> f : started) {
                total += f.get();
            }
            assertEquals(ids.size(), total);
        } finally {
            pool.shutdownNow();
        }
        for (ProverCircuitInstance i : instances.findByBatch(BATCH)) {
            assertEquals(1, i.attempts(), i.id().toString());
            assertEquals(winners.get(i.id()), i.workerId());
        }
    }
}
