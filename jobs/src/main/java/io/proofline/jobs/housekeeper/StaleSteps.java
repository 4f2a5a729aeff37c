package io.proofline.jobs.housekeeper;

import io.proofline.jobs.housekeeper.HouseKeeperProperties.StalePartitions;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
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
 * still STARTING after {@code lostRequestTimeout} lost its worker. (With RabbitMQ an unacknowledged
 * request goes back to the queue when its consumer's connection drops, so nothing is lost.)
 */
public final class StaleSteps {

    private static final System.Logger LOG = System.getLogger(StaleSteps.class.getName());

    private final JobRecords records;
    private final JobRepository repository;
    private final boolean postgresChannels;
    private final String witnessStepPrefix;
    private final List<String> requestStepPrefixes;

    /**
     * @param witnessStepPrefix the name (and partition separator) of the witness generation worker steps
     * @param proveStepPrefixes the same for the proving worker steps (base circuits, aggregation proofs)
     */
    public StaleSteps(JobRecords records, JobRepository repository, boolean postgresChannels, String witnessStepPrefix,
                      String... proveStepPrefixes) {
        this.records = records;
        this.repository = repository;
        this.postgresChannels = postgresChannels;
        this.witnessStepPrefix = witnessStepPrefix;
        List<String> prefixes = new ArrayList<>(List.of(witnessStepPrefix));
        prefixes.addAll(List.of(proveStepPrefixes));
        this.requestStepPrefixes = List.copyOf(prefixes);
    }

    /** Fails the stale steps; returns how many. */
    public int failStale(StalePartitions settings) {
        int failed = 0;
        for (long[] step : records.workerSteps(witnessStepPrefix, "STARTED", settings.witnessGenerationTimeout())) {
            failed += fail(step, "witness generation running longer than " + settings.witnessGenerationTimeout());
        }
        if (postgresChannels && records.channelsEmpty()) {
            Duration timeout = settings.lostRequestTimeout();
            for (String prefix : requestStepPrefixes) {
                for (long[] step : records.workerSteps(prefix, "STARTING", timeout)) {
                    failed += fail(step, "request taken by a worker that never started it (lost for " + timeout + ")");
                }
            }
        }
        return failed;
    }

    private int fail(long[] ids, String why) {
        JobExecution job = repository.getJobExecution(ids[0]);
        if (job == null) {
            return 0;
        }
        for (StepExecution step : job.getStepExecutions()) {
            if (step.getId() == ids[1] && (step.getStatus() == BatchStatus.STARTED || step.getStatus() == BatchStatus.STARTING)) {
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
