package io.proofline.backend;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.stream.IntStream;

/**
 * A matrix of field elements off heap, flat and column-major: column {@code c} holds its
 * {@code rows} elements from element {@code c * rows}, the layout of the native ABI. The prover's
 * committed extensions live here whatever the back end, so that a native back end leaves them
 * where its library wrote them instead of copying hundreds of megabytes back to the heap.
 *
 * <p>The memory belongs to the arena it was allocated in: a proof frees its matrices when it
 * closes its arena; a setup's matrix lives as long as the setup ({@link Arena#ofAuto()}). The
 * arena must be shared or automatic, not confined: matrices are filled and read by pool threads.
 */
public final class ColumnMatrix {

    private static final ValueLayout.OfLong ELEMENT = ValueLayout.JAVA_LONG;

    private final MemorySegment segment;
    private final int columns;
    private final int rows;

    private ColumnMatrix(MemorySegment segment, int columns, int rows) {
        this.segment = segment;
        this.columns = columns;
        this.rows = rows;
    }

    /**
     * A zeroed matrix in {@code arena}.
     *
     * @throws IllegalArgumentException for no columns or rows
     */
    public static ColumnMatrix allocate(Arena arena, int columns, int rows) {
        checkShape(columns, rows);
        return new ColumnMatrix(arena.allocate(ELEMENT, (long) columns * rows), columns, rows);
    }

    private static void checkShape(int columns, int rows) {
        if (columns < 1 || rows < 1) {
            throw new IllegalArgumentException("a matrix needs columns and rows, got " + columns + " x " + rows);
        }
    }

    /**
     * A matrix in {@code arena} for the caller to write whole, left as the memory was where the
     * arena allows it ({@link PooledArena#allocateForOverwrite}), else zeroed: a committed
     * extension of 2^23 rows is 8.7 GB, which clearing first costs about half a second.
     *
     * @throws IllegalArgumentException for no columns or rows
     */
    public static ColumnMatrix allocateForOverwrite(Arena arena, int columns, int rows) {
        checkShape(columns, rows);
        long bytes = (long) columns * rows * ELEMENT.byteSize();
        MemorySegment segment = arena instanceof PooledArena pooled
                ? pooled.allocateForOverwrite(bytes, ELEMENT.byteAlignment())
                : arena.allocate(ELEMENT, (long) columns * rows);
        return new ColumnMatrix(segment, columns, rows);
    }

    /**
     * {@code columns} copied off heap, the columns in parallel.
     *
     * @throws IllegalArgumentException for no columns or columns of different lengths
     */
    public static ColumnMatrix copyOf(Arena arena, long[][] columns) {
        if (columns.length == 0) {
            throw new IllegalArgumentException("a matrix needs at least one column");
        }
        int rows = columns[0].length;
        for (long[] column : columns) {
            if (column.length != rows) {
                throw new IllegalArgumentException("columns differ in length: " + rows + " and " + column.length);
            }
        }
        ColumnMatrix m = allocateForOverwrite(arena, columns.length, rows);
        IntStream.range(0, columns.length).parallel().forEach(c -> m.write(c, 0, columns[c]));
        return m;
    }

    /**
     * A view of {@code segment} as a matrix, for memory a native call filled.
     *
     * @throws IllegalArgumentException if the segment is smaller than {@code columns * rows} elements
     */
    public static ColumnMatrix wrap(MemorySegment segment, int columns, int rows) {
        long needed = (long) columns * rows * Long.BYTES;
        if (columns < 1 || rows < 1 || segment.byteSize() < needed) {
            throw new IllegalArgumentException(segment.byteSize() + " bytes cannot hold " + columns + " x " + rows + " elements");
        }
        return new ColumnMatrix(segment.asSlice(0, needed), columns, rows);
    }

    public int columns() {
        return columns;
    }

    public int rows() {
        return rows;
    }

    /** The whole matrix, for native calls. */
    public MemorySegment segment() {
        return segment;
    }

    public long get(int column, int row) {
        return segment.getAtIndex(ELEMENT, index(column, row));
    }

    /** Row {@code row} across every column, as a Merkle opening needs it. */
    public long[] row(int row) {
        long[] out = new long[columns];
        for (int c = 0; c < columns; c++) {
            out[c] = get(c, row);
        }
        return out;
    }

    /** Copies {@code length} elements of a column from row {@code from} into {@code dst[0, length)}. */
    public void read(int column, int from, long[] dst, int length) {
        read(column, from, dst, 0, length);
    }

    /** Copies {@code length} elements of a column from row {@code from} into {@code dst[dstFrom, dstFrom + length)}. */
    public void read(int column, int from, long[] dst, int dstFrom, int length) {
        if (length < 0 || from + length > rows) {
            throw new IndexOutOfBoundsException("rows [" + from + ", " + (from + length) + ") of a matrix of " + rows + " rows");
        }
        MemorySegment.copy(segment, ELEMENT, index(column, from) * Long.BYTES, dst, dstFrom, length);
    }

    /** Overwrites rows {@code [from, from + values.length)} of a column with {@code values}. */
    public void write(int column, int from, long[] values) {
        if (from < 0 || from + values.length > rows) {
            throw new IndexOutOfBoundsException("rows [" + from + ", " + (from + values.length) + ") of a matrix of "
                    + rows + " rows");
        }
        MemorySegment.copy(values, 0, segment, ELEMENT, index(column, from) * Long.BYTES, values.length);
    }

    /** The matrix back on the heap, a {@code long[]} per column. */
    public long[][] toArrays() {
        long[][] out = new long[columns][rows];
        IntStream.range(0, columns).parallel().forEach(c -> read(c, 0, out[c], rows));
        return out;
    }

    private long index(int column, int row) {
        if (column < 0 || column >= columns || row < 0 || row >= rows) {
            throw new IndexOutOfBoundsException("element (" + column + ", " + row + ") of a " + columns + " x " + rows + " matrix");
        }
        return (long) column * rows + row;
    }
}
