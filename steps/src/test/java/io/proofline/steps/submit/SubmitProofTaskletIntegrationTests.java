package io.proofline.steps.submit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.proofline.steps.BatchProofKeys;
import io.proofline.steps.gateway.CoreClient;
import io.proofline.storage.objects.LocalObjectStore;
import io.proofline.storage.objects.ObjectKeys;
import io.proofline.storage.objects.StoredObject;
import io.proofline.storage.tables.BatchId;
import io.proofline.storage.tables.ProtocolVersionKeys;
import io.proofline.storage.tables.ProtocolVersionsDal;
import io.proofline.storage.tables.ProverBatch;
import io.proofline.storage.tables.ProverBatchesDal;
import io.proofline.storage.tables.ProverMigrations;
import io.proofline.testsupport.TestDatabase;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.support.ResourcelessJobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * The core's answer to a submission is recorded on the batch's row even when it is a refusal,
 * which fails the step: run on a real Spring Batch step whose transaction manager is the
 * database's own, as the job's is, against a real PostgreSQL and a core on local HTTP.
 */
class SubmitProofTaskletIntegrationTests {

    private static final BatchId BATCH = new BatchId(270, 7);

    @TempDir
    Path dir;

    private TestDatabase database;
    /** One DataSource for the rows and the step's transactions, as the job's: each call of dataSource() makes another */
    private DataSource dataSource;
    private HttpServer core;
    private ProverBatchesDal batches;
    private LocalObjectStore store;

    @BeforeEach
    void start() throws Exception {
        database = TestDatabase.create();
        dataSource = database.dataSource();
        ProverMigrations.migrate(dataSource);
        JdbcClient jdbc = JdbcClient.create(dataSource);
        new ProtocolVersionsDal(jdbc).register(new ProtocolVersionKeys(1, "0x" + "11".repeat(32), "0x" + "12".repeat(32), Map.of()));
        batches = new ProverBatchesDal(jdbc);
        store = new LocalObjectStore(dir);
        StoredObject inputs = store.put(ObjectKeys.witnessInputs(270, 7), new byte[] {1});
        batches.insertReceived(BATCH, 1, inputs.key(), inputs.sha256Hex(), "0x00");
        StoredObject proof = store.put(ObjectKeys.batchProof(270, 7), new byte[] {2, 3});
        batches.recordBatchProof(BATCH, proof.key(), proof.sha256Hex());
        core = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        core.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = "{\"error\":\"the proof does not verify\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(400, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        core.start();
    }

    @AfterEach
    void stop() {
        if (core != null) {
            core.stop(0);
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void aRefusalFailsTheStepAndStaysRecorded() throws Exception {
        CoreClient client = new CoreClient(URI.create("http://127.0.0.1:" + core.getAddress().getPort()), Optional.empty(),
                Duration.ofSeconds(5));
        JdbcTransactionManager tx = new JdbcTransactionManager(dataSource);
        ResourcelessJobRepository repository = new ResourcelessJobRepository();
        JobInstance instance = repository.createJobInstance(BatchProofKeys.JOB, BatchProofKeys.parameters(BATCH));
        JobExecution job = repository.createJobExecution(instance, BatchProofKeys.parameters(BATCH), new ExecutionContext());
        StepExecution execution = repository.createStepExecution("submitProof", job);
        Step step = new StepBuilder("submitProof", repository).tasklet(new SubmitProofTasklet(store, batches, client, tx), tx).build();

        step.execute(execution);

        assertEquals(BatchStatus.FAILED, execution.getStatus());
        ProverBatch row = batches.find(BATCH).orElseThrow();
        assertEquals(Integer.valueOf(400), row.submitStatus(), "the refusal is on the batch's row: " + row);
        assertTrue(row.submitAnswer().contains("the proof does not verify"), row.submitAnswer());
    }
}
