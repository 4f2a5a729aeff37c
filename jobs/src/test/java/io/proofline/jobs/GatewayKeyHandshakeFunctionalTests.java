package io.proofline.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A gateway facing a core whose keys are not its own (here the core runs small circuit
 * capacities, the prover the default production ones: a core set up as the tests and the demo
 * are, facing a prover left at its defaults) launches nothing and stores nothing; the batch is
 * left to the core, which hands it out again after its pick timeout. The orchestrator alone holds
 * no keys, only the pinned commitments, so neither side generates production keys here.
 */
class GatewayKeyHandshakeFunctionalTests {

    /** Honest small-capacity keys, generated once per test JVM. */
    private static final Path keys = SharedTestKeys.dir();

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    private PipelineEnvironment env;

    @AfterEach
    void stop() {
        if (env != null) {
            env.close();
        }
    }

    @Test
    void aCoreWithOtherKeysGetsNoJobLaunched() throws Exception {
        // given a core verifying against small-capacity keys and a prover with production ones
        env = new PipelineEnvironment(keys, dir);
        Map<String, String> productionProver = new HashMap<>(env.proverProperties("postgres"));
        productionProver.put("proofline.capacities", "production");
        env.startOrchestrator(productionProver, true);

        // when the core seals a batch and the gateway takes it
        env.sealBatch(1, 2);
        env.await("the gateway to take batch 1", Duration.ofMinutes(2), () -> "picked".equals(env.coreStatus(1)));
        Thread.sleep(2_000); // a few more polls

        // then no job was launched and nothing was recorded for it
        JdbcClient prover = JdbcClient.create(env.bean(DataSource.class));
        assertEquals(0, prover.sql("SELECT count(*) FROM batch_job_instance").query(Integer.class).single(), env.diagnostics());
        assertEquals(0, prover.sql("SELECT count(*) FROM prover_batches").query(Integer.class).single(), env.diagnostics());
        assertEquals(0, prover.sql("SELECT count(*) FROM prover_protocol_versions").query(Integer.class).single(), env.diagnostics());
    }
}
