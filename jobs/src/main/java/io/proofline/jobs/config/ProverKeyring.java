package io.proofline.jobs.config;

import io.proofline.circuits.aggregation.AggregationKeys;
import io.proofline.circuits.base.BaseCircuitKeys;
import io.proofline.circuits.base.CircuitCapacities;
import io.proofline.circuits.base.PinnedCommitments;
import io.proofline.plonkish.ProverConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A prover's keys per protocol version, each loaded (or generated) on first use and checked
 * against the commitments pinned for that version ({@link ProverKeys}). A batch is proven with the
 * circuits of the version it was sealed under: versions differ in their circuits (version 3's
 * storage application hashes a Merkle level a row, its transfer execution range-checks with
 * limbs in the witness columns) and in the capacities that fill them, so a
 * prover that meets a core still at an earlier pinned version proves its batches with that
 * version's keys.
 */
public final class ProverKeyring {

    private final Path dir;
    private final String capacities;
    private final ProverConfig config;
    private final Map<Integer, BaseCircuitKeys> base = new ConcurrentHashMap<>();
    private final Map<Integer, AggregationKeys> aggregation = new ConcurrentHashMap<>();

    public ProverKeyring(Path dir, String capacities, ProverConfig config) {
        this.dir = dir;
        this.capacities = capacities;
        this.config = config;
    }

    /** The newest pinned version: the one whose keys a circuit-prover loads at startup. */
    public int currentVersion() {
        return PinnedCommitments.load().currentVersion();
    }

    /** @throws io.proofline.circuits.base.KeysRefusedException if the version pins no keys or other ones */
    public BaseCircuitKeys base(int protocolVersion) {
        return base.computeIfAbsent(protocolVersion, v -> ProverKeys.load(dir, capacities, config, v));
    }

    /** @throws io.proofline.circuits.base.KeysRefusedException if the version pins no recursion keys or other ones */
    public AggregationKeys aggregation(int protocolVersion) {
        BaseCircuitKeys baseKeys = base(protocolVersion);
        return aggregation.computeIfAbsent(protocolVersion,
                v -> ProverKeys.loadAggregation(dir, capacities, baseKeys, config, v));
    }

    /** The instances' capacities of a version's circuits. */
    public CircuitCapacities capacities(int protocolVersion) {
        return CircuitCapacities.named(capacities, protocolVersion);
    }
}
