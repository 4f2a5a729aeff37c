package io.proofline.steps.gateway;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The gateway's client of the core's proof data handler. Each call is retried with {@link Retry}
 * while the core is unavailable (unreachable, timing out, 5xx, 408, 429) and ends either with
 * the core's answer or with a {@link CoreClientException} saying whether a later try can help.
 * Both endpoints are safe to repeat: a batch handed out but never answered is handed out again
 * after the core's pick timeout, and a batch proven twice stays proven.
 */
public final class CoreClient {

    /** Five tries over about fifteen seconds: rides out a core restart, not an outage. */
    public static final Retry DEFAULT_RETRY = new Retry(5, Duration.ofSeconds(1), Duration.ofSeconds(8));

    private final URI baseUrl;
    private final Optional<String> bearerToken;
    private final Duration timeout;
    private final Retry retry;
    private final HttpClient http;

    public CoreClient(URI baseUrl, Optional<String> bearerToken, Duration timeout) {
        this(baseUrl, bearerToken, timeout, DEFAULT_RETRY);
    }

    /**
     * @param baseUrl the core's API root, e.g. {@code http://127.0.0.1:3320/}
     * @param bearerToken sent as {@code Authorization: Bearer <token>} when present
     * @param timeout for connecting and for each whole request
     */
    public CoreClient(URI baseUrl, Optional<String> bearerToken, Duration timeout, Retry retry) {
        String scheme = baseUrl.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme) || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("core URL must be http(s)://host[:port][/path], not " + baseUrl);
        }
        bearerToken.ifPresent(t -> {
            if (t.isBlank() || t.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
                throw new IllegalArgumentException("bearer token must be non-empty printable ASCII without spaces");
            }
        });
        this.baseUrl = baseUrl.toString().endsWith("/") ? baseUrl : URI.create(baseUrl + "/");
        this.bearerToken = bearerToken;
        this.timeout = timeout;
        this.retry = Objects.requireNonNull(retry, "retry");
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public URI baseUrl() {
        return baseUrl;
    }

    /**
     * Takes the next batch to prove.
     *
     * @return the batch, or empty if the core has none now (204)
     * @throws CoreUnavailableException once retries are spent
     * @throws CoreRejectedException on a 4xx answer (e.g. 401: wrong token)
     * @throws MalformedCoreResponseException if the answer does not follow the API
     * @throws InterruptedException if interrupted while waiting
     */
    public Optional<ProofGenerationData> fetchNext() throws InterruptedException {
        return retry.call("fetching the next batch from " + baseUrl, CoreUnavailableException.class::isInstance, () -> {
            HttpResponse<byte[]> response = send(post("proof_generation_data", "{}"));
            int status = response.statusCode();
            if (status == 204) {
                return Optional.empty();
            }
            if (status == 200) {
                return Optional.of(CoreJson.proofGenerationData(response.body()));
            }
            if (status >= 200 && status < 300) {
                throw new MalformedCoreResponseException("core answered proof_generation_data with HTTP " + status
                        + "; the API answers 200 or 204");
            }
            throw new CoreRejectedException(status, CoreJson.error(status, response.body()));
        });
    }

    /**
     * Hands a batch proof ({@code BatchProofCodec} bytes) to the core.
     *
     * @return the core's answer: accepted (2xx), or refused with its reason (4xx, not worth retrying)
     * @throws CoreUnavailableException once retries are spent
     * @throws InterruptedException if interrupted while waiting
     */
    public SubmitResult submitProof(long batchNumber, int protocolVersion, byte[] batchProof) throws InterruptedException {
        if (batchNumber < 0) {
            throw new IllegalArgumentException("negative batch number " + batchNumber);
        }
        String body = CoreJson.submitRequest(protocolVersion, batchProof);
        return retry.call("submitting the proof of batch " + batchNumber + " to " + baseUrl,
                CoreUnavailableException.class::isInstance, () -> {
                    HttpResponse<byte[]> response = send(post("submit_proof/" + batchNumber, body));
                    int status = response.statusCode();
                    String answer = new String(response.body(), StandardCharsets.UTF_8);
                    if (status >= 200 && status < 300) {
                        return new SubmitResult(status, answer, null);
                    }
                    return new SubmitResult(status, answer, CoreJson.error(status, response.body()));
                });
    }

    private HttpRequest post(String path, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(baseUrl.resolve(path))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        bearerToken.ifPresent(t -> b.header("Authorization", "Bearer " + t));
        return b.build();
    }

    /** Sends once; unreachable, timing out, 5xx, 408 and 429 become {@link CoreUnavailableException}. */
    private HttpResponse<byte[]> send(HttpRequest request) {
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new CoreUnavailableException("core at " + baseUrl + " unreachable: " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CoreUnavailableException("interrupted while calling the core at " + baseUrl, e);
        }
        int status = response.statusCode();
        if (status >= 500 || status == 408 || status == 429) {
            throw new CoreUnavailableException("core answered " + request.uri().getPath() + " with HTTP " + status + ": "
                    + CoreJson.error(status, response.body()), null);
        }
        return response;
    }

    /** The exception's type and the first message along its causes (HttpClient's ConnectException has none). */
    private static String describe(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return e.getClass().getSimpleName() + " (" + t.getMessage() + ")";
            }
        }
        return e.getClass().getSimpleName() + (e instanceof ConnectException ? " (could not connect)" : "");
    }

    @Override
    public String toString() {
        return "CoreClient(" + baseUrl + (bearerToken.isPresent() ? ", with bearer token" : "") + ")";
    }
}
