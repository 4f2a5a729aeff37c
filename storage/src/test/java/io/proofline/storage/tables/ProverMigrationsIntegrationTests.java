package io.proofline.storage.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.proofline.testsupport.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

class ProverMigrationsIntegrationTests {

    /** The prover's migrations, V1 to V5. */
    private static final int MIGRATIONS = 5;

    private static final List<String> TABLES = List.of("prover_aggregation_proofs", "prover_batches", "prover_circuit_instances",
            "prover_protocol_versions", "prover_schema_history");

    @Test
    void createsTheTablesOnceOnAFreshDatabase() {
        try (TestDatabase db = TestDatabase.create()) {
            assertEquals(MIGRATIONS, ProverMigrations.migrate(db.dataSource()));
            assertEquals(0, ProverMigrations.migrate(db.dataSource()));
            assertEquals(TABLES, tables(db));
            ProverMigrations.flyway(db.dataSource()).validate();
        }
    }

    @Test
    void runsNextToAnotherApplicationsTables() {
        try (TestDatabase db = TestDatabase.create()) {
            db.execute("CREATE TABLE core_batches (batch_number BIGINT PRIMARY KEY)");
            db.execute("CREATE TABLE core_schema_history (installed_rank INT PRIMARY KEY)");

            assertEquals(MIGRATIONS, ProverMigrations.migrate(db.dataSource()));

            List<String> all = JdbcClient.create(db.dataSource()).sql("""
                    SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()
                    ORDER BY table_name""").query(String.class).list();
            assertEquals(List.of("core_batches", "core_schema_history", "prover_aggregation_proofs", "prover_batches",
                    "prover_circuit_instances", "prover_protocol_versions", "prover_schema_history"), all);
        }
    }

    /**
     * Workers started together (the demo's, a README setup's) all migrate one fresh database at
     * start: each must come up, and the history must record every migration once. Without
     * {@link SerialMigrations} a later process finds the history table that an earlier one has just
     * created, still empty, and cannot baseline it.
     */
    @Test
    void processesStartingTogetherAllMigrateOneDatabase() throws Exception {
        int processes = 6;
        Random jitter = new Random(7);
        for (int round = 0; round < 12; round++) {
            try (TestDatabase db = TestDatabase.create(); ExecutorService pool = Executors.newFixedThreadPool(processes)) {
                CyclicBarrier start = new CyclicBarrier(processes);
                List<Future<Integer>> runs = new ArrayList<>();
                for (int p = 0; p < processes; p++) {
                    // the race needs one process to look for the history just before another creates it
                    long delayMicros = jitter.nextInt(20_000);
                    runs.add(pool.submit(() -> {
                        start.await();
                        Thread.sleep(Duration.ofNanos(delayMicros * 1000));
                        return ProverMigrations.migrate(db.dataSource());
                    }));
                }
                int executed = 0;
                for (Future<Integer> run : runs) {
                    executed += run.get();
                }
                assertEquals(MIGRATIONS, executed, "each migration runs once, in one of the processes (round " + round + ")");
                assertEquals(TABLES, tables(db));
                ProverMigrations.flyway(db.dataSource()).validate();
            }
        }
    }

    private static List<String> tables(TestDatabase db) {
        return JdbcClient.create(db.dataSource()).sql("""
                SELECT table_name FROM information_schema.tables
                WHERE table_schema = current_schema() AND table_name LIKE 'prover\\_%' ORDER BY table_name""")
                .query(String.class).list();
    }
}
