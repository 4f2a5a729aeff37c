package io.proofline.circuits.aggregation;

import io.proofline.circuits.base.BaseCircuitKeys;
import io.proofline.circuits.base.CircuitType;
import io.proofline.circuits.base.RecursionCommitments;
import io.proofline.plonkish.Circuit;
import io.proofline.plonkish.CircuitTooLargeException;
import io.proofline.plonkish.ProverConfig;
import io.proofline.plonkish.Setup;
import io.proofline.plonkish.SetupData;
import io.proofline.plonkish.StoredSetup;
import io.proofline.plonkish.VerificationKey;
import io.proofline.poseidon2.Digest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The recursion layers' circuits and keys for one set of base keys: a leaf per base circuit
 * type, the node and the scheduler, with the in-circuit checks they were built with (which
 * also lay out a slot's inputs). Leaves and node share the recursion shape; its number of rows
 * is the smallest that holds both, found by building them (no setup) at growing sizes.
 */
public final class AggregationKeys {

    /** Below this a verifier of even the smallest base proof does not fit. */
    private static final int MIN_LOG_ROWS = 12;
    private static final int MAX_LOG_ROWS = 20;
    public static final String NODE = "node";
    public static final String SCHEDULER = "scheduler";

    /** A circuit with its setup, and the check its inner proofs are verified with. */
    public record Layer(Circuit circuit, StoredSetup stored, RecursiveProofCheck check) {

        public VerificationKey key() {
            return stored.key();
        }

        /** The setup with its LDE and tree, built on the first call for a loaded one ({@link StoredSetup}). */
        public SetupData setup() {
            return stored.setup();
        }
    }

    private final ProverConfig config;
    private final int logRows;
    private final Map<CircuitType, Layer> leaves;
    private final Layer node;
    private final Layer scheduler;

    private AggregationKeys(ProverConfig config, int logRows, Map<CircuitType, Layer> leaves, Layer node, Layer scheduler) {
        this.config = config;
        this.logRows = logRows;
        this.leaves = leaves;
        this.node = node;
        this.scheduler = scheduler;
    }

    /**
     * Builds and sets up every recursion circuit over {@code base}'s keys.
     *
     * @throws IllegalArgumentException if they need more than {@code 2^MAX_LOG_ROWS} rows
     */
    public static AggregationKeys generate(BaseCircuitKeys base, ProverConfig config) {
        return build(base, config, (name, circuit) -> StoredSetup.of(Setup.generate(circuit, config)));
    }

    /**
     * Loads each layer's setup from {@code dir} (beside the base keys), checked against the
     * circuit rebuilt from {@code base}, or generates and writes it, as
     * {@link BaseCircuitKeys#loadOrGenerate} does for the base circuits. A loaded layer's LDE and
     * Merkle tree are built when it first proves.
     *
     * @throws io.proofline.circuits.base.KeysRefusedException naming the layer, the file and the first difference
     */
    public static AggregationKeys loadOrGenerate(Path dir, BaseCircuitKeys base, ProverConfig config) {
        AggregationSetupCache cache = new AggregationSetupCache(dir, base, config);
        AggregationKeys keys = build(base, config, cache::loadOrGenerate);
        cache.writeGenerated(keys.layerNames());
        return keys;
    }

    /**
     * A recursion layer's setup as stored in a keys directory.
     *
     * @param layer {@code leaf_<type>}, {@code node} or {@code scheduler} (the labels of {@link RecursionCommitments#LABELS})
     * @param commitment the stored key's commitment; null when there is no readable file
     * @param problem null when the file holds the layer circuit's setup, else what is wrong
     */
    public record StoredLayer(String layer, Path file, Digest commitment, String problem) {

        public boolean ok() {
            return problem == null;
        }
    }

    /**
     * Checks every layer's setup stored in {@code dir} against the circuit rebuilt from
     * {@code base} ({@link io.proofline.plonkish.SetupCheck}), writing nothing: a stored setup
     * that decodes (its columns match its key's cap) and is its circuit's has the commitment that
     * regenerating it would give. Layers in {@link RecursionCommitments#LABELS} order.
     */
    public static List<StoredLayer> inspect(Path dir, BaseCircuitKeys base, ProverConfig config) {
        AggregationSetupCache cache = new AggregationSetupCache(dir, base, config);
        Map<String, StoredLayer> found = new LinkedHashMap<>();
        build(base, config, (layer, circuit) -> cache.inspect(layer, circuit, found));
        List<StoredLayer> out = new ArrayList<>();
        for (String label : RecursionCommitments.LABELS) {
            out.add(found.get(label));
        }
        return out;
    }

    /** Where {@link #loadOrGenerate} keeps a layer's setup: {@code leaf_<type>}, {@code node} or {@code scheduler}. */
    public static Path setupFile(Path dir, String layer, int logRows, BaseCircuitKeys base, ProverConfig config) {
        return AggregationSetupCache.file(dir, layer + "-r" + logRows + base.circuitSetTag(), base.capacities(), config);
    }

    /** Gives a built circuit its setup, by the layer's name and size. */
    interface Setups {
        StoredSetup setup(String layer, Circuit circuit);
    }

    private static AggregationKeys build(BaseCircuitKeys base, ProverConfig config, Setups setups) {
        int bits = config.securityBits();
        int logRows = MIN_LOG_ROWS;
        attempt:
        while (true) {
            Map<CircuitType, Circuit> circuits = new EnumMap<>(CircuitType.class);
            Map<CircuitType, RecursiveProofCheck> checks = new EnumMap<>(CircuitType.class);
            for (CircuitType type : CircuitType.values()) {
                RecursiveProofCheck check = new RecursiveProofCheck(base.verificationKey(type), bits);
                try {
                    circuits.put(type, LeafCircuit.build(type, base.commitments().get(type), check, logRows));
                } catch (CircuitTooLargeException e) {
                    logRows = larger(e); // every leaf and the node take the larger size
                    continue attempt;
                }
                checks.put(type, check);
            }
            // set up only once every leaf fits, so no setup is made at a size given up
            Map<CircuitType, Layer> leaves = new EnumMap<>(CircuitType.class);
            circuits.forEach((type, leaf) -> leaves.put(type, new Layer(leaf, setups.setup(leafName(type), leaf), checks.get(type))));
            VerificationKey shape = leaves.get(CircuitType.TRANSFER_EXECUTION).key();
            RecursiveProofCheck nodeCheck = new RecursiveProofCheck(shape, bits);
            Circuit nodeCircuit;
            try {
                nodeCircuit = NodeCircuit.build(nodeCheck, logRows);
            } catch (CircuitTooLargeException e) {
                logRows = larger(e); // the node verifies proofs of its own size: start over at its size
                continue;
            }
            Layer node = new Layer(nodeCircuit, setups.setup(NODE, nodeCircuit), nodeCheck);
            for (Layer leaf : leaves.values()) {
                RecursionShape.requireSameShape(leaf.key(), node.key());
            }
            return new AggregationKeys(config, logRows, leaves, node, scheduler(leaves, node, shape, config, setups));
        }
    }

    private static Layer scheduler(Map<CircuitType, Layer> leaves, Layer node, VerificationKey shape, ProverConfig config,
                                   Setups setups) {
        RecursiveProofCheck check = new RecursiveProofCheck(shape, config.securityBits());
        Digest transfer = leaves.get(CircuitType.TRANSFER_EXECUTION).key().commitment();
        Digest storage = leaves.get(CircuitType.STORAGE_APPLICATION).key().commitment();
        Digest nodeKey = node.key().commitment();
        for (int logRows = MIN_LOG_ROWS; ; ) {
            try {
                Circuit circuit = SchedulerCircuit.build(transfer, storage, nodeKey, check, logRows);
                return new Layer(circuit, setups.setup(SCHEDULER, circuit), check);
            } catch (CircuitTooLargeException e) {
                logRows = larger(e);
            }
        }
    }

    /** The size a circuit asked for, within bounds. */
    private static int larger(CircuitTooLargeException e) {
        if (e.logRowsNeeded() > MAX_LOG_ROWS) {
            throw new IllegalArgumentException("a recursion circuit needs " + e.rowsNeeded() + " rows, more than 2^" + MAX_LOG_ROWS, e);
        }
        return e.logRowsNeeded();
    }

    static String leafName(CircuitType type) {
        return "leaf_" + type.label;
    }

    /** The names the layers' setups are kept under, with their sizes. */
    private java.util.Set<String> layerNames() {
        java.util.Set<String> out = new java.util.HashSet<>();
        leaves.forEach((type, layer) -> out.add(AggregationSetupCache.sized(leafName(type), layer.circuit())));
        out.add(AggregationSetupCache.sized(NODE, node.circuit()));
        out.add(AggregationSetupCache.sized(SCHEDULER, scheduler.circuit()));
        return out;
    }

    public ProverConfig config() {
        return config;
    }

    /** log2 of the rows of every leaf and node circuit. */
    public int logRows() {
        return logRows;
    }

    public Layer leaf(CircuitType type) {
        return leaves.get(type);
    }

    public Layer node() {
        return node;
    }

    public Layer scheduler() {
        return scheduler;
    }

    /** The commitments the scheduler binds and exposes: each type's leaf key, then the node key. */
    public Digest leafKey(CircuitType type) {
        return leaves.get(type).key().commitment();
    }

    public Digest nodeKey() {
        return node.key().commitment();
    }

    /** Every layer's key commitment, as pinned for a protocol version whose proofs are aggregated. */
    public RecursionCommitments commitments() {
        return new RecursionCommitments(leafKey(CircuitType.TRANSFER_EXECUTION), leafKey(CircuitType.STORAGE_APPLICATION),
                nodeKey(), scheduler.key().commitment());
    }

    /** The verifier of this build's aggregated proofs under these keys, at their configuration's security. */
    public AggregatedProofVerifier verifier() {
        return new AggregatedProofVerifier(scheduler.key(), leafKey(CircuitType.TRANSFER_EXECUTION),
                leafKey(CircuitType.STORAGE_APPLICATION), nodeKey(), config.securityBits());
    }
}
