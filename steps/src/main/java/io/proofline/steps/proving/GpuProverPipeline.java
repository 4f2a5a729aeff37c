package io.proofline.steps.proving;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The GPU prover role's shape: a fixed pool of CPU threads generates witness vectors into a
 * bounded queue that one prover thread drains, so that the GPU proves one partition while the
 * next ones' vectors are made, and never two proofs at once (one device, its memory for one
 * proof). A generator whose vector finds the queue full waits with it: at most
 * {@code threads + queueLength + 1} vectors are in memory. The partition's own thread waits for
 * its result.
 */
public final class GpuProverPipeline implements ProverPipeline {

    private static final System.Logger LOG = System.getLogger(GpuProverPipeline.class.getName());

    private final ExecutorService generators;
    private final BlockingQueue<Job<?, ?>> ready;
    private final Thread prover;
    private volatile boolean closed;

    /**
     * @param witnessVectorThreads threads generating witness vectors
     * @param queueLength vectors that may wait for the prover
     */
    public GpuProverPipeline(int witnessVectorThreads, int queueLength) {
        if (witnessVectorThreads < 1 || queueLength < 1) {
            throw new IllegalArgumentException("a prover pipeline needs at least one witness vector thread and a queue of"
                    + " at least one, got " + witnessVectorThreads + " and " + queueLength);
        }
        this.generators = Executors.newFixedThreadPool(witnessVectorThreads,
                Thread.ofPlatform().name("witness-vector-", 0).daemon().factory());
        this.ready = new ArrayBlockingQueue<>(queueLength);
        this.prover = Thread.ofPlatform().name("gpu-prover").daemon().start(this::drain);
        LOG.log(System.Logger.Level.INFO, "prover pipeline: " + witnessVectorThreads + " witness vector threads, a queue of "
                + queueLength + ", one prover thread");
    }

    @Override
    public <V, R> Timed<R> run(String what, Callable<V> vectors, Function<V, R> prove) {
        Job<V, R> job = new Job<>(what, vectors, prove);
        if (closed) {
            throw new IllegalStateException(what + ": the prover pipeline is closed");
        }
        generators.execute(job::generate);
        return job.await();
    }

    /** The caller's thread takes the queue's place itself, so no generator thread waits for it. */
    @Override
    public <R> Timed<R> prove(String what, Supplier<R> prove) {
        Job<Void, R> job = new Job<>(what, () -> null, ignored -> prove.get());
        if (closed) {
            throw new IllegalStateException(what + ": the prover pipeline is closed");
        }
        job.generate();
        return job.await();
    }

    @Override
    public boolean pipelined() {
        return true;
    }

    /** How many vectors wait for the prover now. */
    public int queued() {
        return ready.size();
    }

    /** The prover thread: one proof at a time, in the order vectors became ready. */
    private void drain() {
        while (!closed) {
            Job<?, ?> job;
            try {
                job = ready.take();
            } catch (InterruptedException e) {
                break;
            }
            job.prove();
        }
        List<Job<?, ?>> left = new ArrayList<>();
        ready.drainTo(left);
        left.forEach(j -> j.result.completeExceptionally(new IllegalStateException(j.what + ": the prover pipeline closed")));
    }

    /** Stops the threads; partitions still waiting fail with that reason. */
    @Override
    public void close() {
        closed = true;
        generators.shutdownNow();
        prover.interrupt();
    }

    /** One partition going through the pipeline. */
    private final class Job<V, R> {

        private final String what;
        private final Callable<V> vectors;
        private final Function<V, R> proof;
        private final CompletableFuture<Timed<R>> result = new CompletableFuture<>();
        private V vector;
        private long vectorNanos;
        private long readyAt;

        Job(String what, Callable<V> vectors, Function<V, R> proof) {
            this.what = what;
            this.vectors = vectors;
            this.proof = proof;
        }

        /** On a generator thread: the vector, then a place in the queue (waiting while it is full). */
        void generate() {
            if (result.isDone()) {
                return;
            }
            try {
                long t0 = System.nanoTime();
                vector = vectors.call();
                readyAt = System.nanoTime();
                vectorNanos = readyAt - t0;
                ready.put(this);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                result.completeExceptionally(new IllegalStateException(what + ": interrupted before it reached the prover", e));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }

        /** On the prover thread; a partition whose caller gave up is skipped. */
        void prove() {
            if (result.isDone()) {
                return;
            }
            long start = System.nanoTime();
            try {
                R value = proof.apply(vector);
                long end = System.nanoTime();
                result.complete(new Timed<>(value, Duration.ofNanos(vectorNanos), Duration.ofNanos(start - readyAt),
                        Duration.ofNanos(end - start)));
            } catch (Throwable e) {
                // the prover thread lives on: only this partition fails
                result.completeExceptionally(e);
            } finally {
                vector = null;
            }
        }

        Timed<R> await() {
            try {
                return result.get();
            } catch (InterruptedException e) {
                result.cancel(false);
                Thread.currentThread().interrupt();
                throw new IllegalStateException(what + ": interrupted while waiting for the prover pipeline", e);
            } catch (CancellationException e) {
                throw new IllegalStateException(what + ": cancelled", e);
            } catch (ExecutionException e) {
                switch (e.getCause()) {
                    case RuntimeException r -> throw r;
                    case Error err -> throw err;
                    default -> throw new IllegalStateException(what + ": witness vector generation failed: "
                            + e.getCause().getMessage(), e.getCause());
                }
            }
        }
    }
}
