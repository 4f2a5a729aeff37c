package io.proofline.steps.aggregation;

import io.proofline.steps.JobParametersSupport;
import io.proofline.storage.tables.BatchId;
import io.proofline.storage.tables.ProverBatchesDal;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.flow.FlowExecutionStatus;
import org.springframework.batch.core.job.flow.JobExecutionDecider;
import org.springframework.batch.core.step.StepExecution;

/**
 * After the base proofs: protocol version 1 proves a batch by the bundle of its base proofs
 * (no recursion); from version 2 on, by one proof aggregated through leaves, nodes and the
 * scheduler.
 */
public final class ProofFormatDecider implements JobExecutionDecider {

    public static final String BUNDLE = "BUNDLE";
    public static final String AGGREGATED = "AGGREGATED";
    /** The first protocol version whose batches are proven by one aggregated proof. */
    public static final int AGGREGATED_SINCE_VERSION = 2;

    private final ProverBatchesDal batches;

    public ProofFormatDecider(ProverBatchesDal batches) {
        this.batches = batches;
    }

    @Override
    public FlowExecutionStatus decide(JobExecution jobExecution, StepExecution stepExecution) {
        BatchId id = JobParametersSupport.batchId(jobExecution.getJobParameters());
        int version = batches.find(id).orElseThrow(() -> new IllegalStateException("unknown batch " + id)).protocolVersion();
        return new FlowExecutionStatus(version < AGGREGATED_SINCE_VERSION ? BUNDLE : AGGREGATED);
    }
}
