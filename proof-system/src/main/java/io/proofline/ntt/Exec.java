package io.proofline.ntt;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs index ranges on the calling thread, helped by the workers of a fork-join pool.
 *
 * <p>The caller always takes part: waking a parked worker costs tens of microseconds, which
 * would otherwise be added to every phase of a transform. Pieces are handed out from a shared
 * counter, so a late or slow worker simply takes fewer of them.
 */
final class Exec {

    /** A body over the index range {@code [from, to)}. */
    @FunctionalInterface
    interface RangeTask {
        void run(int from, int to);
    }

    static final Exec SERIAL = new Exec(1);

    private final ForkJoinPool helpers;
    private final int threads;

    /** {@code threads} in all: the caller plus {@code threads - 1} pool workers (daemon threads). */
    Exec(int threads) {
        this.threads = threads;
        this.helpers = threads > 1 ? new ForkJoinPool(threads - 1) : null;
    }

    int threads() {
        return threads;
    }

    /** Runs {@code task} over {@code [0, count)} in a few pieces per thread. */
    void forRange(int count, RangeTask task) {
        int pieces = Math.min(count, threads * 4);
        if (helpers == null || pieces <= 1) {
            if (count > 0) {
                task.run(0, count);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        Runnable drain = () -> {
            for (int p = next.getAndIncrement(); p < pieces; p = next.getAndIncrement()) {
                task.run((int) ((long) p * count / pieces), (int) ((long) (p + 1) * count / pieces));
            }
        };
        int helping = Math.min(threads, pieces) - 1;
        ForkJoinTask<?>[] submitted = new ForkJoinTask<?>[helping];
        for (int i = 0; i < helping; i++) {
            submitted[i] = helpers.submit(drain);
        }
        drain.run();
        for (ForkJoinTask<?> t : submitted) {
            t.join(); // rethrows a worker's exception
        }
    }
}
