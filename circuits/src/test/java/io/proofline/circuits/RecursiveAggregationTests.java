package io.proofline.circuits;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.backend.ProverBackend;
import io.proofline.circuits.aggregation.AggregatedBatchProof;
import io.proofline.circuits.aggregation.AggregatedBatchProofCodec;
import io.proofline.circuits.aggregation.AggregatedProofVerifier;
import io.proofline.circuits.aggregation.AggregationKeys;
import io.proofline.circuits.aggregation.AggregationProver;
import io.proofline.circuits.base.BaseCircuitKeys;
import io.proofline.circuits.base.CircuitCapacities;
import io.proofline.circuits.base.CircuitType;
import io.proofline.circuits.batch.BaseProof;
import io.proofline.circuits.batch.BatchProof;
import io.proofline.circuits.batch.BatchProofRejectedException;
import io.proofline.circuits.batch.BatchProver;
import io.proofline.circuits.l2.BatchHeader;
import io.proofline.circuits.l2.StateTree;
import io.proofline.circuits.witness.BatchExecution;
import io.proofline.fri.FriParameters;
import io.proofline.plonkish.ProverConfig;
import io.proofline.plonkish.UnsatisfiedCircuitException;
import io.proofline.poseidon2.Digest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Recursive aggregation end to end on real proofs: a batch's base proofs become one scheduler
 * proof through leaves and rounds of nodes, which the verifier accepts for the batch's header
 * and nothing else; base proofs that do not make up the batch cannot be aggregated, each
 * refused by the check that catches it. Small parameters (28 bits, conjectured) keep it fast;
 * the benchmark runs the same code at 100 bits.
 */
class RecursiveAggregationTests {

    static final ProverConfig CONFIG = new ProverConfig(ProverBackend.java(), new FriParameters(3, 8, 4, 3, 3, 2), 28);
    static final CircuitCapacities CAPS = new CircuitCapacities(8, 8);

    static BaseCircuitKeys base;
    static AggregationKeys keys;
    static AggregationProver aggregator;
    static BatchProver prover;
    static BatchExecution.SealedBatch batch2;
    static BatchExecution.SealedBatch batch3;
    static BatchProof bundle2;
    static BatchProof bundle3;

    @BeforeAll
    static void proveTwoBatches() {
        base = BaseCircuitKeys.generate(CAPS, CONFIG);
        keys = AggregationKeys.generate(base, CONFIG);
        aggregator = new AggregationProver(base, keys);
        prover = new BatchProver(base, CONFIG);
        StateTree tree = new StateTree();
        BatchExecution.seal(tree, 7, 1, 1, RandomTransactions.generate(tree, 40, 1));
        batch2 = BatchExecution.seal(tree, 7, 2, 1, RandomTransactions.generate(tree, 20, 2));
        batch3 = BatchExecution.seal(tree, 7, 3, 1, RandomTransactions.generate(tree, 20, 3));
        bundle2 = prover.proveBatch(batch2.witnessInput());
        bundle3 = prover.proveBatch(batch3.witnessInput());
    }

    private static AggregatedProofVerifier verifier() {
        return new AggregatedProofVerifier(keys.scheduler().key(), keys.leafKey(CircuitType.TRANSFER_EXECUTION),
                keys.leafKey(CircuitType.STORAGE_APPLICATION), keys.nodeKey(), CONFIG.securityBits());
    }

    @Test
    void aBatchBecomesOneProofThatVerifiesForItsHeaderOnly() {
        // given the base proofs of a batch with several instances of each type
        long transfers = bundle2.proofs().stream().filter(p -> p.type() == CircuitType.TRANSFER_EXECUTION).count();
        assertTrue(transfers >= 3 && bundle2.proofs().size() - transfers >= 3, "instances: " + bundle2.proofs().size());

        // when they are aggregated: leaves, at least one round of nodes, the scheduler
        AggregationProver.Result result = aggregator.prove(bundle2);
        assertTrue(result.plan().rounds().size() >= 2, "rounds: " + AggregationProver.describe(result.plan()));

        // then one proof, which survives its encoding, verifies against the header
        AggregatedBatchProof proof = AggregatedBatchProofCodec.decode(AggregatedBatchProofCodec.encode(result.proof()));
        assertDoesNotThrow(() -> verifier().verify(batch2.header(), proof));
        System.out.println("aggregated " + bundle2.proofs().size() + " base proofs: " + AggregationProver.describe(result.plan())
                + ", recursion circuits 2^" + keys.logRows() + " rows, final proof "
                + AggregatedBatchProofCodec.encode(proof).length + " bytes");

        // and refuses it for another batch, and a relabelled copy of it
        BatchProofRejectedException other = assertThrows(BatchProofRejectedException.class,
                () -> verifier().verify(batch3.header(), proof));
        assertEquals("proof is for chain 7 batch 2, not chain 7 batch 3", other.getMessage());
        AggregatedBatchProof relabelled = new AggregatedBatchProof(7, 3, proof.scheduler());
        BatchProofRejectedException relabel = assertThrows(BatchProofRejectedException.class,
                () -> verifier().verify(batch3.header(), relabelled));
        assertTrue(relabel.getMessage().startsWith("scheduler proof does not verify for this batch's header: "), relabel.getMessage());

        // and for a header with another post-state root
        BatchHeader h = batch2.header();
        BatchHeader otherRoot = new BatchHeader(h.chainId(), h.batchNumber(), h.preStateRoot(), new Digest(1, 2, 3, 4),
                h.txCommitment(), h.withdrawalsCommitment());
        BatchProofRejectedException root = assertThrows(BatchProofRejectedException.class,
                () -> verifier().verify(otherRoot, proof));
        assertTrue(root.getMessage().startsWith("scheduler proof does not verify for this batch's header: "), root.getMessage());
    }

    @Test
    void aBaseProofOfAnotherBatchCannotBeAggregated() {
        List<BaseProof> proofs = new ArrayList<>(bundle2.proofs());
        BaseProof foreign = bundle3.proofs().get(1);
        assertEquals(CircuitType.TRANSFER_EXECUTION, foreign.type());
        proofs.set(1, foreign);
        assertRefused(proofs, "leaf slot 2 continues slot 1");
    }

    @Test
    void swappedInstancesCannotBeAggregated() {
        List<BaseProof> proofs = new ArrayList<>(bundle2.proofs());
        BaseProof first = proofs.get(0);
        proofs.set(0, proofs.get(1));
        proofs.set(1, first);
        assertRefused(proofs, "leaf slot 2 continues slot 1");
    }

    @Test
    void aDroppedInstanceCannotBeAggregated() {
        List<BaseProof> proofs = new ArrayList<>(bundle2.proofs());
        proofs.remove(1);
        assertRefused(proofs, "leaf slot 2 continues slot 1");
    }

    private static void assertRefused(List<BaseProof> proofs, String check) {
        UnsatisfiedCircuitException e = assertThrows(UnsatisfiedCircuitException.class,
                () -> aggregator.prove(new BatchProof(bundle2.chainId(), bundle2.batchNumber(), proofs)));
        assertTrue(e.getMessage().contains("check failed: " + check), e.getMessage());
    }
}
