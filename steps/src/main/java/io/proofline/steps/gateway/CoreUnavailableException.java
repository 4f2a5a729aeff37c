package io.proofline.steps.gateway;

/**
 * The core could not be reached, did not answer in time, or answered 5xx, 408 or 429: worth
 * retrying later. Thrown once the client's own retries are spent.
 */
public final class CoreUnavailableException extends CoreClientException {

    private static final long serialVersionUID = 1L;

    public CoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
