package io.proofline.field;

/**
 * Blocks of extension elements as pairs of base blocks {@code (c0, c1)}, multiplied with the
 * base field's batch kernels (vectorized where {@code VectorSupport} chose it): the quotient's
 * per-point extension arithmetic (and the DEEP divisions') without an {@link Ext2} object per value.
 */
public final class ExtBlocks {

    private final long[] t;
    private final long[] u;
    private final long[] sumA;
    private final long[] sumB;
    /** Scratch for one factor at a time, {@code (c0, c1)}, for callers building products. */
    public final long[] factor0;
    public final long[] factor1;

    public ExtBlocks(int size) {
        t = new long[size];
        u = new long[size];
        sumA = new long[size];
        sumB = new long[size];
        factor0 = new long[size];
        factor1 = new long[size];
    }

    /**
     * {@code (a0, a1) *= (b0, b1)}, as {@link Ext2#mul}: {@code a0 b0 + 7 a1 b1} and the cross
     * term from one product of sums (Karatsuba).
     */
    public void mulInto(long[] a0, long[] a1, long[] b0, long[] b1) {
        Goldilocks.mulBatch(a0, b0, t);
        Goldilocks.mulBatch(a1, b1, u);
        Goldilocks.addBatch(a0, a1, sumA);
        Goldilocks.addBatch(b0, b1, sumB);
        Goldilocks.mulBatch(sumA, sumB, a1);
        Goldilocks.subBatch(a1, t, a1);
        Goldilocks.subBatch(a1, u, a1);
        Goldilocks.scaleBatch(u, Ext2.W, u);
        Goldilocks.addBatch(t, u, a0);
    }

    /** {@code (a0, a1) *= k} for one extension element {@code k}: four scalings and an addition of base blocks. */
    public void scaleInto(long[] a0, long[] a1, Ext2 k) {
        Goldilocks.scaleBatch(a0, k.c1(), t);
        Goldilocks.scaleBatch(a0, k.c0(), a0);
        Goldilocks.addScaledBatch(a0, a1, Goldilocks.mul(Ext2.W, k.c1()));
        Goldilocks.scaleBatch(a1, k.c0(), a1);
        Goldilocks.addBatch(a1, t, a1);
    }

    /**
     * {@code (a0, a1)} becomes its inverse, as {@link Ext2#inverse}: the conjugate
     * {@code (a0, -a1)} over the base-field norm {@code a0^2 - 7 a1^2}, all norms inverted together.
     *
     * @throws ArithmeticException if any element is zero
     */
    public void invertInPlace(long[] a0, long[] a1) {
        for (int i = 0; i < a0.length; i++) {
            t[i] = Goldilocks.sub(Goldilocks.square(a0[i]), Goldilocks.mul(Ext2.W, Goldilocks.square(a1[i])));
        }
        Goldilocks.batchInverse(t);
        for (int i = 0; i < a0.length; i++) {
            a0[i] = Goldilocks.mul(a0[i], t[i]);
            a1[i] = Goldilocks.neg(Goldilocks.mul(a1[i], t[i]));
        }
    }

    /** {@code (out0, out1) = v * (k0, k1) + w + gamma}: a base block times an extension constant, plus a base block and {@code gamma}. */
    public static void affine(long[] v, long k0, long k1, long[] w, Ext2 gamma, long[] out0, long[] out1) {
        Goldilocks.scaleBatch(v, k0, out0);
        Goldilocks.addBatch(out0, w, out0);
        Goldilocks.scaleBatch(v, k1, out1);
        long g0 = gamma.c0();
        long g1 = gamma.c1();
        for (int i = 0; i < out0.length; i++) {
            out0[i] = Goldilocks.add(out0[i], g0);
            out1[i] = Goldilocks.add(out1[i], g1);
        }
    }
}
