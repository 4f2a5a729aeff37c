package io.proofline.steps;

import io.proofline.storage.tables.BatchId;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/** Names of job parameters and execution-context entries, in one place. */
public final class BatchProofKeys {

    public static final String JOB = "batchProof";
    public static final String CHAIN_ID = "chainId";
    public static final String BATCH_NUMBER = "batchNumber";
    public static final String CIRCUIT_TYPE = "circuitType";
    public static final String INSTANCE_INDEX = "instanceIndex";
    public static final String INPUT_KEY = "inputKey";
    public static final String INPUT_SHA256 = "inputSha256";
    /** An aggregation partition's proof: its layer, round and index (with {@link #CIRCUIT_TYPE}; none for the scheduler). */
    public static final String AGGREGATION_LAYER = "aggregationLayer";
    public static final String AGGREGATION_ROUND = "aggregationRound";
    public static final String PROOF_INDEX = "proofIndex";

    private BatchProofKeys() {
    }

    /** The identifying parameters of a batch's job instance. */
    public static JobParameters parameters(BatchId id) {
        return new JobParametersBuilder()
                .addLong(CHAIN_ID, id.chainId(), true)
                .addLong(BATCH_NUMBER, id.batchNumber(), true)
                .toJobParameters();
    }
}
