package io.proofline.cli;

import io.proofline.circuits.aggregation.AggregationKeys;
import io.proofline.circuits.base.BaseCircuitKeys;
import io.proofline.circuits.base.BaseCircuits;
import io.proofline.circuits.base.CircuitCapacities;
import io.proofline.circuits.base.CircuitType;
import io.proofline.circuits.base.KeysRefusedException;
import io.proofline.circuits.base.PinnedCommitments;
import io.proofline.circuits.base.RecursionCommitments;
import io.proofline.codec.FormatException;
import io.proofline.plonkish.Circuit;
import io.proofline.plonkish.Setup;
import io.proofline.plonkish.SetupCheck;
import io.proofline.plonkish.SetupData;
import io.proofline.poseidon2.Digest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** keygen's subcommands. */
final class KeygenCommands {

    private KeygenCommands() {
    }

    /** all, aggregation, or one base circuit's label. */
    static List<CircuitType> baseTypes(String circuit) {
        if (circuit.equals("all") || circuit.equals("aggregation")) {
            return List.of(CircuitType.values());
        }
        for (CircuitType t : CircuitType.values()) {
            if (t.label.equals(circuit)) {
                return List.of(t);
            }
        }
        List<String> names = new ArrayList<>(List.of("all", "aggregation"));
        for (CircuitType t : CircuitType.values()) {
            names.add(t.label);
        }
        throw new CliFailure(ExitCodes.USAGE, "unknown circuit '" + circuit + "' (use one of " + String.join(", ", names) + ")");
    }

    /** {@code version}, if this build defines its circuits; otherwise a refusal naming the versions it does. */
    static int circuitVersion(int version) {
        try {
            BaseCircuits.circuitSet(version);
        } catch (IllegalArgumentException e) {
            throw CliFailure.refused(e.getMessage());
        }
        return version;
    }

    static String seconds(long startNanos) {
        return Table.duration(Duration.ofNanos(System.nanoTime() - startNanos));
    }

    @Command(name = "generate", description = "Generates the setup data and verification keys missing from the keys directory.")
    static final class Generate implements Runnable {

        @Mixin
        KeyOptions keys;

        @Option(names = "--circuit", defaultValue = "all", paramLabel = "all|aggregation|NAME",
                description = "all (the base circuits and the recursion layers), aggregation, or a base circuit"
                        + " (transfer_execution, storage_application); default ${DEFAULT-VALUE}")
        String circuit;

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            CircuitCapacities caps = keys.circuitCapacities();
            List<CircuitType> types = baseTypes(circuit);
            BaseKeyFiles files = new BaseKeyFiles(keys.dir, caps, BaseCircuits.NEWEST_PROTOCOL_VERSION);
            out.println("keys for " + keys.capacities + " capacities (" + caps + ") in " + keys.dir.toAbsolutePath());
            long all = System.nanoTime();
            for (CircuitType type : types) {
                long start = System.nanoTime();
                Circuit c = BaseCircuits.build(type, caps);
                Optional<SetupData> stored;
                try {
                    stored = files.read(type);
                } catch (FormatException e) {
                    out.println(type.label + ": damaged setup " + files.setupFile(type) + " (" + e.getMessage() + "), generating it again");
                    stored = Optional.empty();
                }
                if (stored.isPresent()) {
                    String difference = SetupCheck.difference(c, stored.get()).orElse(null);
                    if (difference != null) {
                        throw CliFailure.refused(type.label + ": " + files.setupFile(type) + " is not this circuit's setup: " + difference
                                + "; remove it to generate it again");
                    }
                    out.println(type.label + ": kept " + files.setupFile(type).getFileName() + ", commitment "
                            + stored.get().key().commitment() + " (checked in " + seconds(start) + ")");
                    out.flush();
                    continue;
                }
                out.print(type.label + ": generating 2^" + c.geometry().logRows() + " rows ... ");
                out.flush();
                SetupData setup = Setup.generate(c, BaseKeyFiles.CONFIG);
                files.write(type, setup);
                out.println("done in " + seconds(start) + ", commitment " + setup.key().commitment() + ", "
                        + files.setupFile(type).getFileName());
                out.flush();
            }
            if (circuit.equals("all") || circuit.equals("aggregation")) {
                aggregation(out, caps);
            }
            out.println("done in " + seconds(all));
        }

        private void aggregation(PrintWriter out, CircuitCapacities caps) {
            BaseCircuitKeys base = BaseCircuitKeys.loadOrGenerate(keys.dir, caps, BaseKeyFiles.CONFIG);
            out.print("recursion layers (leaf per base circuit, node, scheduler): loading or generating ... ");
            out.flush();
            long start = System.nanoTime();
            AggregationKeys agg;
            try {
                // the circuit provers' own loader: a file already there is checked against its circuit and kept
                agg = AggregationKeys.loadOrGenerate(keys.dir, base, BaseKeyFiles.CONFIG);
            } catch (KeysRefusedException e) {
                out.println();
                throw CliFailure.refused(e.getMessage());
            }
            out.println("done in " + seconds(start) + ", 2^" + agg.logRows() + " rows per leaf and node");
            for (CircuitType type : CircuitType.values()) {
                out.println("  leaf " + type.label + ": commitment " + agg.leafKey(type));
            }
            out.println("  node: commitment " + agg.nodeKey());
            out.println("  scheduler: commitment " + agg.scheduler().key().commitment());
            out.println("  (written beside the base keys, where the circuit provers load them)");
        }
    }

    @Command(name = "verify", description = "Recomputes each base circuit's setup and compares it with the keys directory's"
            + " and with the pinned commitments; for a version whose proofs are aggregated, checks each recursion layer's setup"
            + " against its circuit and the pins too.")
    static final class Verify implements Runnable {

        @Mixin
        KeyOptions keys;

        @Option(names = "--protocol-version", paramLabel = "V", description = "the pins to compare with (default: the newest pinned)")
        Integer protocolVersion;

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            PinnedCommitments pins = PinnedCommitments.load();
            int version = protocolVersion == null ? pins.currentVersion() : protocolVersion;
            CircuitCapacities caps = keys.circuitCapacities(circuitVersion(version));
            BaseKeyFiles files = new BaseKeyFiles(keys.dir, caps, version);
            Map<CircuitType, Digest> pinned = pins.find(version, keys.capacities).orElse(Map.of());
            List<String> problems = new ArrayList<>();
            for (CircuitType type : CircuitType.values()) {
                long start = System.nanoTime();
                SetupData stored;
                try {
                    stored = files.read(type).orElseThrow(() -> CliFailure.refused(type.label + ": no setup "
                            + files.setupFile(type) + " (keygen generate writes it)"));
                } catch (FormatException e) {
                    throw new CliFailure(ExitCodes.CORRUPT, type.label + ": " + files.setupFile(type) + " is corrupt: " + e.getMessage());
                }
                Circuit circuit = BaseCircuits.build(type, caps, circuitVersion(version));
                SetupData computed = Setup.generate(circuit, BaseKeyFiles.CONFIG);
                Digest commitment = stored.key().commitment();
                List<String> mine = new ArrayList<>();
                SetupCheck.difference(circuit, stored).ifPresent(d -> mine.add("differs from its circuit: " + d));
                if (!computed.key().commitment().equals(commitment)) {
                    mine.add("commitment " + commitment + " differs from the recomputed " + computed.key().commitment());
                }
                if (!pinned.containsKey(type)) {
                    mine.add("nothing pinned for protocol version " + version + " with " + keys.capacities + " capacities");
                } else if (!pinned.get(type).equals(commitment)) {
                    mine.add("commitment " + commitment + " differs from the pinned " + pinned.get(type) + " (protocol version "
                            + version + ")");
                }
                out.println(type.label + ": " + (mine.isEmpty() ? "ok, commitment " + commitment + " = recomputed = pinned (protocol"
                        + " version " + version + ")" : String.join("; ", mine)) + " [" + seconds(start) + "]");
                mine.forEach(p -> problems.add(type.label + " " + p));
            }
            pins.findRecursion(version, keys.capacities).ifPresent(layers -> {
                if (problems.isEmpty()) {
                    problems.addAll(verifyRecursion(out, caps, version, layers));
                } else {
                    out.println("recursion layers: not checked, they are built from the base keys above");
                }
            });
            if (!problems.isEmpty()) {
                throw CliFailure.refused(problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + " with the keys in "
                        + keys.dir + ": " + String.join("; ", problems));
            }
        }

        /**
         * The recursion layers of a version whose proofs are aggregated: each stored setup checked
         * against its circuit, rebuilt from the (verified) base keys, and its commitment against the pin.
         */
        private List<String> verifyRecursion(PrintWriter out, CircuitCapacities caps, int version, RecursionCommitments pinned) {
            out.print("recursion layers (leaf per base circuit, node, scheduler): rebuilding their circuits ... ");
            out.flush();
            long start = System.nanoTime();
            BaseCircuitKeys base = BaseCircuitKeys.loadOrGenerate(keys.dir, caps, BaseKeyFiles.CONFIG, circuitVersion(version));
            List<AggregationKeys.StoredLayer> layers = AggregationKeys.inspect(keys.dir, base, BaseKeyFiles.CONFIG);
            out.println("done in " + seconds(start));
            List<String> problems = new ArrayList<>();
            for (AggregationKeys.StoredLayer layer : layers) {
                Digest pin = pinned.byLabel().get(layer.layer());
                List<String> mine = new ArrayList<>();
                if (!layer.ok()) {
                    mine.add(layer.problem() + (layer.commitment() == null ? " (keygen generate writes it)" : ""));
                }
                if (layer.commitment() != null && !layer.commitment().equals(pin)) {
                    mine.add("commitment " + layer.commitment() + " differs from the pinned " + pin + " (protocol version " + version + ")");
                }
                out.println(layer.layer() + ": " + (mine.isEmpty() ? "ok, commitment " + layer.commitment() + " = its circuit's = pinned"
                        + " (protocol version " + version + ")" : String.join("; ", mine)));
                mine.forEach(p -> problems.add(layer.layer() + " " + p));
            }
            return problems;
        }
    }

    @Command(name = "commitments", description = "Prints the keys directory's commitments and writes them to commitments.json"
            + " (the format of the pinned file).")
    static final class Commitments implements Runnable {

        @Mixin
        KeyOptions keys;

        @Option(names = "--protocol-version", paramLabel = "V", description = "the version to file them under (default: the newest pinned)")
        Integer protocolVersion;

        @Option(names = "--output", paramLabel = "FILE", description = "where to write (default: commitments.json in the keys directory)")
        Path output;

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            PinnedCommitments pins = PinnedCommitments.load();
            int version = protocolVersion == null ? pins.currentVersion() : protocolVersion;
            CircuitCapacities caps = keys.circuitCapacities(circuitVersion(version));
            BaseKeyFiles files = new BaseKeyFiles(keys.dir, caps, version);
            Map<CircuitType, Digest> commitments = new EnumMap<>(CircuitType.class);
            for (CircuitType type : CircuitType.values()) {
                try {
                    commitments.put(type, files.read(type).orElseThrow(() -> CliFailure.refused(type.label + ": no setup "
                            + files.setupFile(type) + " (keygen generate writes it)")).key().commitment());
                } catch (FormatException e) {
                    throw new CliFailure(ExitCodes.CORRUPT, type.label + ": " + files.setupFile(type) + " is corrupt: " + e.getMessage());
                }
            }
            Map<CircuitType, Digest> pinned = pins.find(version, keys.capacities).orElse(Map.of());
            for (var e : commitments.entrySet()) {
                out.println(e.getKey().label + " " + e.getValue() + (e.getValue().equals(pinned.get(e.getKey())) ? " (pinned)"
                        : " (NOT the pinned " + pinned.get(e.getKey()) + ")"));
            }
            StringBuilder json = new StringBuilder("{\"format\": 1, \"protocolVersions\": {\"" + version + "\": {\"" + keys.capacities + "\": {");
            String sep = "";
            for (var e : commitments.entrySet()) {
                json.append(sep).append('"').append(e.getKey().label).append("\": \"").append(e.getValue()).append('"');
                sep = ", ";
            }
            String text = PinnedCommitments.parse(json.append("}}}}").toString()).toJson();
            Path file = output == null ? keys.dir.resolve("commitments.json") : output;
            try {
                Files.writeString(file, text);
            } catch (IOException e) {
                throw CliFailure.refused("cannot write " + file + ": " + e.getMessage());
            }
            out.println("wrote " + file + " (protocol version " + version + ", " + keys.capacities + " capacities)");
        }
    }
}
