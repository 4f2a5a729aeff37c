package io.proofline.plonkish;

/** A proof that cannot fit the JVM's heap, refused before the prover starts on it ({@link ProverMemory}). */
public final class ProverMemoryException extends IllegalStateException {

    ProverMemoryException(String message) {
        super(message);
    }
}
