package io.proofline.circuits.aggregation;

import io.proofline.circuits.base.BaseCircuitKeys;
import io.proofline.circuits.base.CircuitCapacities;
import io.proofline.circuits.base.KeysRefusedException;
import io.proofline.circuits.base.StoredSetupFiles;
import io.proofline.codec.FormatException;
import io.proofline.plonkish.Circuit;
import io.proofline.plonkish.ProverConfig;
import io.proofline.plonkish.Setup;
import io.proofline.plonkish.SetupCheck;
import io.proofline.plonkish.SetupCodec;
import io.proofline.plonkish.SetupData;
import io.proofline.plonkish.StoredSetup;
import io.proofline.plonkish.VerificationKeyCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The recursion layers' setups in the keys directory, beside the base keys. A file name carries
 * the layer, its size, the base circuits' set where it is not the first
 * ({@link BaseCircuitKeys#circuitSetTag}), the base capacities and the prover parameters. A loaded setup must be the
 * one its circuit (rebuilt from the base keys) defines: a damaged file is regenerated, an intact
 * one that differs is refused. Generated setups are written only once every layer is built, so
 * that the search for the layers' size leaves no file of a size it gave up.
 */
final class AggregationSetupCache {

    private static final System.Logger LOG = System.getLogger(AggregationSetupCache.class.getName());

    private final Path dir;
    private final CircuitCapacities caps;
    private final String tag;
    private final ProverConfig config;
    private final Map<String, SetupData> generated = new LinkedHashMap<>();

    AggregationSetupCache(Path dir, BaseCircuitKeys base, ProverConfig config) {
        this.dir = dir;
        this.caps = base.capacities();
        this.tag = base.circuitSetTag();
        this.config = config;
    }

    /** @throws KeysRefusedException if the file holds another circuit's setup */
    StoredSetup loadOrGenerate(String layer, Circuit circuit) {
        String name = sized(layer, circuit);
        Path file = file(dir, name + tag, caps, config);
        if (Files.exists(file)) {
            try {
                Optional<StoredSetup> stored = StoredSetupFiles.read(file, circuit, config, layer,
                        layer + " recursion circuit's (" + caps + ")");
                if (stored.isPresent()) {
                    return stored.get();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        LOG.log(System.Logger.Level.INFO, "generating setup for the " + layer + " recursion circuit (" + caps + ", 2^"
                + circuit.geometry().logRows() + " rows)");
        SetupData setup = Setup.generate(circuit, config);
        generated.put(name, setup);
        return StoredSetup.of(setup);
    }

    /**
     * Checks the layer's stored setup against its circuit, generating nothing into the directory:
     * records in {@code found}, under the layer's name, its file and key commitment or what is
     * wrong with it. Returns the stored setup when it is the circuit's, else the circuit's own
     * (generated here), so that the layers built on this one can still be checked.
     */
    StoredSetup inspect(String layer, Circuit circuit, Map<String, AggregationKeys.StoredLayer> found) {
        Path file = file(dir, sized(layer, circuit) + tag, caps, config);
        if (!Files.exists(file)) {
            found.put(layer, new AggregationKeys.StoredLayer(layer, file, null, "no setup " + file));
            return StoredSetup.of(Setup.generate(circuit, config));
        }
        try {
            // the whole check, cap included: inspecting is what keygen's verify is for
            SetupData setup = SetupCodec.decode(Files.readAllBytes(file), config);
            String difference = SetupCheck.difference(circuit, setup).orElse(null);
            found.put(layer, new AggregationKeys.StoredLayer(layer, file, setup.key().commitment(), difference == null ? null
                    : file + " is not the " + layer + " recursion circuit's setup (" + caps + "): " + difference));
            return StoredSetup.of(difference == null ? setup : Setup.generate(circuit, config));
        } catch (FormatException e) {
            found.put(layer, new AggregationKeys.StoredLayer(layer, file, null, file + " is corrupt: " + e.getMessage()));
            return StoredSetup.of(Setup.generate(circuit, config));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Writes, each atomically, the generated setups the final keys use. */
    void writeGenerated(Set<String> used) {
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, SetupData> e : generated.entrySet()) {
                if (!used.contains(e.getKey())) {
                    continue;
                }
                Path tmp = Files.createTempFile(dir, e.getKey(), ".tmp");
                Files.write(tmp, SetupCodec.encode(e.getValue()));
                Files.move(tmp, file(dir, e.getKey() + tag, caps, config), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
                Path vk = Files.createTempFile(dir, e.getKey(), ".tmp");
                Files.writeString(vk, VerificationKeyCodec.toJson(e.getValue().key()));
                Files.move(vk, dir.resolve(e.getKey() + tag + "-" + caps.transactionsPerInstance() + "-"
                        + caps.accessesPerInstance() + ".vk.json"), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the key directory " + dir, e);
        }
    }

    static String sized(String layer, Circuit circuit) {
        return layer + "-r" + circuit.geometry().logRows();
    }

    static Path file(Path dir, String name, CircuitCapacities caps, ProverConfig config) {
        var f = config.fri();
        return dir.resolve(String.format("%s-%d-%d-b%d-q%d-w%d-a%d-f%d-c%d.setup", name, caps.transactionsPerInstance(),
                caps.accessesPerInstance(), f.logBlowup(), f.numQueries(), f.powBits(), f.logFoldingArity(),
                f.logFinalPolyLength(), f.logCapSize()));
    }
}
