package io.proofline.steps.gateway;

/** Talking to the core failed; the subclass says whether trying again can help. */
public abstract sealed class CoreClientException extends RuntimeException
        permits CoreUnavailableException, CoreRejectedException, MalformedCoreResponseException {

    private static final long serialVersionUID = 1L;

    CoreClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
