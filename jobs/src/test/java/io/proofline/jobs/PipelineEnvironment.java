package io.proofline.jobs;

import io.proofline.core.ProoflineCoreApplication;
import io.proofline.jobs.batchproof.RestartCommand;
import io.proofline.steps.BatchProofKeys;
import io.proofline.storage.tables.AggregationProofsDal;
import io.proofline.storage.tables.BatchId;
import io.proofline.storage.tables.BatchStatus;
import io.proofline.storage.tables.CircuitInstancesDal;
import io.proofline.storage.tables.ProverAggregationProof;
import io.proofline.storage.tables.ProverBatch;
import io.proofline.storage.tables.ProverBatchesDal;
import io.proofline.storage.tables.ProverCircuitInstance;
import io.proofline.testsupport.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A whole pipeline for functional tests: a core on its own database, an orchestrator in this
 * JVM on the prover database, worker processes pointed at the shared key and object-store
 * directories, and the waiting and looking around that the tests share. Every failure it
 * reports carries {@link #diagnostics()}: where the worker logs are, and what the prover tables
 * and the job repository hold.
 */
final class PipelineEnvironment implements AutoCloseable {

    /** The core's chain. */
    static final long CHAIN_ID = 1;
    /** Both worker roles in one process. */
    static final String BOTH_ROLES = "witness-generator,circuit-prover";

    final TestDatabase coreDb = TestDatabase.create();
    final TestDatabase proverDb = TestDatabase.create();
    /** Object store and worker logs; kept when a test fails. */
    final Path dir;
    final Path keysDir;
    final ConfigurableApplicationContext core;
    ConfigurableApplicationContext orchestrator;
    final String coreUrl;
    private final List<WorkerProcess> workers = new ArrayList<>();
    private final List<Runnable> afterClose = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    PipelineEnvironment(Path keysDir, Path dir) {
        this(keysDir, dir, Map.of());
    }

    /** With {@code coreProperties} over the core's test settings (random traffic, batch sealing...). */
    PipelineEnvironment(Path keysDir, Path dir, Map<String, String> coreProperties) {
        this.keysDir = keysDir;
        this.dir = dir;
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("spring.datasource.url", coreDb.jdbcUrl());
        p.put("spring.datasource.username", coreDb.user());
        p.put("spring.datasource.password", coreDb.password());
        p.put("proofline.core.keys-dir", keysDir.toString());
        p.put("proofline.core.capacities", "small");
        p.put("proofline.core.pick-timeout", "10m");
        p.put("proofline.core.batch.max-age", "1h");
        p.put("proofline.core.batch.max-transactions", "1000");
        p.put("server.port", "0");
        p.putAll(coreProperties);
        core = new SpringApplicationBuilder(ProoflineCoreApplication.class).run(args(p));
        coreUrl = "http://127.0.0.1:" + core.getEnvironment().getProperty("local.server.port");
    }

    /** Properties every prover process needs: the prover database, store and keys, and the transport. */
    Map<String, String> proverProperties(String transport) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("spring.datasource.url", proverDb.jdbcUrl());
        p.put("spring.datasource.username", proverDb.user());
        p.put("spring.datasource.password", proverDb.password());
        p.put("proofline.store-dir", dir.resolve("store").toString());
        p.put("proofline.keys-dir", keysDir.toString());
        p.put("proofline.capacities", "small");
        p.put("proofline.transport", transport);
        p.put("proofline.prover.heartbeat-interval", "500ms");
        // the native CPU back end: its proofs are the Java back end's, bit for bit (native-bindings'
        // differential tests), and on AVX2 hosts it proves a recursion layer about 1.4 times as fast
        p.put("proofline.prover.backend", "native-cpu");
        return p;
    }

    void startOrchestrator(Map<String, String> properties, boolean gateway) {
        orchestrator = ProoflineJobsApplication.builder().run(args(orchestratorProperties(properties, gateway)));
    }

    private Map<String, Object> orchestratorProperties(Map<String, String> properties, boolean gateway) {
        Map<String, Object> p = new LinkedHashMap<>(properties);
        p.putIfAbsent("proofline.roles", "orchestrator");
        p.put("proofline.gateway.core-url", coreUrl);
        p.put("proofline.gateway.enabled", String.valueOf(gateway));
        p.put("proofline.gateway.poll-interval", "300ms");
        return p;
    }

    /** Starts a worker JVM; it is stopped when the environment closes, and its log is in {@link #dir}. */
    WorkerProcess startWorker(String id, String roles, Map<String, String> properties) throws IOException {
        WorkerProcess worker = WorkerProcess.start(id, roles, properties, dir);
        workers.add(worker);
        return worker;
    }

    /**
     * Runs the restart command ({@code --proofline.restart=<chain>:<batch>}) as an operator would,
     * as its own orchestrator application (here in this JVM), and returns once the restarted job
     * has ended.
     */
    RestartResult runRestartCommand(Map<String, String> properties, int batch) {
        Map<String, Object> p = orchestratorProperties(properties, false);
        p.put(RestartCommand.PROPERTY, CHAIN_ID + ":" + batch);
        ConfigurableApplicationContext command = ProoflineJobsApplication.builder().run(args(p));
        var outcome = command.getBean(RestartCommand.class).outcome();
        int exitCode = SpringApplication.exit(command);
        return new RestartResult(exitCode, outcome);
    }

    record RestartResult(int exitCode, org.springframework.batch.core.BatchStatus jobStatus) {
    }

    /** Command-line arguments outrank every configuration file. */
    static String[] args(Map<String, ?> properties) {
        return properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }

    // the core

    String post(String path, String json) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(coreUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    String get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(coreUrl + path)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Sends {@code transfers} valid transactions (after funding deposits) and seals them as one batch. */
    void sealBatch(int batch, int transfers) throws IOException, InterruptedException {
        for (int a = 1; a <= 4; a++) {
            post("/transactions", "{\"kind\":\"deposit\",\"to\":" + (100 * batch + a) + ",\"amount\":1000,\"owner\":" + a + "}");
        }
        for (int i = 0; i < transfers; i++) {
            int from = 100 * batch + 1 + i % 4;
            post("/transactions", "{\"kind\":\"transfer\",\"from\":" + from + ",\"to\":" + (100 * batch + 1 + (i + 1) % 4)
                    + ",\"amount\":" + (1 + i) + ",\"nonce\":" + (i / 4) + "}");
        }
        post("/batches/seal", "{}");
    }

    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([^\"]*)\"");

    /** The batch's status at the core ({@code sealed}, {@code picked}, {@code proven}...), or the answer if it has none. */
    String coreStatus(int batch) throws IOException, InterruptedException {
        String body = get("/batches/" + batch);
        Matcher m = STATUS.matcher(body);
        return m.find() ? m.group(1) : body;
    }

    boolean proven(int batch) throws IOException, InterruptedException {
        return "proven".equals(coreStatus(batch));
    }

    // the prover tables and the job repository, seen from the orchestrator

    static BatchId batchId(int batch) {
        return new BatchId(CHAIN_ID, batch);
    }

    <T> T bean(Class<T> type) {
        return orchestrator.getBean(type);
    }

    Optional<BatchStatus> proverStatus(int batch) {
        return bean(ProverBatchesDal.class).find(batchId(batch)).map(ProverBatch::status);
    }

    /** The batch's leaf, node and scheduler proofs, round by round. */
    List<ProverAggregationProof> aggregationProofs(int batch) {
        return bean(AggregationProofsDal.class).findByBatch(batchId(batch));
    }

    List<ProverCircuitInstance> instances(int batch) {
        return bean(CircuitInstancesDal.class).findByBatch(batchId(batch));
    }

    /** The batch's job executions, oldest first, each with its step executions. */
    List<JobExecution> jobExecutions(int batch) {
        JobRepository repository = bean(JobRepository.class);
        JobInstance instance = repository.getJobInstance(BatchProofKeys.JOB, BatchProofKeys.parameters(batchId(batch)));
        if (instance == null) {
            return List.of();
        }
        return repository.getJobExecutions(instance).stream()
                .map(e -> repository.getJobExecution(e.getId()))
                .sorted(Comparator.comparingLong(JobExecution::getId))
                .toList();
    }

    Optional<JobExecution> lastJobExecution(int batch) {
        List<JobExecution> all = jobExecutions(batch);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.getLast());
    }

    /**
     * Waits for the batch's last job execution to end and returns it. The core sees a batch
     * proven as soon as submitProof hands its proof over, a moment before the job's own end is
     * written; assertions on the job wait for that.
     */
    JobExecution awaitLastJobEnded(int batch, Duration timeout) throws Exception {
        await("the end of batch " + batch + "'s job", timeout, () -> lastJobExecution(batch).map(e -> !e.isRunning()).orElse(false));
        return lastJobExecution(batch).orElseThrow();
    }

    /** Step name to status, in start order. */
    static Map<String, String> stepStatuses(JobExecution execution) {
        return execution.getStepExecutions().stream()
                .sorted(Comparator.comparingLong(StepExecution::getId))
                .collect(Collectors.toMap(StepExecution::getStepName, s -> s.getStatus().toString(), (a, b) -> a + "," + b,
                        LinkedHashMap::new));
    }

    // waiting

    interface Condition {
        boolean holds() throws Exception;
    }

    /**
     * Waits until {@code condition} holds; fails, with {@link #diagnostics()}, when it does not
     * within {@code timeout}, when a worker the test did not kill has died, or when
     * {@code failFastOnFailedBatch} and a batch's job failed.
     */
    void await(String what, Duration timeout, boolean failFastOnFailedBatch, Condition condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            for (WorkerProcess w : workers) {
                if (!w.isAlive() && !w.wasKilled()) {
                    throw new AssertionError("waiting for " + what + ", worker " + w.describe() + "; its last lines:\n"
                            + w.logTail(30) + "\n" + diagnostics());
                }
            }
            if (failFastOnFailedBatch && orchestrator != null) {
                List<ProverBatch> failed = bean(ProverBatchesDal.class).listByStatus(BatchStatus.FAILED);
                if (!failed.isEmpty()) {
                    throw new AssertionError("waiting for " + what + ", a batch job failed: " + failed.stream()
                            .map(b -> b.id().toString()).toList() + "\n" + diagnostics());
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what + "\n" + diagnostics());
            }
            Thread.sleep(100);
        }
    }

    void await(String what, Duration timeout, Condition condition) throws Exception {
        await(what, timeout, false, condition);
    }

    /** The pipeline's state, for failure messages: worker logs, batches, their jobs and instances. */
    String diagnostics() {
        StringBuilder sb = new StringBuilder("--- pipeline state (files under ").append(dir).append(")\n");
        sb.append("workers:\n");
        for (WorkerProcess w : workers) {
            sb.append("  ").append(w.describe()).append('\n');
        }
        if (orchestrator == null || !orchestrator.isActive()) {
            return sb.append("(no orchestrator running)").toString();
        }
        try {
            List<ProverBatch> batches = new ArrayList<>();
            for (BatchStatus s : BatchStatus.values()) {
                batches.addAll(bean(ProverBatchesDal.class).listByStatus(s));
            }
            for (ProverBatch b : batches) {
                int n = (int) b.id().batchNumber();
                sb.append(b.id()).append(": prover status ").append(b.status().dbValue());
                try {
                    sb.append(", core status ").append(coreStatus(n));
                } catch (Exception e) {
                    sb.append(", core status unknown (").append(e).append(')');
                }
                sb.append('\n');
                for (JobExecution e : jobExecutions(n)) {
                    sb.append("  job execution ").append(e.getId()).append(' ').append(e.getStatus())
                            .append(" steps ").append(stepStatuses(e)).append('\n');
                    e.getAllFailureExceptions().forEach(t -> sb.append("    failure: ").append(t).append('\n'));
                    e.getStepExecutions().forEach(s -> {
                        String exit = s.getExitStatus().getExitDescription();
                        if (!exit.isBlank()) {
                            sb.append("    ").append(s.getStepName()).append(": ")
                                    .append(exit.lines().findFirst().orElse("")).append('\n');
                        }
                    });
                }
                for (ProverCircuitInstance i : instances(n)) {
                    sb.append("  ").append(i.id().type().label).append('-').append(i.id().index()).append(' ')
                            .append(i.status().dbValue()).append(" attempts ").append(i.attempts())
                            .append(" worker ").append(i.workerId())
                            .append(i.error() == null ? "" : " error " + i.error()).append('\n');
                }
                for (ProverAggregationProof p : aggregationProofs(n)) {
                    sb.append("  ").append(p.id().name()).append(' ').append(p.status().dbValue())
                            .append(" attempts ").append(p.attempts()).append(" worker ").append(p.workerId())
                            .append(p.error() == null ? "" : " error " + p.error()).append('\n');
                }
            }
        } catch (RuntimeException e) {
            sb.append("(cannot read the prover tables: ").append(e).append(")\n");
        }
        return sb.toString();
    }

    /** Runs {@code action} once every process of the pipeline has stopped (e.g. to delete what they shared). */
    void afterClose(Runnable action) {
        afterClose.add(action);
    }

    @Override
    public void close() {
        workers.forEach(WorkerProcess::close);
        if (orchestrator != null) {
            orchestrator.close();
        }
        core.close();
        proverDb.close();
        coreDb.close();
        afterClose.forEach(Runnable::run);
    }
}
