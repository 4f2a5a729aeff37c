package io.proofline.jobs.housekeeper;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The house keeper's settings ({@code proofline.house-keeper.*}); each task has its own interval
 * and on/off switch. Metrics read {@code failedJobs.maxAttempts} in every process.
 *
 * @param lockKey the PostgreSQL advisory lock key that the house keepers of one database share
 * @param stalePartitions partitions and worker steps whose worker is gone
 * @param failedJobs failed batchProof jobs
 * @param orphanedJobs jobs left running by an orchestrator that died
 * @param prune metadata and artifacts of proven batches
 */
@ConfigurationProperties("proofline.house-keeper")
public record HouseKeeperProperties(
        @DefaultValue("7071346") long lockKey,
        @DefaultValue StalePartitions stalePartitions,
        @DefaultValue FailedJobs failedJobs,
        @DefaultValue OrphanedJobs orphanedJobs,
        @DefaultValue Prune prune) {

    /**
     * Proving partitions are lost after {@code proofline.prover.heartbeat-timeout} without heartbeat.
     *
     * @param witnessGenerationTimeout a witness generation partition (it sends no heartbeat) still
     *     running this long after it started is declared lost
     * @param lostRequestTimeout a partition request taken from an empty queue and never started for
     *     this long is declared lost (its worker died between taking and starting it)
     */
    public record StalePartitions(@DefaultValue("true") boolean enabled, @DefaultValue("15s") Duration interval,
                                  @DefaultValue("30m") Duration witnessGenerationTimeout,
                                  @DefaultValue("2m") Duration lostRequestTimeout) {
    }

    /**
     * @param maxAttempts executions of a batch's job (the first included) before it is left failed
     * @param backoff wait after the first failure; doubled after each further one
     * @param maxBackoff the longest wait
     */
    public record FailedJobs(@DefaultValue("true") boolean enabled, @DefaultValue("15s") Duration interval,
                             @DefaultValue("3") int maxAttempts, @DefaultValue("30s") Duration backoff,
                             @DefaultValue("10m") Duration maxBackoff) {

        public FailedJobs {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("proofline.house-keeper.failed-jobs.max-attempts must be at least 1, got "
                        + maxAttempts);
            }
        }

        /** How long to wait after the failure of attempt {@code attempts} before the next one. */
        public Duration backoffAfter(int attempts) {
            Duration wait = backoff;
            for (int i = 1; i < attempts && wait.compareTo(maxBackoff) < 0; i++) {
                wait = wait.multipliedBy(2);
            }
            return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
        }
    }

    /**
     * @param timeout a running job execution none of whose steps changed for this long is
     *     orphaned; longer than the longest single partition (a recursion proof) and the longest wait for a worker
     */
    public record OrphanedJobs(@DefaultValue("true") boolean enabled, @DefaultValue("1m") Duration interval,
                               @DefaultValue("30m") Duration timeout) {
    }

    /** @param retention how long a submitted batch's job metadata and artifacts are kept */
    public record Prune(@DefaultValue("true") boolean enabled, @DefaultValue("1h") Duration interval,
                        @DefaultValue("7d") Duration retention) {
    }
}
