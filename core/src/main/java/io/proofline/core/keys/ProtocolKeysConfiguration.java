package io.proofline.core.keys;

import io.proofline.circuits.base.BaseCircuitKeys;
import io.proofline.circuits.base.CircuitCapacities;
import io.proofline.core.CoreProperties;
import io.proofline.plonkish.ProverConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Obtains the base circuits' keys at startup (from the key directory, generating them the first
 * time) and registers them for the configured protocol version before any proof is checked.
 */
@Configuration(proxyBeanMethods = false)
class ProtocolKeysConfiguration {

    private static final System.Logger LOG = System.getLogger(ProtocolKeysConfiguration.class.getName());

    @Bean
    ProtocolKeys protocolKeys(CoreProperties properties, ProtocolVersionRegistry registry) {
        long start = System.nanoTime();
        CircuitCapacities caps = properties.circuitCapacities();
        BaseCircuitKeys keys = BaseCircuitKeys.loadOrGenerate(properties.keysDir(), caps, ProverConfig.standard());
        ProtocolKeys protocolKeys = new ProtocolKeys(properties.protocolVersion(), keys.verificationKeys());
        registry.register(properties.protocolVersion(), protocolKeys.commitments(), properties.capacities());
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
