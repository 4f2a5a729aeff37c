package io.proofline.nativebackend;

import io.proofline.backend.PooledArena;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.function.ObjIntConsumer;
import java.util.stream.IntStream;

/**
 * Copies between the SPI's heap arrays and the flat, column-major off-heap buffers the C ABI
 * takes: column {@code c} of {@code n} elements at element offset {@code c * n}. Large copies run
 * a column per pool thread: one thread moves about 5 GB/s, and a 2^20-row trace of 130 columns
 * is 1 GB each way.
 */
final class OffHeap {

    /** Below this many elements a copy stays on the calling thread. */
    private static final long PARALLEL_FROM = 1L << 20;

    private OffHeap() {
    }

    static MemorySegment columns(Arena arena, long[][] columns, int n) {
        MemorySegment seg = output(arena, (long) columns.length * n);
        forEachColumn(seg, columns.length, n, (view, c) ->
                MemorySegment.copy(columns[c], 0, view, ValueLayout.JAVA_LONG, (long) c * n * Long.BYTES, n));
        return seg;
    }

    static void copyBack(MemorySegment seg, long[][] columns, int n) {
        forEachColumn(seg, columns.length, n, (view, c) ->
                MemorySegment.copy(view, ValueLayout.JAVA_LONG, (long) c * n * Long.BYTES, columns[c], 0, n));
    }

    static long[][] toColumns(MemorySegment seg, int count, int n) {
        long[][] out = new long[count][n];
        copyBack(seg, out, n);
        return out;
    }

    static MemorySegment of(Arena arena, long[] values) {
        MemorySegment seg = output(arena, values.length);
        MemorySegment.copy(values, 0, seg, ValueLayout.JAVA_LONG, 0, values.length);
        return seg;
    }

    static MemorySegment zeros(Arena arena, long count) {
        return arena.allocate(ValueLayout.JAVA_LONG, Math.max(1, count));
    }

    /**
     * Room for {@code count} elements (at least one, for a pointer that is not null) that a copy
     * or a native call writes whole before anything reads them: not cleared first where the
     * arena is pooled.
     */
    static MemorySegment output(Arena arena, long count) {
        long elements = Math.max(1, count);
        return arena instanceof PooledArena pooled
                ? pooled.allocateForOverwrite(elements * Long.BYTES, Long.BYTES)
                : arena.allocate(ValueLayout.JAVA_LONG, elements);
    }

    static long[] toArray(MemorySegment seg, long offsetElements, int count) {
        long[] out = new long[count];
        MemorySegment.copy(seg, ValueLayout.JAVA_LONG, offsetElements * Long.BYTES, out, 0, count);
        return out;
    }

    /**
     * Runs {@code op} for every column, in parallel when the matrix is large. The segment may
     * belong to a confined arena, which only its owner thread may touch, so the pool threads get
     * a view of the same memory that any thread may use; it is only used before this returns,
     * while the caller's arena still holds the memory.
     */
    private static void forEachColumn(MemorySegment seg, int count, long n, ObjIntConsumer<MemorySegment> op) {
        if (count < 2 || (long) count * n < PARALLEL_FROM) {
            for (int c = 0; c < count; c++) {
                op.accept(seg, c);
            }
            return;
        }
        MemorySegment anyThread = MemorySegment.ofAddress(seg.address()).reinterpret(seg.byteSize());
        IntStream.range(0, count).parallel().forEach(c -> op.accept(anyThread, c));
    }
}
