package io.proofline.plonkish;

import io.proofline.backend.ProverBackend;
import io.proofline.fri.FriParameters;
import java.util.Objects;

/**
 * The choices a proof is made with: which backend runs the hot loops, the FRI parameters
 * (which fix the LDE factor and the soundness reached), and the security requested of them.
 * A config whose parameters reach less than it requests cannot be built, so neither setup,
 * proving nor loading a setup from disk ever runs below the stated level.
 *
 * @param securityBits the requested security in bits, 1 to
 *     {@link FriParameters#FIELD_SECURITY_LIMIT_BITS}; {@code fri} must reach it
 */
public record ProverConfig(ProverBackend backend, FriParameters fri, int securityBits) {

    /** @throws IllegalArgumentException naming the queries needed if {@code fri} falls short of {@code securityBits} */
    public ProverConfig {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(fri, "fri");
        if (securityBits < 1 || securityBits > FriParameters.FIELD_SECURITY_LIMIT_BITS) {
            throw new IllegalArgumentException("requested security must be in [1, " + FriParameters.FIELD_SECURITY_LIMIT_BITS
                    + "] bits, got " + securityBits);
        }
        fri.requireSecurity(securityBits);
    }

    /** LDE factor 8, 16 proof-of-work bits, 100 bits of security, the Java backend. */
    public static ProverConfig standard() {
        return new ProverConfig(ProverBackend.java(), FriParameters.forSecurity(FriParameters.DEFAULT_SECURITY_BITS, 3, 16),
                FriParameters.DEFAULT_SECURITY_BITS);
    }
}
