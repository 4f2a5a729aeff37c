package io.proofline.jobs;

import static io.proofline.jobs.PipelineEnvironment.BOTH_ROLES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.proofline.storage.objects.ObjectStore;
import io.proofline.storage.tables.BatchStatus;
import io.proofline.storage.tables.ProverBatch;
import io.proofline.storage.tables.ProverBatchesDal;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The launch model of Spring Cloud Data Flow, with a small HTTP server standing in for SCDF's
 * REST API: the gateway poll task, configured to launch through SCDF, stores the batch and sends
 * {@code POST /tasks/executions/launch}; the prover's task mode, launched with that request's
 * arguments, runs the batch's job and ends with its status; a failed run launched again
 * restarts the same job instance. The core runs protocol version 1 (the bundle of base proofs):
 * this test is about launching, not aggregation.
 */
class BatchProofTaskFunctionalTests {

    private static final int BATCH = 1;
    private static final String TASK = "proofline-batch-proof";

    /** Honest small-capacity keys, generated once per test JVM. */
    private static final Path keys = SharedTestKeys.dir();

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    private PipelineEnvironment env;
    private HttpServer scdf;
    private final List<Map<String, String>> launches = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (scdf != null) {
            scdf.stop(0);
        }
        if (env != null) {
            env.close();
        }
    }

    @Test
    void theGatewayPollTaskLaunchesThroughScdfAndTheTaskModeProvesAndRestartsTheBatch() throws Exception {
        // given a core on protocol version 1, a worker, and an orchestrator without gateway (for the test's look at the tables)
        env = new PipelineEnvironment(keys, dir, Map.of("proofline.core.protocol-version", "1"));
        Map<String, String> props = env.proverProperties("postgres");
        env.startWorker("worker-1", BOTH_ROLES, props);
        scdf = startScdf();
        env.startOrchestrator(props, false);

        // when the core seals a batch (four deposits: one instance of each circuit type) and the
        // gateway poll task, configured to launch through SCDF, runs
        env.sealBatch(BATCH, 0);
        Map<String, String> gateway = new LinkedHashMap<>(props);
        gateway.put("proofline.gateway.launcher", "scdf");
        gateway.put("proofline.gateway.scdf.url", "http://127.0.0.1:" + scdf.getAddress().getPort());
        gateway.put("proofline.gateway.scdf.properties.deployer.proofline-prover.local.javaOpts", "-Xmx3g");
        int pollExit = runTask(gateway, "gateway-poll-task", "");

        // then it records the batch, asks SCDF to launch the task for it with the job's parameters, and ends
        assertEquals(0, pollExit, "exit code of the poll task");
        assertEquals(1, launches.size(), "launch requests: " + launches);
        Map<String, String> launch = launches.getFirst();
        assertEquals(TASK, launch.get("name"));
        assertEquals("chainId=1 batchNumber=" + BATCH, launch.get("arguments"));
        assertEquals("deployer.proofline-prover.local.javaOpts=-Xmx3g", launch.get("properties"));
        assertEquals(BatchStatus.RECEIVED, env.proverStatus(BATCH).orElseThrow(), env.diagnostics());
        assertTrue(env.jobExecutions(BATCH).isEmpty(), "no job in the gateway's process");

        // when the stored witness inputs are damaged and the task runs with those arguments
        ObjectStore store = env.bean(ObjectStore.class);
        ProverBatch batch = env.bean(ProverBatchesDal.class).find(PipelineEnvironment.batchId(BATCH)).orElseThrow();
        byte[] inputs = store.get(batch.witnessInputsKey(), batch.witnessInputsSha256());
        store.put(batch.witnessInputsKey(), "not witness inputs".getBytes(StandardCharsets.UTF_8));
        int failedExit = runTask(props, "batch-proof-task", launch.get("arguments"));

        // then the job fails in its first step and the task's exit code says so
        JobExecution failed = env.lastJobExecution(BATCH).orElseThrow();
        assertEquals(org.springframework.batch.core.BatchStatus.FAILED, failed.getStatus(), env.diagnostics());
        assertEquals(org.springframework.batch.core.BatchStatus.FAILED.ordinal(), failedExit, "exit code of the failed task");

        // when the inputs are repaired and the task is launched again with the same arguments
        store.put(batch.witnessInputsKey(), inputs);
        int exit = runTask(props, "batch-proof-task", launch.get("arguments"));

        // then the same job instance is restarted, completes, and the batch is proven at the core
        assertEquals(0, exit, "exit code of the relaunched task\n" + env.diagnostics());
        List<JobExecution> executions = env.jobExecutions(BATCH);
        assertEquals(2, executions.size(), "executions of the batch's one job instance\n" + env.diagnostics());
        JobExecution restarted = executions.getLast();
        assertNotEquals(failed.getId(), restarted.getId());
        assertEquals(failed.getJobInstanceId(), restarted.getJobInstanceId(), "the same job instance");
        assertEquals(org.springframework.batch.core.BatchStatus.COMPLETED, restarted.getStatus(), env.diagnostics());
        assertEquals("proven", env.coreStatus(BATCH), env.diagnostics());
        assertEquals(BatchStatus.SUBMITTED, env.proverStatus(BATCH).orElseThrow());
        assertEquals(restarted.getId(), env.bean(ProverBatchesDal.class).find(PipelineEnvironment.batchId(BATCH))
                .orElseThrow().jobExecutionId(), "the batch names the execution that proved it");

        // and each run is a task execution, as SCDF reads them, linked to its job execution with its exit code
        JdbcClient jdbc = JdbcClient.create(env.bean(DataSource.class));
        for (JobExecution e : executions) {
            List<Integer> exitCodes = jdbc.sql("""
                    SELECT t.exit_code FROM task_execution t JOIN task_task_batch b ON b.task_execution_id = t.task_execution_id
                    WHERE b.job_execution_id = ?""").param(e.getId()).query(Integer.class).list();
            assertEquals(List.of(Objects.equals(e.getId(), failed.getId()) ? failedExit : 0), exitCodes, "task execution of job execution " + e.getId());
        }
    }

    /** Runs the prover with a task profile, in this JVM, as SCDF would launch it; returns its exit code. */
    private int runTask(Map<String, String> props, String profile, String arguments) {
        List<String> args = new ArrayList<>(Arrays.asList(PipelineEnvironment.args(props)));
        args.add("--spring.profiles.active=" + profile);
        args.add("--proofline.gateway.core-url=" + env.coreUrl);
        if (!arguments.isEmpty()) {
            args.addAll(Arrays.asList(arguments.split(" ")));
        }
        ConfigurableApplicationContext task = ProoflineJobsApplication.builder().run(args.toArray(String[]::new));
        return SpringApplication.exit(task);
    }

    /** Answers SCDF's launch and platform requests, recording each launch's form. */
    private HttpServer startScdf() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/tasks/executions", exchange -> {
            byte[] answer;
            int status;
            if (exchange.getRequestMethod().equals("GET") && exchange.getRequestURI().getPath().equals("/tasks/executions/current")) {
                status = 200;
                answer = ("[{\"name\":\"default\",\"type\":\"Local\",\"maximumTaskExecutions\":20,\"runningExecutionCount\":"
                        + launches.size() + "}]").getBytes(StandardCharsets.UTF_8);
            } else if (exchange.getRequestMethod().equals("POST") && exchange.getRequestURI().getPath().equals("/tasks/executions/launch")
                    && exchange.getRequestHeaders().getFirst("Content-Type").startsWith("application/x-www-form-urlencoded")) {
                launches.add(form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
                status = 201;
                answer = ("{\"executionId\":" + launches.size() + ",\"schemaTarget\":\"boot3\"}").getBytes(StandardCharsets.UTF_8);
            } else {
                status = 404;
                answer = new byte[0];
            }
            exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static Map<String, String> form(String body) {
        return Arrays.stream(body.split("&")).map(p -> p.split("=", 2)).collect(Collectors.toMap(
                p -> URLDecoder.decode(p[0], StandardCharsets.UTF_8), p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8),
                (a, b) -> a + "," + b, LinkedHashMap::new));
    }
}
