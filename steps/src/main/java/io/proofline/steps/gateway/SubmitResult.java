package io.proofline.steps.gateway;

/**
 * The core's final answer to a proof submission: its HTTP status and body, and for a refusal
 * the reason (the {@code error} field, or the start of the body). Retryable failures never
 * arrive here; they end in {@link CoreUnavailableException}.
 *
 * @param error null when accepted
 */
public record SubmitResult(int httpStatus, String body, String error) {

    /** Whether the core took the proof (2xx). */
    public boolean accepted() {
        return httpStatus >= 200 && httpStatus < 300;
    }
}
