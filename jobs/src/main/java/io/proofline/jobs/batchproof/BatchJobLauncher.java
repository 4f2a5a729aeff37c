package io.proofline.jobs.batchproof;

import io.proofline.steps.BatchProofKeys;
import io.proofline.storage.tables.BatchId;
import io.proofline.storage.tables.ProverBatchesDal;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Starts or restarts the batchProof job of a batch, off the caller's thread (each job runs on
 * its own thread while its partitions are out with workers), at most {@code maxInFlight} at
 * once: callers ask {@link #hasRoom()} before they take work they would launch. A batch whose
 * job is running or complete is left alone; a failed or stopped one is restarted, which re-runs
 * only what did not complete.
 */
public final class BatchJobLauncher implements BatchLauncher {

    private static final System.Logger LOG = System.getLogger(BatchJobLauncher.class.getName());

    private final JobOperator operator;
    private final JobRepository repository;
    private final Job job;
    private final ProverBatchesDal batches;
    private final int maxInFlight;
    private final ThreadPoolExecutor executor;
    private final AtomicInteger inFlight = new AtomicInteger();

    public BatchJobLauncher(JobOperator operator, JobRepository repository, Job job, ProverBatchesDal batches, int maxInFlight) {
        this.operator = operator;
        this.repository = repository;
        this.job = job;
        this.batches = batches;
        this.maxInFlight = maxInFlight;
        // one thread per job in flight; the queue only holds launches that race a finishing job
        this.executor = new ThreadPoolExecutor(maxInFlight, maxInFlight, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(maxInFlight), Thread.ofPlatform().name("batch-proof-", 0).factory());
    }

    /**
     * Runs the batch's job on the launcher's threads.
     *
     * @throws IllegalStateException when {@code maxInFlight} jobs are already in flight
     */
    @Override
    public void launch(BatchId id) {
        if (inFlight.incrementAndGet() > maxInFlight) {
            inFlight.decrementAndGet();
            throw new IllegalStateException("cannot launch the job for " + id + ": " + maxInFlight + " jobs in flight");
        }
        executor.execute(() -> {
            try {
                run(id);
            } catch (RuntimeException e) {
                // run() has logged it; the batch stays recorded and is restarted when the core hands it out again
            } finally {
                inFlight.decrementAndGet();
            }
        });
    }

    /** Jobs launched through {@link #launch} that have not ended yet. */
    public int inFlight() {
        return inFlight.get();
    }

    public int maxInFlight() {
        return maxInFlight;
    }

    @Override
    public Optional<String> busy() {
        return hasRoom() ? Optional.empty() : Optional.of(inFlight() + " of " + maxInFlight
                + " batchProof jobs in flight (proofline.gateway.max-jobs-in-flight)");
    }

    @Override
    public void drain() throws InterruptedException {
        executor.shutdown();
        while (!executor.awaitTermination(1, TimeUnit.MINUTES)) {
            LOG.log(System.Logger.Level.INFO, "waiting for " + inFlight() + " batchProof jobs to end");
        }
    }

    /** Whether {@link #launch} would take another job now. */
    public boolean hasRoom() {
        return inFlight.get() < maxInFlight;
    }

    /** Runs or restarts the job in the calling thread and returns its final execution. */
    public JobExecution run(BatchId id) {
        try {
            JobInstance instance = repository.getJobInstance(job.getName(), BatchProofKeys.parameters(id));
            JobExecution last = instance == null ? null : repository.getLastJobExecution(instance);
            JobExecution execution;
            if (last == null) {
                execution = operator.start(job, BatchProofKeys.parameters(id));
            } else if (last.getStatus() == BatchStatus.COMPLETED || last.isRunning()) {
                LOG.log(System.Logger.Level.INFO, "job for " + id + " is " + last.getStatus() + ", not starting it again");
                return last;
            } else {
                LOG.log(System.Logger.Level.INFO, "restarting job for " + id + " (last execution " + last.getId() + " "
                        + last.getStatus() + ")");
                execution = operator.restart(last);
            }
            batches.attachJobExecution(id, execution.getId());
            LOG.log(System.Logger.Level.INFO, "job for " + id + " ended " + execution.getStatus());
            return execution;
        } catch (Exception e) {
            LOG.log(System.Logger.Level.ERROR, "job for " + id + " could not run: " + e.getMessage(), e);
            throw new IllegalStateException("job for " + id + " could not run", e);
        }
    }

    public void shutdown() {
        executor.shutdownNow();
    }
}
