package io.proofline.ntt;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/** Runs index ranges either on the calling thread or split over a fork-join pool. */
final class Exec {

    /** A body over the index range {@code [from, to)}. */
    @FunctionalInterface
    interface RangeTask {
        void run(int from, int to);
    }

    static final Exec SERIAL = new Exec(null, 1);

    private final ForkJoinPool pool;
    private final int threads;

    Exec(ForkJoinPool pool, int threads) {
        this.pool = pool;
        this.threads = threads;
    }

    int threads() {
        return threads;
    }

    /**
     * Runs {@code task} over {@code [0, count)}, split into a few pieces per thread so that
     * work stealing evens out pieces of unequal cost.
     */
    void forRange(int count, RangeTask task) {
        int pieces = Math.min(count, threads * 4);
        if (pool == null || pieces <= 1) {
            if (count > 0) {
                task.run(0, count);
            }
            return;
        }
        pool.invoke(new Split(task, count, pieces, 0, pieces));
    }

    private static final class Split extends RecursiveAction {
        private final RangeTask task;
        private final int count;
        private final int pieces;
        private final int lo;
        private final int hi;

        Split(RangeTask task, int count, int pieces, int lo, int hi) {
            this.task = task;
            this.count = count;
            this.pieces = pieces;
            this.lo = lo;
            this.hi = hi;
        }

        @Override
        protected void compute() {
            if (hi - lo == 1) {
                task.run((int) ((long) lo * count / pieces), (int) ((long) hi * count / pieces));
                return;
            }
            int mid = (lo + hi) >>> 1;
            invokeAll(new Split(task, count, pieces, lo, mid), new Split(task, count, pieces, mid, hi));
        }
    }
}
