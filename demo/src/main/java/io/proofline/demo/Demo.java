package io.proofline.demo;

import io.proofline.demo.DemoCluster.Worker;
import io.proofline.demo.EmbeddedDatabase.Database;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.bridge.SLF4JBridgeHandler;
import org.springframework.boot.logging.LoggingSystem;

/**
 * {@code ./proofline demo}: runs the whole pipeline on this machine (see {@link DemoOptions#HELP})
 * and exits 0 once the requested batches are proven and verified by the core; 1 if anything
 * failed, with where the logs are; 2 for a bad command line. Whatever happens, everything it
 * started is stopped, including on Ctrl-C.
 */
public final class Demo {

    private static final String LOGBACK_CONFIG = "io/proofline/demo/logback-demo.xml";
    private static final long POLL_MILLIS = 500;
    /** How long the summary waits for the prover to record a verified batch's submission. */
    private static final Duration SUBMISSION_RECORD_WAIT = Duration.ofSeconds(10);

    private final DemoOptions options;
    private final PrintStream console = System.out;
    private final ProgressReporter progress = new ProgressReporter(console);
    private Path dataDir;
    private Path logDir;
    private EmbeddedDatabase database;
    private DemoCluster cluster;
    private volatile boolean keepData;
    private volatile boolean interrupted;
    private boolean stopped;

    private Demo(DemoOptions options) {
        this.options = options;
        this.keepData = options.keepData();
    }

    public static void main(String[] args) {
        if (DemoOptions.helpRequested(args)) {
            System.out.print(DemoOptions.HELP);
            return;
        }
        DemoOptions options;
        try {
            options = DemoOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("proofline demo: " + e.getMessage() + " (./proofline demo --help lists the options)");
            System.exit(2);
            return;
        }
        System.exit(new Demo(options).run());
    }

    private int run() {
        String doing = "preparing the data directory";
        try {
            prepareDataDir();
            Runtime.getRuntime().addShutdownHook(new Thread(this::onExit, "proofline-demo-stop"));
            console.printf("Proofline demo: %s of %s, %s (prover back end %s), small circuits%n",
                    plural(options.batches(), "batch", "batches"), plural(options.transactionsPerBatch(), "transaction", "transactions"),
                    plural(options.workers(), "worker", "workers"), options.backend());
            console.printf("Data and logs in %s (%s)%n%n", dataDir,
                    keepData ? "kept afterwards" : "removed afterwards unless --keep-data");

            doing = "starting PostgreSQL";
            database = options.databaseUrl() == null ? EmbeddedDatabase.start(dataDir.resolve("postgres"))
                    : EmbeddedDatabase.connect(options.databaseUrl());
            Database coreDb = database.create("core");
            Database proverDb = database.create("prover");
            progress.say("PostgreSQL ready: " + database.description() + ", databases " + coreDb.name() + " and " + proverDb.name());

            // The workers first: their JVMs start while the core and the orchestrator do, so that
            // they are ready when the first batch arrives and do not count in its wall time.
            doing = "starting the workers";
            cluster = new DemoCluster(options, dataDir, logDir);
            List<Worker> workers = cluster.startWorkers(proverDb);
            progress.say("workers starting: " + workers.stream().map(Worker::id).collect(Collectors.joining(", "))
                    + " (one JVM each, witness generator and circuit prover)");

            doing = "starting the core";
            progress.say(hasKeys() ? "starting the core, circuit keys from " + options.keysDir()
                    : "starting the core; first run: generating circuit keys into " + options.keysDir());
            String coreUrl = cluster.startCore(coreDb);
            progress.say("core ready on " + coreUrl + ", random traffic sealed into batches of "
                    + options.transactionsPerBatch() + " transactions");

            doing = "starting the orchestrator";
            cluster.startOrchestrator(proverDb);
            progress.say("orchestrator ready, its gateway polls the core");

            doing = "proving";
            return prove();
        } catch (Exception e) {
            return fail(doing + " failed: " + message(e));
        } finally {
            stop();
        }
    }

    /** Follows batches 1..N until the core has verified them all, something failed or time ran out. */
    private int prove() throws IOException, InterruptedException {
        long allVerifiedAt = 0;
        while (true) {
            List<BatchProgress> batches = new ArrayList<>();
            for (long n = 1; n <= options.batches(); n++) {
                batches.add(cluster.progress(n));
            }
            progress.update(batches);
            if (batches.stream().allMatch(BatchProgress::verified)) {
                // the table's wall times end at the prover's record of the submission, written
                // just after the core's verdict: wait a moment for it rather than print a gap
                allVerifiedAt = allVerifiedAt == 0 ? System.nanoTime() : allVerifiedAt;
                if (batches.stream().allMatch(BatchProgress::submissionRecorded)
                        || System.nanoTime() - allVerifiedAt > SUBMISSION_RECORD_WAIT.toNanos()) {
                    return summary(batches);
                }
            }
            Optional<BatchProgress> failed = batches.stream().filter(BatchProgress::failed).findFirst();
            if (failed.isPresent()) {
                return fail("the proving job of batch " + failed.get().number() + " failed (prover_batches.status = failed)");
            }
            Optional<Worker> dead = cluster.deadWorker();
            if (dead.isPresent()) {
                return fail(dead.get().id() + " exited with code " + dead.get().process().exitValue() + "; see "
                        + dead.get().log());
            }
            if (progress.elapsed().compareTo(options.timeout()) > 0) {
                return fail("not done after " + options.timeout().toSeconds() + " s (--timeout); "
                        + batches.stream().map(b -> "batch " + b.number() + ": " + b.stage()).collect(Collectors.joining("; ")));
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    private int summary(List<BatchProgress> batches) {
        progress.say(batches.size() == 1 ? "the batch is proven and verified by the core"
                : "all " + batches.size() + " batches proven and verified by the core");
        List<SummaryTable.Row> rows = batches.stream().map(b -> new SummaryTable.Row(b, cluster.proofBytes(b.number()))).toList();
        console.println();
        console.print(SummaryTable.render(rows));
        console.println();
        return 0;
    }

    /** Says what went wrong and keeps the data for its logs; after Ctrl-C errors are expected and not reported. */
    private int fail(String why) {
        if (!interrupted) {
            keepData = true;
            console.println();
            console.println("FAILED: " + why);
            if (logDir != null) {
                console.println("Logs: " + logDir + " (demo.log: core, orchestrator and PostgreSQL; worker-N.log: the workers)");
            }
        }
        return 1;
    }

    /** On Ctrl-C (or any exit before the end): the JVM is going away, so what runs must stop now. */
    private void onExit() {
        synchronized (this) {
            if (stopped) {
                return;
            }
        }
        interrupted = true;
        progress.mute();
        console.println();
        console.println("Interrupted; stopping everything.");
        stop();
    }

    /** Stops the workers, the applications and PostgreSQL, then removes the data unless it is kept. Idempotent. */
    private synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            if (cluster != null) {
                cluster.close();
            }
            if (database != null) {
                database.close(keepData);
            }
            if (dataDir != null && !keepData) {
                try (Stream<Path> files = Files.walk(dataDir)) {
                    for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
                console.println("Stopped everything and removed " + dataDir + ".");
            } else if (dataDir != null) {
                console.println("Stopped everything; data and logs kept in " + dataDir + ".");
            }
        } catch (Exception e) {
            console.println("Could not stop or clean up everything: " + message(e) + " (data in " + dataDir + ")");
        }
    }

    /**
     * Uses {@code --data-dir} (new or empty, since it is removed afterwards) or a new temporary
     * directory, and sends the in-process applications' logs to a file there: Spring Boot leaves
     * logging alone, Logback takes the demo's configuration, and java.util.logging (behind the
     * pipeline's System.Logger and Tomcat) goes through SLF4J, so the console shows only the demo's lines.
     */
    private void prepareDataDir() throws IOException {
        Path dir = options.dataDir() == null ? Files.createTempDirectory("proofline-demo-")
                : Files.createDirectories(options.dataDir()).toAbsolutePath();
        if (options.dataDir() != null && !isEmpty(dir)) {
            throw new IOException("--data-dir " + options.dataDir() + " is not empty; give a new or empty directory");
        }
        dataDir = dir;
        logDir = Files.createDirectories(dataDir.resolve("logs"));
        System.setProperty("proofline.demo.log-file", logDir.resolve("demo.log").toString());
        System.setProperty("logback.configurationFile", LOGBACK_CONFIG);
        System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
    }

    private boolean hasKeys() throws IOException {
        return Files.isDirectory(options.keysDir()) && !isEmpty(options.keysDir());
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    private static String plural(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    /** The innermost cause's message: Spring wraps the interesting part several levels deep. */
    private static String message(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
