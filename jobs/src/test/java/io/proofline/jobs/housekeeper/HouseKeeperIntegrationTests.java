package io.proofline.jobs.housekeeper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.proofline.circuits.base.CircuitType;
import io.proofline.jobs.ProoflineJobsApplication;
import io.proofline.jobs.batchproof.BatchJobLauncher;
import io.proofline.jobs.batchproof.StalePartitionRecovery;
import io.proofline.jobs.config.JobsProperties;
import io.proofline.jobs.gateway.FailedJobLimit;
import io.proofline.jobs.schema.BatchTables;
import io.proofline.steps.BatchProofKeys;
import io.proofline.storage.objects.ObjectKeys;
import io.proofline.storage.objects.ObjectStore;
import io.proofline.storage.tables.AggregationProofsDal;
import io.proofline.storage.tables.BatchId;
import io.proofline.storage.tables.CircuitInstancesDal;
import io.proofline.storage.tables.ProtocolVersionKeys;
import io.proofline.storage.tables.ProtocolVersionsDal;
import io.proofline.storage.tables.ProverBatchesDal;
import io.proofline.testsupport.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The house keeper in a prover application (orchestrator and house keeper roles) on a real
 * PostgreSQL: failed jobs restarted up to the maximum and then left, counted in the metrics;
 * a second house keeper that does not hold the lock does nothing; the Prometheus endpoint and
 * the queue report for a known queue state. The tasks are called by the test (their schedule is
 * an hour), so that each step is seen. The tests share one application and its database, in
 * order: the house keeper restarts every failed job it finds, so each test counts what the
 * earlier ones left.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HouseKeeperIntegrationTests {

    private static final TestDatabase DB = TestDatabase.create();
    private static final int MAX_ATTEMPTS = 3;
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration LOST_REQUEST_TIMEOUT = Duration.ofSeconds(1);
    /** A key under which the store holds nothing: loading the witness inputs fails on every attempt. */
    private static final String MISSING_SHA = "ab".repeat(32);

    @TempDir
    static Path dir;

    private static ConfigurableApplicationContext app;
    private static JdbcClient jdbc;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("spring.datasource.url", DB.jdbcUrl());
        p.put("spring.datasource.username", DB.user());
        p.put("spring.datasource.password", DB.password());
        p.put("proofline.roles", "orchestrator,house-keeper");
        p.put("proofline.store-dir", dir.resolve("store").toString());
        p.put("proofline.keys-dir", dir.resolve("keys").toString());
        p.put("proofline.capacities", "small");
        p.put("proofline.gateway.enabled", "false");
        p.put("proofline.house-keeper.failed-jobs.max-attempts", String.valueOf(MAX_ATTEMPTS));
        p.put("proofline.house-keeper.failed-jobs.backoff", "0s");
        p.put("proofline.house-keeper.stale-partitions.lost-request-timeout", LOST_REQUEST_TIMEOUT.toMillis() + "ms");
        for (String task : List.of("stale-partitions", "failed-jobs", "orphaned-jobs", "prune")) {
            p.put("proofline.house-keeper." + task + ".interval", "1h");
        }
        app = ProoflineJobsApplication.builder()
                .run(p.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
        jdbc = app.getBean(JdbcClient.class);
        // the tests' batches are recorded under protocol version 1, as a gateway records the versions it meets
        app.getBean(ProtocolVersionsDal.class).register(new ProtocolVersionKeys(1, "0x" + "11".repeat(32), "0x" + "12".repeat(32),
                Map.of()));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        DB.close();
    }

    @Test
    @Order(2)
    void aJobFailingOnEveryAttemptIsRestartedUpToTheMaximumThenLeftFailedAndCounted() throws Exception {
        HouseKeeper keeper = app.getBean(HouseKeeper.class);
        // batch 60 of the test before has failed twice
        BatchId earlier = new BatchId(1, 60);
        assertEquals(2, executions(earlier).size());
        assertEquals(0, metric("proofline_jobs_at_max_attempts", ""), "no job at the maximum yet");
        double requeuesBefore = metric("proofline_requeues_total", "kind=\"job\"");
        BatchId batch = failingBatch(50);
        FailedJobLimit gatewayLimit = app.getBean(FailedJobLimit.class);
        assertEquals(Optional.empty(), gatewayLimit.reached(batch), "one failed execution: the gateway may restart it");

        // when the house keeper runs after each failure
        for (int attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
            keeper.restartFailedJobs();
            int expected = attempt;
            await("attempt " + attempt + " of " + batch + " ended", () -> executions(batch).size() == expected
                    && executions(batch).stream().noneMatch(JobExecution::isRunning)
                    && executions(earlier).stream().noneMatch(JobExecution::isRunning));
        }
        // then, at the maximum, it restarts the jobs no more
        for (int i = 0; i < 3; i++) {
            keeper.restartFailedJobs();
        }
        Thread.sleep(500);
        List<JobExecution> all = executions(batch);
        assertEquals(MAX_ATTEMPTS, all.size(), "executions of the job");
        assertTrue(all.stream().allMatch(e -> e.getStatus() == BatchStatus.FAILED), "every attempt failed: " + all);
        assertEquals(MAX_ATTEMPTS, executions(earlier).size(), "executions of the earlier test's job");
        // nor does the gateway when the core hands the batch out again
        String why = gatewayLimit.reached(batch).orElseThrow();
        assertTrue(why.contains("in " + MAX_ATTEMPTS + " executions, the maximum") && why.contains("restart -b 50"), why);
        assertEquals(Optional.empty(), gatewayLimit.reached(new BatchId(1, 999)), "a batch without a job");
        // and both jobs show in the metrics: two at the maximum, after three restarts (two of
        // batch 50, the last of batch 60)
        assertEquals(2, metric("proofline_jobs_at_max_attempts", ""));
        assertEquals(requeuesBefore + 3, metric("proofline_requeues_total", "kind=\"job\""));
    }

    @Test
    @Order(1)
    void aSecondHouseKeeperWithoutTheLockDoesNothingWhileTheFirstActs() throws Exception {
        HouseKeeperProperties settings = app.getBean(HouseKeeperProperties.class);
        BatchId batch = failingBatch(60);
        // given a second house keeper on the same database (the first took the lock at startup)
        try (HouseKeeperLock otherLock = new HouseKeeperLock(DB.dataSource(), settings.lockKey())) {
            JobRepository repository = app.getBean(JobRepository.class);
            JobRecords records = new JobRecords(jdbc, BatchTables.DEFAULT);
            BatchJobLauncher launcher = app.getBean(BatchJobLauncher.class);
            HouseKeeper other = new HouseKeeper(otherLock, settings, Duration.ofMinutes(1),
                    new StalePartitionRecovery(app.getBean(CircuitInstancesDal.class),
                            app.getBean(AggregationProofsDal.class), repository),
                    new StaleSteps(records, repository, true, "basicWitnessGenerationWorker:", "%Worker:"),
                    records, new JobActions(repository, app.getBean(JobOperator.class), records, null), () -> launcher,
                    new SimpleMeterRegistry());
            // when it runs its tasks, it does nothing
            other.restartFailedJobs();
            other.failStaleWork();
            other.recoverOrphanedJobs();
            Thread.sleep(500);
            assertFalse(otherLock.tryHold(), "the first house keeper holds the lock");
            assertEquals(1, executions(batch).size(), "the second house keeper restarted nothing");

            // while the first one acts
            app.getBean(HouseKeeper.class).restartFailedJobs();
            await("the first house keeper's restart of " + batch, () -> executions(batch).size() == 2
                    && executions(batch).stream().noneMatch(JobExecution::isRunning));
        }
    }

    @Test
    @Order(3)
    void thePrometheusEndpointAndTheQueueReportShowAKnownQueueState() throws Exception {
        // given a batch received an hour ago, older than any other, with base circuit instances in known states
        BatchId batch = new BatchId(1, 70);
        app.getBean(ProverBatchesDal.class).insertReceived(batch, 1, "witness_inputs/1/70.bin", MISSING_SHA, "0x01");
        jdbc.sql("UPDATE prover_batches SET created_at = now() - interval '1 hour' WHERE batch_number = 70").update();
        instance(70, "transfer_execution", 0, "queued", "20 minutes");
        instance(70, "transfer_execution", 1, "queued", "1 minute");
        instance(70, "transfer_execution", 2, "queued", "1 minute");
        instance(70, "transfer_execution", 3, "in_progress", "1 minute");
        instance(70, "storage_application", 0, "in_progress", "1 minute");
        instance(70, "storage_application", 1, "in_progress", "1 minute");
        instance(70, "storage_application", 2, "successful", "1 minute");
        Thread.sleep(1100); // past the gauges' one-second cache

        // then Prometheus shows it
        String proving = "stage=\"proving\"";
        assertEquals(3, metric("proofline_queue_queued", proving, "circuit_type=\"transfer_execution\""));
        assertEquals(1, metric("proofline_queue_in_progress", proving, "circuit_type=\"transfer_execution\""));
        assertEquals(0, metric("proofline_queue_queued", proving, "circuit_type=\"storage_application\""));
        assertEquals(2, metric("proofline_queue_in_progress", proving, "circuit_type=\"storage_application\""));
        double oldest = metric("proofline_queue_oldest_age_seconds", proving, "circuit_type=\"transfer_execution\"");
        assertTrue(oldest >= 1200 && oldest < 1260, "oldest queued transfer_execution instance: 20 minutes, got " + oldest);
        assertEquals(0, metric("proofline_queue_oldest_age_seconds", proving, "circuit_type=\"storage_application\""));
        assertEquals(0, metric("proofline_queue_queued", "stage=\"witness_generation\"", "circuit_type=\"all\""));
        double batchAge = metric("proofline_oldest_unproven_batch_age_seconds", "");
        assertTrue(batchAge >= 3600 && batchAge < 3660, "oldest unproven batch: an hour, got " + batchAge);
        assertEquals(10, metric("hikaricp_connections_max", "pool=\"proofline-prover\""), "the named, sized pool");
        assertTrue(get("/actuator/health").contains("\"UP\""), "health");
        // and Spring Batch's own observations of the earlier tests' job executions, as histograms
        String scrape = get("/actuator/prometheus");
        assertTrue(scrape.lines().anyMatch(l -> l.startsWith("spring_batch_step_seconds_bucket{") && l.contains("loadWitnessInputs")),
                "Spring Batch's step timer histogram:\n" + scrape.lines().filter(l -> l.startsWith("spring_batch")).toList());
        assertEquals(MAX_ATTEMPTS * 2, metric("spring_batch_job_seconds_count", "batchProof", "FAILED"),
                "timed job executions: three of each of the two failing batches");

        // and so does the queue report
        String report = get("/queue_report");
        assertTrue(report.contains("{\"stage\":\"proving\",\"circuitType\":\"transfer_execution\",\"queued\":3,\"inProgress\":1,"),
                report);
        assertTrue(report.contains("{\"stage\":\"proving\",\"circuitType\":\"storage_application\",\"queued\":0,\"inProgress\":2,"
                + "\"oldest\":null}"), report);
    }

    @Test
    @Order(4)
    void aRequestTakenAndNeverStartedAndAJobLeftRunningByADeadOrchestratorAreFailed() throws InterruptedException {
        JobRepository repository = app.getBean(JobRepository.class);
        HouseKeeper keeper = app.getBean(HouseKeeper.class);
        // given a proving request taken by a worker that died before starting it: its step stays STARTING
        JobExecution running = runningExecution(80);
        StepExecution taken = repository.createStepExecution("proveBaseCircuitsWorker:transfer_execution-0", running);
        jdbc.sql("UPDATE batch_step_execution SET create_time = now() - interval '10 minutes' WHERE step_execution_id = :id")
                .param("id", taken.getId()).update();
        // and an aggregation request the same (any remote partition: <stage>Worker:<partition>)
        StepExecution takenAggregation = repository.createStepExecution("aggregateWorker:batch", running);

        // when the channel table still holds a request, the step may be waiting its turn: left alone
        jdbc.sql("""
                INSERT INTO int_channel_message (message_id, group_key, created_date, message_content, region)
                VALUES ('00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000002', 0, '\\x00',
                        'house-keeper-test')""").update();
        keeper.failStaleWork();
        assertEquals(BatchStatus.STARTING, step(running, taken).getStatus(), "a request maybe still queued");

        // and once the table is empty, the request was taken: seen so, the step is left the lost-request
        // timeout for its worker to start it (however long it waited in the queue before) ...
        jdbc.sql("DELETE FROM int_channel_message WHERE region = 'house-keeper-test'").update();
        keeper.failStaleWork();
        assertEquals(BatchStatus.STARTING, step(running, taken).getStatus(), "just taken, maybe starting");
        // ... after which it is lost: the step is failed, for the manager to fail the job and the
        // house keeper to restart it
        Thread.sleep(LOST_REQUEST_TIMEOUT.toMillis());
        keeper.failStaleWork();
        StepExecution failed = step(running, taken);
        assertEquals(BatchStatus.FAILED, failed.getStatus());
        assertEquals(BatchStatus.FAILED, step(running, takenAggregation).getStatus(), "the aggregation request");
        assertTrue(failed.getExitStatus().getExitDescription().contains("never started"), failed.getExitStatus().toString());

        // given a job execution left running by an orchestrator that died: nothing changed in it for an hour
        JobExecution orphan = runningExecution(81);
        jdbc.sql("""
                UPDATE batch_job_execution SET create_time = now() - interval '1 hour', last_updated = now() - interval '1 hour'
                WHERE job_execution_id = :id""").param("id", orphan.getId()).update();

        // when the house keeper looks for orphans, it recovers that one, not the one still changing
        keeper.recoverOrphanedJobs();
        assertEquals(BatchStatus.FAILED, repository.getJobExecution(orphan.getId()).getStatus(), "the orphan");
        assertTrue(repository.getJobExecution(running.getId()).isRunning(), "the execution whose steps changed recently");
    }

    @Test
    @Order(5)
    void aBatchSubmittedLongerAgoThanTheRetentionIsPruned() {
        // given batch 50 (of an earlier test) submitted eight days ago, with artifacts in the store
        BatchId old = new BatchId(1, 50);
        BatchId recent = new BatchId(1, 60);
        ObjectStore store = app.getBean(ObjectStore.class);
        byte[] data = {1, 2, 3};
        for (BatchId b : List.of(old, recent)) {
            store.put(ObjectKeys.circuitInput(1, b.batchNumber(), CircuitType.TRANSFER_EXECUTION, 0), data);
            store.put(ObjectKeys.proof(1, b.batchNumber(), CircuitType.TRANSFER_EXECUTION, 0), data);
            store.put(ObjectKeys.batchProof(1, b.batchNumber()), data);
        }
        jdbc.sql("""
                UPDATE prover_batches SET status = 'submitted', submitted_at = now() - CAST(:age AS INTERVAL)
                WHERE chain_id = 1 AND batch_number = :batch""").param("age", "8 days").param("batch", 50).update();
        jdbc.sql("""
                UPDATE prover_batches SET status = 'submitted', submitted_at = now() - CAST(:age AS INTERVAL)
                WHERE chain_id = 1 AND batch_number = :batch""").param("age", "1 day").param("batch", 60).update();

        // when the house keeper prunes (retention: seven days)
        app.getBean(HouseKeeper.class).prune();

        // then the old batch's job records and intermediate artifacts are gone, its batch proof and row stay
        JobRepository repository = app.getBean(JobRepository.class);
        assertEquals(null, repository.getJobInstance(BatchProofKeys.JOB, BatchProofKeys.parameters(old)), "job instance");
        assertFalse(store.exists(ObjectKeys.circuitInput(1, 50, CircuitType.TRANSFER_EXECUTION, 0)));
        assertFalse(store.exists(ObjectKeys.proof(1, 50, CircuitType.TRANSFER_EXECUTION, 0)));
        assertTrue(store.exists(ObjectKeys.batchProof(1, 50)));
        assertTrue(app.getBean(ProverBatchesDal.class).find(old).isPresent());
        // and the batch submitted a day ago keeps everything
        assertEquals(MAX_ATTEMPTS, executions(recent).size());
        assertTrue(store.exists(ObjectKeys.proof(1, 60, CircuitType.TRANSFER_EXECUTION, 0)));

        // and later runs leave the pruned batch alone: an artifact stored since (by hand, say) stays
        JobRecords records = new JobRecords(jdbc, BatchTables.DEFAULT);
        assertEquals(List.of(), records.submittedBefore(Duration.ofDays(7)), "nothing left to prune");
        store.put(ObjectKeys.proof(1, 50, CircuitType.TRANSFER_EXECUTION, 1), data);
        app.getBean(HouseKeeper.class).prune();
        assertTrue(store.exists(ObjectKeys.proof(1, 50, CircuitType.TRANSFER_EXECUTION, 1)), "pruned once, not on every run");
    }

    private static JobExecution runningExecution(int number) {
        JobRepository repository = app.getBean(JobRepository.class);
        var parameters = BatchProofKeys.parameters(new BatchId(1, number));
        JobExecution execution = repository.createJobExecution(repository.createJobInstance(BatchProofKeys.JOB, parameters),
                parameters, new ExecutionContext());
        execution.setStatus(BatchStatus.STARTED);
        execution.setStartTime(LocalDateTime.now());
        repository.update(execution);
        return execution;
    }

    private static StepExecution step(JobExecution execution, StepExecution step) {
        return app.getBean(JobRepository.class).getJobExecution(execution.getId()).getStepExecutions().stream()
                .filter(s -> s.getId() == step.getId()).findFirst().orElseThrow();
    }

    private static BatchId failingBatch(int number) {
        BatchId batch = new BatchId(1, number);
        app.getBean(ProverBatchesDal.class).insertReceived(batch, 1, "witness_inputs/1/" + number + ".bin", MISSING_SHA, "0x01");
        JobExecution first = app.getBean(BatchJobLauncher.class).run(batch);
        assertEquals(BatchStatus.FAILED, first.getStatus(), "the first attempt fails: no witness inputs in the store");
        return batch;
    }

    private static void instance(int batch, String type, int index, String status, String age) {
        jdbc.sql("""
                INSERT INTO prover_circuit_instances (chain_id, batch_number, circuit_type, instance_index, status, attempts,
                    worker_id, heartbeat_at, input_key, input_sha256, created_at, updated_at)
                VALUES (1, :batch, :type, :index, :status, CASE WHEN :status = 'queued' THEN 0 ELSE 1 END,
                    CASE WHEN :status = 'queued' THEN NULL ELSE 'w' END, CASE WHEN :status = 'queued' THEN NULL ELSE now() END,
                    'circuit_inputs/x', :sha, now() - CAST(:age AS INTERVAL), now() - CAST(:age AS INTERVAL))""")
                .param("batch", batch).param("type", type).param("index", index).param("status", status)
                .param("sha", MISSING_SHA).param("age", age).update();
    }

    private static List<JobExecution> executions(BatchId batch) {
        JobRepository repository = app.getBean(JobRepository.class);
        JobInstance instance = repository.getJobInstance(BatchProofKeys.JOB, BatchProofKeys.parameters(batch));
        return repository.getJobExecutions(instance);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    private String get(String path) throws IOException, InterruptedException {
        String port = app.getEnvironment().getProperty("local.server.port");
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The value of the one series {@code name} whose labels contain every one of {@code labels}. */
    private double metric(String name, String... labels) throws IOException, InterruptedException {
        String scrape = get("/actuator/prometheus");
        Matcher m = Pattern.compile("(?m)^" + name + "(\\{[^}]*})? (\\S+)$").matcher(scrape);
        Double found = null;
        while (m.find()) {
            String labelSet = m.group(1) == null ? "" : m.group(1);
            if (List.of(labels).stream().allMatch(labelSet::contains)) {
                if (found != null) {
                    throw new AssertionError("several series " + name + " with " + List.of(labels));
                }
                found = Double.parseDouble(m.group(2));
            }
        }
        if (found == null) {
            throw new AssertionError("no series " + name + " with " + List.of(labels) + " in:\n" + scrape);
        }
        return found;
    }
}
