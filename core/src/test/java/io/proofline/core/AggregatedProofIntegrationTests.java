package io.proofline.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.circuits.aggregation.AggregatedBatchProof;
import io.proofline.circuits.aggregation.AggregatedBatchProofCodec;
import io.proofline.circuits.base.PinnedCommitments;
import io.proofline.circuits.batch.BatchProofCodec;
import io.proofline.circuits.witness.WitnessInputCodec;
import io.proofline.circuits.witness.WitnessInputData;
import io.proofline.testsupport.TestDatabase;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Protocol version 3, the default (2 as well): a batch is proven by one aggregated proof ({@code PLBATCH2}),
 * verified against the batch's stored header and the registered recursion keys; a bundle of base
 * proofs, a proof of another batch and a proof of another post-state root are refused, each
 * with its reason, and leave the batch unproven.
 */
@SpringBootTest(classes = ProoflineCoreApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class AggregatedProofIntegrationTests {

    private static final TestDatabase DB = TestDatabase.create();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        CoreTestEnvironment.register(registry, DB, Map.of());
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
    void oneAggregatedProofProvesABatchAndNothingElse() {
        // given two sealed batches under version 3, handed out with every key of the version
        ApiClient api = new ApiClient(port);
        deposit(api, 1, 1000, 11);
        deposit(api, 2, 500, 22);
        assertEquals(202, api.postJson("/transactions", Map.of("kind", "transfer", "from", 1, "to", 2, "amount", 250,
                "nonce", 0)).status());
        assertEquals(1, api.post("/batches/seal", null).json().get("batchNumber").asLong());
        deposit(api, 3, 70, 33);
        assertEquals(2, api.post("/batches/seal", null).json().get("batchNumber").asLong());
        JsonNode first = api.post("/proof_generation_data", "{}").json();
        assertEquals(3, first.get("protocolVersion").asInt());
        var recursion = PinnedCommitments.load().findRecursion(3, "small").orElseThrow();
        recursion.byLabel().forEach((label, digest) ->
                assertEquals(digest.toString(), first.get("verificationKeys").get(label).asString(), label));
        WitnessInputData data = WitnessInputCodec.decode(Base64.getDecoder().decode(first.get("witnessInputData").asString()));
        AggregatedBatchProof proof = CoreTestEnvironment.proveAggregated(data);
        byte[] valid = AggregatedBatchProofCodec.encode(proof);

        // a bundle of base proofs is the other version's format
        ApiClient.Response bundle = submit(api, 1, BatchProofCodec.encode(CoreTestEnvironment.prove(data)));
        assertEquals(400, bundle.status(), bundle.toString());
        assertEquals("proof rejected: protocol version 3 takes one aggregated proof (PLBATCH2), not a bundle of base proofs "
                + "(PLBATCH1)", bundle.error());

        // batch 1's proof for batch 2: by its label, then relabelled, by the scheduler proof itself
        ApiClient.Response other = submit(api, 2, valid);
        assertEquals(400, other.status(), other.toString());
        assertEquals("proof rejected: proof is for chain 1 batch 1, not chain 1 batch 2", other.error());
        ApiClient.Response relabelled = submit(api, 2, AggregatedBatchProofCodec.encode(
                new AggregatedBatchProof(proof.chainId(), 2, proof.scheduler())));
        assertEquals(400, relabelled.status(), relabelled.toString());
        assertTrue(relabelled.error().startsWith("proof rejected: scheduler proof does not verify for this batch's header: "),
                relabelled.error());
        assertEquals("sealed", status(api, 2).get("status").asString());

        // the batch recorded with another post-state root: the same proof no longer proves it
        String root = status(api, 1).get("postStateRoot").asString();
        jdbc.sql("UPDATE core_batches SET post_state_root = ? WHERE batch_number = 1").param("0x" + "0".repeat(63) + "1").update();
        ApiClient.Response otherRoot = submit(api, 1, valid);
        jdbc.sql("UPDATE core_batches SET post_state_root = ? WHERE batch_number = 1").param(root).update();
        assertEquals(400, otherRoot.status(), otherRoot.toString());
        assertTrue(otherRoot.error().startsWith("proof rejected: scheduler proof does not verify for this batch's header: "),
                otherRoot.error());
        assertEquals("picked", status(api, 1).get("status").asString(), "refused proofs leave the batch unproven");

        // when the proof is submitted for its batch, then it is accepted, with its size and verification time
        ApiClient.Response accepted = submit(api, 1, valid);
        assertEquals(200, accepted.status(), accepted.toString());
        JsonNode proven = status(api, 1);
        assertEquals("proven", proven.get("status").asString());
        assertEquals(valid.length, proven.get("proofBytes").asInt());
        assertTrue(proven.get("verificationMs").asDouble() > 0, proven.toString());
        assertTrue(status(api, 2).get("proofBytes").isNull(), "no proof yet");
        assertArrayEquals(valid, jdbc.sql("SELECT proof FROM core_batches WHERE batch_number = 1").query(byte[].class).single());
    }

    private static void deposit(ApiClient api, int to, long amount, long owner) {
        ApiClient.Response r = api.postJson("/transactions", Map.of("kind", "deposit", "to", to, "amount", amount, "owner", owner));
        assertEquals(202, r.status(), r.toString());
    }

    private static JsonNode status(ApiClient api, long batch) {
        ApiClient.Response r = api.get("/batches/" + batch);
        assertEquals(200, r.status(), r.toString());
        return r.json();
    }

    private static ApiClient.Response submit(ApiClient api, long batch, byte[] proof) {
        return api.postJson("/submit_proof/" + batch, Map.of("protocolVersion", 3, "proof", Base64.getEncoder().encodeToString(proof)));
    }
}
