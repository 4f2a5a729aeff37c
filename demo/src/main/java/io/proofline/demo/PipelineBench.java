package io.proofline.demo;

import io.proofline.demo.EmbeddedDatabase.Database;
import io.proofline.jobs.report.PartitionOverhead;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.bridge.SLF4JBridgeHandler;
import org.springframework.boot.logging.LoggingSystem;

/**
 * {@code ./proofline bench pipeline}: the demo's pipeline (embedded PostgreSQL, core with random
 * traffic, orchestrator, worker JVMs, small circuits) with 1 and then 2 workers, proving the
 * same number of batches each time. Prints batches per hour (from the first batch being sealed
 * to the last being verified by the core) and the per-partition orchestration overhead read
 * from the job repository and the prover tables (see {@link PartitionOverhead} for each column):
 * dispatch (request to start, queueing included), pickup (worker free to start), in-step
 * overhead, the manager noticing completion, and their share of the proving work.
 *
 * <p>Arguments: batches per run (default 6), transactions per batch (default 16) and the circuit
 * capacities ({@code small}, the demo's and the default, or {@code production}, 2^17-row instances).
 */
public final class PipelineBench {

    private PipelineBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 3) {
            usage("too many arguments");
        }
        int batches = args.length > 0 ? positive(args[0], "batches") : 6;
        int perBatch = args.length > 1 ? positive(args[1], "transactions per batch") : 16;
        String capacities = args.length > 2 ? args[2] : DemoCluster.DEMO_CAPACITIES;
        if (!capacities.equals("small") && !capacities.equals("production")) {
            usage("capacities must be small or production, got '" + capacities + "'");
        }
        Path root = Files.createTempDirectory("proofline-pipeline-bench-");
        Path logs = Files.createDirectories(root.resolve("logs"));
        System.setProperty("proofline.demo.log-file", logs.resolve("bench.log").toString());
        System.setProperty("logback.configurationFile", "io/proofline/demo/logback-demo.xml");
        System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        System.out.printf("Pipeline benchmark: %d batches of %d transactions per run, %s circuits, %d cores; logs in %s%n",
                batches, perBatch, capacities, Runtime.getRuntime().availableProcessors(), logs);
        List<String> rows = new ArrayList<>();
        for (int workers : new int[] {1, 2}) {
            rows.add(run(root.resolve("run-" + workers), logs, batches, perBatch, capacities, workers));
        }
        System.out.printf("%n%-8s %-8s %-8s %-13s %-11s %-13s %-12s %-10s %-12s %-10s %-10s %-9s%n", "workers", "batches",
                "seconds", "batches/hour", "partitions", "dispatch ms", "dispatch max", "pickup ms", "in-step ms", "notice ms",
                "work ms", "overhead");
        rows.forEach(System.out::println);
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).filter(p -> !p.startsWith(logs)).forEach(p -> p.toFile().delete());
        }
    }

    private static int positive(String arg, String what) {
        try {
            int n = Integer.parseInt(arg);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        usage(what + " must be a positive whole number, got '" + arg + "'");
        return 0;
    }

    private static void usage(String why) {
        System.err.println("proofline bench pipeline: " + why);
        System.err.println("usage: ./proofline bench pipeline [batches (default 6)] [transactions per batch (default 16)]"
                + " [small|production (default small)]");
        System.exit(2);
    }

    private static String run(Path dir, Path logs, int batches, int perBatch, String capacities, int workers)
            throws Exception {
        Files.createDirectories(dir);
        // keys of each capacity in their own directory, kept between runs like the demo's
        Path keys = DemoOptions.defaults().keysDir();
        DemoOptions options = new DemoOptions(batches, perBatch, workers, Duration.ofMinutes(20), dir, false,
                capacities.equals(DemoCluster.DEMO_CAPACITIES) ? keys : keys.resolveSibling("keys-" + capacities), null,
                DemoOptions.defaults().backend());
        try (EmbeddedDatabase database = EmbeddedDatabase.start(dir.resolve("postgres"));
             DemoCluster cluster = new DemoCluster(options, capacities, dir, Files.createDirectories(logs.resolve("w" + workers)))) {
            Database coreDb = database.create("core");
            Database proverDb = database.create("prover");
            cluster.startWorkers(proverDb);
            cluster.startCore(coreDb);
            cluster.startOrchestrator(proverDb);
            long start = 0;
            long deadline = System.nanoTime() + options.timeout().toNanos();
            while (true) {
                List<BatchProgress> progress = new ArrayList<>();
                for (long n = 1; n <= batches; n++) {
                    progress.add(cluster.progress(n));
                }
                if (start == 0 && progress.stream().anyMatch(b -> b.proverStatus() != null)) {
                    start = System.nanoTime();
                }
                if (progress.stream().allMatch(BatchProgress::verified)) {
                    break;
                }
                if (progress.stream().anyMatch(BatchProgress::failed) || cluster.deadWorker().isPresent()
                        || System.nanoTime() > deadline) {
                    throw new IllegalStateException("run with " + workers + " workers failed; logs in " + logs);
                }
                Thread.sleep(200);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            PartitionOverhead o = PartitionOverhead.measure(cluster.proverJdbc());
            System.out.printf("%d worker(s): %d batches in %.1f s%n", workers, batches, seconds);
            return String.format("%-8d %-8d %-8.1f %-13.0f %-11d %-13.1f %-12.1f %-10.1f %-12.1f %-10.1f %-10.1f %-9s", workers,
                    batches, seconds, batches / seconds * 3600, o.partitions(), o.meanDispatchMs(), o.maxDispatchMs(),
                    o.meanPickupMs(), o.meanInStepOverheadMs(), o.meanNoticeMs(), o.meanWorkMs(),
                    String.format("%.1f%%", 100 * o.overheadShare()));
        }
    }

}
