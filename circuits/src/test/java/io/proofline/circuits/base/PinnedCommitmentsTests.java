package io.proofline.circuits.base;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.circuits.aggregation.AggregationKeys;
import io.proofline.plonkish.ProverConfig;
import io.proofline.poseidon2.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The pinned key commitments: they are the ones this build's circuits give (so that a circuit
 * change cannot drift from them silently), and a version, capacities or key that is not pinned
 * is refused with its name.
 *
 * <p>To pin the commitments of changed circuits under a new protocol version {@code N} (or to
 * rewrite version {@code N}'s), run from the repository root:
 * <pre>
 * mvn -pl circuits -am test -Dtest=PinnedCommitmentsTests#rewrite -Dsurefire.failIfNoSpecifiedTests=false -Dproofline.pin-version=N
 * </pre>
 * and commit {@code circuits/src/main/resources/io/proofline/circuits/commitments.json}. It pins the
 * recursion keys too (versions from 2 on have aggregated proofs; {@code -Dproofline.pin-bundles=true}
 * pins base keys only, as version 1 is); the production ones take minutes.
 */
class PinnedCommitmentsTests {

    private static final Path SOURCE = Path.of("src/main/resources" + PinnedCommitments.RESOURCE);
    private static final Map<String, BaseCircuitKeys> BASE_KEYS = new HashMap<>();

    @Test
    void theNewestPinnedVersionIsTheNewestThisBuildDefines() {
        assertEquals(BaseCircuits.NEWEST_PROTOCOL_VERSION, PinnedCommitments.load().currentVersion());
    }

    /** Earlier versions' circuits stay as they were pinned: a core configured for one still finds its keys. */
    @Test
    void earlierVersionsPinTheCommitmentsOfTheirCircuits() {
        PinnedCommitments pins = PinnedCommitments.load();
        for (int version = 1; version < pins.currentVersion(); version++) {
            assertEquals(pins.require(version, "small"), baseKeys("small", version).commitments(), "protocol version " + version);
        }
    }

    @Test
    void versionThreeChangesBothBaseCircuits() {
        PinnedCommitments pins = PinnedCommitments.load();
        for (String capacities : PinnedCommitments.CAPACITIES) {
            Map<CircuitType, Digest> two = pins.require(2, capacities);
            Map<CircuitType, Digest> three = pins.require(3, capacities);
            for (CircuitType type : CircuitType.values()) {
                assertTrue(!two.get(type).equals(three.get(type)), type + ", " + capacities
                        + ": version 3 hashes a Merkle level a row and range-checks with limbs");
            }
        }
    }

    @Test
    void theCurrentVersionPinsTheCommitmentsOfThisBuildsCircuits() {
        // production keys take tens of seconds: 2^17 rows per circuit, LDE and Merkle tree included
        PinnedCommitments pins = PinnedCommitments.load();
        int version = pins.currentVersion();
        for (String capacities : PinnedCommitments.CAPACITIES) {
            Map<CircuitType, Digest> pinned = pins.find(version, capacities).orElseThrow(() -> new AssertionError(
                    "protocol version " + version + " pins no " + capacities + " keys"));
            assertEquals(pinned, baseKeys(capacities).commitments(), "protocol version " + version + ", " + capacities
                    + " capacities: the circuits give other keys than the pinned ones; if they changed on purpose, pin them "
                    + "under a new protocol version (see this class's comment)");
        }
    }

    /** Both capacities: the recursion layers' setups take about ten seconds each way (2^15 rows). */
    @Test
    void theCurrentVersionPinsTheRecursionKeysOfThisBuildsCircuits() {
        PinnedCommitments pins = PinnedCommitments.load();
        int version = pins.currentVersion();
        for (String capacities : PinnedCommitments.CAPACITIES) {
            RecursionCommitments pinned = pins.findRecursion(version, capacities).orElseThrow(() -> new AssertionError(
                    "protocol version " + version + " pins no " + capacities + " recursion keys"));
            assertEquals(pinned, computeRecursion(capacities), "protocol version " + version + ", " + capacities
                    + " capacities: the recursion circuits give other keys than the pinned ones; if they changed on purpose, "
                    + "pin them under a new protocol version (see this class's comment)");
        }
    }

    @Test
    void versionOnePinsBundlesAndVersionTwoAggregatedProofs() {
        PinnedCommitments pins = PinnedCommitments.load();
        assertTrue(pins.findRecursion(1, "small").isEmpty());
        assertEquals(pins.require(1, "small"), pins.require(2, "small"), "the base circuits did not change");
        KeysRefusedException e = assertThrows(KeysRefusedException.class,
                () -> pins.requireRecursionMatches(1, "small", pins.findRecursion(2, "small").orElseThrow()));
        assertEquals("protocol version 1 pins no recursion keys for small capacities (commitments.json): its batch proofs "
                + "are bundles of base proofs, not aggregated", e.getMessage());
    }

    @Test
    void recursionKeysOtherThanThePinnedOnesAreRefusedByLayer() {
        PinnedCommitments pins = PinnedCommitments.parse(aggregatedFile());
        RecursionCommitments pinned = new RecursionCommitments(A, B, A, B);
        pins.requireRecursionMatches(2, "small", pinned);
        KeysRefusedException e = assertThrows(KeysRefusedException.class,
                () -> pins.requireRecursionMatches(2, "small", new RecursionCommitments(A, B, B, B)));
        assertEquals("node key commitment " + B + " differs from the pinned " + A
                + " (commitments.json, protocol version 2, small capacities)", e.getMessage());
        e = assertThrows(KeysRefusedException.class,
                () -> pins.requireRecursionMatches(2, "small", new RecursionCommitments(A, B, A, A)));
        assertEquals("scheduler key commitment " + A + " differs from the pinned " + B
                + " (commitments.json, protocol version 2, small capacities)", e.getMessage());
        assertEquals(pins, PinnedCommitments.parse(pins.toJson()));
    }

    @Test
    void recursionKeysArePinnedAllOrNone() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PinnedCommitments.parse(aggregatedFile().replace(", \"node\": \"" + A + "\"", "")));
        assertEquals("commitments.json: protocolVersions.2.small pins recursion keys but lacks node", e.getMessage());
    }

    private static String aggregatedFile() {
        return "{\"format\": 1, \"protocolVersions\": {\"2\": {\"small\": {\"transfer_execution\": \"" + A
                + "\", \"storage_application\": \"" + B + "\", \"leaf_transfer_execution\": \"" + A
                + "\", \"leaf_storage_application\": \"" + B + "\", \"node\": \"" + A + "\", \"scheduler\": \"" + B + "\"}}}}";
    }

    static RecursionCommitments computeRecursion(String capacities) {
        return computeRecursion(capacities, BaseCircuits.NEWEST_PROTOCOL_VERSION);
    }

    static RecursionCommitments computeRecursion(String capacities, int version) {
        return AggregationKeys.generate(baseKeys(capacities, version), ProverConfig.standard()).commitments();
    }

    private static BaseCircuitKeys baseKeys(String capacities) {
        return baseKeys(capacities, BaseCircuits.NEWEST_PROTOCOL_VERSION);
    }

    /** Each capacities' and version's base keys, generated once for the whole class: production's take tens of seconds. */
    private static synchronized BaseCircuitKeys baseKeys(String capacities, int version) {
        return BASE_KEYS.computeIfAbsent(capacities + "@" + version,
                name -> BaseCircuitKeys.generate(CircuitCapacities.named(capacities, version), ProverConfig.standard(), version));
    }

    @Test
    void theFileIsInItsCanonicalForm() throws IOException {
        assertEquals(PinnedCommitments.load().toJson(), Files.readString(SOURCE, StandardCharsets.UTF_8));
        assertEquals(PinnedCommitments.load(), PinnedCommitments.parse(PinnedCommitments.load().toJson()));
    }

    @Test
    @EnabledIfSystemProperty(named = "proofline.pin-version", matches = "[1-9][0-9]*")
    void rewrite() throws IOException {
        int version = Integer.parseInt(System.getProperty("proofline.pin-version"));
        boolean aggregated = !Boolean.getBoolean("proofline.pin-bundles");
        PinnedCommitments pins = Files.exists(SOURCE) ? PinnedCommitments.parse(Files.readString(SOURCE)) : null;
        for (String capacities : PinnedCommitments.CAPACITIES) {
            Map<CircuitType, Digest> computed = baseKeys(capacities, version).commitments();
            pins = pins == null ? PinnedCommitments.parse(firstFile(version, capacities, computed)) : pins;
            pins = pins.with(version, capacities, computed, aggregated ? computeRecursion(capacities, version) : null);
        }
        Files.writeString(SOURCE, pins.toJson(), StandardCharsets.UTF_8);
    }

    @Test
    void anUnpinnedVersionOrCapacitiesIsRefused() {
        PinnedCommitments pins = PinnedCommitments.parse(file("small"));
        KeysRefusedException e = assertThrows(KeysRefusedException.class, () -> pins.require(2, "small"));
        assertEquals("no key commitments are pinned for protocol version 2 with small capacities (commitments.json pins "
                + "version 1: small): keys of an unpinned version are never used", e.getMessage());
        assertThrows(KeysRefusedException.class, () -> pins.require(1, "production"));
        assertEquals(commitments(A, B), pins.require(1, "small"));
    }

    @Test
    void keysOtherThanThePinnedOnesAreRefusedByCircuit() {
        PinnedCommitments pins = PinnedCommitments.parse(file("small"));
        pins.requireMatches(1, "small", commitments(A, B));
        KeysRefusedException one = assertThrows(KeysRefusedException.class, () -> pins.requireMatches(1, "small", commitments(A, A)));
        assertEquals("storage_application key commitment " + A + " differs from the pinned " + B
                + " (commitments.json, protocol version 1, small capacities)", one.getMessage());
        KeysRefusedException both = assertThrows(KeysRefusedException.class, () -> pins.requireMatches(1, "small", commitments(B, A)));
        assertTrue(both.getMessage().startsWith("transfer_execution key commitment " + B + " differs from the pinned " + A
                + "; storage_application key commitment " + A + " differs"), both.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"format": 2, "protocolVersions": {}}                          | commitments.json: format must be 1, not 2
            {"format": 1, "protocolVersions": {}}                          | commitments.json: pins no protocol version
            {"format": 1, "protocolVersions": {"v1": {}}}                  | commitments.json: protocolVersions.v1 is not a protocol version
            {"format": 1, "protocolVersions": {"1": {"huge": {}}}}         | commitments.json: protocolVersions.1 names unknown capacities 'huge'
            {"format": 1, "protocolVersions": {"1": {"small": {}}}}        | commitments.json: protocolVersions.1.small lacks transfer_execution
            {"format": 1, "protocolVersions": {"1": {"small": {"x": 1}}}}  | commitments.json: protocolVersions.1.small names an unknown circuit type 'x'
            {"format": 1, "format": 1}                                     | commitments.json: duplicate key "format" at offset 14
            {"format": 1.5}                                                | commitments.json: expected , or } at offset 12
            {"format": 1} x                                                | commitments.json: text after the top-level object at offset 14
            """)
    void malformedFilesAreRefusedWithTheirReason(String json, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PinnedCommitments.parse(json));
        assertEquals(reason, e.getMessage());
    }

    @Test
    void aNonCanonicalOrMisspelledDigestIsRefused() {
        String nonCanonical = "0x" + "ffffffffffffffff".repeat(4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PinnedCommitments.parse(file("small").replace(B.toString(), nonCanonical)));
        assertEquals("commitments.json: protocolVersions.1.small.storage_application holds a non-canonical field element: "
                + nonCanonical, e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> PinnedCommitments.parse(file("small").replace(B.toString(), B.toString().toUpperCase())));
        assertTrue(e.getMessage().startsWith("commitments.json: protocolVersions.1.small.storage_application must be 0x and 64 "
                + "lower-case hex digits"), e.getMessage());
    }

    private static final Digest A = new Digest(1, 2, 3, 4);
    private static final Digest B = new Digest(5, 6, 7, 8);

    private static Map<CircuitType, Digest> commitments(Digest transfer, Digest storage) {
        Map<CircuitType, Digest> out = new EnumMap<>(CircuitType.class);
        out.put(CircuitType.TRANSFER_EXECUTION, transfer);
        out.put(CircuitType.STORAGE_APPLICATION, storage);
        return out;
    }

    private static String file(String capacities) {
        return firstFile(1, capacities, commitments(A, B));
    }

    private static String firstFile(int version, String capacities, Map<CircuitType, Digest> c) {
        return "{\"format\": 1, \"protocolVersions\": {\"" + version + "\": {\"" + capacities + "\": {\"transfer_execution\": \""
                + c.get(CircuitType.TRANSFER_EXECUTION) + "\", \"storage_application\": \"" + c.get(CircuitType.STORAGE_APPLICATION)
                + "\"}}}}";
    }
}
