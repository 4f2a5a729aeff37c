package io.proofline.demo;

import io.proofline.backend.ProverBackends;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The demo's command line. Every option has a default, so that {@code ./proofline demo} alone
 * runs the whole pipeline; values are checked here so that a typo fails before anything starts.
 *
 * @param batches how many batches to prove end to end (batches 1 to this)
 * @param transactionsPerBatch the core seals a batch as soon as this many transactions wait
 * @param workers worker processes, each a witness generator and a circuit prover
 * @param timeout how long the whole run may take before the demo gives up
 * @param dataDir where the databases, objects and logs go; null for a new temporary directory
 * @param keepData whether to leave the data directory (and databases) behind
 * @param keysDir where the circuit keys are cached between runs
 * @param databaseUrl an existing PostgreSQL server to use instead of an embedded one; may be null
 * @param backend the workers' prover back end ({@code proofline.prover.backend})
 */
record DemoOptions(int batches, int transactionsPerBatch, int workers, Duration timeout, Path dataDir,
                   boolean keepData, Path keysDir, String databaseUrl, String backend) {

    static final String HELP = """
            Usage: ./proofline demo [options]

            Runs the whole proving pipeline on this machine and proves a few batches end to end:
            an embedded PostgreSQL, the rollup core (random traffic on, small circuits), the
            orchestrator with its gateway, and worker processes that generate witnesses and prove
            circuits. Every batch proof is verified by the core. Needs only Java 25 and Maven.

            Options:
              --batches N                 batches to prove (default 3)
              --transactions-per-batch N  transactions sealed into each batch (default 16)
              --workers N                 worker processes (default 2)
              --timeout DURATION          give up after this long, e.g. 300s, 10m (default 30m)
              --data-dir DIR              databases, objects and logs; must be new or empty
                                          (default: a new temporary directory)
              --keep-data                 keep the data directory (and databases) afterwards;
                                          after a failure it is always kept, for its logs
              --keys-dir DIR              circuit keys, generated on the first run and reused
                                          (default ~/.proofline/demo/keys)
              --database-url URL          use this PostgreSQL server instead of an embedded one;
                                          the demo creates (and afterwards drops) two databases
                                          on it, e.g. jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres
              --backend NAME              the workers' prover back end: java, native-cpu, cuda
                                          (an NVIDIA GPU) or auto (default java)
              -h, --help                  show this help
            """;

    private static final Set<String> WITH_VALUE = Set.of("--batches", "--transactions-per-batch", "--workers", "--timeout",
            "--data-dir", "--keys-dir", "--database-url", "--backend");

    DemoOptions {
        require(batches >= 1 && batches <= 1000, "--batches must be between 1 and 1000");
        require(transactionsPerBatch >= 1 && transactionsPerBatch <= 1000, "--transactions-per-batch must be between 1 and 1000");
        require(workers >= 1 && workers <= 16, "--workers must be between 1 and 16");
        require(timeout.isPositive(), "--timeout must be positive");
        require(ProverBackends.NAMES.contains(backend), "--backend must be one of " + String.join(", ", ProverBackends.NAMES)
                + ", not '" + backend + "'");
    }

    static DemoOptions defaults() {
        return new DemoOptions(3, 16, 2, Duration.ofMinutes(30), null, false,
                Path.of(System.getProperty("user.home"), ".proofline", "demo", "keys"), null, "java");
    }

    static boolean helpRequested(String... args) {
        return Arrays.stream(args).anyMatch(a -> a.equals("-h") || a.equals("--help"));
    }

    /**
     * Reads {@code --name value} or {@code --name=value} options over the defaults.
     *
     * @throws IllegalArgumentException naming the option that is unknown, lacks a value or has a bad one
     */
    static DemoOptions parse(String... args) {
        Map<String, String> values = new HashMap<>();
        boolean keepData = false;
        for (int i = 0; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            String name = eq < 0 ? args[i] : args[i].substring(0, eq);
            if (name.equals("--keep-data")) {
                require(eq < 0, "--keep-data takes no value");
                keepData = true;
                continue;
            }
            require(WITH_VALUE.contains(name), "unknown option " + name);
            require(eq >= 0 || i + 1 < args.length, name + " needs a value");
            values.put(name, eq >= 0 ? args[i].substring(eq + 1) : args[++i]);
        }
        DemoOptions d = defaults();
        return new DemoOptions(
                integer(values, "--batches", d.batches),
                integer(values, "--transactions-per-batch", d.transactionsPerBatch),
                integer(values, "--workers", d.workers),
                values.containsKey("--timeout") ? duration("--timeout", values.get("--timeout")) : d.timeout,
                values.containsKey("--data-dir") ? Path.of(values.get("--data-dir")) : d.dataDir,
                keepData,
                values.containsKey("--keys-dir") ? Path.of(values.get("--keys-dir")) : d.keysDir,
                values.getOrDefault("--database-url", d.databaseUrl),
                values.getOrDefault("--backend", d.backend));
    }

    private static int integer(Map<String, String> values, String name, int otherwise) {
        String value = values.get(name);
        if (value == null) {
            return otherwise;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs a whole number, not '" + value + "'");
        }
    }

    /** {@code 90}, {@code 90s}, {@code 10m} or {@code 1h}; a bare number is seconds. */
    private static Duration duration(String name, String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        char unit = v.isEmpty() ? ' ' : v.charAt(v.length() - 1);
        String digits = Character.isDigit(unit) ? v : v.substring(0, Math.max(0, v.length() - 1));
        long amount;
        try {
            amount = Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs a duration such as 300s, 10m or 1h, not '" + value + "'");
        }
        return switch (unit) {
            case 'h' -> Duration.ofHours(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 's' -> Duration.ofSeconds(amount);
            default -> {
                require(Character.isDigit(unit), name + " needs a duration such as 300s, 10m or 1h, not '" + value + "'");
                yield Duration.ofSeconds(amount);
            }
        };
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
