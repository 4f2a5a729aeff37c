package io.proofline.plonkish;

import io.proofline.fri.FriParameters;

/**
 * What the extension field allows a Plonkish proof of a given geometry, whatever its FRI
 * parameters. Two challenges are drawn from the {@code p^2}-element field against polynomials
 * whose degree grows with the trace, and no query count makes up for them:
 *
 * <ul>
 *   <li>the out-of-domain point {@code zeta}: if the committed polynomials break the constraint
 *       identity {@code C = Z_H * Q}, its two sides differ by a nonzero polynomial of degree at
 *       most {@code maxDegree * n}, which vanishes at a uniform {@code zeta} with probability at
 *       most {@code maxDegree * n / p^2} (Schwartz-Zippel);</li>
 *   <li>the permutation challenges {@code beta, gamma}: if the copy constraints do not hold, the
 *       two grand products are distinct polynomials of degree at most {@code copyColumns * n},
 *       equal at a uniform point with probability at most {@code copyColumns * n / p^2}.</li>
 * </ul>
 *
 * <p>So a key claims at most {@code floor(log2(p^2) - log2((maxDegree + copyColumns) * n))} bits:
 * 108 for the standard geometry at {@code 2^14} rows, 98 at {@code 2^24}. The constraint batching
 * challenge {@code alpha} adds a term smaller by the ratio of the constraint count to {@code n}.
 */
public final class Soundness {

    /** {@code log2(p^2)}, just under 128: {@code p = 2^64 - 2^32 + 1}. */
    static final double LOG_FIELD_SIZE = 2 * (64 + Math.log1p(-0x1p-32 + 0x1p-64) / Math.log(2));

    private Soundness() {
    }

    /** The most bits of security any parameters can give a key of this geometry. */
    public static int fieldLimitBits(Geometry g) {
        double logError = Math.log((double) (g.maxDegree() + g.copyColumns()) * g.rows()) / Math.log(2) - LOG_FIELD_SIZE;
        return (int) Math.floor(-logError);
    }

    /** The conjectured security of proofs under these parameters and geometry: FRI's count, capped by the field. */
    public static int conjecturedBits(Geometry g, FriParameters fri) {
        return Math.min(fri.securityBits(), fieldLimitBits(g));
    }

    /** The conjectured security of proofs under this key. */
    public static int conjecturedBits(VerificationKey key) {
        return conjecturedBits(key.geometry(), key.fri());
    }
}
