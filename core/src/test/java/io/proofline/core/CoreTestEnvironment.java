package io.proofline.core;

import io.proofline.circuits.aggregation.AggregatedBatchProof;
import io.proofline.circuits.aggregation.AggregationKeys;
import io.proofline.circuits.aggregation.AggregationProver;
import io.proofline.circuits.base.BaseCircuitKeys;
import io.proofline.circuits.base.BaseCircuits;
import io.proofline.circuits.base.CircuitCapacities;
import io.proofline.circuits.batch.BatchProof;
import io.proofline.circuits.batch.BatchProver;
import io.proofline.circuits.witness.WitnessInputData;
import io.proofline.plonkish.ProverConfig;
import io.proofline.testsupport.TemporaryDirectories;
import io.proofline.testsupport.TestDatabase;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What the core's integration tests share: one key directory per JVM (the core generates the
 * small keys there on its first start, the tests' prover loads the same ones), the prover, and
 * the properties that point a core at a test database.
 */
public final class CoreTestEnvironment {

    public static final CircuitCapacities CAPACITIES = CircuitCapacities.small();
    /** The core verifies with {@link ProverConfig#standard()} keys; the tests prove with the same. */
    public static final ProverConfig CONFIG = ProverConfig.standard();

    private static Path keysDir;
    private static final Map<Integer, BatchProver> PROVERS = new HashMap<>();
    private static AggregationKeys aggregationKeys;

    private CoreTestEnvironment() {
    }

    public static synchronized Path keysDir() {
        if (keysDir == null) {
            keysDir = TemporaryDirectories.deletedAtExit("proofline-test-keys");
        }
        return keysDir;
    }

    /** The newest protocol version's keys, which a core of the default version loads. */
    public static synchronized BaseCircuitKeys keys() {
        return keys(BaseCircuits.NEWEST_PROTOCOL_VERSION);
    }

    public static synchronized BaseCircuitKeys keys(int protocolVersion) {
        return BaseCircuitKeys.loadOrGenerate(keysDir(), CAPACITIES, CONFIG, protocolVersion);
    }

    /** The recursion keys a core of the newest version loads from the same directory. */
    public static synchronized AggregationKeys aggregationKeys() {
        if (aggregationKeys == null) {
            aggregationKeys = AggregationKeys.loadOrGenerate(keysDir(), keys(), CONFIG);
        }
        return aggregationKeys;
    }

    /** The batch's base proofs aggregated into one proof, as a prover of the newest version submits it. */
    public static synchronized AggregatedBatchProof proveAggregated(WitnessInputData data) {
        return new AggregationProver(keys(), aggregationKeys()).prove(prove(data)).proof();
    }

    /** The batch's base proofs, made with the circuits and keys of the batch's protocol version. */
    public static synchronized BatchProof prove(WitnessInputData data) {
        return PROVERS.computeIfAbsent(data.protocolVersion(), v -> new BatchProver(keys(v), CONFIG)).proveBatch(data);
    }

    /**
     * A core on {@code db} with small capacities, a one-second pick timeout and no sealing by
     * itself (tests seal with {@code POST /batches/seal}); {@code overrides} replace any of these.
     */
    public static Map<String, Object> properties(TestDatabase db, Map<String, Object> overrides) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("spring.datasource.url", db.jdbcUrl());
        p.put("spring.datasource.username", db.user());
        p.put("spring.datasource.password", db.password());
        p.put("proofline.core.keys-dir", keysDir().toString());
        p.put("proofline.core.capacities", "small");
        p.put("proofline.core.pick-timeout", "1s");
        p.put("proofline.core.batch.max-age", "1h");
        p.put("proofline.core.batch.max-transactions", "100");
        p.put("server.port", "0");
        p.put("spring.main.banner-mode", "off");
        p.putAll(overrides);
        return p;
    }

    public static void register(DynamicPropertyRegistry registry, TestDatabase db, Map<String, Object> overrides) {
        properties(db, overrides).forEach((key, value) -> registry.add(key, () -> value));
    }
}
