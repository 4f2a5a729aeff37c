package io.proofline.jobs.housekeeper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.proofline.jobs.batchproof.BatchJobLauncher;
import io.proofline.jobs.batchproof.StalePartitionRecovery;
import io.proofline.jobs.housekeeper.JobRecords.LastExecution;
import io.proofline.storage.tables.BatchId;
import io.proofline.storage.tables.CircuitInstanceId;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The house keeper's periodic tasks. Each acts only while this process holds the
 * {@link HouseKeeperLock}, so that of several house keepers exactly one acts; each has its own
 * interval and switch ({@link HouseKeeperProperties}).
 *
 * <p>A worker killed mid-proof heals in three moves: its partition's heartbeat stops, and after
 * the heartbeat timeout {@link #failStaleWork()} marks the partition failed; the manager step,
 * polling the job repository, fails the job; {@link #restartFailedJobs()} restarts it (after its
 * backoff), which proves only that partition again.
 */
public final class HouseKeeper {

    private static final System.Logger LOG = System.getLogger(HouseKeeper.class.getName());
    /** Requeues, tagged {@code kind}: {@code partition} (declared lost) or {@code job} (restarted). */
    public static final String REQUEUES = "proofline.requeues";

    private final HouseKeeperLock lock;
    private final HouseKeeperProperties settings;
    private final Duration heartbeatTimeout;
    private final StalePartitionRecovery recovery;
    private final StaleSteps staleSteps;
    private final JobRecords records;
    private final JobActions jobs;
    private final Supplier<BatchJobLauncher> launcher;
    private final Counter partitionRequeues;
    private final Counter jobRequeues;
    private final Set<BatchId> reportedAtMax = new HashSet<>();
    private boolean reportedNoLauncher;

    /**
     * @param launcher the orchestrator's launcher in this process, or a supplier of null when this
     *     process has no orchestrator role (then jobs are not restarted here)
     */
    public HouseKeeper(HouseKeeperLock lock, HouseKeeperProperties settings, Duration heartbeatTimeout,
                       StalePartitionRecovery recovery, StaleSteps staleSteps, JobRecords records, JobActions jobs,
                       Supplier<BatchJobLauncher> launcher, MeterRegistry meters) {
        this.lock = lock;
        this.settings = settings;
        this.heartbeatTimeout = heartbeatTimeout;
        this.recovery = recovery;
        this.staleSteps = staleSteps;
        this.records = records;
        this.jobs = jobs;
        this.launcher = launcher;
        this.partitionRequeues = Counter.builder(REQUEUES).tag("kind", "partition")
                .description("partitions declared lost (worker gone) and put back for another attempt").register(meters);
        this.jobRequeues = Counter.builder(REQUEUES).tag("kind", "job")
                .description("failed or orphaned batchProof jobs restarted by the house keeper").register(meters);
    }

    /** Proving partitions (base circuits, leaf, node and scheduler proofs) without heartbeat, witness generation running too long, requests taken and never started. */
    @Scheduled(fixedDelayString = "${proofline.house-keeper.stale-partitions.interval:15s}")
    public void failStaleWork() {
        if (!settings.stalePartitions().enabled() || !lock.tryHold()) {
            return;
        }
        List<CircuitInstanceId> lost = recovery.failLostPartitions(heartbeatTimeout);
        int lostAggregation = recovery.failLostAggregationPartitions(heartbeatTimeout).size();
        int steps = staleSteps.failStale(settings.stalePartitions());
        partitionRequeues.increment(lost.size() + lostAggregation + steps);
    }

    /** Restarts failed batchProof jobs below the maximum attempts, after their backoff; reports those at the maximum. */
    @Scheduled(fixedDelayString = "${proofline.house-keeper.failed-jobs.interval:15s}")
    public void restartFailedJobs() {
        var policy = settings.failedJobs();
        if (!policy.enabled() || !lock.tryHold()) {
            return;
        }
        for (LastExecution failed : records.failedJobs()) {
            if (failed.exhausted(policy.maxAttempts())) {
                if (reportedAtMax.add(failed.batch())) {
                    LOG.log(System.Logger.Level.ERROR, "job for " + failed.batch() + " failed " + failed.attempts()
                            + " times, the maximum (proofline.house-keeper.failed-jobs.max-attempts): left failed, needs an"
                            + " operator (last execution " + failed.executionId() + ")");
                }
                continue;
            }
            Instant due = failed.endedAt() == null ? Instant.MIN : failed.endedAt().plus(policy.backoffAfter(failed.attempts()));
            if (Instant.now().isBefore(due)) {
                continue;
            }
            BatchJobLauncher here = launcher.get();
            if (here == null) {
                if (!reportedNoLauncher) {
                    reportedNoLauncher = true;
                    LOG.log(System.Logger.Level.WARNING, "failed jobs wait for a restart, but this house keeper has no"
                            + " orchestrator role to run them (--proofline.roles=orchestrator,house-keeper)");
                }
                return;
            }
            if (!here.hasRoom()) {
                return;
            }
            LOG.log(System.Logger.Level.INFO, "restarting the job for " + failed.batch() + ": attempt " + (failed.attempts() + 1)
                    + " of " + policy.maxAttempts());
            here.launch(failed.batch());
            jobRequeues.increment();
        }
    }

    /** Marks failed the executions left running by an orchestrator that died; the failed-jobs task restarts them. */
    @Scheduled(fixedDelayString = "${proofline.house-keeper.orphaned-jobs.interval:1m}")
    public void recoverOrphanedJobs() {
        if (!settings.orphanedJobs().enabled() || !lock.tryHold()) {
            return;
        }
        for (long id : records.silentRunningExecutions(settings.orphanedJobs().timeout())) {
            jobs.recover(id);
        }
    }

    /** Deletes the job metadata, prover rows and artifacts of batches submitted before the retention. */
    @Scheduled(fixedDelayString = "${proofline.house-keeper.prune.interval:1h}")
    public void prune() {
        if (!settings.prune().enabled() || !lock.tryHold()) {
            return;
        }
        for (BatchId batch : records.submittedBefore(settings.prune().retention())) {
            jobs.delete(batch);
        }
    }
}
