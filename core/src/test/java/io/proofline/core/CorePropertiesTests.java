package io.proofline.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.circuits.base.CircuitCapacities;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class CorePropertiesTests {

    @Test
    void defaultsEverything() {
        CoreProperties p = bind(Map.of());
        assertEquals(1, p.chainId());
        assertEquals(3, p.protocolVersion());
        assertEquals(CircuitCapacities.production(), p.circuitCapacities());
        assertEquals(Duration.ofMinutes(10), p.pickTimeout());
        assertEquals(64L << 20, p.maxRequestBytes().toBytes());
        assertNull(p.apiToken());
        assertEquals(Path.of(System.getProperty("user.home"), ".proofline", "keys"), p.keysDir());
        assertEquals(100, p.batch().maxTransactions());
        assertEquals(Duration.ofSeconds(10), p.batch().maxAge());
        assertEquals(false, p.traffic().enabled());
    }

    @Test
    void bindsAndChecksValues() {
        CoreProperties p = bind(Map.of("proofline.core.capacities", "small", "proofline.core.batch.max-age", "250ms",
                "proofline.core.api-token", " ", "proofline.core.max-request-bytes", "1KB"));
        assertEquals(CircuitCapacities.small(), p.circuitCapacities());
        assertEquals(Duration.ofMillis(250), p.batch().maxAge());
        assertNull(p.apiToken(), "a blank token means no token");
        assertEquals(1024, p.maxRequestBytes().toBytes());
        assertRefused("proofline.core.capacities", Map.of("proofline.core.capacities", "huge"));
        assertRefused("max-transactions", Map.of("proofline.core.batch.max-transactions", "0"));
        assertRefused("pick-timeout", Map.of("proofline.core.pick-timeout", "0s"));
        assertRefused("protocol-version", Map.of("proofline.core.protocol-version", "0"));
    }

    private static CoreProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("proofline.core", CoreProperties.class);
    }

    private static void assertRefused(String fragment, Map<String, String> values) {
        Exception e = assertThrows(Exception.class, () -> bind(values));
        StringBuilder messages = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        assertTrue(messages.toString().contains(fragment), messages.toString());
    }
}
