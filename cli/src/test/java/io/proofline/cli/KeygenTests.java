package io.proofline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.circuits.base.BaseCircuitKeys;
import io.proofline.circuits.base.CircuitCapacities;
import io.proofline.circuits.base.CircuitType;
import io.proofline.circuits.base.PinnedCommitments;
import io.proofline.circuits.base.RecursionCommitments;
import io.proofline.plonkish.ProverConfig;
import io.proofline.plonkish.SetupCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keygen generate, verify and commitments on a temporary keys directory at small capacities. */
class KeygenTests {

    /** The newest protocol version commitments.json pins: what keys are checked against. */
    private static final int PINNED_VERSION = io.proofline.circuits.base.PinnedCommitments.load().currentVersion();

    @TempDir
    Path keys;

    private String[] opts(String... args) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 4);
        all[args.length] = "--keys-dir";
        all[args.length + 1] = keys.toString();
        all[args.length + 2] = "--capacities";
        all[args.length + 3] = "small";
        return all;
    }

    @Test
    void generatedKeysAreThePinnedOnesTheProverLoadsThemAndVerifyRefusesATamperedRecursionKey() throws IOException {
        CliRun gen = CliRun.keygen(opts("generate", "--circuit", "all"));
        assertEquals(0, gen.code(), gen.toString());
        Map<CircuitType, io.proofline.poseidon2.Digest> pinned = PinnedCommitments.load().require(PINNED_VERSION, "small");
        for (CircuitType t : CircuitType.values()) {
            assertTrue(gen.out().contains(t.label + ": generating 2^"), gen.out());
            assertTrue(gen.out().contains("commitment " + pinned.get(t)), gen.out());
            assertTrue(gen.out().contains("leaf " + t.label + ": commitment 0x"), gen.out());
        }
        assertTrue(gen.out().contains("scheduler: commitment 0x"), gen.out());
        // the prover's loader finds them where keygen put them, and generates nothing
        BaseCircuitKeys loaded = BaseCircuitKeys.loadOrGenerate(keys, CircuitCapacities.small(), ProverConfig.standard());
        assertEquals(pinned, loaded.commitments());

        CliRun again = CliRun.keygen(opts("generate", "--circuit", "transfer_execution"));
        assertEquals(0, again.code(), again.toString());
        assertTrue(again.out().contains("transfer_execution: kept"), again.out());

        CliRun verify = CliRun.keygen(opts("verify"));
        assertEquals(0, verify.code(), verify.toString());
        assertTrue(verify.out().contains("storage_application: ok, commitment " + pinned.get(CircuitType.STORAGE_APPLICATION)
                + " = recomputed = pinned (protocol version " + PINNED_VERSION + ")"), verify.out());

        // the recursion layers the newest version pins were written by generate, and verify checks each
        RecursionCommitments layers = PinnedCommitments.load().findRecursion(PINNED_VERSION, "small").orElseThrow();
        layers.byLabel().forEach((label, pin) -> assertTrue(verify.out().contains(label + ": ok, commitment " + pin
                + " = its circuit's = pinned (protocol version " + PINNED_VERSION + ")"), verify.out()));

        CliRun commitments = CliRun.keygen(opts("commitments"));
        assertEquals(0, commitments.code(), commitments.toString());
        assertTrue(commitments.out().contains("transfer_execution " + pinned.get(CircuitType.TRANSFER_EXECUTION) + " (pinned)"),
                commitments.out());
        PinnedCommitments written = PinnedCommitments.parse(Files.readString(keys.resolve("commitments.json")));
        assertEquals(pinned, written.require(PINNED_VERSION, "small"));
        assertTrue(Files.readString(keys.resolve("commitments.json")).startsWith("{\n  \"about\": "), "the pinned file's format");

        // when the scheduler's setup is replaced by another well-formed recursion setup (the node's)
        Path scheduler = layerFile("scheduler");
        Files.write(scheduler, Files.readAllBytes(layerFile("node")));
        // then verify names the scheduler, why, and its commitment against the pin, and passes the others
        CliRun tampered = CliRun.keygen(opts("verify"));
        assertEquals(ExitCodes.REFUSED, tampered.code(), tampered.toString());
        assertTrue(tampered.out().contains("scheduler: " + scheduler + " is not the scheduler recursion circuit's setup"),
                tampered.out());
        assertTrue(tampered.out().contains("commitment " + layers.node() + " differs from the pinned " + layers.scheduler()
                + " (protocol version " + PINNED_VERSION + ")"), tampered.out());
        assertTrue(tampered.out().contains("node: ok, commitment " + layers.node()), tampered.out());
        assertTrue(tampered.err().contains("scheduler "), tampered.err());
        assertTrue(tampered.noStackTrace(), tampered.toString());
    }

    /** The one setup file of a recursion layer in the keys directory. */
    private Path layerFile(String layer) throws IOException {
        try (var files = Files.list(keys)) {
            List<Path> found = files.filter(f -> f.getFileName().toString().startsWith(layer + "-r")
                    && f.getFileName().toString().endsWith(".setup")).toList();
            assertEquals(1, found.size(), layer + " setups: " + found);
            return found.getFirst();
        }
    }

    @Test
    void verifyRefusesMissingDamagedAndForeignKeys() throws IOException {
        CliRun missing = CliRun.keygen(opts("verify"));
        assertEquals(ExitCodes.REFUSED, missing.code(), missing.toString());
        assertTrue(missing.err().contains("transfer_execution: no setup"), missing.err());

        assertEquals(0, CliRun.keygen(opts("generate", "--circuit", "storage_application")).code());
        assertEquals(0, CliRun.keygen(opts("generate", "--circuit", "transfer_execution")).code());
        Path file = BaseCircuitKeys.setupFile(keys, CircuitType.STORAGE_APPLICATION, CircuitCapacities.small(), ProverConfig.standard());
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 4;
        Files.write(file, bytes);
        CliRun damaged = CliRun.keygen(opts("verify"));
        assertEquals(ExitCodes.CORRUPT, damaged.code(), damaged.toString());
        assertTrue(damaged.err().contains("storage_application: " + file + " is corrupt"), damaged.err());
        assertTrue(damaged.noStackTrace(), damaged.toString());

        // a well-formed setup of the other circuit under this one's name: intact, but not this circuit's
        Path te = BaseCircuitKeys.setupFile(keys, CircuitType.TRANSFER_EXECUTION, CircuitCapacities.small(), ProverConfig.standard());
        Files.write(file, Files.readAllBytes(te));
        CliRun foreign = CliRun.keygen(opts("verify"));
        assertEquals(ExitCodes.REFUSED, foreign.code(), foreign.toString());
        assertTrue(foreign.out().contains("storage_application: differs from its circuit"), foreign.out());
        assertTrue(foreign.out().contains("differs from the pinned"), foreign.out());
        CliRun generate = CliRun.keygen(opts("generate", "--circuit", "storage_application"));
        assertEquals(ExitCodes.REFUSED, generate.code(), "generate never overwrites a file someone wrote: " + generate);
        assertTrue(SetupCodec.decode(Files.readAllBytes(file), ProverConfig.standard()) != null);
    }

    @Test
    void unknownCircuitsAndCapacitiesAreUsageErrors() {
        CliRun circuit = CliRun.keygen(opts("generate", "--circuit", "everything"));
        assertEquals(ExitCodes.USAGE, circuit.code(), circuit.toString());
        assertTrue(circuit.err().contains("unknown circuit 'everything'"), circuit.err());
        CliRun caps = CliRun.keygen("verify", "--keys-dir", keys.toString(), "--capacities", "huge");
        assertEquals(ExitCodes.USAGE, caps.code(), caps.toString());
    }
}
