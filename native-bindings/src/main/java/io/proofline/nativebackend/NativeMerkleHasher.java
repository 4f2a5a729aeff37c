package io.proofline.nativebackend;

import io.proofline.backend.MerkleHasher;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** {@link MerkleHasher} on a native library: the matrix goes off heap once, all layers are built in one call. */
final class NativeMerkleHasher implements MerkleHasher {

    private final NativeLibrary lib;

    NativeMerkleHasher(NativeLibrary lib) {
        this.lib = lib;
    }

    @Override
    public long[] hashRows(long[][] columns) {
        if (columns.length == 0) {
            throw new IllegalArgumentException("cannot hash the rows of a matrix with no columns");
        }
        int rows = columns[0].length;
        for (long[] column : columns) {
            if (column.length != rows) {
                throw new IllegalArgumentException("columns differ in length: " + rows + " and " + column.length);
            }
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment matrix = OffHeap.columns(arena, columns, rows);
            MemorySegment digests = OffHeap.zeros(arena, 4L * rows);
            lib.hashRows(matrix, columns.length, rows, digests);
            return OffHeap.toArray(digests, 0, 4 * rows);
        }
    }

    @Override
    public long[][] buildLayers(long[] leafDigests, int logCap) {
        long[][] layers = new long[MerkleHasher.layerCount(leafDigests, logCap)][];
        int leaves = leafDigests.length / 4;
        int logLeaves = logCap + layers.length - 1;
        layers[0] = leafDigests;
        if (layers.length == 1) {
            return layers;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment in = OffHeap.of(arena, leafDigests);
            MemorySegment out = OffHeap.zeros(arena, 4L * (leaves - (1L << logCap)));
            lib.merkleLayers(in, logLeaves, logCap, out);
            long offset = 0;
            for (int k = 1; k < layers.length; k++) {
                int size = 4 * (leaves >>> k);
                layers[k] = OffHeap.toArray(out, offset, size);
                offset += size;
            }
        }
        return layers;
    }
}
