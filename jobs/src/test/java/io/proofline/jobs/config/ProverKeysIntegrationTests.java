package io.proofline.jobs.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.circuits.aggregation.AggregationKeys;
import io.proofline.circuits.base.BaseCircuitKeys;
import io.proofline.circuits.base.CircuitCapacities;
import io.proofline.circuits.base.CircuitType;
import io.proofline.circuits.base.KeysRefusedException;
import io.proofline.circuits.base.PinnedCommitments;
import io.proofline.circuits.base.TamperedKeys;
import io.proofline.fri.FriParameters;
import io.proofline.jobs.ProoflineJobsApplication;
import io.proofline.jobs.SharedTestKeys;
import io.proofline.plonkish.ProverConfig;
import io.proofline.testsupport.TestDatabase;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A circuit-prover checks its keys at startup: a tampered setup or keys other than the pinned
 * ones stop it with the circuit and the difference named; the orchestrator alone loads none.
 */
class ProverKeysIntegrationTests {

    private static final TestDatabase DB = TestDatabase.create();
    private static final CircuitCapacities CAPS = CircuitCapacities.small();
    private static final ProverConfig CONFIG = ProverConfig.standard();

    /** Honest keys, shared with the other tests of this JVM; the tampering ones copy them first. */
    static final Path honestDir = SharedTestKeys.dir();
    @TempDir
    static Path storeDir;

    @BeforeAll
    static void honestKeys() {
        BaseCircuitKeys.loadOrGenerate(honestDir, CAPS, CONFIG);
    }

    @AfterAll
    static void dropDatabase() {
        DB.close();
    }

    @ParameterizedTest
    @EnumSource(TamperedKeys.Tamper.class)
    void aCircuitProverRefusesATamperedSetupAtStart(TamperedKeys.Tamper tamper, @TempDir Path dir) {
        TamperedKeys.copy(honestDir, dir);
        TamperedKeys.plant(dir, CircuitType.STORAGE_APPLICATION, CAPS, CONFIG, tamper);
        KeysRefusedException e = refusal(dir, "circuit-prover");
        assertTrue(e.getMessage().startsWith("storage_application setup " + dir), e.getMessage());
        assertTrue(tamper.namedIn(e.getMessage()), e.getMessage());
    }

    @Test
    void aCircuitProverStartsWithHonestKeysAndChecksThem() {
        try (ConfigurableApplicationContext worker = start(honestDir, "circuit-prover")) {
            BaseCircuitKeys keys = worker.getBean(BaseCircuitKeys.class);
            PinnedCommitments pins = PinnedCommitments.load();
            assertEquals(pins.require(pins.currentVersion(), "small"), keys.commitments());
            assertEquals(pins.findRecursion(pins.currentVersion(), "small").orElseThrow(),
                    worker.getBean(AggregationKeys.class).commitments(), "the recursion keys are loaded and checked too");
        }
    }

    @Test
    void keysOtherThanThePinnedOnesAreRefused(@TempDir Path dir) {
        // intact and their circuits' own, but made with other FRI parameters than the pinned keys
        ProverConfig other = new ProverConfig(CONFIG.backend(), new FriParameters(3, 40, 0, 3, 5, 4), 60);
        KeysRefusedException e = assertThrows(KeysRefusedException.class, () -> ProverKeys.load(dir, "small", other,
                PinnedCommitments.load().currentVersion()));
        String transfer = BaseCircuitKeys.generate(CAPS, other).commitments().get(CircuitType.TRANSFER_EXECUTION).toString();
        assertTrue(e.getMessage().startsWith("transfer_execution key commitment " + transfer + " differs from the pinned "),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("(commitments.json, protocol version " + PinnedCommitments.load().currentVersion()
                + ", small capacities)"), e.getMessage());
    }

    /** A batch is proven with its version's circuits: a prover that meets an earlier version loads that version's keys. */
    @Test
    void theKeyringLoadsEachVersionsOwnKeysBesideEachOther(@TempDir Path dir) {
        PinnedCommitments pins = PinnedCommitments.load();
        ProverKeyring keyring = new ProverKeyring(dir, "small", CONFIG);
        for (int version = 1; version <= pins.currentVersion(); version++) {
            assertEquals(pins.require(version, "small"), keyring.base(version).commitments(), "protocol version " + version);
            assertEquals(version, keyring.base(version).protocolVersion());
        }
        assertEquals(pins.findRecursion(2, "small").orElseThrow(), keyring.aggregation(2).commitments());
        KeysRefusedException e = assertThrows(KeysRefusedException.class, () -> keyring.aggregation(1));
        assertEquals("protocol version 1 pins no recursion keys for small capacities (commitments.json): its batch proofs are "
                + "bundles of base proofs, not aggregated", e.getMessage());
        // and a second keyring finds every version's files in the directory, none refused
        ProverKeyring again = new ProverKeyring(dir, "small", CONFIG);
        assertEquals(keyring.base(2).commitments(), again.base(2).commitments());
        assertEquals(keyring.base(pins.currentVersion()).commitments(), again.base(pins.currentVersion()).commitments());
    }

    @Test
    void theOrchestratorAloneLoadsNoKeys(@TempDir Path dir) {
        TamperedKeys.copy(honestDir, dir);
        TamperedKeys.plant(dir, CircuitType.STORAGE_APPLICATION, CAPS, CONFIG, TamperedKeys.Tamper.IDENTITY_SIGMAS);
        try (ConfigurableApplicationContext orchestrator = start(dir, "orchestrator")) {
            assertTrue(orchestrator.isActive());
        }
    }

    private static KeysRefusedException refusal(Path keysDir, String roles) {
        RuntimeException e = assertThrows(RuntimeException.class, () -> start(keysDir, roles).close());
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof KeysRefusedException refused) {
                return refused;
            }
        }
        throw new AssertionError("not refused for its keys: " + e, e);
    }

    private static ConfigurableApplicationContext start(Path keysDir, String roles) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("spring.datasource.url", DB.jdbcUrl());
        p.put("spring.datasource.username", DB.user());
        p.put("spring.datasource.password", DB.password());
        p.put("proofline.roles", roles);
        p.put("proofline.store-dir", storeDir.toString());
        p.put("proofline.keys-dir", keysDir.toString());
        p.put("proofline.capacities", "small");
        p.put("proofline.gateway.enabled", "false");
        String[] args = p.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return ProoflineJobsApplication.builder().run(args);
    }
}
