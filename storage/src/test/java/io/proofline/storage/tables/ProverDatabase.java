package io.proofline.storage.tables;

import io.proofline.testsupport.TestDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A fresh database with the prover's migrations applied, for one test class. */
final class ProverDatabase implements AutoCloseable {

    static final ProtocolVersionKeys VERSION_1 = new ProtocolVersionKeys(1, "0x" + "11".repeat(32), "0x" + "12".repeat(32),
            java.util.Map.of());

    final TestDatabase db;
    final JdbcClient jdbc;

    ProverDatabase() {
        db = TestDatabase.create();
        ProverMigrations.migrate(db.dataSource());
        jdbc = JdbcClient.create(db.dataSource());
    }

    /** Empties the tables, then records protocol version 1 (with {@link #VERSION_1}'s keys), under which the tests receive batches. */
    void clear() {
        db.execute("TRUNCATE prover_aggregation_proofs, prover_circuit_instances, prover_batches, prover_protocol_versions");
        new ProtocolVersionsDal(jdbc).register(VERSION_1);
    }

    @Override
    public void close() {
        db.close();
    }
}
