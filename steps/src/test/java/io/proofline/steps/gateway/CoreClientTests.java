package io.proofline.steps.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.circuits.base.CircuitType;
import io.proofline.circuits.base.RecursionCommitments;
import io.proofline.circuits.witness.BatchExecution;
import io.proofline.circuits.witness.TestBatches;
import io.proofline.circuits.witness.WitnessInputCodec;
import io.proofline.poseidon2.Digest;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CoreClientTests {

    private static final BatchExecution.SealedBatch BATCH = TestBatches.sealed(270, 7);
    private static final byte[] WITNESS = WitnessInputCodec.encode(BATCH.witnessInput());
    private static final Digest TRANSFER_KEY = new Digest(1, 2, 3, 4);
    private static final Digest STORAGE_KEY = new Digest(5, 6, 7, 8);

    private FakeCore core;
    private final List<Duration> sleeps = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        core = new FakeCore();
    }

    @AfterEach
    void stop() {
        core.close();
    }

    private CoreClient client(URI url, Optional<String> token) {
        return new CoreClient(url, token, Duration.ofSeconds(5),
                new Retry(3, Duration.ofMillis(10), Duration.ofMillis(15), sleeps::add));
    }

    private CoreClient client() {
        return client(core.url(), Optional.of("s3cret"));
    }

    private static String data(String witnessBase64, String keys, String commitment) {
        return """
                {"chainId": 270, "batchNumber": 7, "protocolVersion": 1, "witnessInputData": "%s",
                 "verificationKeys": %s, "batchCommitment": "%s", "addedLater": [1, 2]}"""
                .formatted(witnessBase64, keys, commitment);
    }

    private static String data() {
        return data(Base64.getEncoder().encodeToString(WITNESS), keys(TRANSFER_KEY.toString()),
                BATCH.header().commitment().toString());
    }

    private static String keys(String transfer) {
        return "{\"transfer_execution\": \"" + transfer + "\", \"storage_application\": \"" + STORAGE_KEY + "\"}";
    }

    @Test
    void fetchesTheNextBatch() throws Exception {
        core.answer(200, data());

        ProofGenerationData d = client().fetchNext().orElseThrow();

        assertEquals(270, d.chainId());
        assertEquals(7, d.batchNumber());
        assertEquals(1, d.protocolVersion());
        assertArrayEquals(WITNESS, d.witnessInputData());
        assertEquals(Map.of(CircuitType.TRANSFER_EXECUTION, TRANSFER_KEY, CircuitType.STORAGE_APPLICATION, STORAGE_KEY),
                d.verificationKeys());
        assertEquals(BATCH.header().commitment(), d.batchCommitment());
        assertNull(d.recursionKeys(), "a version of bundles has none");
        FakeCore.Request r = core.requests().getFirst();
        assertEquals("POST", r.method());
        assertEquals("/proof_generation_data", r.path());
        assertEquals("Bearer s3cret", r.authorization());
        assertEquals("application/json", r.contentType());
        assertEquals("{}", r.body());
        assertTrue(sleeps.isEmpty());
    }

    @Test
    void fetchesTheRecursionKeysOfAnAggregatedVersion() throws Exception {
        String recursion = "\"leaf_transfer_execution\": \"" + TRANSFER_KEY + "\", \"leaf_storage_application\": \"" + STORAGE_KEY
                + "\", \"node\": \"" + TRANSFER_KEY + "\", \"scheduler\": \"" + STORAGE_KEY + "\", ";
        core.answer(200, data(Base64.getEncoder().encodeToString(WITNESS), keys(TRANSFER_KEY.toString()).replace("{", "{" + recursion),
                BATCH.header().commitment().toString()));

        ProofGenerationData d = client().fetchNext().orElseThrow();

        assertEquals(new RecursionCommitments(TRANSFER_KEY, STORAGE_KEY, TRANSFER_KEY, STORAGE_KEY), d.recursionKeys());
        assertEquals(Map.of(CircuitType.TRANSFER_EXECUTION, TRANSFER_KEY, CircuitType.STORAGE_APPLICATION, STORAGE_KEY),
                d.verificationKeys());
    }

    @Test
    void answersEmptyWhenTheCoreHasNothingToProve() throws Exception {
        core.answer(204, "");
        assertTrue(client(URI.create(core.url() + "/"), Optional.empty()).fetchNext().isEmpty());
        assertNull(core.requests().getFirst().authorization());
    }

    @Test
    void keepsAPathInTheBaseUrl() throws Exception {
        core.answer(204, "");
        client(URI.create(core.url() + "/core"), Optional.empty()).fetchNext();
        assertEquals("/core/proof_generation_data", core.requests().getFirst().path());
    }

    @Test
    void doesNotRetryARefusal() {
        core.answer(401, "{\"error\":\"invalid bearer token\"}");
        CoreRejectedException e = assertThrows(CoreRejectedException.class, () -> client().fetchNext());
        assertEquals(401, e.httpStatus());
        assertEquals("invalid bearer token", e.error());
        assertEquals(1, core.requests().size());
        assertTrue(sleeps.isEmpty());
    }

    @Test
    void retriesWhileTheCoreFailsThenSucceeds() throws Exception {
        core.answer(500, "{\"error\":\"internal error: NullPointerException\"}").answer(503, "<html>busy</html>").answer(200, data());

        assertTrue(client().fetchNext().isPresent());

        assertEquals(3, core.requests().size());
        assertEquals(List.of(Duration.ofMillis(10), Duration.ofMillis(15)), sleeps);
    }

    @Test
    void givesUpAfterTheLastAttempt() {
        core.answer(500, "{\"error\":\"one\"}").answer(502, "").answer(429, "{\"error\":\"slow down\"}");
        CoreUnavailableException e = assertThrows(CoreUnavailableException.class, () -> client().fetchNext());
        assertTrue(e.getMessage().contains("HTTP 429: slow down"), e.getMessage());
        assertEquals(3, core.requests().size());
        assertEquals(2, sleeps.size());
    }

    @Test
    void retriesWhenNothingListens() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        CoreClient client = client(URI.create("http://127.0.0.1:" + port), Optional.empty());
        CoreUnavailableException e = assertThrows(CoreUnavailableException.class, client::fetchNext);
        assertTrue(e.getMessage().contains("unreachable"), e.getMessage());
        assertEquals(2, sleeps.size(), "three attempts");
        assertThrows(CoreUnavailableException.class, () -> client.submitProof(7, 1, new byte[8]));
        assertEquals(4, sleeps.size());
    }

    @Test
    void retriesATimeout() throws Exception {
        core.answerAfter(2_000, 200, data()).answer(204, "");
        CoreClient client = new CoreClient(core.url(), Optional.empty(), Duration.ofMillis(300),
                new Retry(2, Duration.ofMillis(1), Duration.ofMillis(1), sleeps::add));
        assertTrue(client.fetchNext().isEmpty());
        assertEquals(1, sleeps.size());
    }

    @Test
    void rejectsMalformedAnswersWithoutRetrying() {
        String good = Base64.getEncoder().encodeToString(WITNESS);
        String commitment = BATCH.header().commitment().toString();
        String otherBatch = Base64.getEncoder().encodeToString(WitnessInputCodec.encode(TestBatches.witnessInput(270, 8)));
        Map<String, String> cases = Map.ofEntries(
                Map.entry("not json", "not valid JSON"),
                Map.entry("[1, 2]", "not a JSON object"),
                Map.entry(data(good, keys(TRANSFER_KEY.toString()), commitment) + " {}", "not valid JSON"),
                Map.entry(data(good, keys(TRANSFER_KEY.toString()), commitment).replace("\"chainId\": 270", "\"chainId\": \"270\""),
                        "'chainId' must be a non-negative integer"),
                Map.entry(data(good, keys(TRANSFER_KEY.toString()), commitment).replace("\"batchNumber\": 7,", ""),
                        "'batchNumber' is missing"),
                Map.entry(data(good, keys(TRANSFER_KEY.toString()), commitment).replace("\"protocolVersion\": 1", "\"protocolVersion\": 1.5"),
                        "'protocolVersion' must be a non-negative integer"),
                Map.entry(data("%%%", keys(TRANSFER_KEY.toString()), commitment), "'witnessInputData' is not valid base64"),
                Map.entry(data("AAAA", keys(TRANSFER_KEY.toString()), commitment), "'witnessInputData' does not decode"),
                Map.entry(data(otherBatch, keys(TRANSFER_KEY.toString()), commitment), "'witnessInputData' is for chain 270 batch 8"),
                Map.entry(data(good, keys("0x1234"), commitment), "'verificationKeys.transfer_execution' must be a digest"),
                Map.entry(data(good, keys("0x" + "ff".repeat(32)), commitment), "non-canonical"),
                Map.entry(data(good, "{\"transfer_execution\": \"" + TRANSFER_KEY + "\"}", commitment),
                        "'verificationKeys.storage_application' is missing"),
                Map.entry(data(good, keys(TRANSFER_KEY.toString()).replace("{", "{\"recursion\": \"0x\", "), commitment),
                        "unknown circuit type 'recursion'"),
                Map.entry(data(good, keys(TRANSFER_KEY.toString()).replace("{", "{\"node\": \"" + STORAGE_KEY + "\", "), commitment),
                        "'verificationKeys.leaf_transfer_execution' is missing (the answer names other recursion keys)"),
                Map.entry(data(good, keys(TRANSFER_KEY.toString()), "0x"), "'batchCommitment' must be a digest"));
        for (Map.Entry<String, String> c : cases.entrySet()) {
            core.answer(200, c.getKey());
            MalformedCoreResponseException e = assertThrows(MalformedCoreResponseException.class, () -> client().fetchNext(),
                    c.getKey());
            assertTrue(e.getMessage().contains(c.getValue()), e.getMessage() + " should say " + c.getValue());
        }
        core.answer(201, data());
        assertThrows(MalformedCoreResponseException.class, () -> client().fetchNext());
        assertEquals(cases.size() + 1, core.requests().size());
        assertTrue(sleeps.isEmpty());
    }

    @Test
    void submitsAProof() throws Exception {
        byte[] proof = {1, 2, 3, 4, 5, 6, 7, 8};
        core.answer(200, "{\"batchNumber\":7,\"status\":\"proven\"}");

        SubmitResult result = client().submitProof(7, 1, proof);

        assertTrue(result.accepted());
        assertEquals(200, result.httpStatus());
        assertEquals("{\"batchNumber\":7,\"status\":\"proven\"}", result.body());
        assertNull(result.error());
        FakeCore.Request r = core.requests().getFirst();
        assertEquals("/submit_proof/7", r.path());
        assertEquals("Bearer s3cret", r.authorization());
        assertEquals("{\"protocolVersion\":1,\"proof\":\"" + Base64.getEncoder().encodeToString(proof) + "\"}", r.body());
    }

    @Test
    void reportsARejectedProofWithoutRetrying() throws Exception {
        core.answer(400, "{\"error\":\"proof rejected: state root proven differs from postStateRoot\"}");
        SubmitResult result = client().submitProof(7, 1, new byte[8]);
        assertFalse(result.accepted());
        assertEquals(400, result.httpStatus());
        assertEquals("proof rejected: state root proven differs from postStateRoot", result.error());
        assertEquals(1, core.requests().size());

        core.answer(404, "no such batch here");
        assertEquals("no such batch here", client().submitProof(8, 1, new byte[8]).error());
        core.answer(409, "");
        assertEquals("HTTP 409 with an empty body", client().submitProof(8, 1, new byte[8]).error());
        assertTrue(sleeps.isEmpty());
    }

    @Test
    void retriesASubmissionTheCoreCouldNotTake() throws Exception {
        core.answer(503, "").answer(200, "{}");
        assertTrue(client().submitProof(7, 1, new byte[8]).accepted());
        assertEquals(2, core.requests().size());
        assertEquals(core.requests().get(0).body(), core.requests().get(1).body());
    }

    @Test
    void refusesBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> new CoreClient(URI.create("ftp://core"), Optional.empty(),
                Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new CoreClient(core.url(), Optional.of("two words"),
                Duration.ofSeconds(1)));
        assertFalse(client().toString().contains("s3cret"));
    }
}
