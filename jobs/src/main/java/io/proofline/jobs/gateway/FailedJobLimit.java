package io.proofline.jobs.gateway;

import io.proofline.jobs.housekeeper.JobRecords;
import io.proofline.storage.tables.BatchId;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The house keeper's limit on a batch's job executions ({@code proofline.house-keeper.failed-jobs.max-attempts}),
 * held by the gateway as well. The core hands a batch it has no proof of out again after its pick
 * timeout; without this, a job that fails every time (the core refusing its proof, say) would be
 * restarted for each hand-out, forever, where the house keeper leaves it failed for an operator.
 */
public final class FailedJobLimit {

    private static final System.Logger LOG = System.getLogger(FailedJobLimit.class.getName());

    private final JobRecords records;
    private final int maxAttempts;
    private final Set<BatchId> reported = ConcurrentHashMap.newKeySet();

    public FailedJobLimit(JobRecords records, int maxAttempts) {
        this.records = records;
        this.maxAttempts = maxAttempts;
    }

    /** Why the batch's job may not be launched again, when its last execution failed or stopped at the maximum. */
    public Optional<String> reached(BatchId batch) {
        return records.lastExecution(batch)
                .filter(last -> last.exhausted(maxAttempts))
                .map(last -> "its job ended " + last.status() + " in " + last.attempts() + " executions, the maximum"
                        + " (proofline.house-keeper.failed-jobs.max-attempts); it waits for an operator: restart -b "
                        + batch.batchNumber() + " (last execution " + last.executionId() + ")");
    }

    /** {@link #reached}, logged at the first refusal of each batch in this process. */
    Optional<String> reachedLogged(BatchId batch) {
        Optional<String> why = reached(batch);
        if (why.isPresent() && reported.add(batch)) {
            LOG.log(System.Logger.Level.ERROR, "not proving " + batch + " again: " + why.get());
        }
        return why;
    }
}
