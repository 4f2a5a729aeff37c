package io.proofline.jobs.batchproof;

import io.proofline.steps.JobParametersSupport;
import io.proofline.storage.tables.BatchId;
import io.proofline.storage.tables.BatchStatus;
import io.proofline.storage.tables.ProverBatchesDal;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * Records in the prover tables which job execution works on a batch, however it was launched
 * (the gateway, the task mode, a restart from Spring Cloud Data Flow), and that it failed, for
 * operators and the house keeper.
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
            batches.updateStatus(JobParametersSupport.batchId(execution.getJobParameters()), BatchStatus.FAILED);
        }
    }
}
