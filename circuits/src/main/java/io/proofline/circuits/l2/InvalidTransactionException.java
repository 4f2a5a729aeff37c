package io.proofline.circuits.l2;

/** A transaction the sequencer must refuse: overdraft, overflow, wrong nonce. */
public final class InvalidTransactionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidTransactionException(String message) {
        super(message);
    }
}
