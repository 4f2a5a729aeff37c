package io.proofline.core.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.circuits.base.CircuitType;
import io.proofline.circuits.base.KeysRefusedException;
import io.proofline.circuits.base.PinnedCommitments;
import io.proofline.circuits.base.RecursionCommitments;
import io.proofline.circuits.base.TamperedKeys;
import io.proofline.core.CoreProperties;
import io.proofline.core.CoreTestEnvironment;
import io.proofline.core.ProoflineCoreApplication;
import io.proofline.plonkish.VerificationKey;
import io.proofline.poseidon2.Digest;
import io.proofline.testsupport.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.unit.DataSize;

/**
 * The core's keys at startup: a keys directory someone tampered with stops the core before it
 * registers anything, and a protocol version is registered with the commitments pinned in
 * {@code commitments.json}, never with what the directory held.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProtocolKeysIntegrationTests {

    private static final TestDatabase DB = TestDatabase.create();
    private static final CircuitType STORAGE = CircuitType.STORAGE_APPLICATION;

    @AfterAll
    static void dropDatabase() {
        DB.close();
    }

    @ParameterizedTest
    @Order(1)
    @EnumSource(TamperedKeys.Tamper.class)
    void aTamperedSetupStopsTheCoreBeforeItRegistersAnything(TamperedKeys.Tamper tamper, @TempDir Path dir) throws SQLException {
        // given the honest small keys with the storage-application setup tampered with
        CoreTestEnvironment.keys();
        TamperedKeys.copy(CoreTestEnvironment.keysDir(), dir);
        TamperedKeys.plant(dir, STORAGE, CoreTestEnvironment.CAPACITIES, CoreTestEnvironment.CONFIG, tamper);

        // when a core starts on a fresh database with that directory, then it stops, naming the circuit and the difference
        KeysRefusedException e = refusal(() -> start(Map.of("proofline.core.keys-dir", dir.toString())));
        assertTrue(e.getMessage().startsWith("storage_application setup " + dir), e.getMessage());
        assertTrue(tamper.namedIn(e.getMessage()), e.getMessage());
        // and no protocol version was registered from the directory
        assertEquals(List.of(), registered());
    }

    @Test
    @Order(1)
    void aSetupWithTheCircuitsColumnsUnderAKeyOfItsOwnStopsTheCoreByItsPin(@TempDir Path dir) throws SQLException {
        // given the storage-application file's honest columns under the identity-sigma forgery's key:
        // the columns match the circuit, and the core, which only verifies, never commits to them
        CoreTestEnvironment.keys();
        TamperedKeys.copy(CoreTestEnvironment.keysDir(), dir);
        VerificationKey forged = TamperedKeys.plantForgedKey(dir, STORAGE, CoreTestEnvironment.CAPACITIES, CoreTestEnvironment.CONFIG);

        // then the core stops at the key's commitment, and registers nothing
        KeysRefusedException e = refusal(() -> start(Map.of("proofline.core.keys-dir", dir.toString())));
        assertTrue(e.getMessage().startsWith("storage_application key commitment " + forged.commitment()
                + " differs from the pinned"), e.getMessage());
        assertEquals(List.of(), registered());
    }

    @Test
    @Order(2)
    void aVersionIsRegisteredWithItsPinnedCommitments() throws SQLException {
        Map<CircuitType, Digest> pinned = PinnedCommitments.load().require(1, "small");
        try (ConfigurableApplicationContext core = start(Map.of("proofline.core.protocol-version", "1"))) {
            assertEquals(pinned, core.getBean(ProtocolKeys.class).commitments());
            assertFalse(core.getBean(ProtocolKeys.class).aggregated());
        }
        assertEquals(List.of(List.of("1", pinned.get(CircuitType.TRANSFER_EXECUTION).toString(),
                pinned.get(STORAGE).toString(), "small", "null", "null", "null", "null")), registered());
    }

    @Test
    @Order(3)
    void theDefaultVersionIsRegisteredWithItsRecursionKeysAndHandsThemOut() throws SQLException {
        PinnedCommitments pins = PinnedCommitments.load();
        int version = pins.currentVersion();
        RecursionCommitments recursion = pins.findRecursion(version, "small").orElseThrow();
        try (ConfigurableApplicationContext core = start(Map.of())) {
            ProtocolKeys keys = core.getBean(ProtocolKeys.class);
            assertTrue(keys.aggregated());
            assertEquals(version, keys.protocolVersion());
            Map<String, String> handedOut = keys.commitmentsByLabel();
            assertEquals(List.of("transfer_execution", "storage_application", "leaf_transfer_execution",
                    "leaf_storage_application", "node", "scheduler"), List.copyOf(handedOut.keySet()));
            assertEquals(recursion.scheduler().toString(), handedOut.get("scheduler"));
        }
        List<String> row = registered().getLast();
        List<String> expected = new ArrayList<>(List.of(String.valueOf(version),
                pins.require(version, "small").get(CircuitType.TRANSFER_EXECUTION).toString(),
                pins.require(version, "small").get(STORAGE).toString(), "small"));
        recursion.byLabel().values().forEach(d -> expected.add(d.toString()));
        assertEquals(expected, row);
    }

    @Test
    @Order(4)
    void anUnpinnedVersionDoesNotStart() {
        KeysRefusedException e = refusal(() -> start(Map.of("proofline.core.protocol-version", "4")));
        assertTrue(e.getMessage().startsWith("no key commitments are pinned for protocol version 4 with small capacities"),
                e.getMessage());
    }

    @Test
    @Order(5)
    void keysOtherThanThePinnedOnesAreRefusedAndNotRegistered() throws SQLException {
        // given pins that differ from the keys this build's circuits give, as after a circuit change pinned for no version
        Map<CircuitType, Digest> loaded = CoreTestEnvironment.keys().commitments();
        Digest other = new Digest(1, 2, 3, 4);
        Map<CircuitType, Digest> pinned = new EnumMap<>(loaded);
        pinned.put(STORAGE, other);
        int version = PinnedCommitments.load().currentVersion();
        PinnedCommitments pins = PinnedCommitments.load().with(version, "small", pinned);
        CoreProperties properties = new CoreProperties(1, version, CoreTestEnvironment.keysDir(), "small", Duration.ofMinutes(1),
                DataSize.ofMegabytes(1), null, new CoreProperties.Batch(100, Duration.ofHours(1)),
                new CoreProperties.Traffic(false, 10));
        List<List<String>> before = registered();

        // when the core loads its keys for that version, then it refuses them, naming the circuit
        KeysRefusedException e = assertThrows(KeysRefusedException.class, () -> ProtocolKeysConfiguration.load(properties,
                new ProtocolVersionRegistry(JdbcClient.create(DB.dataSource())), pins));
        assertEquals("storage_application key commitment " + loaded.get(STORAGE) + " differs from the pinned " + other
                + " (commitments.json, protocol version " + version + ", small capacities)", e.getMessage());
        // and registers nothing for it
        assertEquals(before, registered());
    }

    private static ConfigurableApplicationContext start(Map<String, Object> overrides) {
        String[] args = CoreTestEnvironment.properties(DB, overrides).entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return new SpringApplicationBuilder(ProoflineCoreApplication.class).run(args);
    }

    private static KeysRefusedException refusal(Runnable start) {
        RuntimeException e = assertThrows(RuntimeException.class, start::run);
        return rootCause(e, KeysRefusedException.class);
    }

    private static <T extends Throwable> T rootCause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " among the causes of " + e, e);
    }

    /** The rows of core_protocol_versions; none if the table does not exist yet. */
    private static List<List<String>> registered() throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Connection c = DB.connect();
             ResultSet exists = c.createStatement().executeQuery("SELECT to_regclass('core_protocol_versions') IS NOT NULL")) {
            exists.next();
            if (!exists.getBoolean(1)) {
                return rows;
            }
            try (ResultSet rs = c.createStatement().executeQuery("SELECT protocol_version, transfer_execution_key, "
                    + "storage_application_key, capacities, leaf_transfer_execution_key, leaf_storage_application_key, "
                    + "node_key, scheduler_key FROM core_protocol_versions ORDER BY protocol_version")) {
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= 8; i++) {
                        row.add(String.valueOf(rs.getString(i)));
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }
}
