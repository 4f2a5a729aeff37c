package io.proofline.codec;

/** Input that does not follow a Proofline binary format; the message says where and why. */
public final class FormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public FormatException(String message) {
        super(message);
    }
}
