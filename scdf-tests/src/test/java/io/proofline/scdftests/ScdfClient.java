package io.proofline.scdftests;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The REST calls the dashboard makes to a Spring Cloud Data Flow 2.11 server. None names a
 * {@code schemaTarget}, as dashboard 3.2 names none: the server's filter adds {@code boot3}.
 */
final class ScdfClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    final String url;

    ScdfClient(String url) {
        this.url = url;
    }

    /** {@code POST /tasks/executions/launch}; the task execution's id. */
    long launch(String task, String arguments) throws IOException, InterruptedException {
        String form = Map.of("name", task, "arguments", arguments).entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        JsonNode answer = send(HttpRequest.newBuilder(URI.create(url + "/tasks/executions/launch"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)));
        return answer.path("executionId").asLong();
    }

    /** {@code GET /tasks/executions/{id}}: exitCode, arguments, jobExecutionIds, endTime... */
    JsonNode taskExecution(long id) throws IOException, InterruptedException {
        return get("/tasks/executions/" + id);
    }

    /** The task's executions, newest first ({@code GET /tasks/executions?name=}). */
    List<JsonNode> taskExecutions(String task) throws IOException, InterruptedException {
        return list(get("/tasks/executions?size=100&name=" + task), "taskExecutionResourceList");
    }

    /** {@code GET /jobs/executions}: the job executions the dashboard lists. */
    List<JsonNode> jobExecutions() throws IOException, InterruptedException {
        return list(get("/jobs/executions?size=100"), "jobExecutionResourceList");
    }

    /** {@code GET /jobs/executions/{id}/steps}: each step execution's stepExecution (id, stepName, status). */
    List<JsonNode> steps(long jobExecutionId) throws IOException, InterruptedException {
        List<JsonNode> steps = new ArrayList<>();
        for (JsonNode s : list(get("/jobs/executions/" + jobExecutionId + "/steps?size=100"), "stepExecutionResourceList")) {
            steps.add(s.path("stepExecution"));
        }
        return steps;
    }

    /** {@code PUT /jobs/executions/{id}?restart=true}: the dashboard's Restart. */
    void restart(long jobExecutionId) throws IOException, InterruptedException {
        send(HttpRequest.newBuilder(URI.create(url + "/jobs/executions/" + jobExecutionId + "?restart=true"))
                .PUT(HttpRequest.BodyPublishers.noBody()));
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url + path)).GET());
    }

    private JsonNode send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpRequest r = request.timeout(Duration.ofSeconds(60)).header("Accept", "application/json").build();
        HttpResponse<String> response = http.send(r, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new AssertionError(r.method() + " " + r.uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body().isBlank() ? json.nullNode() : json.readTree(response.body());
    }

    private static List<JsonNode> list(JsonNode page, String name) {
        List<JsonNode> out = new ArrayList<>();
        page.path("_embedded").path(name).forEach(out::add);
        return out;
    }
}
