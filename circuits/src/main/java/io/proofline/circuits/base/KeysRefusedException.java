package io.proofline.circuits.base;

/**
 * Keys that must not be used: a setup file that is not its circuit's, or key commitments other
 * than the ones pinned for the protocol version. The message names the circuit and what differs.
 */
public final class KeysRefusedException extends IllegalStateException {

    public KeysRefusedException(String message) {
        super(message);
    }
}
