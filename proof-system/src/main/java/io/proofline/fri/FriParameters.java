package io.proofline.fri;

/**
 * FRI parameters. Base-2 quantities start with {@code log}.
 *
 * <p>Two bit counts are given, and they differ a lot. {@link #securityBits()} is the
 * <em>conjectured</em> bound of the ethSTARK conjecture, the one Plonky2's standard configuration
 * uses: each query is worth {@code logBlowup} bits. {@link #provenQueryBits()} is what the
 * proven (Johnson-bound) analysis gives the same query phase: each query is worth
 * {@code -log2((1 + 1/(2m)) sqrt(rho))}, about half as much. Neither counts the errors that come
 * from the size of the field the challenges are drawn from; {@code plonkish.Soundness} caps them
 * at the trace size. docs/security.md states the formulas and their sources.
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

    /** The default security level, in bits of conjectured security. */
    public static final int DEFAULT_SECURITY_BITS = 100;

    /**
     * The extension field has {@code p^2 < 2^128} elements, so no parameter set can claim more
     * than 127 bits whatever its query count; at a given trace size the limit is lower
     * ({@code plonkish.Soundness.fieldLimitBits}).
     */
    public static final int MAX_SECURITY_BITS = 127;

    /**
     * The Johnson-bound proximity parameter {@code m} of the proven analysis: the FRI proximity
     * parameter is {@code 1 - (1 + 1/(2m)) sqrt(rho)}. A larger {@code m} makes each query worth
     * slightly more and the commit-phase error larger; 16 is the value Ethereum's soundcalc fixes.
     */
    public static final int JOHNSON_M = 16;

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
     * The parameters reaching {@code securityBits} of conjectured security with the fewest
     * queries: {@code queries = ceil((securityBits - powBits) / logBlowup)}; folding by 8, a final
     * polynomial of 32 coefficients and caps of 16 roots.
     */
    public static FriParameters forSecurity(int securityBits, int logBlowup, int powBits) {
        checkRequest(securityBits, powBits);
        int queries = Math.ceilDiv(securityBits - powBits, logBlowup);
        return new FriParameters(logBlowup, queries, powBits, 3, 5, 4);
    }

    /**
     * The parameters whose query phase reaches {@code securityBits} under the proven
     * (Johnson-bound) analysis with the fewest queries:
     * {@code queries = ceil((securityBits - powBits) / provenBitsPerQuery(logBlowup))}; otherwise
     * as {@link #forSecurity}. At LDE factor 8 with 16 proof-of-work bits, 100 bits take 58
     * queries where the conjectured bound takes 28.
     */
    public static FriParameters forProvenQuerySecurity(int securityBits, int logBlowup, int powBits) {
        checkRequest(securityBits, powBits);
        int queries = (int) Math.ceil((securityBits - powBits) / provenBitsPerQuery(logBlowup));
        return new FriParameters(logBlowup, queries, powBits, 3, 5, 4);
    }

    /**
     * Conjectured soundness of the query phase in bits (ethSTARK conjecture): each query
     * contributes {@code logBlowup} bits, grinding adds {@code powBits}. Folding arity, final
     * length and cap size do not change it; they are read here so that a new parameter has to
     * be considered.
     */
    public int securityBits() {
        int perQuery = logBlowup;
        assert logFoldingArity > 0 && logFinalPolyLength >= 0 && logCapSize >= 0;
        return numQueries * perQuery + powBits;
    }

    /**
     * Proven soundness of the query phase in bits, at the Johnson bound: a query passes a word
     * far from the code with probability at most {@code (1 + 1/(2m)) sqrt(rho)}, so
     * {@code floor(numQueries * -log2((1 + 1/(2m)) sqrt(rho)) + powBits)} with
     * {@code m = }{@link #JOHNSON_M}. The commit phase and the field add their own errors;
     * docs/security.md gives them.
     */
    public int provenQueryBits() {
        return (int) Math.floor(numQueries * provenBitsPerQuery(logBlowup) + powBits);
    }

    /** {@code -log2((1 + 1/(2m)) sqrt(2^-logBlowup))}: the bits one query is worth at the Johnson bound. */
    static double provenBitsPerQuery(int logBlowup) {
        return logBlowup / 2.0 - Math.log1p(1.0 / (2 * JOHNSON_M)) / Math.log(2);
    }

    /** @throws IllegalArgumentException if these parameters give less than {@code requestedBits} of conjectured security */
    public FriParameters requireSecurity(int requestedBits) {
        int have = securityBits();
        if (have < requestedBits) {
            int needed = Math.ceilDiv(Math.max(0, requestedBits - powBits), logBlowup);
            throw new IllegalArgumentException("FRI parameters give " + have + " bits of conjectured security, below the"
                    + " requested " + requestedBits + ": with LDE factor " + (1 << logBlowup) + " and " + powBits
                    + " proof-of-work bits, use at least " + needed + " queries (have " + numQueries + ")");
        }
        return this;
    }

    public int ldeFactor() {
        return 1 << logBlowup;
    }

    private static void checkRequest(int securityBits, int powBits) {
        require(securityBits > 0 && securityBits <= MAX_SECURITY_BITS,
                "security must be in [1, " + MAX_SECURITY_BITS + "] bits, got " + securityBits);
        require(powBits < securityBits, "powBits (" + powBits + ") must be below the security level (" + securityBits + ")");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
