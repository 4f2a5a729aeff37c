package io.proofline.jobs;

import io.proofline.core.ProoflineCoreApplication;
import io.proofline.testsupport.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A whole pipeline for functional tests: a core on its own database, an orchestrator in this
 * JVM on the prover database, and the shared key and object-store directories that worker
 * processes are pointed at.
 */
final class PipelineEnvironment implements AutoCloseable {

    final TestDatabase coreDb = TestDatabase.create();
    final TestDatabase proverDb = TestDatabase.create();
    final Path dir;
    final ConfigurableApplicationContext core;
    ConfigurableApplicationContext orchestrator;
    final String coreUrl;
    private final HttpClient http = HttpClient.newHttpClient();

    PipelineEnvironment(Path keysDir) throws IOException {
        dir = Files.createTempDirectory("proofline-pipeline");
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("spring.datasource.url", coreDb.jdbcUrl());
        p.put("spring.datasource.username", coreDb.user());
        p.put("spring.datasource.password", coreDb.password());
        p.put("proofline.core.keys-dir", keysDir.toString());
        p.put("proofline.core.capacities", "small");
        p.put("proofline.core.pick-timeout", "10m");
        p.put("proofline.core.batch.max-age", "1h");
        p.put("proofline.core.batch.max-transactions", "1000");
        p.put("server.port", "0");
        core = new SpringApplicationBuilder(ProoflineCoreApplication.class).run(args(p));
        coreUrl = "http://127.0.0.1:" + core.getEnvironment().getProperty("local.server.port");
    }

    /** Properties every prover process needs: the prover database, store and keys. */
    Map<String, String> proverProperties(Path keysDir, String transport) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("spring.datasource.url", proverDb.jdbcUrl());
        p.put("spring.datasource.username", proverDb.user());
        p.put("spring.datasource.password", proverDb.password());
        p.put("proofline.store-dir", dir.resolve("store").toString());
        p.put("proofline.keys-dir", keysDir.toString());
        p.put("proofline.capacities", "small");
        p.put("proofline.transport", transport);
        p.put("proofline.prover.heartbeat-interval", "500ms");
        return p;
    }

    void startOrchestrator(Map<String, String> properties, boolean gateway) {
        Map<String, Object> p = new LinkedHashMap<>(properties);
        p.put("proofline.roles", "orchestrator");
        p.put("proofline.gateway.core-url", coreUrl);
        p.put("proofline.gateway.enabled", String.valueOf(gateway));
        p.put("proofline.gateway.poll-interval", "300ms");
        orchestrator = ProoflineJobsApplication.builder().run(args(p));
    }

    /** Command-line arguments outrank every configuration file. */
    static String[] args(Map<String, ?> properties) {
        return properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }

    String post(String path, String json) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(coreUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    String get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(coreUrl + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Sends {@code transfers} valid transactions (after funding deposits) and seals them as one batch. */
    void sealBatch(int batch, int transfers) throws IOException, InterruptedException {
        for (int a = 1; a <= 4; a++) {
            post("/transactions", "{\"kind\":\"deposit\",\"to\":" + (100 * batch + a) + ",\"amount\":1000,\"owner\":" + a + "}");
        }
        for (int i = 0; i < transfers; i++) {
            int from = 100 * batch + 1 + i % 4;
            post("/transactions", "{\"kind\":\"transfer\",\"from\":" + from + ",\"to\":" + (100 * batch + 1 + (i + 1) % 4)
                    + ",\"amount\":" + (1 + i) + ",\"nonce\":" + (i / 4) + "}");
        }
        post("/batches/seal", "{}");
    }

    boolean proven(int batch) throws IOException, InterruptedException {
        return get("/batches/" + batch).contains("\"proven\"");
    }

    /** Fails the test as soon as a batch's job has failed, instead of waiting for a timeout. */
    void assertNoFailedBatch() {
        var failed = orchestrator.getBean(io.proofline.steps.data.ProverBatchesDal.class)
                .listByStatus(io.proofline.steps.data.BatchStatus.FAILED);
        if (!failed.isEmpty()) {
            throw new AssertionError("batch job failed: " + failed);
        }
    }

    @Override
    public void close() {
        if (orchestrator != null) {
            orchestrator.close();
        }
        core.close();
        proverDb.close();
        coreDb.close();
    }
}
