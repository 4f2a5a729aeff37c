package io.proofline.nativebackend;

import io.proofline.backend.FriFolder;
import io.proofline.backend.PooledArena;
import io.proofline.field.Ext2;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** {@link FriFolder} on a native library. */
final class NativeFriFolder implements FriFolder {

    private final NativeLibrary lib;

    NativeFriFolder(NativeLibrary lib) {
        this.lib = lib;
    }

    @Override
    public long[][] fold(long[] c0, long[] c1, long[] xInverses, int logArity, Ext2 beta) {
        if (logArity < 1 || logArity > 4) {
            throw new IllegalArgumentException("log2 of the folding arity must be in [1, 4], got " + logArity);
        }
        int arity = 1 << logArity;
        if (c0.length != c1.length || c0.length % arity != 0 || xInverses.length != c0.length / arity) {
            throw new IllegalArgumentException("fold: codeword of " + c0.length + "/" + c1.length
                    + " elements does not split into " + xInverses.length + " cosets of " + arity);
        }
        int cosets = xInverses.length;
        try (Arena arena = PooledArena.confined()) {
            MemorySegment out0 = OffHeap.zeros(arena, cosets);
            MemorySegment out1 = OffHeap.zeros(arena, cosets);
            lib.friFold(OffHeap.of(arena, c0), OffHeap.of(arena, c1), OffHeap.of(arena, xInverses), cosets, logArity,
                    beta.c0(), beta.c1(), out0, out1);
            return new long[][] {OffHeap.toArray(out0, 0, cosets), OffHeap.toArray(out1, 0, cosets)};
        }
    }
}
