package io.proofline.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.core.ProoflineCoreApplication;
import io.proofline.testsupport.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Runs the README's "Running the prover" commands as written: each {@code ./proofline core} and
 * {@code ./proofline prover} line becomes a JVM of the application the launcher runs for it, with
 * the line's own flags plus only the connection settings the README's table names (database,
 * store, keys, the core's address), pointed at this test's databases and directories. The core
 * must then see its first batch proven by the documented workers.
 */
class DocumentedSetupFunctionalTests {

    private static final Path README = Path.of("..", "README.md");
    private static final Path LAUNCHER = Path.of("..", "proofline");

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theReadmesProverSetupProvesABatch() throws Exception {
        DocumentedSetup setup = DocumentedSetup.read(README);
        // the launcher runs these applications for those commands
        String launcher = Files.readString(LAUNCHER);
        assertTrue(launcher.contains(ProoflineCoreApplication.class.getName()) && launcher.contains(ProoflineJobsApplication.class.getName()),
                "./proofline core and prover run ProoflineCoreApplication and ProoflineJobsApplication");
        // the documented createdb lines make the databases the applications use by default
        assertEquals(List.of(defaultDatabase("application.yml"), defaultDatabase("proofline-prover.yml")), setup.databases(),
                "databases created in the README, in order: the core's, the prover's");
        assertEquals("core", setup.commands().getFirst().getFirst(), "the README starts the core first");

        Path keys = dir.resolve("keys");
        Path store = dir.resolve("store");
        int port = freePort();
        String coreUrl = "http://127.0.0.1:" + port;
        List<WorkerProcess> processes = new ArrayList<>();
        try (TestDatabase coreDb = TestDatabase.create(); TestDatabase proverDb = TestDatabase.create()) {
            List<String> workerIds = new ArrayList<>();
            for (List<String> command : setup.commands()) {
                String program = command.getFirst();
                List<String> args = new ArrayList<>(command.subList(1, command.size()));
                String id = program + "-" + processes.size();
                if (program.equals("core")) {
                    args.addAll(database(coreDb));
                    args.addAll(List.of("--proofline.core.keys-dir=" + keys, "--server.port=" + port));
                    processes.add(WorkerProcess.launch(id, ProoflineCoreApplication.class.getName(), args, dir));
                    awaitCoreUp(coreUrl, processes);
                } else {
                    args.addAll(database(proverDb));
                    args.addAll(List.of("--proofline.store-dir=" + store, "--proofline.keys-dir=" + keys,
                            "--proofline.gateway.core-url=" + coreUrl));
                    args.stream().filter(a -> a.startsWith("--proofline.worker-id=")).map(a -> a.substring(a.indexOf('=') + 1))
                            .forEach(workerIds::add);
                    processes.add(WorkerProcess.launch(id, ProoflineJobsApplication.class.getName(), args, dir));
                }
            }
            assertFalse(workerIds.isEmpty(), "the README names its workers");

            await("batch 1 proven at the core", Duration.ofMinutes(8), processes, () -> "proven".equals(status(coreUrl, 1)));

            JdbcClient prover = JdbcClient.create(proverDb.dataSource());
            List<String> proversOfBatch1 = prover.sql("""
                    SELECT worker_id FROM prover_circuit_instances WHERE batch_number = 1 AND status = 'successful'""")
                    .query(String.class).list();
            int instances = prover.sql("SELECT count(*) FROM prover_circuit_instances WHERE batch_number = 1").query(Integer.class).single();
            assertEquals(instances, proversOfBatch1.size(), "every instance of batch 1 proven");
            assertTrue(Set.copyOf(workerIds).containsAll(proversOfBatch1), "proven by the documented workers " + workerIds
                    + ": " + Set.copyOf(proversOfBatch1));
        } finally {
            processes.reversed().forEach(WorkerProcess::close);
        }
    }

    /** The README's block: createdb lines (database names) and {@code ./proofline} commands (program, then flags). */
    record DocumentedSetup(List<String> databases, List<List<String>> commands) {

        static final String MARKER = "<!-- documented-setup";
        private static final Pattern CREATEDB = Pattern.compile("createdb -h 127\\.0\\.0\\.1 -U postgres (\\w+)");
        private static final Pattern COMMAND = Pattern.compile("\\./proofline (core|prover)((?: --[\\w.-]+=[\\w.,:/-]+)*)");

        static DocumentedSetup read(Path readme) throws IOException {
            List<String> lines = Files.readAllLines(readme);
            int marker = indexOf(lines, 0, MARKER, readme);
            int open = indexOf(lines, marker, "```sh", readme);
            List<String> databases = new ArrayList<>();
            List<List<String>> commands = new ArrayList<>();
            for (String line : lines.subList(open + 1, lines.size())) {
                if (line.startsWith("```")) {
                    return new DocumentedSetup(databases, commands);
                }
                Matcher db = CREATEDB.matcher(line.strip());
                Matcher command = COMMAND.matcher(line.strip());
                if (db.matches()) {
                    databases.add(db.group(1));
                } else if (command.matches()) {
                    List<String> words = new ArrayList<>(List.of(command.group(1)));
                    words.addAll(List.of(command.group(2).strip().split(" +")).stream().filter(w -> !w.isEmpty()).toList());
                    commands.add(words);
                } else {
                    throw new AssertionError("the documented setup has a line this test cannot run: '" + line
                            + "' (only createdb and ./proofline core|prover --name=value lines)");
                }
            }
            throw new AssertionError("the documented setup's block in " + readme + " is not closed");
        }

        private static int indexOf(List<String> lines, int from, String prefix, Path readme) {
            for (int i = from; i < lines.size(); i++) {
                if (lines.get(i).startsWith(prefix)) {
                    return i;
                }
            }
            throw new AssertionError(readme + " has no line starting with " + prefix);
        }
    }

    /** The database name at the end of {@code spring.datasource.url} in an application's configuration file. */
    private static String defaultDatabase(String resource) throws IOException {
        try (InputStream in = DocumentedSetupFunctionalTests.class.getClassLoader().getResourceAsStream(resource)) {
            assertTrue(in != null, resource + " on the classpath");
            Matcher m = Pattern.compile("url: jdbc:postgresql://127\\.0\\.0\\.1:5432/(\\w+)")
                    .matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            assertTrue(m.find(), "a datasource url in " + resource);
            return m.group(1);
        }
    }

    private static List<String> database(TestDatabase db) {
        return List.of("--spring.datasource.url=" + db.jdbcUrl(), "--spring.datasource.username=" + db.user(),
                "--spring.datasource.password=" + db.password());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void awaitCoreUp(String coreUrl, List<WorkerProcess> processes) throws Exception {
        await("the core answering on " + coreUrl, Duration.ofMinutes(2), processes, () -> {
            try {
                return http.send(HttpRequest.newBuilder(URI.create(coreUrl + "/status")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
    }

    private String status(String coreUrl, int batch) throws IOException, InterruptedException {
        String body = http.send(HttpRequest.newBuilder(URI.create(coreUrl + "/batches/" + batch)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("\"status\"\\s*:\\s*\"([^\"]*)\"").matcher(body);
        return m.find() ? m.group(1) : body;
    }

    private static void await(String what, Duration timeout, List<WorkerProcess> processes, PipelineEnvironment.Condition condition)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            for (WorkerProcess p : processes) {
                if (!p.isAlive()) {
                    throw new AssertionError("waiting for " + what + ", " + p.describe() + "; its last lines:\n" + p.logTail(40));
                }
            }
            if (System.nanoTime() > deadline) {
                StringBuilder logs = new StringBuilder();
                processes.forEach(p -> logs.append(p.describe()).append('\n').append(p.logTail(15)).append('\n'));
                throw new AssertionError("timed out after " + timeout + " waiting for " + what + "\n" + logs);
            }
            Thread.sleep(200);
        }
    }
}
