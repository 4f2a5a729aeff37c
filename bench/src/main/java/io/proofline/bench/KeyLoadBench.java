package io.proofline.bench;

import io.proofline.circuits.aggregation.AggregationKeys;
import io.proofline.circuits.base.BaseCircuitKeys;
import io.proofline.circuits.base.CircuitCapacities;
import io.proofline.circuits.base.CircuitType;
import io.proofline.plonkish.ProverConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * What a process pays to load a keys directory (default small capacities, as the tests and the
 * demo use): generating it once, then, three times, loading the base and recursion keys as the
 * core and every circuit prover do at startup (digest, columns against the circuits), and
 * building the LDEs and Merkle trees that only proving needs, which loading used to do for
 * every setup and now leaves to each setup's first proof.
 */
public final class KeyLoadBench {

    private KeyLoadBench() {
    }

    public static void main(String[] args) throws IOException {
        String capsName = args.length > 0 ? args[0] : "small";
        CircuitCapacities caps = CircuitCapacities.named(capsName);
        ProverConfig config = ProverConfig.standard();
        Path dir = Files.createTempDirectory("proofline-key-load-bench");
        try {
            long g = System.nanoTime();
            AggregationKeys.loadOrGenerate(dir, BaseCircuitKeys.loadOrGenerate(dir, caps, config), config);
            System.out.printf("%s capacities, %d cores: keys generated in %.1f s%n", capsName,
                    Runtime.getRuntime().availableProcessors(), (System.nanoTime() - g) / 1e9);
            System.out.printf("%-4s %-10s %-15s %-16s %-21s%n", "run", "load base", "load recursion", "build base LDEs",
                    "build recursion LDEs");
            for (int run = 1; run <= 3; run++) {
                long t0 = System.nanoTime();
                BaseCircuitKeys base = BaseCircuitKeys.loadOrGenerate(dir, caps, config);
                long t1 = System.nanoTime();
                AggregationKeys keys = AggregationKeys.loadOrGenerate(dir, base, config);
                long t2 = System.nanoTime();
                for (CircuitType type : CircuitType.values()) {
                    base.setup(type);
                }
                long t3 = System.nanoTime();
                for (CircuitType type : CircuitType.values()) {
                    keys.leaf(type).setup();
                }
                keys.node().setup();
                keys.scheduler().setup();
                long t4 = System.nanoTime();
                System.out.printf("%-4d %-10s %-15s %-16s %-21s%n", run, seconds(t1 - t0), seconds(t2 - t1), seconds(t3 - t2),
                        seconds(t4 - t3));
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String seconds(long nanos) {
        return String.format("%.2f s", nanos / 1e9);
    }
}
