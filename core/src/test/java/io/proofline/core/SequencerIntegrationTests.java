package io.proofline.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.circuits.base.CircuitType;
import io.proofline.circuits.base.PinnedCommitments;
import io.proofline.circuits.l2.Transaction;
import io.proofline.circuits.witness.WitnessInputCodec;
import io.proofline.testsupport.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The sequencer across its lifecycle: sealing by size and age, restarts, random traffic, key registration. */
@ExtendWith(OutputCaptureExtension.class)
class SequencerIntegrationTests {

    @Test
    void sealsBySizeAndByAge() {
        try (TestDatabase db = TestDatabase.create();
             ConfigurableApplicationContext core = start(db, Map.of("proofline.core.batch.max-transactions", 3,
                     "proofline.core.batch.max-age", "1500ms"))) {
            ApiClient api = client(core);
            for (int i = 1; i <= 4; i++) {
                assertEquals(202, api.postJson("/transactions", Map.of("kind", "deposit", "to", i, "amount", 10, "owner", i)).status());
            }
            Instant start = Instant.now();
            await(() -> api.get("/batches/1").status() == 200, Duration.ofSeconds(1));
            assertEquals(3, api.get("/batches/1").json().get("transactionCount").asInt(), "sealed as soon as 3 were pending");
            assertEquals(404, api.get("/batches/2").status(), "the fourth waits for its age");
            await(() -> api.get("/batches/2").status() == 200, Duration.ofSeconds(5));
            assertTrue(Duration.between(start, Instant.now()).toMillis() >= 1000, "not sealed before max-age");
            assertEquals(1, api.get("/batches/2").json().get("transactionCount").asInt());
            assertEquals(0, api.get("/status").json().get("sequencer").get("pendingTransactions").asInt());
        }
    }

    @Test
    void keepsCommittedAndPendingStateAcrossRestarts() {
        try (TestDatabase db = TestDatabase.create()) {
            JsonNode account1;
            String root1;
            try (ConfigurableApplicationContext core = start(db, Map.of())) {
                ApiClient api = client(core);
                accept(api, Map.of("kind", "deposit", "to", 1, "amount", 1000, "owner", 5));
                accept(api, Map.of("kind", "deposit", "to", 2, "amount", 10, "owner", 6));
                accept(api, Map.of("kind", "transfer", "from", 1, "to", 2, "amount", 100, "nonce", 0));
                root1 = api.post("/batches/seal", null).json().get("stateRoot").asString();
                accept(api, Map.of("kind", "transfer", "from", 1, "to", 2, "amount", 1, "nonce", 1));
                accept(api, Map.of("kind", "withdraw", "from", 2, "amount", 50, "nonce", 0, "l1Recipient", 77));
                account1 = api.get("/accounts/1").json();
                assertEquals(900, account1.get("committed").get("balance").asLong());
                assertEquals(899, account1.get("pending").get("balance").asLong());
            }
            try (ConfigurableApplicationContext core = start(db, Map.of())) {
                ApiClient api = client(core);
                assertEquals(account1, api.get("/accounts/1").json(), "committed and pending state reloaded");
                JsonNode status = api.get("/status").json();
                assertEquals(2, status.get("sequencer").get("pendingTransactions").asInt());
                assertEquals(2, status.get("sequencer").get("nextBatchNumber").asLong());
                assertEquals(root1, status.get("sequencer").get("committedStateRoot").asString());
                ApiClient.Response stale = api.postJson("/transactions", Map.of("kind", "transfer", "from", 1, "to", 2, "amount", 1, "nonce", 1));
                assertEquals(400, stale.status(), "nonce 1 was used by a pending transaction before the restart");

                JsonNode sealed = api.post("/batches/seal", null).json();
                assertEquals(2, sealed.get("batchNumber").asLong());
                assertEquals(2, sealed.get("transactionCount").asInt());
                assertEquals(root1, api.get("/batches/2").json().get("preStateRoot").asString(), "batch 2 continues batch 1");
                assertEquals(sealed.get("stateRoot").asString(), api.get("/batches/2").json().get("postStateRoot").asString());
                assertEquals(899, api.get("/accounts/1").json().get("committed").get("balance").asLong());
                assertEquals(1, core.getBean(JdbcClient.class).sql("SELECT count(*) FROM core_protocol_versions").query(Long.class).single());
            }
        }
    }

    @Test
    void randomTrafficIsAlwaysValid(CapturedOutput output) {
        try (TestDatabase db = TestDatabase.create();
             ConfigurableApplicationContext core = start(db, Map.of("proofline.core.traffic.enabled", true,
                     "proofline.core.traffic.rate-per-second", 400, "proofline.core.batch.max-transactions", 40,
                     "proofline.core.batch.max-age", "300ms"))) {
            ApiClient api = client(core);
            await(() -> api.get("/status").json().get("batches").get("sealed").asLong() >= 10, Duration.ofSeconds(30));
            JdbcClient jdbc = core.getBean(JdbcClient.class);
            Set<Transaction.Kind> kinds = EnumSet.noneOf(Transaction.Kind.class);
            for (byte[] witness : jdbc.sql("SELECT witness_input FROM core_batches").query(byte[].class).list()) {
                WitnessInputCodec.decode(witness).transactions().forEach(tx -> kinds.add(tx.kind()));
            }
            assertEquals(EnumSet.allOf(Transaction.Kind.class), kinds, "deposits, transfers and withdrawals");
            long accounts = jdbc.sql("SELECT count(*) FROM core_accounts").query(Long.class).single();
            assertTrue(accounts >= 2, "traffic opened accounts: " + accounts);
        }
        assertFalse(output.getAll().contains("Generated transaction refused"), "every generated transaction was accepted");
        assertFalse(output.getAll().contains("Sealing failed"));
    }

    @Test
    void refusesToStartWithOtherKeysForARegisteredProtocolVersion() {
        try (TestDatabase db = TestDatabase.create()) {
            start(db, Map.of()).close();
            db.execute("UPDATE core_protocol_versions SET transfer_execution_key = '0x" + "0".repeat(64) + "'");
            Exception e = assertThrows(Exception.class, () -> start(db, Map.of()).close());
            String messages = causes(e);
            assertTrue(messages.contains("protocol version 3 is registered with other keys"), messages);
            // the recursion keys are held to the registration as well
            PinnedCommitments pins = PinnedCommitments.load();
            db.execute("UPDATE core_protocol_versions SET transfer_execution_key = '"
                    + pins.require(pins.currentVersion(), "small").get(CircuitType.TRANSFER_EXECUTION) + "'");
            start(db, Map.of()).close();
            db.execute("UPDATE core_protocol_versions SET scheduler_key = '0x" + "0".repeat(64) + "'");
            String recursion = causes(assertThrows(Exception.class, () -> start(db, Map.of()).close()));
            assertTrue(recursion.contains("protocol version 3 is registered with other keys") && recursion.contains("scheduler 0x"
                    + "0".repeat(64)), recursion);
        }
    }

    static ConfigurableApplicationContext start(TestDatabase db, Map<String, Object> overrides) {
        String[] args = CoreTestEnvironment.properties(db, overrides).entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(ProoflineCoreApplication.class).run(args);
    }

    private static ApiClient client(ConfigurableApplicationContext core) {
        return new ApiClient(Integer.parseInt(core.getEnvironment().getRequiredProperty("local.server.port")));
    }

    private static void accept(ApiClient api, Map<String, Object> tx) {
        ApiClient.Response r = api.postJson("/transactions", tx);
        assertEquals(202, r.status(), r.toString());
    }

    private static void await(BooleanSupplier condition, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not met within " + timeout);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static String causes(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            sb.append(c.getMessage()).append('\n');
        }
        return sb.toString();
    }
}
