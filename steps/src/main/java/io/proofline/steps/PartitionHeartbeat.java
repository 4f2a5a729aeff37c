package io.proofline.steps;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A proving worker's heartbeat for one partition's row in the prover tables (a circuit instance or
 * an aggregation proof). A failed update (a transient database error) is logged and the next one
 * tried as usual: the worker keeps its row as long as one beat lands within the heartbeat
 * timeout. An update that finds the row no longer this worker's (the house keeper declared it
 * lost and requeued or failed it) stops the beating and marks the heartbeat {@link #lost()}, so
 * that the worker stops working on it.
 */
public final class PartitionHeartbeat implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(PartitionHeartbeat.class.getName());

    private final String what;
    private final String workerId;
    private final BooleanSupplier update;
    private final ScheduledExecutorService beat;
    private volatile boolean lost;

    /**
     * @param what the partition's work, for logs and the thread's name
     * @param update records one heartbeat; false when the row is no longer this worker's
     */
    public PartitionHeartbeat(String what, String workerId, BooleanSupplier update, Duration interval) {
        this.what = what;
        this.workerId = workerId;
        this.update = update;
        this.beat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "heartbeat-" + what.replace(' ', '-'));
            t.setDaemon(true);
            return t;
        });
        beat.scheduleAtFixedRate(this::beat, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void beat() {
        try {
            if (!update.getAsBoolean()) {
                lost = true;
                LOG.log(System.Logger.Level.WARNING, what + " was taken from worker " + workerId + "; it stops working on it");
                beat.shutdown();
            }
        } catch (RuntimeException e) {
            // an exception would cancel the schedule: keep beating, the next one may land
            LOG.log(System.Logger.Level.WARNING, "heartbeat of " + what + " failed, trying again: " + e.getMessage());
        }
    }

    /** Whether the row was taken from this worker. */
    public boolean lost() {
        return lost;
    }

    /** Throws if the row was taken from this worker, so that it stops before the next stage. */
    public void checkHeld() {
        if (lost) {
            throw new IllegalStateException(what + " was taken from worker " + workerId + " while it proved");
        }
    }

    @Override
    public void close() {
        beat.shutdownNow();
    }
}
