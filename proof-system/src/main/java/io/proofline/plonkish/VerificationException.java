package io.proofline.plonkish;

/** A proof failed verification; the message names the check. */
public final class VerificationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public VerificationException(String message) {
        super(message);
    }
}
