package io.proofline.plonkish;

import io.proofline.fri.FriParameters;

/**
 * Whether a proof can fit the heap, decided before any work, so that a trace too large for the
 * JVM fails at once with its size and the heap it needs instead of an {@link OutOfMemoryError}
 * minutes later.
 *
 * <p>The largest object of a proof is the witness LDE: every trace column at {@code 2^logBlowup}
 * times the rows. Measured on the prover benchmark's 2^14-row circuit (LDE 8), the whole proof
 * with its setup ran in a heap of 4.7 times that size and ran out of memory at 3.5 times it; so a
 * heap below {@value #LDE_MULTIPLE} times is refused as certain to fail. Proofs between that and
 * about five times may still run out of memory later.
 *
 * <p>That was measured while the extensions lived on the heap. They now live off heap
 * ({@link io.proofline.backend.ColumnMatrix}), where the JVM's limit on direct memory
 * ({@code -XX:MaxDirectMemorySize}) is the heap's limit unless set otherwise; the rule is kept as
 * a bound on the two together, so it refuses no proof it admitted before and may now refuse some
 * that would fit.
 */
public final class ProverMemory {

    /** Heap needed, at least, per byte of the witness LDE. */
    static final double LDE_MULTIPLE = 3.5;

    private ProverMemory() {
    }

    /** Bytes of the witness LDE of a trace of this geometry under these FRI parameters. */
    public static long witnessLdeBytes(Geometry geometry, FriParameters fri) {
        return (long) (geometry.copyColumns() + geometry.witnessColumns()) * Long.BYTES << (geometry.logRows() + fri.logBlowup());
    }

    /** The least heap a proof of this geometry needs. */
    public static long requiredHeapBytes(Geometry geometry, FriParameters fri) {
        return (long) (LDE_MULTIPLE * witnessLdeBytes(geometry, fri));
    }

    /**
     * @param maxHeapBytes the most heap the JVM may use ({@link Runtime#maxMemory()})
     * @throws ProverMemoryException if a proof of this geometry cannot fit
     */
    public static void require(Geometry geometry, FriParameters fri, long maxHeapBytes) {
        long required = requiredHeapBytes(geometry, fri);
        if (maxHeapBytes < required) {
            throw new ProverMemoryException(String.format("a 2^%d-row proof (%d columns, LDE x%d: a %.1f GB witness LDE) needs at "
                    + "least %.1f GB of heap and this JVM has at most %.1f GB: start it with a larger -Xmx, or prove smaller circuits",
                    geometry.logRows(), geometry.copyColumns() + geometry.witnessColumns(), fri.ldeFactor(),
                    witnessLdeBytes(geometry, fri) / 1e9, required / 1e9, maxHeapBytes / 1e9));
        }
    }
}
