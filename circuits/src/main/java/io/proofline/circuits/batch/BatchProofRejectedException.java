package io.proofline.circuits.batch;

/** A batch proof that does not prove the batch; the message is the reason, fit to show a client. */
public final class BatchProofRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BatchProofRejectedException(String message) {
        super(message);
    }
}
