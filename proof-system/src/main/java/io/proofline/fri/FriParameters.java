package io.proofline.fri;

/**
 * FRI parameters. Base-2 quantities start with {@code log}.
 *
 * @param logBlowup log2 of the LDE factor (rate {@code 2^-logBlowup}), 1 to 10
 * @param numQueries query repetitions, at least 1
 * @param powBits proof-of-work bits ground before the queries, 0 to 40
 * @param logFoldingArity log2 of the folding factor per round, 1 to 4 (3 folds by 8)
 * @param logFinalPolyLength log2 of the number of coefficients sent in the clear
 * @param logCapSize log2 of the number of roots in each layer's Merkle cap
 */
public record FriParameters(int logBlowup, int numQueries, int powBits, int logFoldingArity,
                            int logFinalPolyLength, int logCapSize) {

    /** The default security level, in bits. */
    public static final int DEFAULT_SECURITY_BITS = 100;

    /**
     * The extension field has about 128 bits; challenges drawn from it bound any parameter set's
     * soundness, whatever the query count.
     */
    public static final int FIELD_SECURITY_LIMIT_BITS = 124;

    public FriParameters {
        require(logBlowup >= 1 && logBlowup <= 10, "logBlowup must be in [1, 10] (LDE factor 2 to 1024), got " + logBlowup);
        require(numQueries >= 1 && numQueries <= 1024, "numQueries must be in [1, 1024], got " + numQueries);
        require(powBits >= 0 && powBits <= 40, "powBits must be in [0, 40], got " + powBits);
        require(logFoldingArity >= 1 && logFoldingArity <= 4, "logFoldingArity must be in [1, 4], got " + logFoldingArity);
        require(logFinalPolyLength >= 0 && logFinalPolyLength <= 16,
                "logFinalPolyLength must be in [0, 16], got " + logFinalPolyLength);
        require(logCapSize >= 0 && logCapSize <= 10, "logCapSize must be in [0, 10], got " + logCapSize);
    }

    /**
     * The parameters reaching {@code securityBits} with the fewest queries:
     * {@code queries = ceil((securityBits - powBits) / logBlowup)}; folding by 8, a final
     * polynomial of 32 coefficients and caps of 16 roots.
     */
    public static FriParameters forSecurity(int securityBits, int logBlowup, int powBits) {
        require(securityBits > 0 && securityBits <= FIELD_SECURITY_LIMIT_BITS,
                "security must be in [1, " + FIELD_SECURITY_LIMIT_BITS + "] bits, got " + securityBits);
        require(powBits < securityBits, "powBits (" + powBits + ") must be below the security level (" + securityBits + ")");
        int queries = Math.ceilDiv(securityBits - powBits, logBlowup);
        return new FriParameters(logBlowup, queries, powBits, 3, 5, 4);
    }

    /**
     * Conjectured soundness in bits: each query contributes {@code logBlowup} bits, grinding adds
     * {@code powBits}, capped by the extension field. Folding arity, final length and cap size do
     * not change it; they are read here so that a new parameter has to be considered.
     */
    public int securityBits() {
        int perQuery = logBlowup;
        int fromQueries = numQueries * perQuery + powBits;
        assert logFoldingArity > 0 && logFinalPolyLength >= 0 && logCapSize >= 0;
        return Math.min(fromQueries, FIELD_SECURITY_LIMIT_BITS);
    }

    /** @throws IllegalArgumentException if these parameters give less than {@code requestedBits} */
    public FriParameters requireSecurity(int requestedBits) {
        int have = securityBits();
        if (have < requestedBits) {
            int needed = Math.ceilDiv(Math.max(0, requestedBits - powBits), logBlowup);
            throw new IllegalArgumentException("FRI parameters give " + have + " bits of security, below the requested "
                    + requestedBits + ": with LDE factor " + (1 << logBlowup) + " and " + powBits
                    + " proof-of-work bits, use at least " + needed + " queries (have " + numQueries + ")");
        }
        return this;
    }

    public int ldeFactor() {
        return 1 << logBlowup;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
