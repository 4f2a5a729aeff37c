package io.proofline.steps.proving;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * How a circuit-prover worker runs a partition's two phases: witness vector generation (CPU) and
 * proving. {@link #inline()} runs both on the partition's own thread; {@link GpuProverPipeline}
 * generates vectors on a pool of threads and proves on one thread, so that a GPU proves one
 * partition while the next ones' vectors are made. The partition's thread waits for its result
 * either way; an exception in either phase is thrown to it, failing that partition only.
 */
public interface ProverPipeline extends AutoCloseable {

    /**
     * Generates the vector, then proves with it.
     *
     * @param what the partition, for thread names and messages
     */
    <V, R> Timed<R> run(String what, Callable<V> vectors, Function<V, R> prove);

    /** Proves with inputs the caller already holds (an aggregation proof's inner proofs): no vector phase. */
    default <R> Timed<R> prove(String what, Supplier<R> prove) {
        return run(what, () -> null, ignored -> prove.get());
    }

    /** Whether vectors and proofs run on threads of their own (false: on the caller's thread). */
    boolean pipelined();

    @Override
    default void close() {
    }

    /** Both phases on the calling thread, one after the other. */
    static ProverPipeline inline() {
        return new ProverPipeline() {
            @Override
            public <V, R> Timed<R> run(String what, Callable<V> vectors, Function<V, R> prove) {
                long t0 = System.nanoTime();
                V vector;
                try {
                    vector = vectors.call();
                } catch (RuntimeException | Error e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(what + ": witness vector generation failed: " + e.getMessage(), e);
                }
                long t1 = System.nanoTime();
                R result = prove.apply(vector);
                long t2 = System.nanoTime();
                return new Timed<>(result, Duration.ofNanos(t1 - t0), null, Duration.ofNanos(t2 - t1));
            }

            @Override
            public boolean pipelined() {
                return false;
            }
        };
    }

    /**
     * A partition's result and where its time went.
     *
     * @param vectors witness vector generation (zero where there is no vector phase)
     * @param queueWait from the vector being ready to the prover starting on it; null when the
     *     phases ran inline, where there is no queue
     * @param proving the proof itself
     */
    record Timed<R>(R value, Duration vectors, Duration queueWait, Duration proving) {

        /** Milliseconds, or null when there was no queue. */
        public Long queueWaitMs() {
            return queueWait == null ? null : queueWait.toMillis();
        }
    }
}
