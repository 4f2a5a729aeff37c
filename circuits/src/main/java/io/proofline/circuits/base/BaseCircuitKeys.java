package io.proofline.circuits.base;

import io.proofline.plonkish.Circuit;
import io.proofline.plonkish.ProverConfig;
import io.proofline.plonkish.Setup;
import io.proofline.plonkish.SetupCodec;
import io.proofline.plonkish.SetupData;
import io.proofline.plonkish.StoredSetup;
import io.proofline.plonkish.VerificationKey;
import io.proofline.plonkish.VerificationKeyCodec;
import io.proofline.poseidon2.Digest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumMap;
import java.util.Map;

/**
 * The circuits, setup data and verification keys of both base circuit types for one protocol
 * version, set of capacities and prover parameters. {@link #loadOrGenerate} caches them in a directory: a
 * cached file that fails its integrity check is regenerated; one that is intact but does not
 * match its circuit is refused. Loading does not commit to the columns (seconds of LDE and
 * hashing that a verifier never needs), so a file with the circuit's columns under a key of its
 * own loads; that key is refused when the setup first proves ({@link StoredSetup#setup}), and by
 * its commitment wherever keys are used: which keys a protocol version uses is pinned apart from
 * the directory, by {@link PinnedCommitments}, and the core and the provers check them against it.
 */
public final class BaseCircuitKeys {

    private static final System.Logger LOG = System.getLogger(BaseCircuitKeys.class.getName());

    private final int protocolVersion;
    private final CircuitCapacities capacities;
    private final Map<CircuitType, Circuit> circuits;
    private final Map<CircuitType, StoredSetup> setups;

    private BaseCircuitKeys(int protocolVersion, CircuitCapacities capacities, Map<CircuitType, Circuit> circuits,
                            Map<CircuitType, StoredSetup> setups) {
        this.protocolVersion = protocolVersion;
        this.capacities = capacities;
        this.circuits = circuits;
        this.setups = setups;
    }

    /** The keys of the newest protocol version's circuits. */
    public static BaseCircuitKeys generate(CircuitCapacities caps, ProverConfig config) {
        return generate(caps, config, BaseCircuits.NEWEST_PROTOCOL_VERSION);
    }

    public static BaseCircuitKeys generate(CircuitCapacities caps, ProverConfig config, int protocolVersion) {
        Map<CircuitType, Circuit> circuits = new EnumMap<>(CircuitType.class);
        Map<CircuitType, StoredSetup> setups = new EnumMap<>(CircuitType.class);
        for (CircuitType type : CircuitType.values()) {
            Circuit circuit = BaseCircuits.build(type, caps, protocolVersion);
            circuits.put(type, circuit);
            setups.put(type, StoredSetup.of(Setup.generate(circuit, config)));
        }
        return new BaseCircuitKeys(protocolVersion, caps, circuits, setups);
    }

    /** {@link #loadOrGenerate(Path, CircuitCapacities, ProverConfig, int)} for the newest protocol version. */
    public static BaseCircuitKeys loadOrGenerate(Path dir, CircuitCapacities caps, ProverConfig config) {
        return loadOrGenerate(dir, caps, config, BaseCircuits.NEWEST_PROTOCOL_VERSION);
    }

    /**
     * Loads the setup of each circuit type from {@code dir}, or generates and writes it when it is
     * missing or damaged. File names carry the capacities and parameters, so different
     * configurations never share files. A loaded setup must be the one its circuit defines
     * (geometry, gates, public-input rows, constant, selector and sigma columns): a file that
     * differs is not regenerated over, since someone wrote it, but refused. A loaded setup's LDE and
     * Merkle tree are built when it is first proven with ({@link StoredSetup}).
     *
     * @throws KeysRefusedException naming the circuit, the file and the first difference
     */
    public static BaseCircuitKeys loadOrGenerate(Path dir, CircuitCapacities caps, ProverConfig config, int protocolVersion) {
        Map<CircuitType, Circuit> circuits = new EnumMap<>(CircuitType.class);
        Map<CircuitType, StoredSetup> setups = new EnumMap<>(CircuitType.class);
        try {
            Files.createDirectories(dir);
            for (CircuitType type : CircuitType.values()) {
                Circuit circuit = BaseCircuits.build(type, caps, protocolVersion);
                circuits.put(type, circuit);
                Path file = dir.resolve(fileName(type, caps, config, protocolVersion));
                StoredSetup setup = null;
                if (Files.exists(file)) {
                    setup = StoredSetupFiles.read(file, circuit, config, type.label, type.label + " circuit's (" + caps + ")")
                            .orElse(null);
                }
                if (setup == null) {
                    LOG.log(System.Logger.Level.INFO, "generating setup for " + type.label + " (" + caps + ")");
                    SetupData generated = Setup.generate(circuit, config);
                    setup = StoredSetup.of(generated);
                    Path tmp = Files.createTempFile(dir, type.label, ".tmp");
                    Files.write(tmp, SetupCodec.encode(generated));
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    Files.writeString(keyJsonFile(dir, type, caps, protocolVersion), VerificationKeyCodec.toJson(setup.key()));
                }
                setups.put(type, setup);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the key directory " + dir, e);
        }
        return new BaseCircuitKeys(protocolVersion, caps, circuits, setups);
    }

    /** Where {@link #loadOrGenerate} keeps the setup of {@code type} for the newest protocol version. */
    public static Path setupFile(Path dir, CircuitType type, CircuitCapacities caps, ProverConfig config) {
        return setupFile(dir, type, caps, config, BaseCircuits.NEWEST_PROTOCOL_VERSION);
    }

    /** Where {@link #loadOrGenerate} keeps the setup of {@code type} for this protocol version, capacities and parameters. */
    public static Path setupFile(Path dir, CircuitType type, CircuitCapacities caps, ProverConfig config, int protocolVersion) {
        return dir.resolve(fileName(type, caps, config, protocolVersion));
    }

    /** Where {@link #loadOrGenerate} writes the verification key of {@code type} as JSON. */
    public static Path keyJsonFile(Path dir, CircuitType type, CircuitCapacities caps, int protocolVersion) {
        return dir.resolve(name(type, protocolVersion) + "-" + caps.transactionsPerInstance() + "-" + caps.accessesPerInstance()
                + ".vk.json");
    }

    private static String fileName(CircuitType type, CircuitCapacities caps, ProverConfig config, int protocolVersion) {
        var f = config.fri();
        return String.format("%s-%d-%d-b%d-q%d-w%d-a%d-f%d-c%d.setup", name(type, protocolVersion), caps.transactionsPerInstance(),
                caps.accessesPerInstance(), f.logBlowup(), f.numQueries(), f.powBits(), f.logFoldingArity(),
                f.logFinalPolyLength(), f.logCapSize());
    }

    /** The circuit's label with its version's circuit set ({@code storage_application-c2}). */
    private static String name(CircuitType type, int protocolVersion) {
        return type.label + circuitSetTag(protocolVersion);
    }

    /**
     * What these keys' files, and the recursion layers' built on them, carry in their names:
     * empty for the base circuits of protocol versions 1 and 2, {@code -c2} for those of version
     * 3 on ({@link BaseCircuits#circuitSet}).
     */
    public String circuitSetTag() {
        return circuitSetTag(protocolVersion);
    }

    private static String circuitSetTag(int protocolVersion) {
        int set = BaseCircuits.circuitSet(protocolVersion);
        return set == 1 ? "" : "-c" + set;
    }

    /** The protocol version whose circuits these are. */
    public int protocolVersion() {
        return protocolVersion;
    }

    public CircuitCapacities capacities() {
        return capacities;
    }

    public Circuit circuit(CircuitType type) {
        return circuits.get(type);
    }

    /** The setup of {@code type} with its LDE and tree, built on the first call for a loaded one. */
    public SetupData setup(CircuitType type) {
        return setups.get(type).setup();
    }

    public VerificationKey verificationKey(CircuitType type) {
        return setups.get(type).key();
    }

    public Map<CircuitType, VerificationKey> verificationKeys() {
        Map<CircuitType, VerificationKey> out = new EnumMap<>(CircuitType.class);
        setups.forEach((type, setup) -> out.put(type, setup.key()));
        return out;
    }

    public Map<CircuitType, Digest> commitments() {
        Map<CircuitType, Digest> out = new EnumMap<>(CircuitType.class);
        setups.forEach((type, setup) -> out.put(type, setup.key().commitment()));
        return out;
    }
}
