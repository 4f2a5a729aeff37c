package io.proofline.fri;

import io.proofline.field.Ext2;
import io.proofline.field.Goldilocks;
import io.proofline.field.TwoAdicRoots;

/**
 * The arithmetic of folding one coset, shared by the prover's folder and the verifier.
 *
 * <p>For a coset {@code x * <z>} of order {@code A = 2^logArity} with values
 * {@code y_m = f(x z^m)}, the inverse DFT {@code a_i = (1/A) sum_m y_m z^(-mi)} equals
 * {@code x^i f_i(x^A)}, so the folded value {@code sum_i beta^i f_i(x^A)} is the polynomial with
 * coefficients {@code a_i} evaluated at {@code beta / x}.
 */
public final class CosetFolding {

    private static final long[][] INVERSE_DFT = new long[5][];

    static {
        for (int logArity = 1; logArity <= 4; logArity++) {
            int arity = 1 << logArity;
            long zInv = Goldilocks.inverse(TwoAdicRoots.rootOfUnity(logArity));
            long arityInv = Goldilocks.inverse(arity);
            long[] m = new long[arity * arity];
            for (int i = 0; i < arity; i++) {
                for (int j = 0; j < arity; j++) {
                    m[i * arity + j] = Goldilocks.mul(arityInv, Goldilocks.pow(zInv, (long) i * j));
                }
            }
            INVERSE_DFT[logArity] = m;
        }
    }

    private CosetFolding() {
    }

    /**
     * Folds the coset stored at {@code [offset, offset + 2^logArity)} in bit-reversed order.
     *
     * @return {@code {c0, c1}} of the folded value
     */
    public static long[] foldCoset(long[] c0, long[] c1, int offset, long xInverse, int logArity, Ext2 beta) {
        checkArity(logArity);
        int arity = 1 << logArity;
        long[] m = INVERSE_DFT[logArity];
        // a_i = sum_m M[i][m] y_m, with y_m stored at offset + rev(m)
        long[] a0 = new long[arity];
        long[] a1 = new long[arity];
        for (int i = 0; i < arity; i++) {
            long s0 = 0;
            long s1 = 0;
            for (int k = 0; k < arity; k++) {
                int pos = offset + TwoAdicRoots.reverseBits(k, logArity);
                long coeff = m[i * arity + k];
                s0 = Goldilocks.add(s0, Goldilocks.mul(coeff, c0[pos]));
                s1 = Goldilocks.add(s1, Goldilocks.mul(coeff, c1[pos]));
            }
            a0[i] = s0;
            a1[i] = s1;
        }
        // Horner at t = beta / x
        Ext2 t = beta.mul(xInverse);
        Ext2 acc = new Ext2(a0[arity - 1], a1[arity - 1]);
        for (int i = arity - 2; i >= 0; i--) {
            acc = acc.mul(t).add(new Ext2(a0[i], a1[i]));
        }
        return new long[] {acc.c0(), acc.c1()};
    }

    static void checkArity(int logArity) {
        if (logArity < 1 || logArity > 4) {
            throw new IllegalArgumentException("log2 of the folding arity must be in [1, 4], got " + logArity);
        }
    }
}
