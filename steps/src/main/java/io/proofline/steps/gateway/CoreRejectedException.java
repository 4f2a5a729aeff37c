package io.proofline.steps.gateway;

/**
 * The core refused a request for good (4xx other than 408 and 429, e.g. a wrong bearer token):
 * retrying the same request will not help. The message includes the core's {@code error}.
 */
public final class CoreRejectedException extends CoreClientException {

    private static final long serialVersionUID = 1L;

    private final int httpStatus;
    private final String error;

    public CoreRejectedException(int httpStatus, String error) {
        super("core refused the request with HTTP " + httpStatus + ": " + error, null);
        this.httpStatus = httpStatus;
        this.error = error;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The core's reason: its {@code error} field, or the start of the body. */
    public String error() {
        return error;
    }
}
