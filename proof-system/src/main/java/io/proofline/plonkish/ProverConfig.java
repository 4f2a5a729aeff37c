package io.proofline.plonkish;

import io.proofline.backend.ProverBackend;
import io.proofline.backend.ProverBackends;
import io.proofline.fri.FriParameters;
import java.util.Objects;

/**
 * The choices a proof is made with: which backend runs the hot loops, the FRI parameters
 * (which fix the LDE factor and the soundness reached), and the security requested of them.
 * A config whose parameters reach less than it requests cannot be built, and setup refuses a
 * request beyond what the field allows at the circuit's size ({@link Soundness}), so neither
 * setup, proving nor loading a setup from disk ever runs below the stated level. Levels are
 * bits of <em>conjectured</em> security; see {@link FriParameters}.
 *
 * @param securityBits the requested conjectured security in bits, 1 to
 *     {@link FriParameters#MAX_SECURITY_BITS}; {@code fri} must reach it
 */
public record ProverConfig(ProverBackend backend, FriParameters fri, int securityBits) {

    /** @throws IllegalArgumentException naming the queries needed if {@code fri} falls short of {@code securityBits} */
    public ProverConfig {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(fri, "fri");
        if (securityBits < 1 || securityBits > FriParameters.MAX_SECURITY_BITS) {
            throw new IllegalArgumentException("requested security must be in [1, " + FriParameters.MAX_SECURITY_BITS
                    + "] bits, got " + securityBits);
        }
        fri.requireSecurity(securityBits);
    }

    /**
     * LDE factor 8, 28 queries, 16 proof-of-work bits: 100 bits of conjectured security (about
     * 56 under the proven analysis), the back end chosen by {@code proofline.prover.backend}
     * ({@link ProverBackends#configured()}, Java unless set).
     */
    public static ProverConfig standard() {
        return conjectured(3);
    }

    /**
     * LDE factor 2, 84 queries, 16 proof-of-work bits: 100 bits of conjectured security, with a
     * quarter of {@link #standard()}'s hashing and FRI work for a proof about three times larger,
     * which is the trade a base layer whose proofs recursion absorbs can make. The quotient is
     * still evaluated on a domain 8 times the trace, uncommitted.
     */
    public static ProverConfig ldeFactor2() {
        return conjectured(1);
    }

    /**
     * LDE factor 4, 42 queries, 16 proof-of-work bits: 100 bits of conjectured security, half of
     * {@link #standard()}'s hashing and FRI work for a proof about one and a half times larger,
     * between it and {@link #ldeFactor2()}. The quotient is still evaluated on a domain 8 times
     * the trace, uncommitted.
     */
    public static ProverConfig ldeFactor4() {
        return conjectured(2);
    }

    /**
     * LDE factor 8, 58 queries, 16 proof-of-work bits: the FRI query phase reaches 100 bits
     * under the proven (Johnson-bound) analysis, not only the conjectured one. Proving costs
     * the same LDE as {@link #standard()}; the proof carries twice the query openings.
     * docs/security.md says what the other terms of the proven analysis give.
     */
    public static ProverConfig provenQueries() {
        FriParameters fri = FriParameters.forProvenQuerySecurity(FriParameters.DEFAULT_SECURITY_BITS, 3, 16);
        return new ProverConfig(ProverBackends.configured(), fri, FriParameters.DEFAULT_SECURITY_BITS);
    }

    /** 100 bits of conjectured security at LDE factor {@code 2^logBlowup} with 16 proof-of-work bits, on the configured back end. */
    private static ProverConfig conjectured(int logBlowup) {
        return new ProverConfig(ProverBackends.configured(),
                FriParameters.forSecurity(FriParameters.DEFAULT_SECURITY_BITS, logBlowup, 16), FriParameters.DEFAULT_SECURITY_BITS);
    }
}
