package io.proofline.steps;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * Fails a worker's partition whose job execution a newer execution of the same job has replaced,
 * before it does any work. The house keeper's orphan recovery and the restart command fail an
 * execution, but its partition requests stay queued, and Spring Batch's request handler runs a
 * request whatever its step's status: run, a stale request would claim the partition that the
 * newer execution's request then finds taken, failing that execution too. Registered first on
 * every worker step; {@link AttemptOutcomeListener} leaves the rows alone after such a failure.
 */
public final class SupersededRequestGuard implements StepExecutionListener {

    /** The failure of a superseded partition. */
    public static final class SupersededRequestException extends IllegalStateException {
        SupersededRequestException(String message) {
            super(message);
        }
    }

    private final JobRepository repository;

    public SupersededRequestGuard(JobRepository repository) {
        this.repository = repository;
    }

    @Override
    public void beforeStep(StepExecution partition) {
        JobExecution job = partition.getJobExecution();
        JobExecution last = repository.getLastJobExecution(job.getJobInstance());
        if (last == null) {
            return;
        }
        long lastId = last.getId();
        long id = job.getId();
        if (lastId != id) {
            throw new SupersededRequestException(partition.getStepName() + " is a request of job execution " + job.getId()
                    + ", which execution " + last.getId() + " has replaced: not run");
        }
    }

    /** Whether the partition failed because its request was superseded. */
    static boolean superseded(StepExecution partition) {
        return partition.getFailureExceptions().stream().anyMatch(SupersededRequestException.class::isInstance);
    }
}
