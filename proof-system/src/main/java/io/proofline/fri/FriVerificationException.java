package io.proofline.fri;

/** A FRI proof failed a check; the message names which. */
public final class FriVerificationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public FriVerificationException(String message) {
        super(message);
    }
}
