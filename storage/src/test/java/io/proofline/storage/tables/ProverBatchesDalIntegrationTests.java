package io.proofline.storage.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.circuits.base.RecursionCommitments;
import io.proofline.storage.objects.ObjectKeys;
import io.proofline.storage.objects.Sha256;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;

class ProverBatchesDalIntegrationTests {

    private static final String SHA = Sha256.hex(new byte[] {1});
    private static final String OTHER_SHA = Sha256.hex(new byte[] {2});
    private static final String COMMITMENT = "0x" + "01".repeat(32);

    private static ProverDatabase database;
    private static ProverBatchesDal batches;
    private static ProtocolVersionsDal versions;

    @BeforeAll
    static void start() {
        database = new ProverDatabase();
        batches = new ProverBatchesDal(database.jdbc);
        versions = new ProtocolVersionsDal(database.jdbc);
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @BeforeEach
    void clear() {
        database.clear();
    }

    private static boolean receive(BatchId id) {
        return batches.insertReceived(id, 1, ObjectKeys.witnessInputs(id.chainId(), id.batchNumber()), SHA, COMMITMENT);
    }

    @Test
    void receivingIsIdempotent() {
        BatchId id = new BatchId(270, 5);
        assertTrue(receive(id));
        assertFalse(receive(id));
        assertFalse(batches.insertReceived(id, 2, "elsewhere.bin", OTHER_SHA, "0x00"), "a second receipt changes nothing");

        ProverBatch b = batches.find(id).orElseThrow();
        assertEquals(id, b.id());
        assertEquals(1, b.protocolVersion());
        assertEquals(BatchStatus.RECEIVED, b.status());
        assertEquals("witness_inputs/270/5.bin", b.witnessInputsKey());
        assertEquals(SHA, b.witnessInputsSha256());
        assertEquals(COMMITMENT, b.batchCommitment());
        assertNull(b.jobExecutionId());
        assertNull(b.manifestKey());
        assertNull(b.submitStatus());
        assertNotNull(b.createdAt());
        assertTrue(batches.find(new BatchId(270, 6)).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> batches.insertReceived(new BatchId(1, 1), 1, "k.bin", "bad", COMMITMENT));
    }

    @Test
    void movesThroughTheStagesAndRecordsTheirOutputs() {
        BatchId id = new BatchId(1, 9);
        receive(id);
        batches.attachJobExecution(id, 42);
        batches.updateStatus(id, BatchStatus.WITNESS_GENERATED);
        batches.recordManifest(id, ObjectKeys.manifest(1, 9));
        batches.updateStatus(id, BatchStatus.PROVING);
        batches.updateStatus(id, BatchStatus.PROVING);
        batches.updateStatus(id, BatchStatus.AGGREGATED);
        batches.recordBatchProof(id, ObjectKeys.batchProof(1, 9), OTHER_SHA);
        batches.recordSubmission(id, 200, "{\"batchNumber\":9,\"status\":\"proven\"}");
        batches.updateStatus(id, BatchStatus.SUBMITTED);

        ProverBatch b = batches.find(id).orElseThrow();
        assertEquals(BatchStatus.SUBMITTED, b.status());
        assertEquals(42L, b.jobExecutionId());
        assertEquals("manifests/1/9.bin", b.manifestKey());
        assertEquals("batch_proofs/1/9.bin", b.batchProofKey());
        assertEquals(OTHER_SHA, b.batchProofSha256());
        assertEquals(200, b.submitStatus());
        assertTrue(b.submitAnswer().contains("proven"));
        assertNotNull(b.submittedAt());
        assertFalse(b.updatedAt().isBefore(b.createdAt()));
    }

    @Test
    void refusesMovesTheStatusDoesNotAllow() {
        BatchId id = new BatchId(1, 10);
        receive(id);
        IllegalStateException skip = assertThrows(IllegalStateException.class, () -> batches.updateStatus(id, BatchStatus.PROVING));
        assertEquals("chain 1 batch 10 is received; it cannot move to proving", skip.getMessage());

        batches.updateStatus(id, BatchStatus.WITNESS_GENERATED);
        batches.updateStatus(id, BatchStatus.FAILED);
        batches.updateStatus(id, BatchStatus.PROVING);
        assertEquals(BatchStatus.PROVING, batches.find(id).orElseThrow().status(), "a failed batch resumes at any stage");
        assertThrows(IllegalStateException.class, () -> batches.updateStatus(id, BatchStatus.RECEIVED));
        batches.updateStatus(id, BatchStatus.AGGREGATED);
        batches.updateStatus(id, BatchStatus.SUBMITTED);
        for (BatchStatus s : List.of(BatchStatus.FAILED, BatchStatus.RECEIVED, BatchStatus.PROVING)) {
            assertThrows(IllegalStateException.class, () -> batches.updateStatus(id, s), "submitted is final");
        }
        batches.updateStatus(id, BatchStatus.SUBMITTED);

        BatchId unknown = new BatchId(1, 11);
        assertThrows(NoSuchElementException.class, () -> batches.updateStatus(unknown, BatchStatus.FAILED));
        assertThrows(NoSuchElementException.class, () -> batches.recordManifest(unknown, "manifests/1/11.bin"));
        assertThrows(NoSuchElementException.class, () -> batches.recordSubmission(unknown, 400, "no"));
    }

    @Test
    void listsByStatusAndFindsTheOldestUnproven() throws InterruptedException {
        assertTrue(batches.oldestUnproven().isEmpty());
        BatchId a = new BatchId(1, 1);
        BatchId b = new BatchId(1, 2);
        BatchId c = new BatchId(2, 1);
        for (BatchId id : List.of(a, b, c)) {
            receive(id);
            Thread.sleep(5);
        }
        batches.updateStatus(a, BatchStatus.WITNESS_GENERATED);
        batches.updateStatus(a, BatchStatus.PROVING);
        batches.updateStatus(a, BatchStatus.AGGREGATED);

        assertEquals(List.of(b, c), batches.listByStatus(BatchStatus.RECEIVED).stream().map(ProverBatch::id).toList());
        assertEquals(List.of(a), batches.listByStatus(BatchStatus.AGGREGATED).stream().map(ProverBatch::id).toList());
        assertEquals(b, batches.oldestUnproven().orElseThrow().id());
        batches.updateStatus(b, BatchStatus.FAILED);
        assertEquals(b, batches.oldestUnproven().orElseThrow().id(), "a failed batch is still unproven");
    }

    @Test
    void recordsProtocolVersionsOnceWithAllTheirKeys() {
        // a version whose proofs are bundles: base keys only
        ProtocolVersionKeys bundles = new ProtocolVersionKeys(3, "0x" + "aa".repeat(32), "0x" + "bb".repeat(32), Map.of());
        assertTrue(versions.register(bundles));
        assertFalse(versions.register(bundles));
        assertEquals(bundles, versions.find(3).orElseThrow());
        assertTrue(versions.find(4).isEmpty());
        ProtocolVersionKeys changed = new ProtocolVersionKeys(3, bundles.transferExecutionKey(), "0x" + "cc".repeat(32), Map.of());
        assertTrue(assertThrows(IllegalStateException.class, () -> versions.register(changed)).getMessage()
                .contains("protocol version 3"));

        // an aggregated version: the recursion layers' keys too, each compared
        Map<String, String> layers = new LinkedHashMap<>();
        RecursionCommitments.LABELS.forEach(label -> layers.put(label, "0x" + Integer.toHexString(label.length()).repeat(64).substring(0, 64)));
        ProtocolVersionKeys aggregated = new ProtocolVersionKeys(4, bundles.transferExecutionKey(), bundles.storageApplicationKey(), layers);
        assertTrue(versions.register(aggregated));
        assertEquals(aggregated, versions.find(4).orElseThrow());
        assertEquals(List.of("transfer_execution", "storage_application", "leaf_transfer_execution", "leaf_storage_application",
                "node", "scheduler"), List.copyOf(versions.find(4).orElseThrow().all().keySet()));
        Map<String, String> otherScheduler = new LinkedHashMap<>(layers);
        otherScheduler.put("scheduler", "0x" + "dd".repeat(32));
        assertThrows(IllegalStateException.class, () -> versions.register(new ProtocolVersionKeys(4, bundles.transferExecutionKey(),
                bundles.storageApplicationKey(), otherScheduler)));
        assertEquals(List.of(1, 3, 4), versions.list().stream().map(ProtocolVersionKeys::protocolVersion).toList());
    }

    @Test
    void aBatchIsRecordedOnlyUnderARecordedProtocolVersion() {
        assertThrows(DataIntegrityViolationException.class,
                () -> batches.insertReceived(new BatchId(270, 9), 7, "witness_inputs/270/9.bin", SHA, COMMITMENT));
        versions.register(new ProtocolVersionKeys(7, "0x" + "aa".repeat(32), "0x" + "bb".repeat(32), Map.of()));
        assertTrue(batches.insertReceived(new BatchId(270, 9), 7, "witness_inputs/270/9.bin", SHA, COMMITMENT));
    }
}
