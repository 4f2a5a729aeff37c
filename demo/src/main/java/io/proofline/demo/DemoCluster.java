package io.proofline.demo;

import io.proofline.backend.ProverBackends;
import io.proofline.core.CoreProperties;
import io.proofline.core.ProoflineCoreApplication;
import io.proofline.core.sequencer.Sequencer;
import io.proofline.demo.EmbeddedDatabase.Database;
import io.proofline.jobs.ProoflineJobsApplication;
import io.proofline.storage.objects.ObjectKeys;
import io.proofline.storage.objects.ObjectStore;
import io.proofline.storage.tables.AggregationProofsDal;
import io.proofline.storage.tables.BatchId;
import io.proofline.storage.tables.CircuitInstancesDal;
import io.proofline.storage.tables.InstanceStatus;
import io.proofline.storage.tables.ProverBatch;
import io.proofline.storage.tables.ProverBatchesDal;
import io.proofline.storage.tables.ProverCircuitInstance;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.ScheduledAnnotationBeanPostProcessor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The pipeline the demo runs: the core and the orchestrator (with its gateway) in this JVM, and
 * worker processes started from this JVM's classpath. The two applications run in-process
 * because they start faster that way and the demo reads their tables through their own beans;
 * the workers get their own JVMs because that is how the pipeline is deployed (any number of
 * them, sharing only the database and the object store), and so that a dead one shows.
 */
final class DemoCluster implements AutoCloseable {

    /** The demo's circuits: small, so that a batch proves in seconds. */
    static final String DEMO_CAPACITIES = "small";
    private static final String TRAFFIC_BEAN = "trafficGenerator";

    private final DemoOptions options;
    private final String capacities;
    private final Path dataDir;
    private final Path logDir;
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Worker> workers = new ArrayList<>();
    private ConfigurableApplicationContext core;
    private ConfigurableApplicationContext orchestrator;
    private Thread trafficLimiter;
    private String coreUrl;
    private long chainId;
    private boolean closed;

    /** A worker JVM, its name in the prover tables and where its output goes. */
    record Worker(String id, Process process, Path log) {
    }

    DemoCluster(DemoOptions options, Path dataDir, Path logDir) {
        this(options, DEMO_CAPACITIES, dataDir, logDir);
    }

    /** @param capacities {@code small} or {@code production}; the keys in {@code options.keysDir()} must be for them */
    DemoCluster(DemoOptions options, String capacities, Path dataDir, Path logDir) {
        this.options = options;
        this.capacities = capacities;
        this.dataDir = dataDir;
        this.logDir = logDir;
    }

    /**
     * Starts the worker JVMs, each a witness generator and a circuit prover, without waiting for
     * them; their output goes to a file each. They need only the prover database (whose tables
     * the first one to get Flyway's lock creates) and, once work arrives, the keys.
     */
    synchronized List<Worker> startWorkers(Database db) throws IOException {
        requireOpen();
        for (int i = 1; i <= options.workers(); i++) {
            String id = "worker-" + i;
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--add-modules=jdk.incubator.vector"));
            command.addAll(workerMemory());
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), ProoflineJobsApplication.class.getName()));
            command.addAll(workerArguments(id));
            command.addAll(List.of(args(proverProperties(db))));
            Path log = logDir.resolve(id + ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            workers.add(new Worker(id, process, log));
        }
        return List.copyOf(workers);
    }

    /**
     * Small instances' proofs and the recursion proofs (2^15 rows) fit two at a time in 3 GB. A
     * production instance's proof (2^17 rows) takes several GB of heap on its own, so a worker on
     * production capacities proves one partition at a time in a larger heap.
     */
    private List<String> workerMemory() {
        return capacities.equals(DEMO_CAPACITIES) ? List.of("-Xmx3g") : List.of("-Xmx12g");
    }

    /** The worker application's own arguments, before the database's and the store's. */
    List<String> workerArguments(String id) {
        List<String> args = new ArrayList<>(List.of("--proofline.roles=witness-generator,circuit-prover",
                "--proofline.worker-id=" + id, "--" + ProverBackends.SETTING + "=" + options.backend()));
        if (!capacities.equals(DEMO_CAPACITIES)) {
            args.add("--proofline.prover.concurrent-partitions=1");
        }
        return args;
    }

    /**
     * Starts the core with its random traffic, sealing batches by size only, and stops the traffic
     * once it has sent enough transactions for the demo's batches, so that the pipeline is not
     * busy proving batches nobody waits for.
     *
     * @return the core's base URL
     */
    synchronized String startCore(Database db) {
        requireOpen();
        int perBatch = options.transactionsPerBatch();
        Map<String, Object> p = datasource(db);
        p.put("server.address", "127.0.0.1");
        p.put("server.port", "0");
        p.put("proofline.core.keys-dir", options.keysDir());
        p.put("proofline.core.capacities", capacities);
        p.put("proofline.core.batch.max-transactions", perBatch);
        p.put("proofline.core.batch.max-age", "1h");
        p.put("proofline.core.traffic.enabled", "true");
        // About two batches a second: quick to fill, yet the stages of consecutive batches still overlap.
        p.put("proofline.core.traffic.rate-per-second", 2 * perBatch);
        p.put("spring.main.banner-mode", "off");
        core = inProcess(new SpringApplicationBuilder(ProoflineCoreApplication.class), p);
        coreUrl = "http://127.0.0.1:" + core.getEnvironment().getProperty("local.server.port");
        chainId = core.getBean(CoreProperties.class).chainId();
        limitTraffic((long) options.batches() * perBatch);
        return coreUrl;
    }

    /** Starts the orchestrator, which runs the batch jobs, with the gateway polling the core. */
    synchronized void startOrchestrator(Database db) {
        requireOpen();
        Map<String, Object> p = new LinkedHashMap<>(proverProperties(db));
        p.put("proofline.roles", "orchestrator");
        p.put("proofline.gateway.enabled", "true");
        p.put("proofline.gateway.core-url", coreUrl);
        p.put("proofline.gateway.poll-interval", "300ms");
        orchestrator = inProcess(ProoflineJobsApplication.builder(), p);
    }

    /** The prover database, for reports over the job repository. */
    synchronized JdbcClient proverJdbc() {
        requireOpen();
        return orchestrator.getBean(JdbcClient.class);
    }

    /** A worker that is no longer running, if any: the demo cannot finish without all of them. */
    synchronized Optional<Worker> deadWorker() {
        return workers.stream().filter(w -> !w.process().isAlive()).findFirst();
    }

    /** The batch as the core (over its API) and the prover tables see it now. */
    BatchProgress progress(long batch) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(coreUrl + "/batches/" + batch))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200 && r.statusCode() != 404) {
            throw new IOException("the core answered GET /batches/" + batch + " with " + r.statusCode() + ": " + r.body());
        }
        JsonNode coreBatch = r.statusCode() == 200 ? JsonMapper.shared().readTree(r.body()) : null;
        BatchId id = new BatchId(chainId, batch);
        ProverBatch prover = orchestrator.getBean(ProverBatchesDal.class).find(id).orElse(null);
        List<ProverCircuitInstance> circuits = prover == null ? List.of()
                : orchestrator.getBean(CircuitInstancesDal.class).findByBatch(id);
        List<ProverCircuitInstance> done = circuits.stream().filter(c -> c.status() == InstanceStatus.SUCCESSFUL).toList();
        return new BatchProgress(batch,
                coreBatch == null ? null : coreBatch.path("status").asString(),
                coreBatch == null ? 0 : coreBatch.path("transactionCount").asInt(),
                prover == null ? null : prover.status(),
                done.size(), circuits.size(),
                prover == null ? null : BatchProgress.aggregationStage(orchestrator.getBean(AggregationProofsDal.class).findByBatch(id)),
                done.stream().mapToLong(c -> c.proveMs() == null ? 0 : c.proveMs()).sum(),
                prover == null || prover.submittedAt() == null ? null : Duration.between(prover.createdAt(), prover.submittedAt()),
                coreBatch == null || !coreBatch.path("verificationMs").isNumber() ? null
                        : coreBatch.path("verificationMs").asDouble());
    }

    /** Size of the batch proof the orchestrator stored and submitted: one aggregated proof. */
    long proofBytes(long batch) {
        return orchestrator.getBean(ObjectStore.class).get(ObjectKeys.batchProof(chainId, batch)).length;
    }

    /** Stops the workers (up to ten seconds' grace each), then the orchestrator, then the core. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (trafficLimiter != null) {
            trafficLimiter.interrupt();
        }
        workers.forEach(w -> w.process().destroy());
        for (Worker w : workers) {
            try {
                if (!w.process().waitFor(10, TimeUnit.SECONDS)) {
                    w.process().destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                w.process().destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        if (orchestrator != null) {
            orchestrator.close();
        }
        if (core != null) {
            core.close();
        }
    }

    /**
     * Watches the sequencer and cancels the traffic generator's schedule once it has sent
     * {@code transactions}; the core has no switch for its traffic at run time, and this is what
     * its context does to the generator when it shuts down.
     */
    private void limitTraffic(long transactions) {
        Sequencer sequencer = core.getBean(Sequencer.class);
        long perBatch = options.transactionsPerBatch();
        trafficLimiter = Thread.ofVirtual().name("demo-traffic-limiter").start(() -> {
            try {
                Sequencer.Status s = sequencer.status();
                while ((s.nextBatchNumber() - 1) * perBatch + s.pendingTransactions() < transactions) {
                    Thread.sleep(20);
                    s = sequencer.status();
                }
                core.getBean(ScheduledAnnotationBeanPostProcessor.class)
                        .postProcessBeforeDestruction(core.getBean(TRAFFIC_BEAN), TRAFFIC_BEAN);
            } catch (InterruptedException e) {
                // The demo is stopping.
            }
        });
    }

    /** After {@link #close} (say, on Ctrl-C while starting) nothing new starts. */
    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the demo is stopping");
        }
    }

    private Map<String, Object> datasource(Database db) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("spring.datasource.url", db.url());
        p.put("spring.datasource.username", db.user());
        p.put("spring.datasource.password", db.password());
        return p;
    }

    /** What the orchestrator and every worker share: the prover database, object store, keys and capacities. */
    private Map<String, Object> proverProperties(Database db) {
        Map<String, Object> p = datasource(db);
        p.put("proofline.store-dir", dataDir.resolve("store"));
        p.put("proofline.keys-dir", options.keysDir());
        p.put("proofline.capacities", capacities);
        p.put("proofline.transport", "postgres");
        return p;
    }

    /**
     * Runs an application in this JVM. The demo closes it itself, in order, so it gets no
     * shutdown hook of its own.
     */
    private static ConfigurableApplicationContext inProcess(SpringApplicationBuilder app, Map<String, Object> properties) {
        return app.registerShutdownHook(false).run(args(properties));
    }

    /** As {@code --name=value} arguments, which outrank every configuration file. */
    private static String[] args(Map<String, ?> properties) {
        return properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }
}
