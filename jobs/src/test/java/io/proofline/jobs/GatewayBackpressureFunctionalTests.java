package io.proofline.jobs;

import static io.proofline.jobs.PipelineEnvironment.BOTH_ROLES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.jobs.batchproof.BatchJobLauncher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The gateway takes only the batches its orchestrator can work on: with the core's random
 * traffic at 5 transactions per second, a batch sealed every 2 seconds, and no worker for 12
 * seconds, the orchestrator starts
 * {@code proofline.gateway.max-jobs-in-flight} jobs (its default) and every other batch stays
 * sealed at the core; once workers start, every batch is taken in order and proven. The core
 * runs protocol version 1, whose proof is the bundle of base proofs: this test is about taking
 * work, and aggregating every batch's base proofs would make it many minutes longer.
 */
class GatewayBackpressureFunctionalTests {

    private static final Duration NO_WORKER_WINDOW = Duration.ofSeconds(12);
    /** The default of {@code proofline.gateway.max-jobs-in-flight}, which the test leaves alone. */
    private static final int DEFAULT_MAX_JOBS_IN_FLIGHT = 2;

    /** Honest small-capacity keys, generated once per test JVM. */
    private static final Path keys = SharedTestKeys.dir();

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    private PipelineEnvironment env;

    @AfterEach
    void stopPipeline() {
        if (env != null) {
            env.close();
        }
    }

    @Test
    void batchesBeyondTheJobsInFlightStaySealedUntilWorkersCome() throws Exception {
        // given a core sealing random traffic (5 transactions per second, a batch every 2 s)
        // and an orchestrator with its gateway on and default limits, but no worker
        env = new PipelineEnvironment(keys, dir, Map.of(
                "proofline.core.protocol-version", "1",
                "proofline.core.traffic.enabled", "true",
                "proofline.core.traffic.rate-per-second", "5",
                "proofline.core.batch.max-transactions", "20",
                "proofline.core.batch.max-age", "2s"));
        Map<String, String> props = env.proverProperties("postgres");
        env.startOrchestrator(props, true);
        JdbcClient prover = JdbcClient.create(env.bean(DataSource.class));
        BatchJobLauncher launcher = env.bean(BatchJobLauncher.class);

        // when the window passes: never more jobs than the limit, at any time
        long end = System.nanoTime() + NO_WORKER_WINDOW.toNanos();
        while (System.nanoTime() < end) {
            int jobs = jobInstances(prover);
            assertTrue(jobs <= DEFAULT_MAX_JOBS_IN_FLIGHT, jobs + " batchProof jobs started\n" + env.diagnostics());
            assertTrue(launcher.inFlight() <= DEFAULT_MAX_JOBS_IN_FLIGHT, "in flight: " + launcher.inFlight());
            Thread.sleep(1000);
        }

        // then exactly the limit's worth of batches was taken, the oldest ones, and the rest wait sealed
        int sealed = lastBatch();
        assertTrue(sealed >= 4, "the core sealed only " + sealed + " batches in " + NO_WORKER_WINDOW);
        assertEquals(DEFAULT_MAX_JOBS_IN_FLIGHT, jobInstances(prover), env.diagnostics());
        assertEquals(List.of("picked", "picked"), List.of(env.coreStatus(1), env.coreStatus(2)));
        List<Integer> notSealed = new ArrayList<>();
        for (int b = DEFAULT_MAX_JOBS_IN_FLIGHT + 1; b <= sealed; b++) {
            if (!"sealed".equals(env.coreStatus(b))) {
                notSealed.add(b);
            }
        }
        assertEquals(List.of(), notSealed, "batches the core should still hold sealed\n" + env.diagnostics());

        // when two workers start
        env.startWorker("worker-1", BOTH_ROLES, props);
        env.startWorker("worker-2", BOTH_ROLES, props);

        // then every batch sealed so far is proven, and the jobs were started in batch order
        int proven = sealed;
        env.await("proof of batches 1 to " + proven, Duration.ofMinutes(10), true, () -> {
            for (int b = 1; b <= proven; b++) {
                if (!env.proven(b)) {
                    return false;
                }
            }
            return true;
        });
        List<Long> batchesByJobStart = prover.sql("""
                SELECT CAST(p.parameter_value AS bigint) FROM batch_job_instance i
                JOIN batch_job_execution e ON e.job_instance_id = i.job_instance_id
                JOIN batch_job_execution_params p ON p.job_execution_id = e.job_execution_id AND p.parameter_name = 'batchNumber'
                WHERE e.job_execution_id IN (SELECT min(job_execution_id) FROM batch_job_execution GROUP BY job_instance_id)
                ORDER BY e.job_execution_id""").query(Long.class).list();
        List<Long> first = batchesByJobStart.subList(0, proven);
        assertEquals(LongStream.rangeClosed(1, proven).boxed().toList(), first, "jobs in start order");
    }

    private static int jobInstances(JdbcClient prover) {
        return prover.sql("SELECT count(*) FROM batch_job_instance").query(Integer.class).single();
    }

    /** The newest batch the core has sealed. */
    private int lastBatch() throws Exception {
        int n = 0;
        while (!env.coreStatus(n + 1).startsWith("{")) {
            n++;
        }
        return n;
    }
}
