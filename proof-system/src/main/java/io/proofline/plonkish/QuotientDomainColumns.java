package io.proofline.plonkish;

import io.proofline.backend.ColumnMatrix;
import java.util.List;

/**
 * Columns on the quotient's domain, held as row segments one after another: the committed
 * extension, then the extensions made for the quotient alone, so that none is copied into a
 * matrix of the whole domain. The segments after the first have one row count, a power of two
 * no larger than the first's (a multiple of the trace's size, so that a run of rows in one coset
 * of the trace domain never spans two segments); only the first {@link #rows} of them are the
 * domain's.
 */
final class QuotientDomainColumns {

    private final List<ColumnMatrix> segments;
    private final int firstRows;
    private final int logSegmentRows;
    private final int rows;

    QuotientDomainColumns(List<ColumnMatrix> segments, int rows) {
        ColumnMatrix first = segments.getFirst();
        int segmentRows = segments.getLast().rows();
        if (Integer.bitCount(first.rows()) != 1 || Integer.bitCount(segmentRows) != 1 || segmentRows > first.rows()
                || rows < 1 || rows > first.rows() + (long) segmentRows * (segments.size() - 1)) {
            throw new IllegalArgumentException(segments.size() + " segments of " + first.rows() + " rows, then "
                    + segmentRows + " each, cannot hold " + rows + " rows");
        }
        for (ColumnMatrix s : segments.subList(1, segments.size())) {
            if (s.rows() != segmentRows || s.columns() != first.columns()) {
                throw new IllegalArgumentException("segments of " + s.columns() + " x " + s.rows() + " and "
                        + first.columns() + " x " + segmentRows + " rows");
            }
        }
        this.segments = List.copyOf(segments);
        this.firstRows = first.rows();
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

    /** Segments: the committed extension first, then the cosets made for the quotient. */
    int segmentCount() {
        return segments.size();
    }

    ColumnMatrix segmentMatrix(int i) {
        return segments.get(i);
    }

    /** The domain's row at which segment {@code i} starts. */
    int segmentStart(int i) {
        return i == 0 ? 0 : firstRows + ((i - 1) << logSegmentRows);
    }

    int rows() {
        return rows;
    }

    long get(int column, int row) {
        return segments.get(segment(row)).get(column, offset(row));
    }

    /** {@code length} values of a column from {@code from} on, within one segment. */
    void read(int column, int from, long[] dst, int length) {
        if (from < 0 || from + length > rows || offset(from) + length > segments.get(segment(from)).rows()) {
            throw new IndexOutOfBoundsException("rows " + from + " to " + (from + length) + " of segments of "
                    + firstRows + " rows, then 2^" + logSegmentRows + ", and " + rows + " in all");
        }
        segments.get(segment(from)).read(column, offset(from), dst, length);
    }

    /** The columns as arrays of {@link #rows} values; for tests. */
    long[][] toArrays() {
        long[][] out = new long[columns()][rows];
        for (int c = 0; c < out.length; c++) {
            for (int from = 0; from < rows; ) {
                ColumnMatrix s = segments.get(segment(from));
                int length = Math.min(s.rows(), rows - from);
                s.read(c, offset(from), out[c], from, length);
                from += length;
            }
        }
        return out;
    }

    private int segment(int row) {
        return row < firstRows ? 0 : 1 + ((row - firstRows) >>> logSegmentRows);
    }

    private int offset(int row) {
        return row < firstRows ? row : (row - firstRows) & ((1 << logSegmentRows) - 1);
    }
}
