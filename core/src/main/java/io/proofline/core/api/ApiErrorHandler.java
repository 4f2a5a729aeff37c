package io.proofline.core.api;

import io.proofline.circuits.l2.InvalidTransactionException;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Turns every refusal into {@code {"error": "..."}} with the right status, so that a gateway or a
 * user learns what was wrong (which field, which check) instead of reading a stack trace.
 */
@RestControllerAdvice
final class ApiErrorHandler {

    private static final System.Logger LOG = System.getLogger(ApiErrorHandler.class.getName());
    private static final Pattern SOURCE_LOCATION = Pattern.compile("\\s*(\\(start marker )?at \\[Source:[^\\]]*\\]\\)?");

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ErrorBody> api(ApiException e) {
        return error(e.status(), e.getMessage());
    }

    @ExceptionHandler(InvalidTransactionException.class)
    ResponseEntity<ErrorBody> invalidTransaction(InvalidTransactionException e) {
        return error(HttpStatus.BAD_REQUEST, "invalid transaction: " + e.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ErrorBody> unreadable(HttpMessageNotReadableException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RequestTooLargeException tooLarge) {
                return error(HttpStatus.CONTENT_TOO_LARGE, tooLarge.getMessage());
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StreamReadException json) {
                return error(HttpStatus.BAD_REQUEST, "malformed JSON: " + withoutLocation(json.getOriginalMessage()));
            }
            if (t instanceof MismatchedInputException json && String.valueOf(json.getOriginalMessage()).startsWith("Trailing token")) {
                return error(HttpStatus.BAD_REQUEST, "malformed JSON: unexpected content after the JSON value");
            }
            if (t instanceof MismatchedInputException json) {
                String field = field(json);
                return error(HttpStatus.BAD_REQUEST, field.isEmpty()
                        ? "request body must be a JSON object"
                        : "field '" + field + "' must be " + expected(json.getTargetType()));
            }
            if (t instanceof JacksonException json) {
                String field = field(json);
                return error(HttpStatus.BAD_REQUEST, "invalid request body" + (field.isEmpty() ? "" : " at '" + field + "'")
                        + ": " + withoutLocation(json.getOriginalMessage()));
            }
        }
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (message.startsWith("Required request body is missing")) {
            return error(HttpStatus.BAD_REQUEST, "request body is missing: send a JSON object");
        }
        return error(HttpStatus.BAD_REQUEST, "unreadable request body: " + message);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ErrorBody> typeMismatch(MethodArgumentTypeMismatchException e) {
        return error(HttpStatus.BAD_REQUEST, "'" + e.getValue() + "' is not a valid " + e.getName());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ErrorBody> mediaType(HttpMediaTypeNotSupportedException e) {
        return error(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "content type " + e.getContentType() + " is not supported: send application/json");
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ErrorBody> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return error(HttpStatus.NOT_ACCEPTABLE, "the API answers in application/json only");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ErrorBody> method(HttpRequestMethodNotSupportedException e) {
        return error(HttpStatus.METHOD_NOT_ALLOWED, "method " + e.getMethod() + " is not allowed here; use "
                + String.join(" or ", e.getSupportedMethods() == null ? new String[0] : e.getSupportedMethods()));
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ErrorBody> noEndpoint(NoResourceFoundException e) {
        return error(HttpStatus.NOT_FOUND, "no such endpoint: " + e.getHttpMethod() + " /" + e.getResourcePath());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ErrorBody> unexpected(Exception e) {
        if (e instanceof ErrorResponse known && known.getStatusCode().is4xxClientError()) {
            // Spring MVC's other refusals (missing parameter, ...) keep their status and detail.
            String detail = known.getBody().getDetail();
            return error(known.getStatusCode(), detail == null ? e.getMessage() : detail);
        }
        LOG.log(System.Logger.Level.ERROR, "unexpected error while handling a request", e);
        return error(HttpStatus.INTERNAL_SERVER_ERROR, "internal error: " + e.getClass().getSimpleName());
    }

    /** The JSON path of the offending value, e.g. {@code amount}; empty for the whole body. */
    private static String field(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == Long.class || type == Integer.class || type == long.class || type == int.class) {
            return "an integer";
        }
        if (type == String.class) {
            return "a string";
        }
        return "a JSON value of type " + type.getSimpleName();
    }

    /** Jackson's messages end with a location that, for request bodies, says only "REDACTED". */
    private static String withoutLocation(String message) {
        return message == null ? "" : SOURCE_LOCATION.matcher(message).replaceAll("");
    }

    private static ResponseEntity<ErrorBody> error(HttpStatusCode status, String message) {
        return ResponseEntity.status(status).body(new ErrorBody(message));
    }
}
