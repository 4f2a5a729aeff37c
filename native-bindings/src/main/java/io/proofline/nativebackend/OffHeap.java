package io.proofline.nativebackend;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Copies between the SPI's heap arrays and the flat, column-major off-heap buffers the C ABI
 * takes: column {@code c} of {@code n} elements at element offset {@code c * n}.
 */
final class OffHeap {

    private OffHeap() {
    }

    static MemorySegment columns(Arena arena, long[][] columns, int n) {
        MemorySegment seg = arena.allocate(ValueLayout.JAVA_LONG, Math.max(1, (long) columns.length * n));
        for (int c = 0; c < columns.length; c++) {
            MemorySegment.copy(columns[c], 0, seg, ValueLayout.JAVA_LONG, (long) c * n * Long.BYTES, n);
        }
        return seg;
    }

    static void copyBack(MemorySegment seg, long[][] columns, int n) {
        for (int c = 0; c < columns.length; c++) {
            MemorySegment.copy(seg, ValueLayout.JAVA_LONG, (long) c * n * Long.BYTES, columns[c], 0, n);
        }
    }

    static long[][] toColumns(MemorySegment seg, int count, int n) {
        long[][] out = new long[count][n];
        copyBack(seg, out, n);
        return out;
    }

    static MemorySegment of(Arena arena, long[] values) {
        MemorySegment seg = arena.allocate(ValueLayout.JAVA_LONG, Math.max(1, values.length));
        MemorySegment.copy(values, 0, seg, ValueLayout.JAVA_LONG, 0, values.length);
        return seg;
    }

    static MemorySegment zeros(Arena arena, long count) {
        return arena.allocate(ValueLayout.JAVA_LONG, Math.max(1, count));
    }

    static long[] toArray(MemorySegment seg, long offsetElements, int count) {
        long[] out = new long[count];
        MemorySegment.copy(seg, ValueLayout.JAVA_LONG, offsetElements * Long.BYTES, out, 0, count);
        return out;
    }
}
