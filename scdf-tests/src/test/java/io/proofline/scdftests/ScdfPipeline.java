package io.proofline.scdftests;

import io.proofline.core.ProoflineCoreApplication;
import io.proofline.steps.gateway.CoreClient;
import io.proofline.steps.gateway.ProofGenerationData;
import io.proofline.storage.objects.LocalObjectStore;
import io.proofline.storage.objects.ObjectKeys;
import io.proofline.storage.objects.StoredObject;
import io.proofline.storage.tables.BatchId;
import io.proofline.storage.tables.ProtocolVersionKeys;
import io.proofline.storage.tables.ProtocolVersionsDal;
import io.proofline.storage.tables.ProverBatchesDal;
import io.proofline.testsupport.TestDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Proofline under a real Spring Cloud Data Flow server, shared by the tests of a class: the local
 * server of {@code scdf-definitions/server} on a fresh PostgreSQL database, the definitions
 * imported by {@code scdf-definitions/import.sh}, a core (protocol version 1, small capacities)
 * in this JVM on a database of its own, and two workers of the prover's bootable jar with the
 * {@code scdf} profile on the server's database: a witness generator and a circuit prover. The
 * tasks the server launches run the same jar, with the store, keys and core given to every task
 * through the local platform's JVM options.
 */
final class ScdfPipeline implements AutoCloseable {

    static final long CHAIN_ID = 1;
    static final String BATCH_PROOF_TASK = "proofline-batch-proof";
    private static final String PROVER_JVM = "--add-modules=jdk.incubator.vector --enable-native-access=ALL-UNNAMED";
    /** The server's start on a loaded two-core machine (about 50 to 110 s seen). */
    private static final Duration SERVER_START = Duration.ofMinutes(4);
    /** A worker's start: the base keys, and the recursion layers' keys generated where missing. */
    private static final Duration WORKER_START = Duration.ofMinutes(4);

    final Path dir;
    final Path keysDir;
    final LocalObjectStore store;
    /** What the workers run and the server registers. */
    final Path proverJar;
    final TestDatabase coreDb = TestDatabase.create();
    /** The server's database: its own tables, the job repository (BOOT3_), and the prover's (schema proofline). */
    final TestDatabase scdfDb = TestDatabase.create();
    final JdbcClient prover;
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    ConfigurableApplicationContext core;
    String coreUrl;
    JavaProcess server;
    ScdfClient scdf;
    JavaProcess witnessGenerator;
    JavaProcess circuitProver;

    private ScdfPipeline(Path dir) throws IOException {
        this.dir = dir;
        this.keysDir = Files.createDirectories(dir.resolve("keys"));
        this.store = new LocalObjectStore(dir.resolve("store"));
        this.proverJar = copyProverJar(dir);
        PGSimpleDataSource ds = (PGSimpleDataSource) scdfDb.dataSource();
        ds.setCurrentSchema("proofline,public");
        this.prover = JdbcClient.create(ds);
    }

    /** Starts everything; the server and the core start side by side, the workers once the server's tables exist. */
    static ScdfPipeline start(Path dir) throws Exception {
        ScdfPipeline p = new ScdfPipeline(dir);
        // the server, its tasks and the workers do not outlive a test JVM that is stopped
        Runtime.getRuntime().addShutdownHook(new Thread(p::close));
        try {
            p.corePort = freePort();
            p.startServer();
            p.startCore();
            // the workers need the server's tables (task executions, Boot 3 job repository), not the server
            p.server.awaitLogLine("Successfully applied", SERVER_START);
            p.witnessGenerator = p.startWorker("witness-generator", "-XX:TieredStopAtLevel=1");
            p.circuitProver = p.startWorker("circuit-prover");
            p.server.awaitLogLine("Started ProoflineDataflowServer", SERVER_START);
            p.importDefinitions();
            p.witnessGenerator.awaitLogLine("Started ProoflineJobsApplication", WORKER_START);
            p.circuitProver.awaitLogLine("Started ProoflineJobsApplication", WORKER_START);
            return p;
        } catch (Exception | Error e) {
            p.close();
            throw e;
        }
    }

    /** The prover's bootable jar, as a file named {@code <artifact>-<version>.jar} (SCDF wants that form). */
    private static Path copyProverJar(Path dir) throws IOException {
        Path target = Path.of("..", "jobs", "target").toAbsolutePath().normalize();
        Path built;
        try (var files = Files.list(target)) {
            built = files.filter(f -> f.getFileName().toString().matches("jobs-.*-exec\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no prover jar in " + target + ": the jobs module is packaged first"));
        }
        return Files.copy(built, dir.resolve("proofline-prover-0.1.0.jar"), StandardCopyOption.REPLACE_EXISTING);
    }

    private void startServer() throws IOException {
        Path jar = Path.of("..", "scdf-definitions", "server", "target", "proofline-scdf-server.jar").toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no SCDF server jar at " + jar + ": the module scdf-definitions/server is packaged first");
        }
        int port = freePort();
        String taskOptions = String.join(" ", PROVER_JVM, "-Xmx1g", "-XX:TieredStopAtLevel=1",
                "-Dproofline.store-dir=" + store.root(), "-Dproofline.keys-dir=" + keysDir, "-Dproofline.capacities=small",
                "-Dproofline.gateway.core-url=http://127.0.0.1:" + corePort, "-Dproofline.prover.heartbeat-interval=500ms");
        server = JavaProcess.startJar("scdf-server", List.of("-Xmx1g", "-XX:TieredStopAtLevel=1"), jar, List.of(
                "--server.port=" + port,
                "--spring.datasource.url=" + scdfDb.jdbcUrl(),
                "--spring.datasource.username=" + scdfDb.user(),
                "--spring.datasource.password=" + scdfDb.password(),
                "--spring.datasource.hikari.maximum-pool-size=5",
                "--proofline.scdf.task-java=" + JavaProcess.java(),
                "--spring.cloud.dataflow.task.platform.local.accounts.default.javaOpts=" + taskOptions), dir);
        toClose.add(server);
        scdf = new ScdfClient("http://127.0.0.1:" + port);
    }

    /** Chosen before the server starts: every task the server launches is told where the core is. */
    private int corePort;

    private void startCore() {
        core = new SpringApplicationBuilder(ProoflineCoreApplication.class).run(
                "--spring.datasource.url=" + coreDb.jdbcUrl(),
                "--spring.datasource.username=" + coreDb.user(),
                "--spring.datasource.password=" + coreDb.password(),
                "--spring.datasource.hikari.maximum-pool-size=3",
                "--proofline.core.keys-dir=" + keysDir,
                "--proofline.core.capacities=small",
                // bundles of base proofs: this test is about launching and restarting, not aggregation
                "--proofline.core.protocol-version=1",
                "--proofline.core.batch.max-age=1h",
                "--proofline.core.batch.max-transactions=1000",
                "--server.port=" + corePort);
        toClose.add(core);
        coreUrl = "http://127.0.0.1:" + corePort;
    }

    private void importDefinitions() throws IOException, InterruptedException {
        Path script = Path.of("..", "scdf-definitions", "import.sh").toAbsolutePath().normalize();
        Path log = dir.resolve("import.log");
        Process p = new ProcessBuilder("bash", script.toString(), "--server", scdf.url, "--prover-jar", "file://" + proverJar)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (p.waitFor() != 0) {
            throw new AssertionError("import.sh exited with " + p.exitValue() + ":\n" + Files.readString(log));
        }
    }

    /** A worker; the witness generator's work here is small enough for the quick compiler alone (a faster start). */
    private JavaProcess startWorker(String role, String... jvmOptions) throws IOException {
        List<String> jvm = new ArrayList<>(List.of(PROVER_JVM.split(" ")));
        jvm.add("-Xmx2g");
        jvm.addAll(List.of(jvmOptions));
        JavaProcess worker = JavaProcess.startJar(role, jvm, proverJar, List.of(
                "--spring.profiles.active=scdf",
                "--proofline.roles=" + role,
                "--proofline.worker-id=" + role,
                "--spring.datasource.url=" + scdfDb.jdbcUrl(),
                "--spring.datasource.username=" + scdfDb.user(),
                "--spring.datasource.password=" + scdfDb.password(),
                "--spring.datasource.hikari.maximum-pool-size=3",
                "--proofline.store-dir=" + store.root(),
                "--proofline.keys-dir=" + keysDir,
                "--proofline.capacities=small",
                "--proofline.transport=postgres",
                "--proofline.prover.heartbeat-interval=500ms"), dir);
        toClose.add(worker);
        return worker;
    }

    // the core

    /** Four deposits, sealed as batch {@code n}: one instance of each circuit type. */
    void sealBatch(int n) throws IOException, InterruptedException {
        for (int a = 1; a <= 4; a++) {
            postToCore("/transactions", "{\"kind\":\"deposit\",\"to\":" + (100 * n + a) + ",\"amount\":1000,\"owner\":" + a + "}");
        }
        postToCore("/batches/seal", "{}");
    }

    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([^\"]*)\"");

    /** The batch's status at the core ({@code sealed}, {@code picked}, {@code proven}...). */
    String coreStatus(int n) throws IOException, InterruptedException {
        String body = http.send(HttpRequest.newBuilder(URI.create(coreUrl + "/batches/" + n)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = STATUS.matcher(body);
        return m.find() ? m.group(1) : body;
    }

    private void postToCore(String path, String json) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(coreUrl + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
        }
    }

    /**
     * Takes the core's next sealed batch and records it as the gateway does (protocol version,
     * witness inputs, batch row), without launching it: the tests launch it through SCDF, as an
     * operator would from the dashboard.
     */
    BatchId receiveNextBatch() throws InterruptedException {
        ProofGenerationData data = new CoreClient(URI.create(coreUrl), Optional.empty(), Duration.ofSeconds(30)).fetchNext()
                .orElseThrow(() -> new AssertionError("the core handed out no batch"));
        BatchId id = new BatchId(data.chainId(), data.batchNumber());
        new ProtocolVersionsDal(prover).register(ProtocolVersionKeys.of(data.protocolVersion(), data.verificationKeys(),
                data.recursionKeys()));
        StoredObject stored = store.put(ObjectKeys.witnessInputs(id.chainId(), id.batchNumber()), data.witnessInputData());
        new ProverBatchesDal(prover).insertReceived(id, data.protocolVersion(), stored.key(), stored.sha256Hex(),
                data.batchCommitment().toString());
        return id;
    }

    /** Where to look when a test fails. */
    String diagnostics() {
        StringBuilder sb = new StringBuilder("--- files under ").append(dir).append('\n');
        for (JavaProcess p : new JavaProcess[] {server, witnessGenerator, circuitProver}) {
            if (p != null) {
                sb.append("  ").append(p.describe()).append('\n');
            }
        }
        sb.append("  task logs: under the server's temporary directory, named in ").append(server == null ? "-" : server.log);
        return sb.toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public synchronized void close() {
        for (AutoCloseable c : toClose.reversed()) {
            try {
                c.close();
            } catch (Exception e) {
                // closing the rest matters more
            }
        }
        toClose.clear();
        scdfDb.close();
        coreDb.close();
    }
}
