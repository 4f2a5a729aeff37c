package io.proofline.jobs;

import static io.proofline.jobs.PipelineEnvironment.BOTH_ROLES;
import static io.proofline.jobs.PipelineEnvironment.CHAIN_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.storage.objects.ObjectKeys;
import io.proofline.storage.tables.InstanceStatus;
import io.proofline.storage.tables.ProverCircuitInstance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Work a worker leaves behind with no heartbeat to show it, healed by the house keeper (in the
 * orchestrator's process) with no operator action: a partition request taken by a worker that
 * died before starting it, and a witness generation partition whose worker hung and died. The
 * core runs protocol version 1 (the batch proof is the bundle of base proofs) and the batch is
 * one instance per circuit type, so that each test takes seconds beyond its timeouts.
 */
class HouseKeeperLostWorkFunctionalTests {

    private static final int BATCH = 1;
    /** The house keeper's lost-request and witness generation timeouts here. */
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final Duration STAGE_TIMEOUT = Duration.ofMinutes(2);
    private static final String WITNESS_WORKER_STEP = "basicWitnessGenerationWorker:";

    /** Honest small-capacity keys, generated once per test JVM. */
    private static final Path keys = SharedTestKeys.dir();

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    private PipelineEnvironment env;

    @BeforeEach
    void startCore() {
        env = new PipelineEnvironment(keys, dir, Map.of("proofline.core.protocol-version", "1"));
    }

    @AfterEach
    void stopPipeline() {
        if (env != null) {
            env.close();
        }
    }

    @Test
    void aRequestTakenByAWorkerThatDiedBeforeStartingItIsSentAgainAndTheBatchProven() throws Exception {
        // given an orchestrator that is also the house keeper, and no worker yet
        Map<String, String> props = startHouseKeepingOrchestrator();
        JdbcClient prover = JdbcClient.create(env.bean(DataSource.class));
        env.sealBatch(BATCH, 0);

        // when a worker takes the batch's witness generation request and dies before starting it:
        // the test takes it as a PostgreSQL channel consumer does, deleting it from the channel
        // table, and starts nothing
        env.await("the witness generation request in the channel", STAGE_TIMEOUT,
                () -> prover.sql("SELECT count(*) FROM int_channel_message").query(Integer.class).single() == 1);
        assertEquals(1, prover.sql("DELETE FROM int_channel_message").update());
        // and a live worker comes
        WorkerProcess worker = env.startWorker("worker-1", BOTH_ROLES, props);

        // then the batch is proven, with no one calling anything
        env.await("batch " + BATCH + " proven with no operator action", STAGE_TIMEOUT, false, () -> env.proven(BATCH));
        awaitJobEnd();

        // and the lost request's partition was failed as never started, the job restarted once,
        // and the request sent again was done by the live worker
        List<JobExecution> executions = env.jobExecutions(BATCH);
        assertEquals(2, executions.size(), "the job failed once and the house keeper restarted it\n" + env.diagnostics());
        StepExecution lost = witnessStep(executions.getFirst());
        assertEquals(BatchStatus.FAILED, lost.getStatus(), env.diagnostics());
        assertNull(lost.getStartTime(), "no worker ever started it");
        assertTrue(lost.getExitStatus().getExitDescription().contains("request taken by a worker that never started it"),
                lost.getExitStatus().getExitDescription());
        assertEquals(BatchStatus.COMPLETED, executions.getLast().getStatus(), env.diagnostics());
        assertEquals(BatchStatus.COMPLETED, witnessStep(executions.getLast()).getStatus());
        assertProvenBy(worker);
    }

    @Test
    void aWitnessGenerationPartitionOfAWorkerThatHungIsFailedAfterTheTimeoutAndItsJobRestarted() throws Exception {
        // given an orchestrator that is also the house keeper, and a witness generator that hangs
        // on the batch's witness inputs: where its object store would hold them is a FIFO no one writes
        Map<String, String> props = startHouseKeepingOrchestrator();
        Path hungStore = dir.resolve("hung-store");
        Path fifo = hungStore.resolve(ObjectKeys.witnessInputs(CHAIN_ID, BATCH));
        Files.createDirectories(fifo.getParent());
        mkfifo(fifo);
        Map<String, String> hung = new LinkedHashMap<>(props);
        hung.put("proofline.store-dir", hungStore.toString());
        WorkerProcess hanging = env.startWorker("hanging", "witness-generator", hung);
        env.sealBatch(BATCH, 0);

        // when it has started the batch's witness generation, and dies there (kill -9): no
        // heartbeat, no end
        env.await("the hanging worker generating the batch's witness", STAGE_TIMEOUT, () -> env.lastJobExecution(BATCH)
                .map(e -> e.getStepExecutions().stream().anyMatch(s -> s.getStepName().startsWith(WITNESS_WORKER_STEP)
                        && s.getStatus() == BatchStatus.STARTED))
                .orElse(false));
        hanging.kill();
        // and a live worker comes
        WorkerProcess worker = env.startWorker("worker-1", BOTH_ROLES, props);

        // then the batch is proven, with no one calling anything
        env.await("batch " + BATCH + " proven with no operator action", STAGE_TIMEOUT, false, () -> env.proven(BATCH));
        awaitJobEnd();

        // and the house keeper failed the partition once it had run longer than the timeout, and
        // restarted the job, whose witness generation the live worker did
        List<JobExecution> executions = env.jobExecutions(BATCH);
        assertEquals(2, executions.size(), "the job failed once and the house keeper restarted it\n" + env.diagnostics());
        StepExecution stale = witnessStep(executions.getFirst());
        assertEquals(BatchStatus.FAILED, stale.getStatus(), env.diagnostics());
        assertTrue(stale.getExitStatus().getExitDescription().contains("witness generation running longer than " + TIMEOUT),
                stale.getExitStatus().getExitDescription());
        assertTrue(Duration.between(stale.getStartTime(), stale.getEndTime()).compareTo(TIMEOUT) >= 0,
                "failed no sooner than the timeout: started " + stale.getStartTime() + ", failed " + stale.getEndTime());
        assertEquals(BatchStatus.COMPLETED, executions.getLast().getStatus(), env.diagnostics());
        assertEquals(BatchStatus.COMPLETED, witnessStep(executions.getLast()).getStatus());
        assertProvenBy(worker);
    }

    /** Starts the orchestrator with the house keeper role, acting every half second with {@link #TIMEOUT}; returns the workers' properties. */
    private Map<String, String> startHouseKeepingOrchestrator() {
        Map<String, String> props = env.proverProperties("postgres");
        // few connections each: the test database server is shared
        props.put("spring.datasource.hikari.maximum-pool-size", "4");
        Map<String, String> keeper = new LinkedHashMap<>(props);
        keeper.put("proofline.roles", "orchestrator,house-keeper");
        keeper.put("proofline.house-keeper.stale-partitions.interval", "500ms");
        keeper.put("proofline.house-keeper.stale-partitions.lost-request-timeout", TIMEOUT.toMillis() + "ms");
        keeper.put("proofline.house-keeper.stale-partitions.witness-generation-timeout", TIMEOUT.toMillis() + "ms");
        keeper.put("proofline.house-keeper.failed-jobs.interval", "500ms");
        keeper.put("proofline.house-keeper.failed-jobs.backoff", "500ms");
        env.startOrchestrator(keeper, true);
        return props;
    }

    /** The job's last execution ends just after the core has the proof (submitProof is its last step). */
    private void awaitJobEnd() throws Exception {
        env.awaitLastJobEnded(BATCH, STAGE_TIMEOUT);
    }

    private StepExecution witnessStep(JobExecution execution) {
        List<StepExecution> steps = execution.getStepExecutions().stream()
                .filter(s -> s.getStepName().startsWith(WITNESS_WORKER_STEP)).toList();
        assertEquals(1, steps.size(), "witness generation partitions of execution " + execution.getId() + "\n" + env.diagnostics());
        return steps.getFirst();
    }

    private void assertProvenBy(WorkerProcess worker) {
        List<ProverCircuitInstance> instances = env.instances(BATCH);
        assertTrue(!instances.isEmpty() && instances.stream().allMatch(i -> i.status() == InstanceStatus.SUCCESSFUL
                && worker.id().equals(i.workerId()) && i.attempts() == 1), "every instance proven once by " + worker.id()
                + "\n" + env.diagnostics());
    }

    private static void mkfifo(Path path) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        assertEquals(0, p.waitFor(), "mkfifo " + path);
    }
}
