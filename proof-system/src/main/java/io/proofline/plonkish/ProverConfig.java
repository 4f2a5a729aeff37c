package io.proofline.plonkish;

import io.proofline.backend.ProverBackend;
import io.proofline.fri.FriParameters;

/**
 * The choices a proof is made with: which backend runs the hot loops, and the FRI parameters
 * (which fix the LDE factor and security).
 */
public record ProverConfig(ProverBackend backend, FriParameters fri) {

    /** LDE factor 8, 16 proof-of-work bits, 100 bits of security, the Java backend. */
    public static ProverConfig standard() {
        return new ProverConfig(ProverBackend.java(), FriParameters.forSecurity(FriParameters.DEFAULT_SECURITY_BITS, 3, 16));
    }
}
