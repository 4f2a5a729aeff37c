package io.proofline.storage.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.proofline.testsupport.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

class ProverMigrationsIntegrationTests {

    private static final List<String> TABLES = List.of("prover_aggregation_proofs", "prover_batches", "prover_circuit_instances",
            "prover_protocol_versions", "prover_schema_history");

    @Test
    void createsTheTablesOnceOnAFreshDatabase() {
        try (TestDatabase db = TestDatabase.create()) {
            assertEquals(4, ProverMigrations.migrate(db.dataSource()));
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

            assertEquals(4, ProverMigrations.migrate(db.dataSource()));

            List<String> all = JdbcClient.create(db.dataSource()).sql("""
                    SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()
                    ORDER BY table_name""").query(String.class).list();
            assertEquals(List.of("core_batches", "core_schema_history", "prover_aggregation_proofs", "prover_batches",
                    "prover_circuit_instances", "prover_protocol_versions", "prover_schema_history"), all);
        }
    }

    private static List<String> tables(TestDatabase db) {
        return JdbcClient.create(db.dataSource()).sql("""
                SELECT table_name FROM information_schema.tables
                WHERE table_schema = current_schema() AND table_name LIKE 'prover\\_%' ORDER BY table_name""")
                .query(String.class).list();
    }
}
