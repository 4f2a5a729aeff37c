package io.proofline.core;

import io.proofline.circuits.base.CircuitCapacities;
import io.proofline.circuits.witness.WitnessInputCodec;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Every setting of the core, under {@code proofline.core}; {@code application.yml} documents each
 * one. Checked at startup so that a bad value fails fast with its name rather than later.
 *
 * @param chainId the rollup's chain id, written into every batch header
 * @param protocolVersion the protocol version new batches are sealed under; its keys are registered
 * @param keysDir where the base circuits' setup is cached (generated on first use)
 * @param capacities {@code production} (the default, as the prover's) or {@code small} (tests, demos); must match the provers'
 * @param pickTimeout how long a handed-out batch waits for its proof before it is handed out again
 * @param maxRequestBytes largest request body accepted (413 beyond)
 * @param apiToken if set, every request needs {@code Authorization: Bearer <token>}
 * @param batch when batches are sealed
 * @param traffic the random-traffic generator for demos and load tests
 */
@ConfigurationProperties("proofline.core")
public record CoreProperties(
        @DefaultValue("1") long chainId,
        @DefaultValue("3") int protocolVersion,
        Path keysDir,
        @DefaultValue(CircuitCapacities.DEFAULT_NAME) String capacities,
        @DefaultValue("10m") Duration pickTimeout,
        @DefaultValue("64MB") DataSize maxRequestBytes,
        String apiToken,
        @DefaultValue Batch batch,
        @DefaultValue Traffic traffic) {

    public CoreProperties {
        require(chainId >= 0, "proofline.core.chain-id must not be negative");
        require(protocolVersion >= 1, "proofline.core.protocol-version must be at least 1");
        if (keysDir == null) {
            keysDir = Path.of(System.getProperty("user.home"), ".proofline", "keys");
        }
        try {
            CircuitCapacities.named(capacities);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("proofline.core.capacities: " + e.getMessage(), e);
        }
        require(pickTimeout.isPositive(), "proofline.core.pick-timeout must be positive");
        require(maxRequestBytes.toBytes() > 0, "proofline.core.max-request-bytes must be positive");
        if (apiToken != null && apiToken.isBlank()) {
            apiToken = null;
        }
    }

    /** The circuit capacities named by {@link #capacities()}, as the configured protocol version sizes them. */
    public CircuitCapacities circuitCapacities() {
        return CircuitCapacities.named(capacities, protocolVersion);
    }

    /**
     * @param maxTransactions a batch is sealed as soon as this many transactions wait
     * @param maxAge a batch is sealed when its oldest transaction has waited this long
     */
    public record Batch(@DefaultValue("100") int maxTransactions, @DefaultValue("10s") Duration maxAge) {

        public Batch {
            require(maxTransactions >= 1 && maxTransactions <= WitnessInputCodec.MAX_TRANSACTIONS,
                    "proofline.core.batch.max-transactions must be in [1, " + WitnessInputCodec.MAX_TRANSACTIONS + "]");
            require(maxAge.isPositive(), "proofline.core.batch.max-age must be positive");
        }
    }

    /**
     * @param enabled whether the core submits random valid transactions to itself
     * @param ratePerSecond how many per second
     */
    public record Traffic(@DefaultValue("false") boolean enabled, @DefaultValue("10") double ratePerSecond) {

        public Traffic {
            require(ratePerSecond > 0 && ratePerSecond <= 100_000, "proofline.core.traffic.rate-per-second must be in (0, 100000]");
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
