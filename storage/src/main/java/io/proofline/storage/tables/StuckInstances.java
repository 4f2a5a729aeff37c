package io.proofline.storage.tables;

import java.util.List;

/** What {@link CircuitInstancesDal#requeueStuckInstances} did: instances queued again, and those out of attempts. */
public record StuckInstances(List<CircuitInstanceId> requeued, List<CircuitInstanceId> failed) {

    public StuckInstances {
        requeued = List.copyOf(requeued);
        failed = List.copyOf(failed);
    }

    public boolean isEmpty() {
        return requeued.isEmpty() && failed.isEmpty();
    }
}
