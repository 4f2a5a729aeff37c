package io.proofline.jobs.batchproof;

import io.proofline.storage.tables.BatchId;
import java.util.Optional;

/**
 * How the gateway hands a received batch on to its batchProof job: in this process
 * ({@link BatchJobLauncher}, the default) or as a task launched elsewhere (through Spring Cloud
 * Data Flow). Launching returns without waiting for the job.
 */
public interface BatchLauncher {

    /** Empty while another batch may be launched; otherwise why not, for the log. */
    Optional<String> busy();

    /** Starts, or restarts when it failed, the batch's job. */
    void launch(BatchId id);

    /**
     * Takes no more launches and waits until the jobs launched in this process have ended: a
     * one-off gateway poll returns once its batch's job is done. Launches elsewhere do not wait.
     */
    default void drain() throws InterruptedException {
    }
}
