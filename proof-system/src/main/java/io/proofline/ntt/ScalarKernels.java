package io.proofline.ntt;

import static io.proofline.field.Goldilocks.add;
import static io.proofline.field.Goldilocks.mul;
import static io.proofline.field.Goldilocks.sub;

/**
 * Scalar decimation-in-frequency butterflies. Each method works on contiguous runs so that
 * {@link VectorKernels} can provide drop-in lane-parallel versions with identical results.
 */
final class ScalarKernels {

    private ScalarKernels() {
    }

    /**
     * One radix-2 DIF stage on a run: for {@code q < len},
     * {@code (u, v) = (a[x+q], a[x+h+q]) -> (u + v, (u - v) * tw[t+q])}.
     */
    static void dif2(long[] a, int x, int h, long[] tw, int t, int len) {
        for (int q = 0; q < len; q++) {
            long u = a[x + q];
            long v = a[x + h + q];
            a[x + q] = add(u, v);
            a[x + h + q] = mul(sub(u, v), tw[t + q]);
        }
    }

    /**
     * The last three DIF stages on the eight elements {@code a[b..b+8)}, written to
     * {@code out[o..o+8)} (may alias). {@code tw} is a twiddle table with at least 8 entries.
     * Twiddles equal to one are skipped, which does not change canonical results.
     */
    static void radix8(long[] a, int b, long[] tw, long[] out, int o) {
        long w81 = tw[5];
        long w82 = tw[6];
        long w83 = tw[7];
        long x0 = a[b];
        long x1 = a[b + 1];
        long x2 = a[b + 2];
        long x3 = a[b + 3];
        long x4 = a[b + 4];
        long x5 = a[b + 5];
        long x6 = a[b + 6];
        long x7 = a[b + 7];
        long y0 = add(x0, x4);
        long y4 = sub(x0, x4);
        long y1 = add(x1, x5);
        long y5 = mul(sub(x1, x5), w81);
        long y2 = add(x2, x6);
        long y6 = mul(sub(x2, x6), w82);
        long y3 = add(x3, x7);
        long y7 = mul(sub(x3, x7), w83);
        // the half-size-2 stage's twiddles are w4^0 = 1 and w4^1 = w8^2
        long z0 = add(y0, y2);
        long z2 = sub(y0, y2);
        long z1 = add(y1, y3);
        long z3 = mul(sub(y1, y3), w82);
        long z4 = add(y4, y6);
        long z6 = sub(y4, y6);
        long z5 = add(y5, y7);
        long z7 = mul(sub(y5, y7), w82);
        out[o] = add(z0, z1);
        out[o + 1] = sub(z0, z1);
        out[o + 2] = add(z2, z3);
        out[o + 3] = sub(z2, z3);
        out[o + 4] = add(z4, z5);
        out[o + 5] = sub(z4, z5);
        out[o + 6] = add(z6, z7);
        out[o + 7] = sub(z6, z7);
    }

    /** {@code a[from..to) *= c}. */
    static void scale(long[] a, int from, int to, long c) {
        for (int i = from; i < to; i++) {
            a[i] = mul(a[i], c);
        }
    }

    /** {@code dst[d+i] = src[s+i] * start * g^i} for {@code i < len}. */
    static void mulPowers(long[] src, int s, long[] dst, int d, int len, long start, long g) {
        long acc = start;
        for (int i = 0; i < len; i++) {
            dst[d + i] = mul(src[s + i], acc);
            acc = mul(acc, g);
        }
    }
}
