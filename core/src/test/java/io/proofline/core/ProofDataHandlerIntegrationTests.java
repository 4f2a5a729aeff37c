package io.proofline.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.circuits.base.CircuitType;
import io.proofline.circuits.batch.BaseProof;
import io.proofline.circuits.batch.BatchProof;
import io.proofline.circuits.batch.BatchProofCodec;
import io.proofline.circuits.l2.Transaction;
import io.proofline.circuits.witness.WitnessInputCodec;
import io.proofline.circuits.witness.WitnessInputData;
import io.proofline.field.Ext2;
import io.proofline.plonkish.PlonkishProof;
import io.proofline.plonkish.ProofCodec;
import io.proofline.testsupport.TestDatabase;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The proof data handler end to end under protocol version 1, whose batch proofs are bundles of
 * base proofs: transactions in, batches sealed, handed out, proven with the same keys as the
 * core's, and the proofs checked on submission. Version 2's aggregated proofs:
 * {@link AggregatedProofIntegrationTests}.
 */
@SpringBootTest(classes = ProoflineCoreApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProofDataHandlerIntegrationTests {

    private static final TestDatabase DB = TestDatabase.create();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        CoreTestEnvironment.register(registry, DB, Map.of("proofline.core.protocol-version", 1));
    }

    @AfterAll
    static void dropDatabase() {
        DB.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    @Order(1)
    void provesSealedBatchesAndRejectsBadProofs() {
        ApiClient api = new ApiClient(port);
        assertEquals(204, api.post("/proof_generation_data", null).status(), "nothing sealed yet");

        accept(api, Map.of("kind", "deposit", "to", 1, "amount", 1000, "owner", 11));
        accept(api, Map.of("kind", "deposit", "to", 2, "amount", 500, "owner", 22));
        accept(api, Map.of("kind", "deposit", "to", 3, "amount", 300, "owner", 33));
        accept(api, Map.of("kind", "transfer", "from", 1, "to", 2, "amount", 250, "nonce", 0));
        accept(api, Map.of("kind", "withdraw", "from", 3, "amount", 100, "nonce", 0, "l1Recipient", 4242));
        assertEquals(1, api.post("/batches/seal", null).json().get("batchNumber").asLong());
        accept(api, Map.of("kind", "transfer", "from", 2, "to", 1, "amount", 50, "nonce", 0));
        accept(api, Map.of("kind", "deposit", "to", 4, "amount", 70, "owner", 44));
        assertEquals(2, api.post("/batches/seal", null).json().get("batchNumber").asLong());

        JsonNode first = api.post("/proof_generation_data", "{}").json();
        JsonNode second = api.post("/proof_generation_data", null).json();
        assertEquals(1, first.get("batchNumber").asLong(), "oldest batch first");
        assertEquals(2, second.get("batchNumber").asLong());
        assertEquals(1, first.get("chainId").asLong());
        assertEquals(1, first.get("protocolVersion").asInt());
        assertEquals(api.get("/batches/1").json().get("commitment").asString(), first.get("batchCommitment").asString());
        CoreTestEnvironment.keys(1).commitments().forEach((type, digest) ->
                assertEquals(digest.toString(), first.get("verificationKeys").get(type.label).asString(), type.label));
        assertEquals("picked", status(api, 1).get("status").asString());
        assertEquals(1, status(api, 1).get("attempts").asInt());

        WitnessInputData data1 = witness(first);
        WitnessInputData data2 = witness(second);
        assertEquals(1, data1.batchNumber());
        assertEquals(List.of(Transaction.deposit(1, 1000, 11), Transaction.deposit(2, 500, 22), Transaction.deposit(3, 300, 33),
                Transaction.transfer(1, 2, 250, 0), Transaction.withdraw(3, 100, 0, 4242)), data1.transactions());
        assertEquals(2, data2.transactions().size());
        BatchProof proof1 = CoreTestEnvironment.prove(data1);
        BatchProof proof2 = CoreTestEnvironment.prove(data2);

        // a well-formed proof with one opened value changed: parsed, chained, and refused by the verifier
        ApiClient.Response tampered = submit(api, 1, tamper(proof1));
        assertEquals(400, tampered.status(), tampered.toString());
        assertNotNull(tampered.error());
        assertTrue(tampered.error().startsWith("proof rejected: transfer_execution instance 0: proof does not verify"),
                tampered.error());
        assertEquals("picked", status(api, 1).get("status").asString(), "a rejected proof leaves the batch unproven");

        // a base proof cut short: refused as malformed before any verification
        ApiClient.Response malformed = submit(api, 1, truncate(proof1));
        assertEquals(400, malformed.status(), malformed.toString());
        assertTrue(malformed.error().startsWith("proof rejected: transfer_execution instance 0: malformed proof: PLPROOF1"),
                malformed.error());
        assertEquals("picked", status(api, 1).get("status").asString());

        // the proof of batch 1 as it is: its header fields name batch 1
        ApiClient.Response mismatched = submit(api, 2, BatchProofCodec.encode(proof1));
        assertEquals(400, mismatched.status(), mismatched.toString());
        assertEquals("proof rejected: proof is for chain 1 batch 1, not chain 1 batch 2", mismatched.error());
        assertEquals("picked", status(api, 2).get("status").asString());

        // relabelled as batch 2: identity matches, but what it proves is batch 1's transactions
        BatchProof relabelled = new BatchProof(proof1.chainId(), 2, proof1.proofs());
        ApiClient.Response unchained = submit(api, 2, BatchProofCodec.encode(relabelled));
        assertEquals(400, unchained.status(), unchained.toString());
        assertEquals("proof rejected: transactions proven differ from the batch's (txCommitment)", unchained.error());
        assertEquals("picked", status(api, 2).get("status").asString(), "a proof of another batch leaves it unproven");

        byte[] valid1 = BatchProofCodec.encode(proof1);
        ApiClient.Response accepted = submit(api, 1, valid1);
        assertEquals(200, accepted.status(), accepted.toString());
        assertEquals(1, accepted.json().get("batchNumber").asLong());
        assertEquals("proven", accepted.json().get("status").asString());
        JsonNode proven = status(api, 1);
        assertEquals("proven", proven.get("status").asString());
        assertTrue(proven.get("provenAt").isString());
        assertArrayEquals(valid1, storedProof(1));

        assertEquals(200, submit(api, 1, valid1).status(), "a repeated valid proof is accepted again");
        ApiClient.Response late = submit(api, 1, tamper(proof1));
        assertEquals(400, late.status(), "an invalid proof is refused even for a proven batch");
        assertTrue(late.error().contains("proof does not verify"), late.error());
        assertEquals("proven", status(api, 1).get("status").asString());
        assertArrayEquals(valid1, storedProof(1));

        assertEquals(200, submit(api, 2, BatchProofCodec.encode(proof2)).status());
        assertEquals("proven", status(api, 2).get("status").asString());
        assertEquals(204, api.post("/proof_generation_data", null).status(), "everything is proven");
    }

    @Test
    @Order(2)
    void handsOutAnUnprovenBatchAgainAfterThePickTimeout() throws InterruptedException {
        ApiClient api = new ApiClient(port);
        accept(api, Map.of("kind", "deposit", "to", 9, "amount", 5, "owner", 99));
        long n = api.post("/batches/seal", null).json().get("batchNumber").asLong();

        JsonNode picked = api.post("/proof_generation_data", null).json();
        assertEquals(n, picked.get("batchNumber").asLong());
        assertEquals(204, api.post("/proof_generation_data", null).status(), "picked and not timed out yet");
        Thread.sleep(1_500);
        JsonNode again = api.post("/proof_generation_data", null).json();
        assertEquals(n, again.get("batchNumber").asLong(), "handed out again after the pick timeout");
        assertEquals(2, status(api, n).get("attempts").asInt());

        assertEquals(200, submit(api, n, BatchProofCodec.encode(CoreTestEnvironment.prove(witness(again)))).status());
        assertEquals(204, api.post("/proof_generation_data", null).status());
    }

    @Test
    @Order(3)
    void neverHandsTheSameBatchToTwoGateways() throws Exception {
        ApiClient api = new ApiClient(port);
        List<Long> sealed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            accept(api, Map.of("kind", "deposit", "to", 20 + i, "amount", 1, "owner", 1));
            sealed.add(api.post("/batches/seal", null).json().get("batchNumber").asLong());
        }
        List<Callable<ApiClient.Response>> gateways = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            gateways.add(() -> api.post("/proof_generation_data", null));
        }
        Set<Long> handedOut = new HashSet<>();
        int empty = 0;
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (Future<ApiClient.Response> f : pool.invokeAll(gateways)) {
                ApiClient.Response r = f.get();
                if (r.status() == 204) {
                    empty++;
                } else {
                    assertEquals(200, r.status(), r.toString());
                    assertTrue(handedOut.add(r.json().get("batchNumber").asLong()), "handed out twice: " + r.body());
                }
            }
        }
        assertEquals(Set.copyOf(sealed), handedOut);
        assertEquals(5, empty);
    }

    private static void accept(ApiClient api, Map<String, Object> tx) {
        ApiClient.Response r = api.postJson("/transactions", tx);
        assertEquals(202, r.status(), r.toString());
        assertTrue(r.json().get("position").asLong() > 0);
    }

    private static JsonNode status(ApiClient api, long batch) {
        ApiClient.Response r = api.get("/batches/" + batch);
        assertEquals(200, r.status(), r.toString());
        return r.json();
    }

    private static WitnessInputData witness(JsonNode data) {
        return WitnessInputCodec.decode(Base64.getDecoder().decode(data.get("witnessInputData").asString()));
    }

    private static ApiClient.Response submit(ApiClient api, long batch, byte[] proof) {
        return api.postJson("/submit_proof/" + batch, Map.of("protocolVersion", 1, "proof", Base64.getEncoder().encodeToString(proof)));
    }

    /**
     * The proof with the first opened witness value of its first transfer-execution proof changed
     * by one: still a well-formed encoding, so only verification can refuse it.
     */
    private static byte[] tamper(BatchProof proof) {
        return withFirstProof(proof, bytes -> {
            PlonkishProof p = ProofCodec.decode(bytes);
            PlonkishProof.Openings o = p.openings();
            List<Ext2> witness = new ArrayList<>(o.witness());
            witness.set(0, witness.getFirst().add(Ext2.ONE));
            PlonkishProof.Openings changed = new PlonkishProof.Openings(o.setup(), witness, o.products(), o.quotient(),
                    o.productsNext());
            return ProofCodec.encode(new PlonkishProof(p.witnessCap(), p.productsCap(), p.quotientCap(), changed, p.fri(),
                    p.queries()));
        });
    }

    /** The proof with its first transfer-execution proof missing its last word. */
    private static byte[] truncate(BatchProof proof) {
        return withFirstProof(proof, bytes -> Arrays.copyOf(bytes, bytes.length - 8));
    }

    private static byte[] withFirstProof(BatchProof proof, UnaryOperator<byte[]> change) {
        List<BaseProof> proofs = new ArrayList<>(proof.proofs());
        BaseProof target = proofs.getFirst();
        assertEquals(CircuitType.TRANSFER_EXECUTION, target.type());
        proofs.set(0, new BaseProof(target.type(), target.instance(), target.publicInputs(), change.apply(target.proof())));
        return BatchProofCodec.encode(new BatchProof(proof.chainId(), proof.batchNumber(), proofs));
    }

    private byte[] storedProof(long batch) {
        return jdbc.sql("SELECT proof FROM core_batches WHERE batch_number = ?").param(batch).query(byte[].class).single();
    }
}
