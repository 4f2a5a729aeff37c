package io.proofline.jobs.batchproof;

import io.proofline.steps.data.BatchStatus;
import io.proofline.steps.data.ProverBatchesDal;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/** Records in the prover tables that a batch's job failed, for operators and the house keeper. */
final class BatchStatusListener implements JobExecutionListener {

    private final ProverBatchesDal batches;

    BatchStatusListener(ProverBatchesDal batches) {
        this.batches = batches;
    }

    @Override
    public void afterJob(JobExecution execution) {
        if (execution.getStatus().isUnsuccessful()) {
            batches.updateStatus(JobParametersSupport.batchId(execution.getJobParameters()), BatchStatus.FAILED);
        }
    }
}
