package io.proofline.nativebackend;

import io.proofline.backend.ColumnMatrix;
import io.proofline.backend.MerkleHasher;
import io.proofline.backend.PooledArena;
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
        try (Arena arena = PooledArena.confined()) {
            MemorySegment matrix = OffHeap.columns(arena, columns, rows);
            MemorySegment digests = OffHeap.output(arena, 4L * rows);
            lib.hashRows(matrix, columns.length, rows, digests);
            return OffHeap.toArray(digests, 0, 4 * rows);
        }
    }

    /** Hashed where the matrix is: nothing but the digests crosses the SPI. */
    @Override
    public long[] hashRows(ColumnMatrix matrix) {
        try (Arena arena = PooledArena.confined()) {
            MemorySegment digests = OffHeap.output(arena, 4L * matrix.rows());
            lib.hashRows(matrix.segment(), matrix.columns(), matrix.rows(), digests);
            return OffHeap.toArray(digests, 0, 4 * matrix.rows());
        }
    }

    @Override
    public long[][] buildLayers(long[] leafDigests, int logCap) {
        int layerCount = MerkleHasher.layerCount(leafDigests, logCap);
        if (layerCount == 1) {
            return new long[][] {leafDigests};
        }
        try (Arena arena = PooledArena.confined()) {
            return layers(lib, arena, OffHeap.of(arena, leafDigests), leafDigests, layerCount, logCap);
        }
    }

    /**
     * Builds the layers above leaf digests already off heap and copies them back.
     *
     * @param leafDigests the same digests on the heap: layer 0 of the result
     */
    static long[][] layers(NativeLibrary lib, Arena arena, MemorySegment leaves, long[] leafDigests, int layerCount,
                           int logCap) {
        if (layerCount == 1) {
            return new long[][] {leafDigests};
        }
        int leafCount = leafDigests.length / 4;
        MemorySegment out = OffHeap.output(arena, 4L * (leafCount - (1L << logCap)));
        lib.merkleLayers(leaves, logCap + layerCount - 1, logCap, out);
        return toLayers(leafDigests, out, layerCount);
    }

    /**
     * The tree as {@link MerkleHasher#buildLayers} returns it: the leaf digests, then the
     * {@code layerCount - 1} layers that {@code pl_merkle_layers} wrote one after another to
     * {@code above}, each half the one before.
     */
    static long[][] toLayers(long[] leafDigests, MemorySegment above, int layerCount) {
        long[][] layers = new long[layerCount][];
        layers[0] = leafDigests;
        int leafCount = leafDigests.length / 4;
        long offset = 0;
        for (int k = 1; k < layerCount; k++) {
            int size = 4 * (leafCount >>> k);
            layers[k] = OffHeap.toArray(above, offset, size);
            offset += size;
        }
        return layers;
    }
}
