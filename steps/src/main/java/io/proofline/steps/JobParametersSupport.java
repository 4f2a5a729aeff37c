package io.proofline.steps;

import io.proofline.storage.tables.BatchId;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.scope.context.ChunkContext;

/** Reads the batch identity from a step's job parameters. */
public final class JobParametersSupport {

    private JobParametersSupport() {
    }

    public static BatchId batchId(ChunkContext context) {
        return batchId(context.getStepContext().getStepExecution().getJobExecution().getJobParameters());
    }

    public static BatchId batchId(JobParameters parameters) {
        Long chainId = parameters.getLong(BatchProofKeys.CHAIN_ID);
        Long batchNumber = parameters.getLong(BatchProofKeys.BATCH_NUMBER);
        if (chainId == null || batchNumber == null) {
            throw new IllegalArgumentException("batchProof needs the job parameters chainId and batchNumber");
        }
        return new BatchId(chainId, batchNumber);
    }
}
