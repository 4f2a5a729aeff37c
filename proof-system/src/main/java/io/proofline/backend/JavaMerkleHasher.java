package io.proofline.backend;

import io.proofline.poseidon2.Poseidon2Hash;
import java.util.stream.IntStream;

/**
 * Leaf hashing and tree building in Java, split into blocks over the common fork-join pool.
 * Within a block the bulk {@link Poseidon2Hash} methods hash many rows or node pairs side by
 * side on SIMD lanes when the Vector API is available.
 */
final class JavaMerkleHasher implements MerkleHasher {

    /**
     * Rows or nodes per parallel task: large enough to amortize scheduling, small enough to
     * balance; a multiple of every SIMD batch size, so only a layer's last block has a tail.
     */
    private static final int BLOCK = 1 << 10;

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
        long[] out = new long[4 * rows];
        int blocks = (rows + BLOCK - 1) / BLOCK;
        IntStream.range(0, blocks).parallel().forEach(
                b -> Poseidon2Hash.hashRows(columns, b * BLOCK, Math.min(rows, (b + 1) * BLOCK), out));
        return out;
    }

    @Override
    public long[] hashRows(ColumnMatrix matrix) {
        int rows = matrix.rows();
        long[] out = new long[4 * rows];
        int blocks = (rows + BLOCK - 1) / BLOCK;
        IntStream.range(0, blocks).parallel().forEach(b -> Poseidon2Hash.hashRows(matrix.columns(), matrix::read,
                b * BLOCK, Math.min(rows, (b + 1) * BLOCK), out));
        return out;
    }

    @Override
    public long[][] buildLayers(long[] leafDigests, int logCap) {
        long[][] layers = new long[MerkleHasher.layerCount(leafDigests, logCap)][];
        int leaves = leafDigests.length / 4;
        layers[0] = leafDigests;
        for (int k = 1; k < layers.length; k++) {
            long[] below = layers[k - 1];
            int nodes = leaves >>> k;
            long[] layer = new long[4 * nodes];
            int blocks = (nodes + BLOCK - 1) / BLOCK;
            IntStream.range(0, blocks).parallel().forEach(
                    b -> Poseidon2Hash.compressPairs(below, b * BLOCK, Math.min(nodes, (b + 1) * BLOCK), layer));
            layers[k] = layer;
        }
        return layers;
    }
}
