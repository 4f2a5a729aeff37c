package io.proofline.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.core.ProoflineCoreApplication;
import io.proofline.jobs.schema.ProverSchema;
import io.proofline.steps.BatchProofKeys;
import io.proofline.storage.tables.BatchId;
import io.proofline.storage.tables.BatchStatus;
import io.proofline.storage.tables.ProtocolVersionKeys;
import io.proofline.storage.tables.ProtocolVersionsDal;
import io.proofline.storage.tables.ProverBatch;
import io.proofline.storage.tables.ProverBatchesDal;
import io.proofline.storage.tables.ProverMigrations;
import io.proofline.testsupport.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The core and the prover pointed at one PostgreSQL database, each with its own configuration
 * unchanged: whichever starts first, both migrate it (the second baselines below its first
 * migration and runs them all), each history table holds only its own application's migrations,
 * and both applications then work on their tables.
 */
class SharedDatabaseIntegrationTests {

    /** Honest small-capacity keys, generated once per test JVM. */
    private static final Path keys = SharedTestKeys.dir();

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theCoreFirstThenTheProver() throws Exception {
        shareOneDatabase(true);
    }

    @Test
    void theProverFirstThenTheCore() throws Exception {
        shareOneDatabase(false);
    }

    /**
     * Workers started together (the demo's, the README's) on a fresh database: every one comes up,
     * and the prover's history records each migration once, applied.
     */
    @Test
    void proversStartingTogether() throws Exception {
        int provers = 3;
        try (TestDatabase db = TestDatabase.create(); ExecutorService starts = Executors.newFixedThreadPool(provers)) {
            List<Future<ConfigurableApplicationContext>> started = new ArrayList<>();
            for (int i = 0; i < provers; i++) {
                long delayMillis = 40L * i; // one looks for the history while another creates it
                started.add(starts.submit(() -> {
                    Thread.sleep(delayMillis);
                    return startProver(db);
                }));
            }
            List<ConfigurableApplicationContext> apps = new ArrayList<>();
            try {
                // then all have started
                for (Future<ConfigurableApplicationContext> app : started) {
                    apps.add(app.get());
                }
                Flyway flyway = ProverSchema.flyway(db.dataSource());
                flyway.validate();
                assertEquals(0, flyway.info().pending().length);
                JdbcClient jdbc = JdbcClient.create(db.dataSource());
                List<String> scripts = scripts(jdbc, ProverMigrations.HISTORY_TABLE);
                assertEquals(Set.copyOf(scripts).size(), scripts.size(), "each migration once: " + scripts);
                assertInstanceOf(FlywayMigrationStrategy.class, apps.getFirst().getBean("serialMigrations"),
                        "the prover migrates through SerialMigrations");
            } finally {
                for (Future<ConfigurableApplicationContext> app : started) {
                    try {
                        app.get().close();
                    } catch (ExecutionException e) {
                        // its failure is the test's
                    }
                }
            }
        }
    }

    private void shareOneDatabase(boolean coreFirst) throws Exception {
        try (TestDatabase db = TestDatabase.create()) {
            ConfigurableApplicationContext core = null;
            ConfigurableApplicationContext prover = null;
            try {
                // given one database, when the applications start one after the other on it
                if (coreFirst) {
                    core = startCore(db);
                    prover = startProver(db);
                } else {
                    prover = startProver(db);
                    core = startCore(db);
                }

                // then each history holds its own application's migrations, all applied, none pending
                JdbcClient jdbc = JdbcClient.create(db.dataSource());
                Flyway coreFlyway = Flyway.configure().dataSource(db.dataSource()).table("core_schema_history")
                        .locations("classpath:db/migration/core").load();
                Flyway proverFlyway = ProverSchema.flyway(db.dataSource());
                for (Flyway flyway : List.of(coreFlyway, proverFlyway)) {
                    flyway.validate();
                    assertEquals(0, flyway.info().pending().length, flyway.getConfiguration().getTable());
                    assertEquals(flyway.info().all().length, flyway.info().applied().length, flyway.getConfiguration().getTable());
                }
                assertEquals(List.of(), scripts(jdbc, "core_schema_history").stream().filter(s -> !s.startsWith("V")
                        || s.contains("prover") || s.contains("spring_batch")).toList(), "only core migrations in core_schema_history");
                assertTrue(scripts(jdbc, ProverMigrations.HISTORY_TABLE).containsAll(List.of("V1__prover_tables.sql",
                        "db.migration.jobs.V100__spring_batch_schema")), "the prover's tables and the job repository's");
                assertTrue(scripts(jdbc, ProverMigrations.HISTORY_TABLE).stream().noneMatch(s -> s.contains("core")));

                // and the core works: it seals a batch and hands it out
                String coreUrl = "http://127.0.0.1:" + core.getEnvironment().getProperty("local.server.port");
                post(coreUrl + "/transactions", "{\"kind\":\"deposit\",\"to\":1,\"amount\":1000,\"owner\":1}");
                post(coreUrl + "/batches/seal", "{}");
                assertTrue(post(coreUrl + "/proof_generation_data", "{}").contains("\"batchNumber\":1"), "the core hands out batch 1");

                // and the prover works: it records a protocol version and a batch, and starts a job for it
                BatchId batch = new BatchId(1, 1);
                ProtocolVersionKeys version = new ProtocolVersionKeys(1, "0x01", "0x02", Map.of());
                prover.getBean(ProtocolVersionsDal.class).register(version);
                prover.getBean(ProverBatchesDal.class).insertReceived(batch, 1, "witness_inputs/1/1.bin", "ab".repeat(32), "0x01");
                assertEquals(BatchStatus.RECEIVED, prover.getBean(ProverBatchesDal.class).find(batch).map(ProverBatch::status).orElseThrow());
                JobRepository jobs = prover.getBean(JobRepository.class);
                var parameters = BatchProofKeys.parameters(batch);
                JobExecution execution = jobs.createJobExecution(jobs.createJobInstance(BatchProofKeys.JOB, parameters), parameters,
                        new ExecutionContext());
                assertEquals(execution.getId(), jobs.getLastJobExecution(BatchProofKeys.JOB, BatchProofKeys.parameters(batch)).getId());
            } finally {
                for (ConfigurableApplicationContext app : new ConfigurableApplicationContext[] {prover, core}) {
                    if (app != null) {
                        app.close();
                    }
                }
            }
        }
    }

    private ConfigurableApplicationContext startCore(TestDatabase db) {
        Map<String, Object> p = connection(db);
        p.put("proofline.core.keys-dir", keys.toString());
        p.put("proofline.core.capacities", "small");
        p.put("proofline.core.protocol-version", "1");
        p.put("proofline.core.batch.max-age", "1h");
        p.put("server.port", "0");
        return new SpringApplicationBuilder(ProoflineCoreApplication.class).run(PipelineEnvironment.args(p));
    }

    private ConfigurableApplicationContext startProver(TestDatabase db) {
        Map<String, Object> p = connection(db);
        p.put("proofline.roles", "orchestrator");
        p.put("proofline.gateway.enabled", "false");
        p.put("proofline.capacities", "small");
        p.put("proofline.keys-dir", keys.toString());
        p.put("proofline.store-dir", dir.resolve("store").toString());
        return ProoflineJobsApplication.builder().run(PipelineEnvironment.args(p));
    }

    private static Map<String, Object> connection(TestDatabase db) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("spring.datasource.url", db.jdbcUrl());
        p.put("spring.datasource.username", db.user());
        p.put("spring.datasource.password", db.password());
        return p;
    }

    /** The migrations a history table records as applied successfully (baseline rows left out). */
    private static List<String> scripts(JdbcClient jdbc, String table) {
        return jdbc.sql("SELECT script FROM " + table + " WHERE success AND type <> 'BASELINE' ORDER BY installed_rank")
                .query(String.class).list();
    }

    private String post(String url, String json) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(r.statusCode() < 300, url + " answered " + r.statusCode() + ": " + r.body());
        return r.body();
    }
}
