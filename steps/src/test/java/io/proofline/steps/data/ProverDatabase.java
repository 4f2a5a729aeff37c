package io.proofline.steps.data;

import io.proofline.testsupport.TestDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A fresh database with the prover's migrations applied, for one test class. */
final class ProverDatabase implements AutoCloseable {

    final TestDatabase db;
    final JdbcClient jdbc;

    ProverDatabase() {
        db = TestDatabase.create();
        ProverMigrations.migrate(db.dataSource());
        jdbc = JdbcClient.create(db.dataSource());
    }

    void clear() {
        db.execute("TRUNCATE prover_aggregation_proofs, prover_circuit_instances, prover_batches, prover_protocol_versions");
    }

    @Override
    public void close() {
        db.close();
    }
}
