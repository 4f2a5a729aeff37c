package io.proofline.circuits.base;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.codec.FormatException;
import io.proofline.plonkish.ProverConfig;
import io.proofline.plonkish.VerificationKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A keys directory: honest files are loaded, ones with damaged columns regenerated, ones that are not their circuit's refused. */
class BaseCircuitKeysTests {

    private static final CircuitCapacities CAPS = CircuitCapacities.small();
    private static final ProverConfig CONFIG = ProverConfig.standard();
    /** A setup file ends with the columns' digest, four elements of 8 bytes. */
    private static final int DIGEST_BYTES = 32;

    @TempDir
    static Path honestDir;
    static BaseCircuitKeys honest;

    @BeforeAll
    static void generate() {
        honest = BaseCircuitKeys.loadOrGenerate(honestDir, CAPS, CONFIG);
    }

    @Test
    void honestFilesLoadAsTheKeysTheCircuitsGive() {
        assertEquals(BaseCircuitKeys.generate(CAPS, CONFIG).commitments(),
                BaseCircuitKeys.loadOrGenerate(honestDir, CAPS, CONFIG).commitments());
    }

    @Test
    void aFileWithDamagedColumnsIsRegenerated(@TempDir Path dir) throws IOException {
        TamperedKeys.copy(honestDir, dir);
        Path file = BaseCircuitKeys.setupFile(dir, CircuitType.STORAGE_APPLICATION, CAPS, CONFIG);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - DIGEST_BYTES - 8] ^= 1; // the last column's last row: its digest no longer matches
        Files.write(file, bytes);
        assertEquals(honest.commitments(), BaseCircuitKeys.loadOrGenerate(dir, CAPS, CONFIG).commitments());
        assertArrayEquals(Files.readAllBytes(BaseCircuitKeys.setupFile(honestDir, CircuitType.STORAGE_APPLICATION, CAPS, CONFIG)),
                Files.readAllBytes(file));
    }

    /** The columns are compared with the circuit's: equal ones need no digest, so a damaged digest alone is not read. */
    @Test
    void aFileWhoseColumnsAreTheCircuitsLoadsWhateverItsDigest(@TempDir Path dir) throws IOException {
        TamperedKeys.copy(honestDir, dir);
        Path file = BaseCircuitKeys.setupFile(dir, CircuitType.STORAGE_APPLICATION, CAPS, CONFIG);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 1] ^= 1;
        Files.write(file, bytes);
        assertEquals(honest.commitments(), BaseCircuitKeys.loadOrGenerate(dir, CAPS, CONFIG).commitments());
        assertArrayEquals(bytes, Files.readAllBytes(file), "left as it is");
    }

    @ParameterizedTest
    @EnumSource(TamperedKeys.Tamper.class)
    void aTamperedStorageApplicationSetupIsRefused(TamperedKeys.Tamper tamper, @TempDir Path dir) {
        assertRefused(CircuitType.STORAGE_APPLICATION, tamper, dir);
    }

    @ParameterizedTest
    @EnumSource(TamperedKeys.Tamper.class)
    void aTamperedTransferExecutionSetupIsRefused(TamperedKeys.Tamper tamper, @TempDir Path dir) {
        assertRefused(CircuitType.TRANSFER_EXECUTION, tamper, dir);
    }

    @Test
    void aKeyWhoseCapIsNotItsColumnsLoadsButNeverProves(@TempDir Path dir) {
        // given honest columns under the identity-sigma forgery's key: the columns match the circuit
        TamperedKeys.copy(honestDir, dir);
        VerificationKey forged = TamperedKeys.plantForgedKey(dir, CircuitType.STORAGE_APPLICATION, CAPS, CONFIG);
        BaseCircuitKeys loaded = BaseCircuitKeys.loadOrGenerate(dir, CAPS, CONFIG);

        // then loading, which does not commit to the columns, keeps the forged key: what stops a
        // verifier from using it is the pinned commitment (PinnedCommitments, checked by the core
        // and the provers), which differs
        assertEquals(forged.commitment(), loaded.commitments().get(CircuitType.STORAGE_APPLICATION));
        KeysRefusedException pinned = assertThrows(KeysRefusedException.class,
                () -> PinnedCommitments.load().requireMatches(loaded.protocolVersion(), "small", loaded.commitments()));
        assertTrue(pinned.getMessage().startsWith("storage_application key commitment " + forged.commitment()
                + " differs from the pinned"), pinned.getMessage());
        // and proving, which commits to the columns, refuses the key
        FormatException e = assertThrows(FormatException.class, () -> loaded.setup(CircuitType.STORAGE_APPLICATION));
        assertTrue(e.getMessage().contains("setup columns do not commit to the key's setup cap"), e.getMessage());
    }

    private static void assertRefused(CircuitType type, TamperedKeys.Tamper tamper, Path dir) {
        TamperedKeys.copy(honestDir, dir);
        TamperedKeys.plant(dir, type, CAPS, CONFIG, tamper);
        KeysRefusedException e = assertThrows(KeysRefusedException.class, () -> BaseCircuitKeys.loadOrGenerate(dir, CAPS, CONFIG));
        String file = BaseCircuitKeys.setupFile(dir, type, CAPS, CONFIG).toString();
        assertTrue(e.getMessage().startsWith(type.label + " setup " + file + " is not the " + type.label + " circuit's ("),
                e.getMessage());
        assertTrue(tamper.namedIn(e.getMessage()), e.getMessage());
    }
}
