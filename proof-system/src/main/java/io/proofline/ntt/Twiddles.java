package io.proofline.ntt;

import io.proofline.field.Goldilocks;
import io.proofline.field.TwoAdicRoots;

/**
 * Process-wide twiddle tables shared by every transform size.
 *
 * <p>A table {@code t} of length {@code 2^k} holds, for each half-size {@code h = 2^s < 2^k},
 * the run {@code t[h + j] = w_{2h}^j} for {@code j < h}, where {@code w_{2h} = rootOfUnity(s+1)}.
 * Since {@code w_{2h}} does not depend on the transform size, one table serves all sizes up to
 * its length, and each butterfly stage reads its twiddles contiguously (vector friendly).
 * Tables only grow; readers see either the old or the new (complete) array.
 */
final class Twiddles {

    private static volatile long[] forward = {0, 1};
    private static volatile long[] inverse = {0, 1};

    private Twiddles() {
    }

    /** A forward table covering transforms of size up to {@code 2^logN}. */
    static long[] forward(int logN) {
        long[] t = forward;
        return t.length >= (1L << logN) ? t : grow(logN, false);
    }

    /** A table of the inverse roots {@code w_{2h}^-j}, same layout. */
    static long[] inverse(int logN) {
        long[] t = inverse;
        return t.length >= (1L << logN) ? t : grow(logN, true);
    }

    private static synchronized long[] grow(int logN, boolean inv) {
        long[] old = inv ? inverse : forward;
        if (old.length >= (1L << logN)) {
            return old;
        }
        int n = 1 << logN;
        long[] t = new long[n];
        long w = TwoAdicRoots.rootOfUnity(logN);
        if (inv) {
            w = Goldilocks.inverse(w);
        }
        int half = n >>> 1;
        // top run by repeated multiplication; every lower run is the even entries of the one above
        long acc = Goldilocks.ONE;
        for (int j = 0; j < half; j++) {
            t[half + j] = acc;
            acc = Goldilocks.mul(acc, w);
        }
        for (int h = half >>> 1; h >= 1; h >>>= 1) {
            for (int j = 0; j < h; j++) {
                t[h + j] = t[2 * h + 2 * j];
            }
        }
        if (inv) {
            inverse = t;
        } else {
            forward = t;
        }
        return t;
    }
}
