package io.proofline.plonkish;

import io.proofline.backend.ColumnMatrix;
import java.util.List;

/**
 * Columns on the quotient's domain, held as row segments of equal size one after another: the
 * committed extension, then the extensions made for the quotient alone, so that none is copied
 * into a matrix of the whole domain. Segment {@code s} holds rows {@code [s R, (s + 1) R)} for
 * {@code R} the first segment's row count (a multiple of the trace's size, so that a run of rows
 * in one coset of the trace domain never spans two segments); only the first {@link #rows} of
 * them are the domain's.
 */
final class QuotientDomainColumns {

    private final List<ColumnMatrix> segments;
    private final int logSegmentRows;
    private final int rows;

    QuotientDomainColumns(List<ColumnMatrix> segments, int rows) {
        ColumnMatrix first = segments.getFirst();
        int segmentRows = first.rows();
        if (Integer.bitCount(segmentRows) != 1 || rows < 1 || rows > (long) segmentRows * segments.size()) {
            throw new IllegalArgumentException(segments.size() + " segments of " + segmentRows + " rows cannot hold "
                    + rows + " rows");
        }
        for (ColumnMatrix s : segments) {
            if (s.rows() != segmentRows || s.columns() != first.columns()) {
                throw new IllegalArgumentException("segments of " + s.columns() + " x " + s.rows() + " and "
                        + first.columns() + " x " + segmentRows + " rows");
            }
        }
        this.segments = List.copyOf(segments);
        this.logSegmentRows = Integer.numberOfTrailingZeros(segmentRows);
        this.rows = rows;
    }

    /** The first {@code rows} rows of one extension. */
    static QuotientDomainColumns of(ColumnMatrix matrix, int rows) {
        return new QuotientDomainColumns(List.of(matrix), rows);
    }

    int columns() {
        return segments.getFirst().columns();
    }

    int rows() {
        return rows;
    }

    long get(int column, int row) {
        return segments.get(row >>> logSegmentRows).get(column, row & ((1 << logSegmentRows) - 1));
    }

    /** {@code length} values of a column from {@code from} on, within one segment. */
    void read(int column, int from, long[] dst, int length) {
        int offset = from & ((1 << logSegmentRows) - 1);
        if (from < 0 || offset + length > 1 << logSegmentRows || from + length > rows) {
            throw new IndexOutOfBoundsException("rows " + from + " to " + (from + length) + " of segments of 2^"
                    + logSegmentRows + " rows and " + rows + " in all");
        }
        segments.get(from >>> logSegmentRows).read(column, offset, dst, length);
    }

    /** The columns as arrays of {@link #rows} values; for tests. */
    long[][] toArrays() {
        long[][] out = new long[columns()][rows];
        for (int c = 0; c < out.length; c++) {
            for (int from = 0; from < rows; from += 1 << logSegmentRows) {
                read(c, from, out[c], from, Math.min(1 << logSegmentRows, rows - from));
            }
        }
        return out;
    }

    private void read(int column, int from, long[] dst, int dstFrom, int length) {
        segments.get(from >>> logSegmentRows).read(column, from & ((1 << logSegmentRows) - 1), dst, dstFrom, length);
    }
}
