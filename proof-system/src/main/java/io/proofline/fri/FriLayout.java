package io.proofline.fri;

import io.proofline.field.Goldilocks;
import io.proofline.field.TwoAdicRoots;

/**
 * The shape of a FRI instance, derived from the parameters and the degree bound: how many
 * layers, how much each folds, and where each layer's points lie.
 *
 * <p>Layer {@code i} is a codeword of length {@code 2^logLength(i)} on the coset
 * {@code shift(i) * <w_i>}; position {@code p} holds the point {@code shift(i) * w_i^rev(p)}. It
 * folds by {@code 2^logArity(i)} into layer {@code i+1}, whose shift is
 * {@code shift(i)^(2^logArity(i))}. After the last layer comes the final polynomial.
 *
 * <p>Public for the in-circuit verifier ({@code io.proofline.recursion}), which must lay out the
 * same layers.
 */
public final class FriLayout {

    /** The coset shift of the first layer: the multiplicative generator, outside every subgroup. */
    static final long SHIFT = Goldilocks.GENERATOR;

    private final int[] logLengths;
    private final int[] logArities;
    private final long[] shifts;
    private final int logFinalLength;

    public FriLayout(FriParameters params, int logDegree) {
        if (logDegree < 1 || logDegree + params.logBlowup() > Goldilocks.TWO_ADICITY - 2) {
            throw new IllegalArgumentException("log2 of the degree bound must be in [1, "
                    + (Goldilocks.TWO_ADICITY - 2 - params.logBlowup()) + "], got " + logDegree);
        }
        // at least one folding round, so that the codeword is always committed
        int logFinalDegree = Math.min(params.logFinalPolyLength(), logDegree - 1);
        int rounds = 0;
        for (int d = logDegree; d > logFinalDegree; d -= Math.min(params.logFoldingArity(), d - logFinalDegree)) {
            rounds++;
        }
        logLengths = new int[rounds];
        logArities = new int[rounds];
        shifts = new long[rounds + 1];
        long shift = SHIFT;
        int d = logDegree;
        for (int i = 0; i < rounds; i++) {
            logArities[i] = Math.min(params.logFoldingArity(), d - logFinalDegree);
            logLengths[i] = d + params.logBlowup();
            shifts[i] = shift;
            shift = Goldilocks.pow(shift, 1L << logArities[i]);
            d -= logArities[i];
        }
        shifts[rounds] = shift;
        logFinalLength = d + params.logBlowup();
    }

    public int layers() {
        return logLengths.length;
    }

    public int logLength(int layer) {
        return logLengths[layer];
    }

    public int logArity(int layer) {
        return logArities[layer];
    }

    public long shift(int layer) {
        return shifts[layer];
    }

    /** log2 of the final codeword's length (final polynomial length plus blowup). */
    public int logFinalLength() {
        return logFinalLength;
    }

    /** The number of coefficients of the final polynomial. */
    public int finalPolynomialLength(FriParameters params) {
        return 1 << (logFinalLength - params.logBlowup());
    }

    /** The point at position {@code index} of a codeword of length {@code 2^logLength} with this shift. */
    public static long point(long shift, int logLength, int index) {
        long w = TwoAdicRoots.rootOfUnity(logLength);
        return Goldilocks.mul(shift, Goldilocks.pow(w, TwoAdicRoots.reverseBits(index, logLength)));
    }

    /** {@code 1 / x_j} for every coset {@code j} of layer {@code layer}. */
    long[] cosetInverses(int layer) {
        int logCosets = logLengths[layer] - logArities[layer];
        int cosets = 1 << logCosets;
        long[] natural = TwoAdicRoots.powers(
                Goldilocks.inverse(TwoAdicRoots.rootOfUnity(logLengths[layer])), cosets);
        long shiftInv = Goldilocks.inverse(shifts[layer]);
        long[] out = new long[cosets];
        for (int j = 0; j < cosets; j++) {
            // x_j = shift * w^rev(j * arity) = shift * w^rev_logCosets(j), since the low bits are 0
            out[j] = Goldilocks.mul(shiftInv, natural[TwoAdicRoots.reverseBits(j, logCosets)]);
        }
        return out;
    }

    /** {@code 1 / x_j} for one coset. */
    long cosetInverse(int layer, int coset) {
        return Goldilocks.inverse(point(shifts[layer], logLengths[layer], coset << logArities[layer]));
    }
}
