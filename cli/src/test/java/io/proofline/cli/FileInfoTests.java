package io.proofline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.circuits.aggregation.AggregatedBatchProofCodec;
import io.proofline.circuits.aggregation.AggregationKeys;
import io.proofline.circuits.aggregation.AggregationProver;
import io.proofline.circuits.base.BaseCircuitKeys;
import io.proofline.circuits.base.CircuitCapacities;
import io.proofline.circuits.base.CircuitType;
import io.proofline.circuits.batch.BatchProof;
import io.proofline.circuits.batch.BatchProofCodec;
import io.proofline.circuits.batch.BatchProver;
import io.proofline.circuits.l2.StateTree;
import io.proofline.circuits.l2.Transaction;
import io.proofline.circuits.witness.BasicWitnessGenerator;
import io.proofline.circuits.witness.BatchExecution;
import io.proofline.circuits.witness.CircuitInstance;
import io.proofline.circuits.witness.WitnessInputCodec;
import io.proofline.circuits.witness.WitnessInputData;
import io.proofline.plonkish.ProverConfig;
import io.proofline.plonkish.SetupCodec;
import io.proofline.plonkish.VerificationKeyCodec;
import io.proofline.storage.format.CircuitInstanceCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code file-info} on real artifacts of a small batch (keys, setup, inputs, proofs, bundle, aggregated proof) and on damaged files. */
class FileInfoTests {

    /** The newest protocol version commitments.json pins: what keys are checked against. */
    private static final int PINNED_VERSION = io.proofline.circuits.base.PinnedCommitments.load().currentVersion();

    @TempDir
    static Path dir;

    private static BaseCircuitKeys keys;
    private static WitnessInputData input;
    private static BatchProof bundle;

    @BeforeAll
    static void smallBatch() {
        keys = BaseCircuitKeys.generate(CircuitCapacities.small(), ProverConfig.standard());
        StateTree tree = new StateTree();
        BatchExecution.seal(tree, 270, 1, 1, List.of(Transaction.deposit(1, 1000, 11), Transaction.deposit(2, 1000, 12)));
        input = BatchExecution.seal(tree, 270, 2, 1, List.of(Transaction.transfer(1, 2, 5, 0), Transaction.transfer(2, 1, 3, 0)))
                .witnessInput();
        bundle = new BatchProver(keys, ProverConfig.standard()).proveBatch(input);
    }

    private static Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static CliRun info(Path file) {
        return CliRun.prover("file-info", file.toString());
    }

    @Test
    void aVerificationKeyAndASetupNameTheirPinnedCircuit() throws IOException {
        var key = keys.verificationKey(CircuitType.TRANSFER_EXECUTION);
        CliRun vk = info(write("te.vk", VerificationKeyCodec.encode(key)));
        assertEquals(0, vk.code(), vk.toString());
        assertTrue(vk.out().startsWith("verification key (PLVKEY01)"), vk.out());
        assertTrue(vk.out().contains("commitment " + key.commitment()
                + " (pinned: transfer_execution, protocol version " + PINNED_VERSION + ", small capacities)"), vk.out());
        CliRun setup = info(write("sa.setup", SetupCodec.encode(keys.setup(CircuitType.STORAGE_APPLICATION))));
        assertEquals(0, setup.code(), setup.toString());
        assertTrue(setup.out().startsWith("setup data (PLSETUP1, version 2)"), setup.out());
        assertTrue(setup.out().contains("(pinned: storage_application, protocol version " + PINNED_VERSION + ", small capacities)"), setup.out());
    }

    @Test
    void inputsProofsAndTheBundleAreSummarised() throws IOException {
        CliRun in = info(write("input.bin", WitnessInputCodec.encode(input)));
        assertEquals(0, in.code(), in.toString());
        assertTrue(in.out().contains("chain 270 batch 2, protocol version 1"), in.out());
        assertTrue(in.out().contains("2 transactions, " + input.accesses().size() + " account accesses"), in.out());

        CircuitInstance instance = BasicWitnessGenerator.generate(input, CircuitCapacities.small()).instances().getFirst();
        CliRun circuit = info(write("instance.bin", CircuitInstanceCodec.encode(instance)));
        assertEquals(0, circuit.code(), circuit.toString());
        assertTrue(circuit.out().contains(instance.type().label + " instance 0: " + instance.inputs().length + " inputs, public inputs "
                + Artifacts.elements(instance.publicInputs())), circuit.out());

        CliRun proof = info(write("proof.bin", bundle.proofs().getFirst().proof()));
        assertEquals(0, proof.code(), proof.toString());
        assertTrue(proof.out().startsWith("proof (PLPROOF1), " + bundle.proofs().getFirst().proof().length + " bytes"), proof.out());
        assertTrue(Pattern.compile("FRI: \\d+ folding layers").matcher(proof.out()).find(), proof.out());

        CliRun batch = info(write("batch.bin", BatchProofCodec.encode(bundle)));
        assertEquals(0, batch.code(), batch.toString());
        assertTrue(batch.out().contains("chain 270 batch 2, " + bundle.proofs().size() + " base proofs"), batch.out());
    }

    @Test
    void anAggregatedBatchProofIsSummarised() throws IOException {
        var aggregation = AggregationKeys.generate(keys, ProverConfig.standard());
        var proof = new AggregationProver(keys, aggregation).prove(bundle).proof();
        CliRun run = info(write("aggregated.bin", AggregatedBatchProofCodec.encode(proof)));
        assertEquals(0, run.code(), run.toString());
        assertTrue(run.out().startsWith("aggregated batch proof (PLBATCH2)"), run.out());
        assertTrue(run.out().contains("chain 270 batch 2: one scheduler proof"), run.out());
    }

    @Test
    void damagedFilesEndWithExitCodeFourAndTheCodecsReason() throws IOException {
        byte[] good = BatchProofCodec.encode(bundle);
        List<CliRun> runs = new ArrayList<>();
        byte[] truncated = Arrays.copyOf(good, good.length - 64);
        runs.add(info(write("truncated.bin", truncated)));
        byte[] unknown = good.clone();
        unknown[0] = 'X';
        runs.add(info(write("unknown.bin", unknown)));
        byte[] badVersion = good.clone();
        badVersion[8] = 9;
        runs.add(info(write("version.bin", badVersion)));
        runs.add(info(write("tiny.bin", new byte[] {1, 2, 3})));
        byte[] setup = SetupCodec.encode(keys.setup(CircuitType.TRANSFER_EXECUTION));
        setup[setup.length / 2] ^= 1;
        runs.add(info(write("flipped.setup", setup)));
        for (CliRun run : runs) {
            assertEquals(ExitCodes.CORRUPT, run.code(), run.toString());
            assertTrue(run.err().startsWith("prover-cli: " + dir), run.err());
            assertTrue(run.noStackTrace(), run.toString());
        }
        assertTrue(runs.get(0).err().contains("truncated.bin is corrupt: PLBATCH1: "), runs.get(0).err());
        assertTrue(runs.get(1).err().contains("not a Proofline artifact: the header reads 'XLBATCH1'"), runs.get(1).err());
        assertTrue(runs.get(2).err().contains("version 9 is not supported"), runs.get(2).err());
        assertTrue(runs.get(4).err().contains("PLSETUP1"), runs.get(4).err());
    }

    @Test
    void aMissingFileIsNotFound() {
        CliRun run = info(dir.resolve("nothing-here.bin"));
        assertEquals(ExitCodes.REFUSED, run.code(), run.toString());
        assertTrue(run.err().contains("no file "), run.err());
    }
}
