package io.proofline.circuits;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.backend.ProverBackend;
import io.proofline.circuits.base.BaseCircuitKeys;
import io.proofline.circuits.base.CircuitCapacities;
import io.proofline.circuits.base.CircuitType;
import io.proofline.circuits.batch.BaseProof;
import io.proofline.circuits.batch.BatchProof;
import io.proofline.circuits.batch.BatchProofRejectedException;
import io.proofline.circuits.batch.BatchProofVerifier;
import io.proofline.circuits.batch.BatchProver;
import io.proofline.circuits.l2.BatchHeader;
import io.proofline.circuits.l2.StateTree;
import io.proofline.circuits.l2.Transaction;
import io.proofline.circuits.witness.BasicWitnessGenerator;
import io.proofline.circuits.witness.BatchExecution;
import io.proofline.circuits.witness.CircuitInstance;
import io.proofline.circuits.witness.WitnessInputData;
import io.proofline.fri.FriParameters;
import io.proofline.plonkish.ProverConfig;
import io.proofline.plonkish.ProverStages;
import io.proofline.plonkish.UnsatisfiedCircuitException;
import io.proofline.plonkish.WitnessVector;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BaseCircuitsTests {

    /** Fewer queries than production keep the suite fast; the circuits and checks are the same. */
    static final ProverConfig CONFIG = new ProverConfig(ProverBackend.java(), new FriParameters(3, 8, 4, 3, 3, 2), 28);
    static final CircuitCapacities CAPS = new CircuitCapacities(16, 16);

    static BaseCircuitKeys keys;
    static BatchProver prover;

    @BeforeAll
    static void keys() {
        keys = BaseCircuitKeys.generate(CAPS, CONFIG);
        prover = new BatchProver(keys, CONFIG);
    }

    /** A verifier requiring what the suite's keys give: 28 bits of conjectured security. */
    private static BatchProofVerifier verifier() {
        return new BatchProofVerifier(keys.verificationKeys(), CONFIG.securityBits());
    }

    @Test
    void keysBelowTheRequiredSecurityAreRefusedWhenTheVerifierIsMade() {
        // given the suite's keys: 8 queries at LDE factor 8 and 4 grinding bits, 28 bits of conjectured security
        assertDoesNotThrow(BaseCircuitsTests::verifier);

        // when a verifier is made with the default requirement of 100 bits, as the core's is
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BatchProofVerifier(keys.verificationKeys()));

        // then it refuses them there, naming the circuit type and the reason
        String reason = "transfer_execution: verification key refused: it gives 28 bits of conjectured security, below the"
                + " required 100 (8 queries at LDE factor 8 and 4 proof-of-work bits give 28;";
        assertTrue(e.getMessage().startsWith(reason), e.getMessage());
    }

    private static BatchExecution.SealedBatch seal(StateTree tree, long batchNumber, List<Transaction> txs) {
        return BatchExecution.seal(tree, 7, batchNumber, 1, txs);
    }

    @Test
    void randomBatchProvesInstanceByInstanceAndChains() {
        StateTree tree = new StateTree();
        seal(tree, 1, RandomTransactions.generate(tree, 60, 1));
        BatchExecution.SealedBatch batch = seal(tree, 2, RandomTransactions.generate(tree, 200, 2));
        BatchProof proof = prover.proveBatch(batch.witnessInput());
        assertTrue(proof.proofs().size() >= 2 + 200 / 16, "instances: " + proof.proofs().size());
        assertDoesNotThrow(() -> verifier().verify(batch.header(), proof));
    }

    @Test
    void emptyAndSingleTransactionBatchesProve() {
        StateTree tree = new StateTree();
        BatchExecution.SealedBatch empty = seal(tree, 1, List.of());
        BatchProof emptyProof = prover.proveBatch(empty.witnessInput());
        assertEquals(2, emptyProof.proofs().size());
        verifier().verify(empty.header(), emptyProof);

        BatchExecution.SealedBatch single = seal(tree, 2, List.of(Transaction.deposit(5, 100, 55)));
        BatchProof singleProof = prover.proveBatch(single.witnessInput());
        verifier().verify(single.header(), singleProof);
        BatchProofRejectedException other = assertThrows(BatchProofRejectedException.class,
                () -> verifier().verify(single.header(), emptyProof));
        assertEquals("proof is for chain 7 batch 1, not chain 7 batch 2", other.getMessage());
    }

    @Test
    void aProofTimedByStageIsTheSameProof() {
        StateTree tree = new StateTree();
        BatchExecution.SealedBatch batch = seal(tree, 1, List.of(Transaction.deposit(3, 40, 33)));
        CircuitInstance instance = BasicWitnessGenerator.generate(batch.witnessInput(), CAPS).instances().getFirst();
        WitnessVector witness = prover.witnessVector(instance);
        ProverStages stages = new ProverStages();
        BaseProof timed = prover.prove(instance, witness, stages);
        assertEquals(ProverStages.ALL, List.copyOf(stages.nanos().keySet()));
        assertArrayEquals(prover.prove(instance, witness).proof(), timed.proof());
    }

    @Test
    void anOverdraftCannotBeProven() {
        StateTree tree = new StateTree();
        seal(tree, 1, List.of(Transaction.deposit(1, 100, 11)));
        // the witness a cheating prover would need: account 1 sends 150 of its 100
        WitnessInputData honest = seal(tree.copy(), 2, List.of(Transaction.transfer(1, 2, 50, 0))).witnessInput();
        List<CircuitInstance> instances = BasicWitnessGenerator.generate(honest, CAPS).instances();
        CircuitInstance te = instances.get(0);
        long[] inputs = te.inputs();
        int amount = 12 + 5;
        inputs[amount] = 150;
        CircuitInstance forged = new CircuitInstance(te.type(), 0, inputs, te.publicInputs());
        UnsatisfiedCircuitException e = assertThrows(UnsatisfiedCircuitException.class,
                () -> prover.prove(forged, keys.circuit(CircuitType.TRANSFER_EXECUTION).resolve(inputs)));
        // the balance 100 - 150 wraps to a field element of 64 bits: the 62-bit range check refuses it
        assertTrue(e.getMessage().contains("gate range_62"), e.getMessage());
    }

    @Test
    void aWrongOldLeafCannotBeProven() {
        StateTree tree = new StateTree();
        seal(tree, 1, List.of(Transaction.deposit(1, 100, 11)));
        WitnessInputData data = seal(tree, 2, List.of(Transaction.transfer(1, 2, 50, 0))).witnessInput();
        CircuitInstance sa = BasicWitnessGenerator.generate(data, CAPS).instances().stream()
                .filter(i -> i.type() == CircuitType.STORAGE_APPLICATION).findFirst().orElseThrow();
        long[] inputs = sa.inputs();
        inputs[8 + 2] ^= 1; // first slot's old leaf: claims account 1 held something else
        assertThrows(UnsatisfiedCircuitException.class,
                () -> prover.prove(sa, keys.circuit(CircuitType.STORAGE_APPLICATION).resolve(inputs)));
    }

    @Test
    void skippedReorderedOrMisrootedProofsAreRejected() {
        // given an honest proof of a batch with several instances of each type
        StateTree tree = new StateTree();
        BatchExecution.SealedBatch batch = seal(tree, 1, RandomTransactions.generate(tree, 40, 3));
        BatchProof proof = prover.proveBatch(batch.witnessInput());
        BatchProofVerifier verifier = verifier();
        verifier.verify(batch.header(), proof);
        int firstStorage = indexOf(proof.proofs(), CircuitType.STORAGE_APPLICATION);
        assertTrue(firstStorage >= 3 && proof.proofs().size() - firstStorage >= 3, "instances: " + proof.proofs().size());
        BatchHeader h = batch.header();

        // a transaction skipped: the batch minus its last transaction, proven honestly, against the real header
        StateTree other = new StateTree();
        List<Transaction> txs = batch.witnessInput().transactions();
        BatchExecution.SealedBatch shorter = seal(other, 1, txs.subList(0, txs.size() - 1));
        BatchProof shorterProof = prover.proveBatch(shorter.witnessInput());
        assertRejected(verifier, h, shorterProof, "transactions proven differ from the batch's (txCommitment)");

        // transfer execution instances swapped, keeping or relabelling their instance numbers
        assertRejected(verifier, h, swapped(proof, 0, false),
                "transfer_execution instances out of order: position 0 holds instance 1");
        assertRejected(verifier, h, swapped(proof, 0, true), "first transfer execution does not start from empty chains");
        assertRejected(verifier, h, swapped(proof, 1, true), "transfer execution instance 1 does not continue instance 0");

        // storage application instances swapped
        assertRejected(verifier, h, swapped(proof, firstStorage, false),
                "storage_application instances out of order: position 0 holds instance 1");
        assertRejected(verifier, h, swapped(proof, firstStorage + 1, true),
                "storage application instance 1 does not continue instance 0");

        // altered pre-state root
        BatchHeader preAltered = new BatchHeader(h.chainId(), h.batchNumber(), h.postStateRoot(), h.postStateRoot(),
                h.txCommitment(), h.withdrawalsCommitment());
        assertRejected(verifier, preAltered, proof, "storage application does not start from preStateRoot");

        // altered post-state root
        BatchHeader altered = new BatchHeader(h.chainId(), h.batchNumber(), h.preStateRoot(), h.txCommitment(),
                h.txCommitment(), h.withdrawalsCommitment());
        assertRejected(verifier, altered, proof, "state root proven differs from postStateRoot");

        // public inputs changed to claim another root: the chaining holds, the proof no longer verifies
        List<BaseProof> lying = new ArrayList<>(proof.proofs());
        int last = lying.size() - 1;
        long[] pi = lying.get(last).publicInputs();
        pi[4] ^= 1;
        lying.set(last, new BaseProof(CircuitType.STORAGE_APPLICATION, lying.get(last).instance(), pi, lying.get(last).proof()));
        BatchHeader claimed = new BatchHeader(h.chainId(), h.batchNumber(), h.preStateRoot(),
                io.proofline.poseidon2.Digest.fromArray(pi, 4), h.txCommitment(), h.withdrawalsCommitment());
        BatchProofRejectedException lied = assertThrows(BatchProofRejectedException.class,
                () -> verifier.verify(claimed, new BatchProof(7, 1, lying)));
        assertTrue(lied.getMessage().startsWith("storage_application instance " + lying.get(last).instance()
                + ": proof does not verify"), lied.getMessage());
    }

    @Test
    void storageApplicationOfAnotherAccessLogIsRejected() {
        // given two batches from the same state to the same state whose accesses come in another order
        Transaction one = Transaction.deposit(1, 10, 11);
        Transaction two = Transaction.deposit(2, 20, 22);
        BatchExecution.SealedBatch ab = seal(new StateTree(), 1, List.of(one, two));
        BatchExecution.SealedBatch ba = seal(new StateTree(), 1, List.of(two, one));
        assertEquals(ab.header().postStateRoot(), ba.header().postStateRoot());
        BatchProof abProof = prover.proveBatch(ab.witnessInput());
        BatchProof baProof = prover.proveBatch(ba.witnessInput());
        BatchProofVerifier verifier = verifier();
        verifier.verify(ab.header(), abProof);
        verifier.verify(ba.header(), baProof);

        // when the first batch's transfer execution is joined with the second's storage application,
        // every base proof valid and both chains intact
        List<BaseProof> mixed = new ArrayList<>(ofType(abProof, CircuitType.TRANSFER_EXECUTION));
        mixed.addAll(ofType(baProof, CircuitType.STORAGE_APPLICATION));

        // then only the access-log link between the two rejects it
        assertRejected(verifier, ab.header(), new BatchProof(7, 1, mixed),
                "storage application did not apply exactly the access log of transfer execution");
    }

    private static void assertRejected(BatchProofVerifier verifier, BatchHeader header, BatchProof proof, String reason) {
        BatchProofRejectedException e = assertThrows(BatchProofRejectedException.class, () -> verifier.verify(header, proof));
        assertEquals(reason, e.getMessage());
    }

    /** The proof with the instances at {@code at} and {@code at + 1} swapped, optionally relabelled to their new positions. */
    private static BatchProof swapped(BatchProof proof, int at, boolean relabel) {
        List<BaseProof> proofs = new ArrayList<>(proof.proofs());
        BaseProof a = proofs.get(at);
        BaseProof b = proofs.get(at + 1);
        assertEquals(a.type(), b.type());
        proofs.set(at, new BaseProof(b.type(), relabel ? a.instance() : b.instance(), b.publicInputs(), b.proof()));
        proofs.set(at + 1, new BaseProof(a.type(), relabel ? b.instance() : a.instance(), a.publicInputs(), a.proof()));
        return new BatchProof(proof.chainId(), proof.batchNumber(), proofs);
    }

    private static List<BaseProof> ofType(BatchProof proof, CircuitType type) {
        return proof.proofs().stream().filter(p -> p.type() == type).toList();
    }

    private static int indexOf(List<BaseProof> proofs, CircuitType type) {
        for (int i = 0; i < proofs.size(); i++) {
            if (proofs.get(i).type() == type) {
                return i;
            }
        }
        throw new AssertionError("no " + type);
    }
}
