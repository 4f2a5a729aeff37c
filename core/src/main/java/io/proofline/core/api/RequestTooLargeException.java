package io.proofline.core.api;

import java.io.IOException;

/** Thrown while reading a body that outgrows the limit; the error handler turns it into 413. */
final class RequestTooLargeException extends IOException {

    private static final long serialVersionUID = 1L;

    RequestTooLargeException(long limit) {
        super(RequestSizeLimitFilter.message(limit));
    }
}
