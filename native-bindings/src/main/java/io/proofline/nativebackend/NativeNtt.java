package io.proofline.nativebackend;

import io.proofline.backend.PooledArena;
import io.proofline.ntt.Ntt;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** {@link Ntt} on a native library: each batch is copied off heap once, transformed there, and copied back. */
final class NativeNtt implements Ntt {

    private static final int MAX_LOG_BLOWUP = 10;
    private static final int MAX_LOG_LENGTH = 30;

    private final NativeLibrary lib;

    NativeNtt(NativeLibrary lib) {
        this.lib = lib;
    }

    @Override
    public void forwardBatch(long[][] columns) {
        transform(columns, (seg, logN) -> lib.nttForward(seg, columns.length, logN));
    }

    @Override
    public void inverseBatch(long[][] columns) {
        transform(columns, (seg, logN) -> lib.nttInverse(seg, columns.length, logN));
    }

    @Override
    public void cosetForwardBatch(long[][] columns, long shift) {
        transform(columns, (seg, logN) -> lib.nttCosetForward(seg, columns.length, logN, shift));
    }

    @Override
    public long[][] cosetLde(long[][] coefficients, int logBlowup, long shift) {
        return extend(coefficients, logBlowup, (in, logN, out) -> lib.cosetLde(in, coefficients.length, logN, logBlowup, shift, out));
    }

    @Override
    public long[][] cosetLdeFromEvaluations(long[][] evaluations, int logBlowup, long shift) {
        return extend(evaluations, logBlowup,
                (in, logN, out) -> lib.cosetLdeFromEvaluations(in, evaluations.length, logN, logBlowup, shift, out));
    }

    private interface InPlace {
        void run(MemorySegment data, int logN);
    }

    private interface OutOfPlace {
        void run(MemorySegment in, int logN, MemorySegment out);
    }

    private static void transform(long[][] columns, InPlace op) {
        int logN = logLength(columns);
        if (logN < 0) {
            return;
        }
        int n = 1 << logN;
        try (Arena arena = PooledArena.confined()) {
            MemorySegment seg = OffHeap.columns(arena, columns, n);
            op.run(seg, logN);
            OffHeap.copyBack(seg, columns, n);
        }
    }

    private static long[][] extend(long[][] columns, int logBlowup, OutOfPlace op) {
        int logN = logLength(columns);
        extendedLog(Math.max(logN, 0), logBlowup);
        if (logN < 0) {
            return new long[0][];
        }
        int n = 1 << logN;
        int m = n << logBlowup;
        try (Arena arena = PooledArena.confined()) {
            MemorySegment in = OffHeap.columns(arena, columns, n);
            MemorySegment out = OffHeap.output(arena, (long) columns.length * m);
            op.run(in, logN, out);
            return OffHeap.toColumns(out, columns.length, m);
        }
    }

    /** As the Java back end: the common power-of-two log length, -1 for no columns. */
    static int logLength(long[][] columns) {
        if (columns.length == 0) {
            return -1;
        }
        for (int i = 0; i < columns.length; i++) {
            if (columns[i] == null) {
                throw new IllegalArgumentException("column " + i + " is null");
            }
        }
        int n = columns[0].length;
        if (Integer.bitCount(n) != 1) {
            throw new IllegalArgumentException("column length must be a power of two, got " + n);
        }
        for (int i = 1; i < columns.length; i++) {
            if (columns[i].length != n) {
                throw new IllegalArgumentException("all columns must have the same length: column 0 has "
                        + n + " elements, column " + i + " has " + columns[i].length);
            }
        }
        return Integer.numberOfTrailingZeros(n);
    }

    static void extendedLog(int logN, int logBlowup) {
        if (logBlowup < 1 || logBlowup > MAX_LOG_BLOWUP) {
            throw new IllegalArgumentException("logBlowup must be in [1, " + MAX_LOG_BLOWUP + "], got " + logBlowup);
        }
        if (logN + logBlowup > MAX_LOG_LENGTH) {
            throw new IllegalArgumentException("extended length 2^" + (logN + logBlowup)
                    + " exceeds the largest supported column, 2^" + MAX_LOG_LENGTH);
        }
    }
}
