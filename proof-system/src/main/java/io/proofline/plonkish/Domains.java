package io.proofline.plonkish;

import io.proofline.backend.ProverBackend;
import io.proofline.field.Goldilocks;
import io.proofline.field.TwoAdicRoots;
import java.util.stream.IntStream;

/**
 * The domains of a proof: the trace domain {@code H = <w>} of size {@code n}, and cosets
 * {@code 7 * <W>} of size {@code n * blowup} in bit-reversed order: the LDE domain, on which
 * everything is committed and FRI runs, and the quotient's domain, which is the LDE domain where
 * the FRI blowup is at least the quotient's degree over {@code n} and a larger coset otherwise.
 */
final class Domains {

    /** The LDE coset shift, the same as FRI's. */
    static final long SHIFT = Goldilocks.GENERATOR;

    private Domains() {
    }

    /** Coefficients of columns given on {@code H}, in new arrays. */
    static long[][] interpolate(long[][] columns, ProverBackend backend) {
        // a column per pool thread: 130 columns of 2^20 are 1 GB to copy
        long[][] copy = new long[columns.length][];
        IntStream.range(0, columns.length).parallel().forEach(i -> copy[i] = columns[i].clone());
        backend.ntt().inverseBatch(copy);
        return copy;
    }

    /** The LDE points in bit-reversed order: {@code 7 * W^rev(j)}. */
    static long[] ldePoints(int logLength) {
        long[] natural = TwoAdicRoots.powers(logLength);
        long[] out = new long[natural.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = Goldilocks.mul(SHIFT, natural[TwoAdicRoots.reverseBits(j, logLength)]);
        }
        return out;
    }

    /** The LDE point at position {@code j}. */
    static long ldePoint(int logLength, int j) {
        return Goldilocks.mul(SHIFT, Goldilocks.pow(TwoAdicRoots.rootOfUnity(logLength), TwoAdicRoots.reverseBits(j, logLength)));
    }

    /** For each LDE position, the position of the point times {@code w} (the next trace row). */
    static int[] nextRowPositions(int logLength, int logBlowup) {
        int length = 1 << logLength;
        int[] next = new int[length];
        int step = 1 << logBlowup;
        for (int j = 0; j < length; j++) {
            int natural = TwoAdicRoots.reverseBits(j, logLength);
            next[j] = TwoAdicRoots.reverseBits((natural + step) & (length - 1), logLength);
        }
        return next;
    }
}
