package io.proofline.jobs.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.proofline.circuits.base.CircuitCapacities;
import io.proofline.core.CoreProperties;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * With no setting given, the core and the prover use the same circuit capacities: their
 * configuration files and their properties' own defaults all name {@link CircuitCapacities#DEFAULT_NAME}.
 * (Set apart, the gateway's key handshake refuses the core's batches: {@code KeyHandshakeTests},
 * {@code GatewayKeyHandshakeFunctionalTests}.)
 */
class CapacitiesDefaultTests {

    @Test
    void theCoreAndTheProverDefaultToTheSameCapacities() {
        assertEquals("production", CircuitCapacities.DEFAULT_NAME, "the README documents production as the default");
        assertEquals(CircuitCapacities.DEFAULT_NAME, yaml("application.yml").getProperty("proofline.core.capacities"),
                "the core's application.yml");
        assertEquals(CircuitCapacities.DEFAULT_NAME, yaml("proofline-prover.yml").getProperty("proofline.capacities"),
                "the prover's proofline-prover.yml");
        Binder none = new Binder(new MapConfigurationPropertySource(Map.of()));
        assertEquals(CircuitCapacities.DEFAULT_NAME, none.bindOrCreate("proofline.core", CoreProperties.class).capacities());
        assertEquals(CircuitCapacities.DEFAULT_NAME, none.bindOrCreate("proofline", JobsProperties.class).capacities());
    }

    private static Properties yaml(String resource) {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource(resource));
        return yaml.getObject();
    }
}
