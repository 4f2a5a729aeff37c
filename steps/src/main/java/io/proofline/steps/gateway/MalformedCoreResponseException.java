package io.proofline.steps.gateway;

/**
 * The core answered with a status the API allows but a body that does not follow it (not
 * JSON, a missing or mistyped field, undecodable witness input): a bug or a version mismatch,
 * not something a retry fixes.
 */
public final class MalformedCoreResponseException extends CoreClientException {

    private static final long serialVersionUID = 1L;

    public MalformedCoreResponseException(String message) {
        super(message, null);
    }

    public MalformedCoreResponseException(String message, Throwable cause) {
        super(message, cause);
    }
}
