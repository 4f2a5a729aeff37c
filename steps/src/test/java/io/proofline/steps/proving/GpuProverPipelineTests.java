package io.proofline.steps.proving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The GPU prover role's pipeline with stand-in phases whose progress the test controls through
 * latches: it shows the overlap, the single prover, the bounded queue and the recorded waits.
 */
class GpuProverPipelineTests {

    private static final long WAIT_S = 10;

    /** The partitions' own threads, as the worker's channel dispatcher would run them. */
    private final ExecutorService partitions = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        partitions.shutdownNow();
    }

    @Test
    void theNextPartitionsVectorIsMadeWhileOneIsProvenAndItsQueueWaitIsRecorded() throws Exception {
        try (GpuProverPipeline pipeline = new GpuProverPipeline(1, 1)) {
            CountDownLatch aProving = new CountDownLatch(1);
            CountDownLatch releaseA = new CountDownLatch(1);
            CountDownLatch bVectorMade = new CountDownLatch(1);
            Future<ProverPipeline.Timed<String>> a = submit(pipeline, "a", () -> "va", v -> {
                aProving.countDown();
                await(releaseA);
                return "proof of " + v;
            });
            assertTrue(aProving.await(WAIT_S, TimeUnit.SECONDS), "a is being proven");
            Future<ProverPipeline.Timed<String>> b = submit(pipeline, "b", () -> {
                bVectorMade.countDown();
                return "vb";
            }, v -> "proof of " + v);

            // b's vector is made while a is still on the prover, then waits in the queue
            assertTrue(bVectorMade.await(WAIT_S, TimeUnit.SECONDS), "b's vector made while a is proven");
            awaitQueued(pipeline, 1);
            assertFalse(a.isDone(), "a is still being proven");
            Thread.sleep(150);
            releaseA.countDown();

            ProverPipeline.Timed<String> doneA = a.get(WAIT_S, TimeUnit.SECONDS);
            ProverPipeline.Timed<String> doneB = b.get(WAIT_S, TimeUnit.SECONDS);
            assertEquals("proof of va", doneA.value());
            assertEquals("proof of vb", doneB.value());
            assertTrue(doneB.queueWait().compareTo(Duration.ofMillis(150)) >= 0,
                    "b waited in the queue for a's proof: " + doneB.queueWait());
            assertTrue(doneA.queueWait().compareTo(doneB.queueWait()) < 0, "a found the prover free");
            assertTrue(doneA.proving().compareTo(Duration.ofMillis(150)) >= 0, "a's proving time: " + doneA.proving());
            assertEquals(doneB.queueWait().toMillis(), doneB.queueWaitMs());
        }
    }

    @Test
    void oneProofAtATimeOnOneProverThreadWhileSeveralVectorThreadsWork() throws Exception {
        try (GpuProverPipeline pipeline = new GpuProverPipeline(3, 2)) {
            AtomicInteger proving = new AtomicInteger();
            AtomicInteger mostAtOnce = new AtomicInteger();
            AtomicInteger vectoring = new AtomicInteger();
            AtomicInteger mostVectorsAtOnce = new AtomicInteger();
            Set<String> proverThreads = ConcurrentHashMap.newKeySet();
            List<Future<ProverPipeline.Timed<Integer>>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int k = i;
                results.add(submit(pipeline, "p" + k, () -> {
                    mostVectorsAtOnce.accumulateAndGet(vectoring.incrementAndGet(), Math::max);
                    Thread.sleep(40);
                    vectoring.decrementAndGet();
                    return k;
                }, v -> {
                    proverThreads.add(Thread.currentThread().getName());
                    mostAtOnce.accumulateAndGet(proving.incrementAndGet(), Math::max);
                    sleep(10);
                    proving.decrementAndGet();
                    return v * v;
                }));
            }
            for (int i = 0; i < results.size(); i++) {
                assertEquals(i * i, results.get(i).get(WAIT_S, TimeUnit.SECONDS).value());
            }
            assertEquals(1, mostAtOnce.get(), "never two proofs at once");
            assertEquals(Set.of("gpu-prover"), proverThreads);
            assertTrue(mostVectorsAtOnce.get() > 1 && mostVectorsAtOnce.get() <= 3,
                    "vectors on up to 3 threads at once: " + mostVectorsAtOnce.get());
        }
    }

    @Test
    void aFullQueueHoldsTheVectorThreadsBack() throws Exception {
        try (GpuProverPipeline pipeline = new GpuProverPipeline(1, 1)) {
            CountDownLatch aProving = new CountDownLatch(1);
            CountDownLatch releaseA = new CountDownLatch(1);
            CountDownLatch cVectorMade = new CountDownLatch(1);
            CountDownLatch dVectorStarted = new CountDownLatch(1);
            Future<?> a = submit(pipeline, "a", () -> 0, v -> {
                aProving.countDown();
                await(releaseA);
                return v;
            });
            assertTrue(aProving.await(WAIT_S, TimeUnit.SECONDS));
            Future<?> b = submit(pipeline, "b", () -> 1, v -> v);
            awaitQueued(pipeline, 1);
            Future<?> c = submit(pipeline, "c", () -> {
                cVectorMade.countDown();
                return 2;
            }, v -> v);
            assertTrue(cVectorMade.await(WAIT_S, TimeUnit.SECONDS));
            Future<?> d = submit(pipeline, "d", () -> {
                dVectorStarted.countDown();
                return 3;
            }, v -> v);

            // a proving, b queued, the one vector thread waits with c's vector: d's cannot start
            assertFalse(dVectorStarted.await(300, TimeUnit.MILLISECONDS), "the vector thread is held back by the full queue");
            assertEquals(1, pipeline.queued());
            releaseA.countDown();
            assertTrue(dVectorStarted.await(WAIT_S, TimeUnit.SECONDS), "room in the queue frees the vector thread");
            for (Future<?> f : List.of(a, b, c, d)) {
                f.get(WAIT_S, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aFailureInEitherPhaseFailsThatPartitionOnly() throws Exception {
        try (GpuProverPipeline pipeline = new GpuProverPipeline(2, 1)) {
            IllegalStateException vectorFailure = new IllegalStateException("unsatisfied constraint");
            ArithmeticException proofFailure = new ArithmeticException("division by zero");
            Future<ProverPipeline.Timed<String>> badVector = submit(pipeline, "bad vector", () -> {
                throw vectorFailure;
            }, v -> "never");
            Future<ProverPipeline.Timed<String>> checked = submit(pipeline, "checked", () -> {
                throw new java.io.IOException("input unreadable");
            }, v -> "never");
            Future<ProverPipeline.Timed<String>> badProof = submit(pipeline, "bad proof", () -> "v", v -> {
                throw proofFailure;
            });
            Future<ProverPipeline.Timed<String>> good = submit(pipeline, "good", () -> "v", v -> "proof");

            assertSame(vectorFailure, cause(badVector));
            Throwable wrapped = cause(checked);
            assertTrue(wrapped instanceof IllegalStateException && wrapped.getMessage().contains("checked")
                    && wrapped.getCause() instanceof java.io.IOException, "a checked failure names its partition: " + wrapped);
            assertSame(proofFailure, cause(badProof));
            assertEquals("proof", good.get(WAIT_S, TimeUnit.SECONDS).value());
            // the prover thread lives on after a failed proof
            assertEquals("again", pipeline.run("after", () -> "v", v -> "again").value());
        }
    }

    @Test
    void aProofWithoutVectorPhaseQueuesForTheSameProver() throws Exception {
        try (GpuProverPipeline pipeline = new GpuProverPipeline(1, 1)) {
            ProverPipeline.Timed<String> made = pipeline.prove("leaf", () -> Thread.currentThread().getName());
            assertEquals("gpu-prover", made.value());
            assertTrue(made.queueWait() != null);
        }
    }

    @Test
    void closingFailsWhatStillWaits() throws Exception {
        GpuProverPipeline pipeline = new GpuProverPipeline(1, 1);
        CountDownLatch aProving = new CountDownLatch(1);
        Future<?> a = submit(pipeline, "a", () -> 0, v -> {
            aProving.countDown();
            await(new CountDownLatch(1));
            return v;
        });
        assertTrue(aProving.await(WAIT_S, TimeUnit.SECONDS));
        Future<?> b = submit(pipeline, "b", () -> 1, v -> v);
        awaitQueued(pipeline, 1);
        pipeline.close();
        assertTrue(cause(b).getMessage().contains("closed"), "b fails with the reason");
        assertThrows(IllegalStateException.class, () -> pipeline.run("late", () -> 1, v -> v));
        a.cancel(true);
    }

    @Test
    void inlineRunsBothPhasesOnTheCallersThreadWithoutQueue() {
        ProverPipeline inline = ProverPipeline.inline();
        String caller = Thread.currentThread().getName();
        ProverPipeline.Timed<String> made = inline.run("x", () -> Thread.currentThread().getName(),
                v -> v + "/" + Thread.currentThread().getName());
        assertEquals(caller + "/" + caller, made.value());
        assertNull(made.queueWait());
        assertNull(made.queueWaitMs());
        assertFalse(inline.pipelined());
    }

    private <V, R> Future<ProverPipeline.Timed<R>> submit(ProverPipeline pipeline, String what,
                                                          java.util.concurrent.Callable<V> vectors,
                                                          java.util.function.Function<V, R> prove) {
        return partitions.submit(() -> pipeline.run(what, vectors, prove));
    }

    private static Throwable cause(Future<?> f) throws Exception {
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(WAIT_S, TimeUnit.SECONDS));
        return e.getCause();
    }

    private static void awaitQueued(GpuProverPipeline pipeline, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
        while (pipeline.queued() != n) {
            assertTrue(System.nanoTime() < deadline, "queue never held " + n + " (holds " + pipeline.queued() + ")");
            Thread.sleep(5);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
