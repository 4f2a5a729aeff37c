package io.proofline.jobs.gateway;

import io.proofline.jobs.batchproof.BatchLauncher;
import io.proofline.steps.BatchProofKeys;
import io.proofline.storage.tables.BatchId;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Launches each batch as a task of a Spring Cloud Data Flow server, through the REST API its
 * dashboard uses: {@code POST /tasks/executions/launch} with the task definition's name and the
 * arguments {@code chainId=<c> batchNumber=<n>}, which the prover's task mode turns into the
 * batchProof job's parameters. (A 2.11 server refuses the older {@code POST /tasks/executions}
 * for applications registered as Boot 3: "cannot be launched for boot2".) The batch then shows in the dashboard, where a failed execution
 * is restarted. The bound on batches in flight is the platform's: no batch is taken while SCDF
 * runs its {@code maximum-concurrent-tasks}.
 */
public final class ScdfBatchLauncher implements BatchLauncher {

    private static final System.Logger LOG = System.getLogger(ScdfBatchLauncher.class.getName());
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http;
    private final ScdfLaunchProperties settings;
    private final URI base;

    public ScdfBatchLauncher(HttpClient http, ScdfLaunchProperties settings) {
        this.http = http;
        this.settings = settings;
        String url = settings.url().toString();
        this.base = URI.create(url.endsWith("/") ? url : url + "/");
    }

    /** The platform's running and maximum task executions, from {@code GET /tasks/executions/current}. */
    @Override
    public Optional<String> busy() {
        HttpResponse<String> answer;
        try {
            answer = send(HttpRequest.newBuilder(base.resolve("tasks/executions/current")).GET());
        } catch (IOException e) {
            return Optional.of("Spring Cloud Data Flow at " + base + " unreachable: " + e);
        }
        if (answer.statusCode() != 200) {
            return Optional.of("Spring Cloud Data Flow answered " + answer.statusCode() + " to GET /tasks/executions/current");
        }
        try {
            for (JsonNode platform : JSON.readTree(answer.body())) {
                if (settings.platform().equals(platform.path("name").asString())) {
                    int running = platform.path("runningExecutionCount").asInt();
                    int maximum = platform.path("maximumTaskExecutions").asInt();
                    return running < maximum ? Optional.empty() : Optional.of(running + " of " + maximum
                            + " task executions running on Spring Cloud Data Flow platform '" + settings.platform() + "'");
                }
            }
        } catch (JacksonException e) {
            return Optional.of("unreadable answer to GET /tasks/executions/current: " + e.getOriginalMessage());
        }
        return Optional.of("Spring Cloud Data Flow has no task platform named '" + settings.platform()
                + "' (proofline.gateway.scdf.platform)");
    }

    /**
     * @throws IllegalStateException when the server does not take the launch; the batch stays
     *     recorded, and the core hands it out again after its pick timeout
     */
    @Override
    public void launch(BatchId id) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("name", settings.taskName());
        form.put("arguments", String.join(" ", arguments(id)));
        if (!settings.properties().isEmpty()) {
            form.put("properties", settings.properties().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(",")));
        }
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> answer;
        try {
            answer = send(HttpRequest.newBuilder(base.resolve("tasks/executions/launch"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot launch task " + settings.taskName() + " for " + id + " on " + base, e);
        }
        if (answer.statusCode() / 100 != 2) {
            throw new IllegalStateException("Spring Cloud Data Flow refused to launch task " + settings.taskName() + " for " + id
                    + ": " + answer.statusCode() + " " + answer.body());
        }
        LOG.log(System.Logger.Level.INFO, "launched task " + settings.taskName() + " for " + id + " on Spring Cloud Data Flow: "
                + answer.body().strip());
    }

    /** The batch's job parameters as the task mode reads them, then the configured extra arguments. */
    List<String> arguments(BatchId id) {
        List<String> args = new ArrayList<>();
        args.add(BatchProofKeys.CHAIN_ID + "=" + id.chainId());
        args.add(BatchProofKeys.BATCH_NUMBER + "=" + id.batchNumber());
        args.addAll(settings.arguments());
        return args;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
        try {
            return http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
