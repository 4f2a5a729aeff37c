package io.proofline.jobs.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.proofline.storage.tables.BatchId;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The SCDF launcher's bound and refusals, against a small real HTTP server answering as SCDF's REST API. */
class ScdfBatchLauncherTests {

    private HttpServer server;
    private volatile String current = "[]";
    private volatile int launchStatus = 201;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void thePlatformsRunningTasksBoundTheBatchesTaken() throws IOException {
        ScdfBatchLauncher launcher = launcher(start());
        current = "[{\"name\":\"k8s\",\"maximumTaskExecutions\":1,\"runningExecutionCount\":5},"
                + "{\"name\":\"default\",\"type\":\"Local\",\"maximumTaskExecutions\":2,\"runningExecutionCount\":1}]";
        assertEquals(Optional.empty(), launcher.busy());
        current = current.replace("\"runningExecutionCount\":1}", "\"runningExecutionCount\":2}");
        assertEquals(Optional.of("2 of 2 task executions running on Spring Cloud Data Flow platform 'default'"), launcher.busy());
    }

    @Test
    void noBatchIsTakenWhenScdfCannotSayWhetherThereIsRoom() throws IOException {
        int port = start();
        ScdfBatchLauncher launcher = launcher(port);
        current = "[{\"name\":\"other\",\"maximumTaskExecutions\":2,\"runningExecutionCount\":0}]";
        assertTrue(launcher.busy().orElseThrow().contains("no task platform named 'default'"));
        current = "not json";
        assertTrue(launcher.busy().orElseThrow().startsWith("unreadable answer"));
        server.stop(0);
        server = null;
        assertTrue(launcher.busy().orElseThrow().contains("unreachable"), launcher.busy().toString());
    }

    @Test
    void aRefusedLaunchFailsWithScdfsAnswer() throws IOException {
        ScdfBatchLauncher launcher = launcher(start());
        launchStatus = 404;
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> launcher.launch(new BatchId(1, 7)));
        assertTrue(e.getMessage().contains("404 no task definition"), e.getMessage());
    }

    @Test
    void extraArgumentsFollowTheJobParameters() {
        ScdfBatchLauncher launcher = new ScdfBatchLauncher(HttpClient.newHttpClient(), new ScdfLaunchProperties(
                URI.create("http://127.0.0.1:1"), "t", "default", List.of("--proofline.prover.partition-timeout=1h"), Map.of()));
        assertEquals(List.of("chainId=3", "batchNumber=42", "--proofline.prover.partition-timeout=1h"),
                launcher.arguments(new BatchId(3, 42)));
    }

    private int start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/tasks/executions", exchange -> {
            boolean get = exchange.getRequestMethod().equals("GET");
            byte[] body = (get ? current : "no task definition").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(get ? 200 : launchStatus, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server.getAddress().getPort();
    }

    private static ScdfBatchLauncher launcher(int port) {
        return new ScdfBatchLauncher(HttpClient.newHttpClient(), new ScdfLaunchProperties(
                URI.create("http://127.0.0.1:" + port), "proofline-batch-proof", "default", List.of(), Map.of()));
    }
}
