package io.proofline.plonkish;

/**
 * The shape of a circuit's trace.
 *
 * @param copyColumns columns whose cells take part in copy constraints
 * @param witnessColumns witness-only columns (no copy constraints), e.g. Poseidon2 round states
 * @param constantColumns columns of per-row constants for gates
 * @param logRows log2 of the number of rows
 * @param maxDegree the largest constraint degree, selector included: bounds the quotient to
 *     {@code maxDegree - 1} chunks and the copy-permutation products to {@code maxDegree - 1}
 *     columns per partial product
 */
public record Geometry(int copyColumns, int witnessColumns, int constantColumns, int logRows, int maxDegree) {

    public static final int MAX_LOG_ROWS = 24;

    public Geometry {
        require(copyColumns >= 1 && copyColumns <= 256, "copyColumns must be in [1, 256], got " + copyColumns);
        require(witnessColumns >= 0 && witnessColumns <= 1024, "witnessColumns must be in [0, 1024], got " + witnessColumns);
        require(constantColumns >= 1 && constantColumns <= 64, "constantColumns must be in [1, 64], got " + constantColumns);
        require(logRows >= 2 && logRows <= MAX_LOG_ROWS, "logRows must be in [2, " + MAX_LOG_ROWS + "], got " + logRows);
        require(maxDegree == 4 || maxDegree == 8, "maxDegree must be 4 or 8, got " + maxDegree);
    }

    /** Room for a Poseidon2 permutation per row and six multiply-adds side by side. */
    public static Geometry standard(int logRows) {
        return new Geometry(24, 106, 8, logRows, 8);
    }

    public int rows() {
        return 1 << logRows;
    }

    /** Copy columns per partial product of the permutation argument. */
    public int permutationChunk() {
        return maxDegree - 1;
    }

    /** Number of partial products, the grand product included. */
    public int permutationProducts() {
        return Math.ceilDiv(copyColumns, permutationChunk());
    }

    /** Number of degree-below-n pieces the quotient is split into. */
    public int quotientChunks() {
        return maxDegree - 1;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
