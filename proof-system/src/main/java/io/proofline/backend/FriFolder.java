package io.proofline.backend;

import io.proofline.field.Ext2;

/** One FRI folding round. */
public interface FriFolder {

    /**
     * Folds an extension-field codeword by {@code 2^logArity}.
     *
     * <p>The input holds {@code f(x_j * z^rev(k))} at position {@code j * 2^logArity + k}, where
     * {@code z} generates the subgroup of order {@code 2^logArity} and {@code rev} reverses
     * {@code logArity} bits: each block of {@code 2^logArity} positions is one coset, as the
     * bit-reversed layout produces. Writing {@code f(X) = sum_k X^k f_k(X^arity)}, the output at
     * position {@code j} is {@code sum_k beta^k f_k(x_j^arity)}.
     *
     * @param c0 real parts, length a multiple of {@code 2^logArity}
     * @param c1 parts multiplying {@code x}, same length
     * @param xInverses {@code 1 / x_j} for every coset {@code j}
     * @param logArity log2 of the folding factor, 1 to 4
     * @param beta the folding challenge
     * @return the folded codeword as {@code {c0, c1}}
     */
    long[][] fold(long[] c0, long[] c1, long[] xInverses, int logArity, Ext2 beta);
}
