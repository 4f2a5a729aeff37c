package io.proofline.plonkish;

import io.proofline.backend.ColumnMatrix;
import io.proofline.backend.ProverBackend;
import io.proofline.field.Goldilocks;
import io.proofline.field.TwoAdicRoots;
import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;

/**
 * The domains of a proof: the trace domain {@code H = <w>} of size {@code n}, and cosets
 * {@code 7 * <W>} of size {@code n * blowup} in bit-reversed order: the LDE domain, on which
 * everything is committed and FRI runs, and the quotient's domain: as many cosets of {@code H}
 * as the quotient has pieces, the first blocks of {@code n} rows of the smallest such coset that
 * holds them (in bit-reversed order every aligned block of {@code n} rows is a coset of
 * {@code H}, and a coset's first half is the coset of half its size), so the first rows of the
 * LDE domain where the FRI blowup is large enough, and of a larger coset otherwise.
 */
final class Domains {

    /** The LDE coset shift, the same as FRI's. */
    static final long SHIFT = Goldilocks.GENERATOR;

    private Domains() {
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

    /**
     * The first {@code rows} rows of the extension of {@code coefficients} on the coset of
     * {@code 2^q n} points (in bit-reversed order like every extension here), given their
     * committed extension on the FRI domain ({@code 2^b n} points, {@code b < q}, {@code rows}
     * more than that). In bit-reversed order the larger coset is {@code 2^q} blocks of {@code n}:
     * block {@code i} is the trace domain shifted once more by {@code W^rev(i)} ({@code W} of order
     * {@code 2^q n}, {@code rev} over {@code q} bits), and its first {@code 2^b} blocks are the
     * committed extension itself. So only the blocks of {@code n} that reach into the first
     * {@code rows} are transformed (the quotient's 7 cosets of 8 at LDE 2 make 5 blocks, not the
     * 6 that whole blocks of the FRI blowup would), each a segment of its own.
     */
    static QuotientDomainColumns extendFromCommitted(ProverBackend backend, ColumnMatrix committed, long[][] coefficients,
                                                     int logBlowup, int quotientLogBlowup, int rows, Arena arena) {
        int extra = quotientLogBlowup - logBlowup;
        int committedRows = committed.rows();
        if (extra < 1 || committed.columns() != coefficients.length || rows <= committedRows
                || rows > committedRows << extra) {
            throw new IllegalArgumentException("an extension of blowup 2^" + logBlowup + ", " + committedRows + " rows and "
                    + committed.columns() + " columns cannot make " + rows + " rows of one of 2^" + quotientLogBlowup
                    + " for " + coefficients.length + " columns");
        }
        int logN = Integer.numberOfTrailingZeros(committedRows >>> logBlowup);
        return withCosets(committed, backend.cosetEvaluations(coefficients,
                shiftsBeyond(logN, logBlowup, quotientLogBlowup, rows), arena), rows);
    }

    /** The committed extension followed by the cosets made beyond it, as one domain of {@code rows} rows. */
    static QuotientDomainColumns withCosets(ColumnMatrix committed, List<ColumnMatrix> cosets, int rows) {
        List<ColumnMatrix> segments = new ArrayList<>(1 + cosets.size());
        segments.add(committed);
        segments.addAll(cosets);
        return new QuotientDomainColumns(segments, rows);
    }

    /**
     * log2 of the smallest power-of-two coset that holds as many cosets of the trace domain as the
     * quotient has pieces ({@code maxDegree - 1}), whatever the FRI blowup: the quotient is
     * evaluated on the first {@code maxDegree - 1} blocks of it ({@link QuotientPieces}). Its
     * values there determine it as well as on any larger domain, and where the FRI blowup is
     * larger (LDE 8 with constraints of degree 4) evaluating the constraints on the whole FRI
     * domain would do more than twice the work for the same polynomial, commitment and proof.
     */
    static int quotientLogBlowup(Geometry g) {
        return 32 - Integer.numberOfLeadingZeros(g.quotientChunks() - 1);
    }

    /** Rows of the quotient's domain: a block of the trace domain's size per piece. */
    static int quotientRows(Geometry g) {
        return g.quotientChunks() << g.logRows();
    }

    /**
     * The cosets of the trace domain that the quotient's domain reaches beyond an extension of
     * blowup {@code 2^logBlowup} ({@link #extendFromCommitted}), none where that extension holds
     * the whole domain. A setup makes its own once ({@link Setup#commit}), for every proof to use.
     */
    static List<ColumnMatrix> quotientCosets(ProverBackend backend, long[][] coefficients, Geometry g, int logBlowup,
                                             Arena arena) {
        int rows = quotientRows(g);
        if (rows <= g.rows() << logBlowup) {
            return List.of();
        }
        return backend.cosetEvaluations(coefficients, shiftsBeyond(g.logRows(), logBlowup, quotientLogBlowup(g), rows), arena);
    }

    /** The shifts of the blocks of {@code 2^logN} rows from the end of an extension of blowup {@code 2^logBlowup} to row {@code rows}. */
    private static long[] shiftsBeyond(int logN, int logBlowup, int quotientLogBlowup, int rows) {
        int first = 1 << logBlowup;
        int end = (int) (((long) rows + (1L << logN) - 1) >>> logN);
        long[] shifts = new long[Math.max(0, end - first)];
        for (int i = first; i < end; i++) {
            shifts[i - first] = blockShift(logN, quotientLogBlowup, i);
        }
        return shifts;
    }

    /**
     * The shift of block {@code i} of {@code n = 2^logN} rows of the coset of {@code 2^q n}
     * points in bit-reversed order: the block is the trace domain times {@code 7 * W^rev(i)},
     * {@code W} of order {@code 2^q n} and {@code rev} over {@code q} bits.
     */
    static long blockShift(int logN, int quotientLogBlowup, int i) {
        long w = TwoAdicRoots.rootOfUnity(logN + quotientLogBlowup);
        return Goldilocks.mul(SHIFT, Goldilocks.pow(w, TwoAdicRoots.reverseBits(i, quotientLogBlowup)));
    }
}
