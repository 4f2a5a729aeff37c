package io.proofline.jobs.batchproof;

import io.proofline.steps.BatchProofKeys;
import io.proofline.storage.tables.BatchId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;

/**
 * The manual restart path, {@code --proofline.restart=<chainId>:<batchNumber>}, run by an
 * orchestrator process that polls no core meanwhile: partitions whose worker stopped sending
 * heartbeats for {@code proofline.prover.heartbeat-timeout} are marked failed
 * ({@link StalePartitionRecovery}); if the batch's job is still running elsewhere, the command
 * waits for its manager to see the failure and end it; then the job is restarted here, which
 * re-runs only the partitions that did not complete, and the command returns once it ends. The
 * exit code is 0 when the job completed.
 */
public final class RestartCommand implements ApplicationRunner, ExitCodeGenerator {

    /** The property that asks for the command. */
    public static final String PROPERTY = "proofline.restart";

    private static final System.Logger LOG = System.getLogger(RestartCommand.class.getName());
    private static final Duration LOOK_INTERVAL = Duration.ofMillis(500);

    private final BatchId batch;
    private final StalePartitionRecovery recovery;
    private final BatchJobLauncher launcher;
    private final JobRepository repository;
    private final Duration heartbeatTimeout;
    private final Duration waitLimit;
    private volatile BatchStatus outcome;

    /**
     * @param waitLimit how long to wait for an execution still running elsewhere to end
     */
    public RestartCommand(String batch, StalePartitionRecovery recovery, BatchJobLauncher launcher, JobRepository repository,
                          Duration heartbeatTimeout, Duration waitLimit) {
        this.batch = parse(batch);
        this.recovery = recovery;
        this.launcher = launcher;
        this.repository = repository;
        this.heartbeatTimeout = heartbeatTimeout;
        this.waitLimit = waitLimit;
    }

    /** Parses {@code <chainId>:<batchNumber>}. */
    static BatchId parse(String value) {
        String[] parts = value.trim().split(":");
        try {
            if (parts.length == 2) {
                return new BatchId(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new IllegalArgumentException("--" + PROPERTY + " wants <chainId>:<batchNumber>, e.g. 1:42; got '" + value + "'");
    }

    @Override
    public void run(ApplicationArguments args) throws InterruptedException {
        List<Object> lost = new ArrayList<>(recovery.failLostPartitions(heartbeatTimeout));
        lost.addAll(recovery.failLostAggregationPartitions(heartbeatTimeout));
        LOG.log(System.Logger.Level.INFO, "restart of " + batch + ": " + (lost.isEmpty() ? "no lost partitions"
                : "marked failed the lost partitions of " + lost));
        awaitNotRunning();
        JobExecution execution = launcher.run(batch);
        outcome = execution.getStatus();
        LOG.log(System.Logger.Level.INFO, "restart of " + batch + ": job execution " + execution.getId() + " ended " + outcome);
    }

    /** The job's status after the command: COMPLETED, or why it is not. */
    public BatchStatus outcome() {
        return outcome;
    }

    @Override
    public int getExitCode() {
        return outcome == BatchStatus.COMPLETED ? 0 : 1;
    }

    private void awaitNotRunning() throws InterruptedException {
        long deadline = System.nanoTime() + waitLimit.toNanos();
        while (true) {
            JobInstance instance = repository.getJobInstance(BatchProofKeys.JOB, BatchProofKeys.parameters(batch));
            JobExecution last = instance == null ? null : repository.getLastJobExecution(instance);
            if (last == null || !last.isRunning()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("job execution " + last.getId() + " of " + batch + " is still " + last.getStatus()
                        + " after " + waitLimit + ": its partitions are still being proven, or the orchestrator running"
                        + " it died (then mark the execution failed before restarting)");
            }
            Thread.sleep(LOOK_INTERVAL);
        }
    }
}
