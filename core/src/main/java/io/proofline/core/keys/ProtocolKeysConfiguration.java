package io.proofline.core.keys;

import io.proofline.circuits.aggregation.AggregationKeys;
import io.proofline.circuits.base.BaseCircuitKeys;
import io.proofline.circuits.base.CircuitCapacities;
import io.proofline.circuits.base.CircuitType;
import io.proofline.circuits.base.PinnedCommitments;
import io.proofline.circuits.base.RecursionCommitments;
import io.proofline.core.CoreProperties;
import io.proofline.plonkish.ProverConfig;
import io.proofline.poseidon2.Digest;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Obtains the base circuits' keys at startup (from the key directory, generating them the first
 * time), and the recursion layers' keys for a version whose proofs are aggregated, and registers the configured protocol version before any proof is checked. The keys
 * directory only caches: a setup that is not its circuit's is refused on loading, and the key
 * commitments must be the ones {@code commitments.json} (compiled into this build) pins for the
 * version and capacities. The version is registered with those pinned commitments, never with
 * whatever was loaded, so that a tampered directory on a first start cannot decide a version's keys.
 */
@Configuration(proxyBeanMethods = false)
class ProtocolKeysConfiguration {

    private static final System.Logger LOG = System.getLogger(ProtocolKeysConfiguration.class.getName());

    @Bean
    ProtocolKeys protocolKeys(CoreProperties properties, ProtocolVersionRegistry registry) {
        return load(properties, registry, PinnedCommitments.load());
    }

    /**
     * The configured version's keys, checked against {@code pins} (this build's, outside tests)
     * and registered with the pinned commitments.
     *
     * @throws io.proofline.circuits.base.KeysRefusedException naming the circuit and what differs
     */
    static ProtocolKeys load(CoreProperties properties, ProtocolVersionRegistry registry, PinnedCommitments pins) {
        long start = System.nanoTime();
        CircuitCapacities caps = properties.circuitCapacities();
        Map<CircuitType, Digest> pinned = pins.require(properties.protocolVersion(), properties.capacities());
        BaseCircuitKeys keys = BaseCircuitKeys.loadOrGenerate(properties.keysDir(), caps, ProverConfig.standard(),
                properties.protocolVersion());
        pins.requireMatches(properties.protocolVersion(), properties.capacities(), keys.commitments());
        Optional<RecursionCommitments> pinnedRecursion = pins.findRecursion(properties.protocolVersion(), properties.capacities());
        AggregationKeys recursion = null;
        if (pinnedRecursion.isPresent()) {
            // the version's proofs are aggregated: its recursion keys are held to the pins as the base keys are
            recursion = AggregationKeys.loadOrGenerate(properties.keysDir(), keys, ProverConfig.standard());
            pins.requireRecursionMatches(properties.protocolVersion(), properties.capacities(), recursion.commitments());
        }
        ProtocolKeys protocolKeys = new ProtocolKeys(properties.protocolVersion(), keys.verificationKeys(), recursion);
        registry.register(properties.protocolVersion(), pinned, pinnedRecursion.orElse(null), properties.capacities());
        LOG.log(System.Logger.Level.INFO, "Protocol version " + properties.protocolVersion() + ": " + properties.capacities()
                + " capacities, keys " + protocolKeys.commitmentsByLabel() + " from " + properties.keysDir() + " in "
                + (System.nanoTime() - start) / 1_000_000 + " ms");
        long stranded = registry.unprovenUnderOtherVersions(properties.protocolVersion());
        if (stranded > 0) {
            LOG.log(System.Logger.Level.WARNING, stranded + " unproven batches belong to other protocol versions; this core "
                    + "hands out and verifies only version " + properties.protocolVersion() + " batches");
        }
        return protocolKeys;
    }
}
