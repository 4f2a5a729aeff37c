package io.proofline.circuits.aggregation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.circuits.base.BaseCircuitKeys;
import io.proofline.circuits.base.CircuitCapacities;
import io.proofline.circuits.base.CircuitType;
import io.proofline.circuits.base.KeysRefusedException;
import io.proofline.circuits.base.PinnedCommitments;
import io.proofline.circuits.base.TamperedKeys;
import io.proofline.plonkish.ProverConfig;
import io.proofline.plonkish.SetupCodec;
import io.proofline.plonkish.SetupData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The recursion layers' keys cached beside the base keys: honest files load as the keys the
 * circuits give, a file with damaged columns is regenerated, and a setup that is not its layer's
 * circuit is refused with the layer, the file and the difference.
 */
class AggregationKeysCacheTests {

    private static final CircuitCapacities CAPS = CircuitCapacities.small();
    private static final ProverConfig CONFIG = ProverConfig.standard();
    /** A setup file ends with the columns' digest, four elements of 8 bytes. */
    private static final int DIGEST_BYTES = 32;

    @TempDir
    static Path honestDir;
    static BaseCircuitKeys base;
    static AggregationKeys honest;

    @BeforeAll
    static void generate() {
        base = BaseCircuitKeys.loadOrGenerate(honestDir, CAPS, CONFIG);
        honest = AggregationKeys.loadOrGenerate(honestDir, base, CONFIG);
    }

    @Test
    void honestFilesLoadAsTheKeysTheCircuitsGive() {
        // the circuits' keys as pinned (PinnedCommitmentsTests generates them again and compares)
        PinnedCommitments pins = PinnedCommitments.load();
        assertEquals(pins.findRecursion(pins.currentVersion(), "small").orElseThrow(), honest.commitments());
        assertEquals(honest.commitments(), AggregationKeys.loadOrGenerate(honestDir, base, CONFIG).commitments());
        assertTrue(Files.exists(file(honestDir, AggregationKeys.SCHEDULER, honest.scheduler())));
    }

    @Test
    void aFileWithDamagedColumnsIsRegenerated(@TempDir Path dir) throws IOException {
        TamperedKeys.copy(honestDir, dir);
        Path file = file(dir, AggregationKeys.NODE, honest.node());
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - DIGEST_BYTES - 8] ^= 1; // the last column's last row: its digest no longer matches
        Files.write(file, bytes);
        assertEquals(honest.commitments(), AggregationKeys.loadOrGenerate(dir, base, CONFIG).commitments());
        assertArrayEquals(Files.readAllBytes(file(honestDir, AggregationKeys.NODE, honest.node())), Files.readAllBytes(file));
    }

    /** The columns are compared with the circuit's: equal ones need no digest, so a damaged digest alone is not read. */
    @Test
    void aFileWhoseColumnsAreTheCircuitsLoadsWhateverItsDigest(@TempDir Path dir) throws IOException {
        TamperedKeys.copy(honestDir, dir);
        Path file = file(dir, AggregationKeys.NODE, honest.node());
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 1] ^= 1;
        Files.write(file, bytes);
        assertEquals(honest.commitments(), AggregationKeys.loadOrGenerate(dir, base, CONFIG).commitments());
        assertArrayEquals(bytes, Files.readAllBytes(file), "left as it is");
    }

    @ParameterizedTest
    @ValueSource(strings = {"leaf_transfer_execution", "leaf_storage_application", "node", "scheduler"})
    void aTamperedSetupIsRefusedNamingItsLayer(String layerName, @TempDir Path dir) throws IOException {
        TamperedKeys.copy(honestDir, dir);
        AggregationKeys.Layer layer = switch (layerName) {
            case "node" -> honest.node();
            case "scheduler" -> honest.scheduler();
            default -> honest.leaf(layerName.endsWith("transfer_execution") ? CircuitType.TRANSFER_EXECUTION
                    : CircuitType.STORAGE_APPLICATION);
        };
        SetupData forged = TamperedKeys.tamper(layer.circuit(), layer.setup(), TamperedKeys.Tamper.CONSTANT, CONFIG);
        Path file = file(dir, layerName, layer);
        Files.write(file, SetupCodec.encode(forged));

        KeysRefusedException e = assertThrows(KeysRefusedException.class, () -> AggregationKeys.loadOrGenerate(dir, base, CONFIG));
        assertTrue(e.getMessage().startsWith(layerName + " setup " + file + " is not the " + layerName + " recursion circuit's ("),
                e.getMessage());
        assertTrue(TamperedKeys.Tamper.CONSTANT.namedIn(e.getMessage()), e.getMessage());
    }

    private static Path file(Path dir, String layer, AggregationKeys.Layer of) {
        return AggregationKeys.setupFile(dir, layer, of.circuit().geometry().logRows(), base, CONFIG);
    }
}
