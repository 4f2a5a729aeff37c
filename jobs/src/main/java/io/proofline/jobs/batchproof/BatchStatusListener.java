package io.proofline.jobs.batchproof;

import io.proofline.steps.JobParametersSupport;
import io.proofline.storage.tables.BatchId;
import io.proofline.storage.tables.BatchStatus;
import io.proofline.storage.tables.ProverBatchesDal;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * The one place where a batch's status in the prover tables is written: it follows the job
 * repository. Each status is the outcome of a step of the batchProof job, recorded by the
 * listener {@link #onStart} or {@link #onCompletion} gives that step, and a job execution that
 * ends unsuccessfully leaves the batch failed. The
 * stages' tasklets record only what Spring Batch does not hold (manifests, proof keys and hashes,
 * the core's answer). It also records which job execution works on the batch, however it was
 * launched (the gateway, the task mode, a restart from Spring Cloud Data Flow).
 */
final class BatchStatusListener implements JobExecutionListener {

    private final ProverBatchesDal batches;

    BatchStatusListener(ProverBatchesDal batches) {
        this.batches = batches;
    }

    @Override
    public void beforeJob(JobExecution execution) {
        BatchId id = JobParametersSupport.batchId(execution.getJobParameters());
        // a batch the gateway never recorded fails in loadWitnessInputs, which says so
        if (batches.find(id).isPresent()) {
            batches.attachJobExecution(id, execution.getId());
        }
    }

    @Override
    public void afterJob(JobExecution execution) {
        if (execution.getStatus().isUnsuccessful()) {
            BatchId id = JobParametersSupport.batchId(execution.getJobParameters());
            if (batches.find(id).isPresent()) {
                batches.updateStatus(id, BatchStatus.FAILED);
            }
        }
    }

    /** For a step whose start moves the batch to {@code status}. */
    StepExecutionListener onStart(BatchStatus status) {
        return new StepExecutionListener() {
            @Override
            public void beforeStep(StepExecution step) {
                batches.updateStatus(batchId(step), status);
            }
        };
    }

    /** For a step whose completion moves the batch to {@code status}; a step that fails leaves it. */
    StepExecutionListener onCompletion(BatchStatus status) {
        return new StepExecutionListener() {
            @Override
            public ExitStatus afterStep(StepExecution step) {
                if (ExitStatus.COMPLETED.getExitCode().equals(step.getExitStatus().getExitCode())) {
                    batches.updateStatus(batchId(step), status);
                }
                return null;
            }
        };
    }

    private static BatchId batchId(StepExecution step) {
        return JobParametersSupport.batchId(step.getJobExecution().getJobParameters());
    }
}
