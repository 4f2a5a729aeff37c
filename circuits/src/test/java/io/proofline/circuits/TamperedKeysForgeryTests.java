package io.proofline.circuits;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.circuits.base.BaseCircuitKeys;
import io.proofline.circuits.base.CircuitCapacities;
import io.proofline.circuits.base.CircuitType;
import io.proofline.circuits.base.KeysRefusedException;
import io.proofline.circuits.base.TamperedKeys;
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
import io.proofline.plonkish.PlonkishProver;
import io.proofline.plonkish.ProofCodec;
import io.proofline.plonkish.ProverConfig;
import io.proofline.plonkish.SetupCodec;
import io.proofline.plonkish.SetupData;
import io.proofline.plonkish.VerificationKey;
import io.proofline.plonkish.WitnessVector;
import io.proofline.poseidon2.Digest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The forgery that tampered keys allowed: a storage-application setup whose sigmas are the
 * identity has no copy constraints, so the cells that hold an instance's public output root need
 * not be the root its Merkle gates compute. A batch proof of a made-up post-state root verifies
 * under that setup's key; loading such a keys directory is now refused.
 */
class TamperedKeysForgeryTests {

    private static final ProverConfig CONFIG = ProverConfig.standard();
    private static final CircuitCapacities CAPS = CircuitCapacities.small();
    private static final CircuitType STORAGE = CircuitType.STORAGE_APPLICATION;

    @Test
    void aMadeUpPostStateRootVerifiesOnlyUnderTamperedKeysAndTheyAreRefused(@TempDir Path dir) throws IOException {
        // given honest keys, a batch executed honestly, and a storage-application setup with identity sigmas
        // planted in the keys directory: consistent in itself, so that loading checked nothing else before
        BaseCircuitKeys honest = BaseCircuitKeys.loadOrGenerate(dir, CAPS, CONFIG);
        BatchExecution.SealedBatch batch = BatchExecution.seal(new StateTree(), 7, 1, 1,
                List.of(Transaction.deposit(1, 100, 11), Transaction.transfer(1, 2, 40, 0)));
        SetupData tampered = TamperedKeys.tamper(honest.circuit(STORAGE), honest.setup(STORAGE),
                TamperedKeys.Tamper.IDENTITY_SIGMAS, CONFIG);
        Files.write(BaseCircuitKeys.setupFile(dir, STORAGE, CAPS, CONFIG), SetupCodec.encode(tampered));

        // when a prover with those keys claims a post-state root that the batch does not reach
        Digest madeUp = new Digest(1, 2, 3, 4);
        BatchHeader h = batch.header();
        assertNotEquals(madeUp, h.postStateRoot());
        BatchHeader forgedHeader = new BatchHeader(h.chainId(), h.batchNumber(), h.preStateRoot(), madeUp, h.txCommitment(),
                h.withdrawalsCommitment());
        BatchProof forged = forge(honest, tampered, batch, madeUp);

        // then the verifier with the tampered keys, the ones a core registered before, accepts it
        Map<CircuitType, VerificationKey> tamperedKeys = new EnumMap<>(honest.verificationKeys());
        tamperedKeys.put(STORAGE, tampered.key());
        assertDoesNotThrow(() -> new BatchProofVerifier(tamperedKeys).verify(forgedHeader, forged));
        // the honest keys reject it
        BatchProofRejectedException rejected = assertThrows(BatchProofRejectedException.class,
                () -> new BatchProofVerifier(honest.verificationKeys()).verify(forgedHeader, forged));
        assertTrue(rejected.getMessage().startsWith("storage_application instance 0: proof does not verify"), rejected.getMessage());
        // and the keys directory that holds the tampered setup is refused, naming the circuit and the difference
        byte[] planted = Files.readAllBytes(BaseCircuitKeys.setupFile(dir, STORAGE, CAPS, CONFIG));
        KeysRefusedException refused = assertThrows(KeysRefusedException.class,
                () -> BaseCircuitKeys.loadOrGenerate(dir, CAPS, CONFIG));
        assertTrue(refused.getMessage().startsWith("storage_application setup "), refused.getMessage());
        assertTrue(TamperedKeys.Tamper.IDENTITY_SIGMAS.namedIn(refused.getMessage()), refused.getMessage());
        assertArrayEquals(planted, Files.readAllBytes(BaseCircuitKeys.setupFile(dir, STORAGE, CAPS, CONFIG)),
                "a refused file is left for its owner to look at, not regenerated over");
    }

    /**
     * Transfer execution proven honestly; storage application proven with the tampered setup,
     * the last instance with its output root cells and public inputs replaced by {@code root}.
     */
    private static BatchProof forge(BaseCircuitKeys honest, SetupData tampered, BatchExecution.SealedBatch batch, Digest root) {
        BatchProver prover = new BatchProver(honest, CONFIG);
        PlonkishProver plonkish = new PlonkishProver(CONFIG);
        List<CircuitInstance> instances = BasicWitnessGenerator.generate(batch.witnessInput(), CAPS).instances();
        int lastStorage = instances.size() - 1;
        assertEquals(STORAGE, instances.get(lastStorage).type());
        int[] rows = tampered.key().publicInputRows();
        List<BaseProof> proofs = new ArrayList<>();
        for (int i = 0; i < instances.size(); i++) {
            CircuitInstance instance = instances.get(i);
            if (instance.type() != STORAGE) {
                proofs.add(prover.prove(instance));
                continue;
            }
            WitnessVector witness = prover.witnessVector(instance);
            long[] publicInputs = witness.publicInputs();
            if (i == lastStorage) {
                // public inputs 4..7 are the instance's output root (InstanceIo.Storage)
                for (int k = 0; k < 4; k++) {
                    witness = witness.withCell(0, rows[4 + k], root.element(k));
                    publicInputs[4 + k] = root.element(k);
                }
                witness = new WitnessVector(witness.columns(), publicInputs);
            }
            proofs.add(new BaseProof(STORAGE, instance.index(), publicInputs,
                    ProofCodec.encode(plonkish.proveUnchecked(tampered, witness))));
        }
        return new BatchProof(batch.header().chainId(), batch.header().batchNumber(), proofs);
    }
}
