package io.proofline.circuits.witness;

/** Witness input data that does not describe a valid batch execution. */
public final class InvalidWitnessInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidWitnessInputException(String message) {
        super(message);
    }
}
