package io.proofline.plonkish;

import io.proofline.field.Goldilocks;
import io.proofline.fri.FriParameters;
import java.util.Objects;

/**
 * The checks a verification key passes before any proof is verified against it: the security
 * its parameters give (conjectured, capped by the field at its trace size) against what the
 * verifier requires, and sizes the verifier can work with. A key read from disk passed the
 * codec's ranges only; a key made in memory passed nothing.
 */
final class KeyAdmission {

    /** The largest LDE domain, log2: FRI's cosets and query indices need {@code logRows + logBlowup <= 30}. */
    static final int MAX_LOG_LDE = Goldilocks.TWO_ADICITY - 2;

    private KeyAdmission() {
    }

    /** @throws IllegalArgumentException naming the first reason to refuse the key */
    static void check(VerificationKey key, int requiredBits) {
        Objects.requireNonNull(key, "key");
        if (requiredBits < 1 || requiredBits > FriParameters.MAX_SECURITY_BITS) {
            throw new IllegalArgumentException("required security must be in [1, " + FriParameters.MAX_SECURITY_BITS
                    + "] bits, got " + requiredBits);
        }
        Geometry g = key.geometry();
        FriParameters fri = key.fri();
        int logLength = g.logRows() + fri.logBlowup();
        require(logLength <= MAX_LOG_LDE, "logRows + logBlowup = " + g.logRows() + " + " + fri.logBlowup()
                + " exceeds " + MAX_LOG_LDE + ", the largest LDE domain supported");
        int capRoots = 1 << Math.min(fri.logCapSize(), logLength);
        require(key.setupCap().roots().size() == capRoots, "setup cap has " + key.setupCap().roots().size()
                + " roots, expected " + capRoots);
        for (int row : key.publicInputRows()) {
            require(row >= 0 && row < g.rows(), "public-input row " + row + " is outside the " + g.rows() + " rows");
        }
        int bits = Soundness.conjecturedBits(key);
        require(bits >= requiredBits, "it gives " + bits + " bits of conjectured security, below the required "
                + requiredBits + " (" + fri.numQueries() + " queries at LDE factor " + fri.ldeFactor() + " and "
                + fri.powBits() + " proof-of-work bits give " + fri.securityBits() + "; the field allows "
                + Soundness.fieldLimitBits(g) + " at 2^" + g.logRows() + " rows)");
    }

    private static void require(boolean condition, String reason) {
        if (!condition) {
            throw new IllegalArgumentException("verification key refused: " + reason);
        }
    }
}
