package io.proofline.jobs.config;

import io.proofline.circuits.aggregation.AggregationKeys;
import io.proofline.circuits.base.BaseCircuitKeys;
import io.proofline.circuits.base.CircuitCapacities;
import io.proofline.circuits.base.PinnedCommitments;
import io.proofline.jobs.ConditionalOnRole;
import io.proofline.jobs.Role;
import io.proofline.plonkish.ProverConfig;
import java.nio.file.Path;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The prover's keys: loaded from the keys directory, which refuses a setup that is not its
 * circuit's, and required to have the commitments that {@code commitments.json} (compiled into
 * this build) pins for their protocol version and the configured capacities. A circuit-prover
 * loads the newest version's at startup, so that wrong keys stop it before it takes a partition,
 * and an earlier version's when it first meets a batch of it ({@link ProverKeyring}); the
 * orchestrator alone needs none.
 */
@Configuration(proxyBeanMethods = false)
class ProverKeys {

    private static final System.Logger LOG = System.getLogger(ProverKeys.class.getName());

    /** @throws io.proofline.circuits.base.KeysRefusedException naming the circuit and what differs */
    static BaseCircuitKeys load(Path dir, String capacities, ProverConfig config, int version) {
        PinnedCommitments pins = PinnedCommitments.load();
        pins.require(version, capacities);
        BaseCircuitKeys keys = BaseCircuitKeys.loadOrGenerate(dir, CircuitCapacities.named(capacities, version), config, version);
        pins.requireMatches(version, capacities, keys.commitments());
        LOG.log(System.Logger.Level.INFO, "keys of protocol version " + version + " (" + capacities + " capacities) from " + dir
                + " match commitments.json");
        return keys;
    }

    /**
     * The recursion layers' keys over {@code base}, from the same directory, required to have the
     * commitments pinned for {@code version}, whose proofs are aggregated.
     *
     * @throws io.proofline.circuits.base.KeysRefusedException naming the layer and what differs, or
     *     if the version pins no recursion keys
     */
    static AggregationKeys loadAggregation(Path dir, String capacities, BaseCircuitKeys base, ProverConfig config, int version) {
        PinnedCommitments pins = PinnedCommitments.load();
        // before generating: recursion keys take seconds to make, and a version of bundles has none
        pins.requireRecursion(version, capacities);
        AggregationKeys keys = AggregationKeys.loadOrGenerate(dir, base, config);
        pins.requireRecursionMatches(version, capacities, keys.commitments());
        LOG.log(System.Logger.Level.INFO, "recursion keys of protocol version " + version + " (" + capacities + " capacities, 2^"
                + keys.logRows() + " rows) from " + dir + " match commitments.json");
        return keys;
    }

    @Bean
    @ConditionalOnRole(Role.CIRCUIT_PROVER)
    SmartInitializingSingleton proverKeysAtStartup(ObjectProvider<BaseCircuitKeys> keys,
                                                   ObjectProvider<AggregationKeys> aggregationKeys) {
        return () -> {
            keys.getObject();
            aggregationKeys.getObject();
        };
    }
}
