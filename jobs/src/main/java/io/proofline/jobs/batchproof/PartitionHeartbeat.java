package io.proofline.jobs.batchproof;

import io.proofline.steps.data.CircuitInstanceId;
import io.proofline.steps.data.CircuitInstancesDal;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A proving worker's heartbeat for one instance. A failed update (a transient database error) is
 * logged and the next one tried as usual: the worker keeps its instance as long as one beat lands
 * within the heartbeat timeout. An update that finds the instance no longer this worker's (the
 * house keeper declared it lost and requeued or failed it) stops the beating and marks the
 * heartbeat {@link #lost()}, so that the worker stops working on it.
 */
final class PartitionHeartbeat implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(PartitionHeartbeat.class.getName());

    private final CircuitInstanceId id;
    private final String workerId;
    private final CircuitInstancesDal instances;
    private final ScheduledExecutorService beat;
    private volatile boolean lost;

    PartitionHeartbeat(CircuitInstancesDal instances, CircuitInstanceId id, String workerId, Duration interval) {
        this.instances = instances;
        this.id = id;
        this.workerId = workerId;
        this.beat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "heartbeat-" + id.type().label + "-" + id.index());
            t.setDaemon(true);
            return t;
        });
        beat.scheduleAtFixedRate(this::beat, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void beat() {
        try {
            if (!instances.heartbeat(id, workerId)) {
                lost = true;
                LOG.log(System.Logger.Level.WARNING, id + " was taken from worker " + workerId + "; it stops working on it");
                beat.shutdown();
            }
        } catch (RuntimeException e) {
            // an exception would cancel the schedule: keep beating, the next one may land
            LOG.log(System.Logger.Level.WARNING, "heartbeat of " + id + " failed, trying again: " + e.getMessage());
        }
    }

    /** Whether the instance was taken from this worker. */
    boolean lost() {
        return lost;
    }

    /** Throws if the instance was taken from this worker, so that it stops before the next stage. */
    void checkHeld() {
        if (lost) {
            throw new IllegalStateException(id + " was taken from worker " + workerId + " while it proved");
        }
    }

    @Override
    public void close() {
        beat.shutdownNow();
    }
}
