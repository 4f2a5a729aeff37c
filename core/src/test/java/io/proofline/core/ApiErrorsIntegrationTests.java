package io.proofline.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.testsupport.TestDatabase;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Every refusal is the right 4xx with {@code {"error": "..."}} saying what was wrong. */
@SpringBootTest(classes = ProoflineCoreApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class ApiErrorsIntegrationTests {

    private static final String TOKEN = "test-token-8c2e";
    private static final int LIMIT = 64 * 1024;
    private static final TestDatabase DB = TestDatabase.create();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        // version 1: bundles, so that the core starts without recursion keys; the errors are the same
        CoreTestEnvironment.register(registry, DB, Map.of("proofline.core.api-token", TOKEN,
                "proofline.core.max-request-bytes", String.valueOf(LIMIT), "proofline.core.protocol-version", 1));
    }

    @AfterAll
    static void dropDatabase() {
        DB.close();
    }

    @LocalServerPort
    int port;

    private ApiClient api;

    @BeforeEach
    void sealedBatchOne() {
        api = new ApiClient(port, TOKEN);
        if (api.get("/batches/1").status() == 404) {
            assertEquals(202, api.postJson("/transactions", Map.of("kind", "deposit", "to", 5, "amount", 100, "owner", 1)).status());
            assertEquals(200, api.post("/batches/seal", null).status());
        }
    }

    @Test
    void requiresTheBearerToken() {
        ApiClient anonymous = new ApiClient(port);
        assertError(401, "bearer token", anonymous.post("/proof_generation_data", null));
        assertError(401, "bearer token", anonymous.get("/batches/1"));
        assertError(401, "bearer token", anonymous.postJson("/transactions", Map.of("kind", "deposit")));
        assertError(401, "invalid bearer token", new ApiClient(port, "wrong").get("/batches/1"));
        assertEquals(200, api.get("/batches/1").status());
    }

    @Test
    void refusesMalformedJson() {
        assertError(400, "malformed JSON", api.post("/transactions", "{\"kind\": \"deposit\", "));
        assertError(400, "malformed JSON", api.post("/submit_proof/1", "{\"protocolVersion\": 1, \"proof\": }"));
        assertError(400, "malformed JSON", api.post("/proof_generation_data", "{"));
        assertError(400, "malformed JSON", api.post("/transactions", "{\"kind\":\"deposit\",\"to\":1,\"amount\":1,\"owner\":1} {}"));
        assertError(400, "request body is missing", api.post("/transactions", null));
        assertError(400, "JSON object", api.post("/submit_proof/1", "[1, 2]"));
    }

    @Test
    void refusesWrongTypesAndMissingFields() {
        assertError(400, "'amount' must be an integer",
                api.post("/transactions", "{\"kind\":\"transfer\",\"from\":1,\"to\":2,\"amount\":\"ten\",\"nonce\":0}"));
        assertError(400, "'amount' must be an integer",
                api.post("/transactions", "{\"kind\":\"transfer\",\"from\":1,\"to\":2,\"amount\":1.5,\"nonce\":0}"));
        assertError(400, "missing: nonce", api.postJson("/transactions", Map.of("kind", "transfer", "from", 1, "to", 2, "amount", 1)));
        assertError(400, "remove: from", api.postJson("/transactions", Map.of("kind", "deposit", "from", 1, "to", 2, "amount", 1, "owner", 1)));
        assertError(400, "unknown transaction kind", api.postJson("/transactions", Map.of("kind", "mint", "to", 2, "amount", 1)));
        assertError(400, "missing field 'kind'", api.postJson("/transactions", Map.of("to", 2, "amount", 1)));
        assertError(400, "outside", api.postJson("/transactions", Map.of("kind", "deposit", "to", 1 << 20, "amount", 1, "owner", 1)));
        assertError(400, "'protocolVersion' must be an integer", api.post("/submit_proof/1", "{\"protocolVersion\":\"one\",\"proof\":\"\"}"));
        assertError(400, "missing field 'protocolVersion'", api.postJson("/submit_proof/1", Map.of("proof", "AAAA")));
        assertError(400, "missing field 'proof'", api.postJson("/submit_proof/1", Map.of("protocolVersion", 1)));
    }

    @Test
    void refusesInvalidTransactions() {
        assertEquals(202, api.postJson("/transactions", Map.of("kind", "deposit", "to", 7, "amount", 100, "owner", 1)).status());
        assertError(400, "holds 100, cannot send 101",
                api.postJson("/transactions", Map.of("kind", "transfer", "from", 7, "to", 8, "amount", 101, "nonce", 0)));
        assertError(400, "expects nonce 0, got 3",
                api.postJson("/transactions", Map.of("kind", "transfer", "from", 7, "to", 8, "amount", 1, "nonce", 3)));
        assertError(400, "holds 100, cannot send 500",
                api.postJson("/transactions", Map.of("kind", "withdraw", "from", 7, "amount", 500, "nonce", 0, "l1Recipient", 9)));
        assertEquals(202, api.postJson("/transactions", Map.of("kind", "transfer", "from", 7, "to", 8, "amount", 60, "nonce", 0)).status());
        assertError(400, "holds 40, cannot send 50", api.postJson("/transactions",
                Map.of("kind", "transfer", "from", 7, "to", 8, "amount", 50, "nonce", 1)), "checked against the pending state");
    }

    @Test
    void refusesBadSubmissions() {
        assertError(404, "batch 99 does not exist", api.postJson("/submit_proof/99", Map.of("protocolVersion", 1, "proof", "AAAA")));
        assertError(404, "batch 99 does not exist", api.get("/batches/99"));
        assertError(400, "not a valid batchNumber", api.postJson("/submit_proof/first", Map.of("protocolVersion", 1, "proof", "AAAA")));
        assertError(400, "protocol version 1, not 2", api.postJson("/submit_proof/1", Map.of("protocolVersion", 2, "proof", "AAAA")));
        assertError(400, "not valid base64", api.postJson("/submit_proof/1", Map.of("protocolVersion", 1, "proof", "%%not base64%%")));
        String garbage = Base64.getEncoder().encodeToString("this is not a batch proof".getBytes(StandardCharsets.US_ASCII));
        assertError(400, "malformed proof", api.postJson("/submit_proof/1", Map.of("protocolVersion", 1, "proof", garbage)));
        assertEquals("sealed", api.get("/batches/1").json().get("status").asString());
    }

    @Test
    void refusesOversizedBodies() {
        String big = "{\"protocolVersion\":1,\"proof\":\"" + "A".repeat(LIMIT) + "\"}";
        assertError(413, "exceeds the limit of " + LIMIT + " bytes", api.post("/submit_proof/1", big));
        assertError(413, "exceeds the limit", api.postStream("/submit_proof/1", new ByteArrayInputStream(big.getBytes(StandardCharsets.US_ASCII))));
        String fits = "{\"protocolVersion\":1,\"proof\":\"" + "A".repeat(LIMIT - 100) + "\"}";
        assertError(400, "malformed proof", api.post("/submit_proof/1", fits));
    }

    @Test
    void answersUnknownEndpointsAndMethodsInJson() {
        assertError(404, "no such endpoint", api.get("/nothing/here"));
        assertError(405, "not allowed", api.get("/proof_generation_data"));
    }

    private static void assertError(int status, String fragment, ApiClient.Response response) {
        assertError(status, fragment, response, "");
    }

    private static void assertError(int status, String fragment, ApiClient.Response response, String why) {
        assertEquals(status, response.status(), why + " " + response);
        assertTrue(response.contentType().startsWith("application/json"), response.contentType());
        assertNotNull(response.error(), response.toString());
        assertTrue(response.error().contains(fragment), "expected '" + fragment + "' in: " + response.error());
    }
}
