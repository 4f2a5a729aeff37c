package io.proofline.jobs.housekeeper;

import io.proofline.jobs.housekeeper.HouseKeeperProperties.StalePartitions;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * Worker step executions whose worker is gone without a heartbeat to show it: witness generation
 * partitions running past their timeout, and partition requests taken and never started. Marked
 * failed, the manager step fails the job, and the restarted job sends them again.
 *
 * <p>A request of the PostgreSQL channels is deleted from {@code int_channel_message} by the
 * worker that takes it; a worker killed between taking and starting it leaves its step execution
 * STARTING for good. While the channel table still holds requests, a STARTING step may just be
 * waiting its turn; once the table is empty, every STARTING step's request was taken, and one
 * still STARTING {@code lostRequestTimeout} after it was first seen so lost its worker. The time
 * counts from that sighting, not from the step's creation: a request that waited long in the
 * queue is not failed in the moment between a live worker taking it and starting it. A table
 * seen holding requests again clears the sightings (a request may have been inserted just after
 * its step was seen). (With RabbitMQ an unacknowledged request goes back to the queue when its
 * consumer's connection drops, so nothing is lost.)
 */
public final class StaleSteps {

    private static final System.Logger LOG = System.getLogger(StaleSteps.class.getName());

    private final JobRecords records;
    private final JobRepository repository;
    private final boolean postgresChannels;
    private final String witnessStepPrefix;
    private final String partitionStepPattern;
    /** STARTING worker steps seen with the channel table empty (their request taken), and since when. */
    private final Map<Long, Instant> takenSince = new HashMap<>();

    /**
     * @param witnessStepPrefix the name (and partition separator) of the witness generation worker steps
     * @param partitionStepPattern a SQL {@code LIKE} prefix matching every remote partition's worker step (witness
     *     generation, proving, aggregation), whose lost requests are looked for
     */
    public StaleSteps(JobRecords records, JobRepository repository, boolean postgresChannels, String witnessStepPrefix,
                      String partitionStepPattern) {
        this.records = records;
        this.repository = repository;
        this.postgresChannels = postgresChannels;
        this.witnessStepPrefix = witnessStepPrefix;
        this.partitionStepPattern = partitionStepPattern;
    }

    /** Fails the stale steps; returns how many. */
    public synchronized int failStale(StalePartitions settings) {
        int failed = 0;
        for (long[] step : records.workerSteps(witnessStepPrefix, "STARTED", settings.witnessGenerationTimeout())) {
            failed += fail(step, BatchStatus.STARTED, "witness generation running longer than " + settings.witnessGenerationTimeout());
        }
        if (postgresChannels) {
            failed += failLostRequests(settings.lostRequestTimeout());
        }
        return failed;
    }

    private int failLostRequests(Duration timeout) {
        List<long[]> starting = records.workerSteps(partitionStepPattern, "STARTING", Duration.ZERO);
        // read after the steps: a listed step whose request is still queued keeps the table non-empty
        if (!records.channelsEmpty()) {
            takenSince.clear();
            return 0;
        }
        Instant now = Instant.now();
        takenSince.keySet().retainAll(starting.stream().map(step -> step[1]).toList());
        int failed = 0;
        for (long[] step : starting) {
            Instant since = takenSince.putIfAbsent(step[1], now);
            if (since != null && !now.isBefore(since.plus(timeout))) {
                failed += fail(step, BatchStatus.STARTING, "request taken by a worker that never started it (lost for " + timeout + ")");
                takenSince.remove(step[1]);
            }
        }
        return failed;
    }

    /** Fails the step if it is still {@code expected} (a worker may have started it meanwhile). */
    private int fail(long[] ids, BatchStatus expected, String why) {
        JobExecution job = repository.getJobExecution(ids[0]);
        if (job == null) {
            return 0;
        }
        for (StepExecution step : job.getStepExecutions()) {
            if (step.getId() == ids[1] && step.getStatus() == expected) {
                step.setStatus(BatchStatus.FAILED);
                step.setExitStatus(ExitStatus.FAILED.addExitDescription("worker lost: " + why));
                step.setEndTime(LocalDateTime.now());
                repository.update(step);
                LOG.log(System.Logger.Level.WARNING, "step " + step.getStepName() + " (" + step.getId() + ") of job execution "
                        + ids[0] + " marked failed: " + why);
                return 1;
            }
        }
        return 0;
    }
}
