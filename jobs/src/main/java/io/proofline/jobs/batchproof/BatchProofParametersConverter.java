package io.proofline.jobs.batchproof;

import io.proofline.steps.BatchProofKeys;
import java.util.Properties;
import org.springframework.batch.core.converter.DefaultJobParametersConverter;
import org.springframework.batch.core.job.parameters.JobParameters;

/**
 * Reads the task mode's command line ({@code chainId=1 batchNumber=42}, as Spring Cloud Data
 * Flow passes a task's arguments) into the batchProof job's parameters. Spring Batch reads a
 * value without a type as an identifying string; {@code chainId} and {@code batchNumber} are
 * identifying longs here, as the gateway launches them, so that a launch from any side names the
 * same job instance. Values that carry a type ({@code 1,java.lang.Long,true}) are read as written.
 */
public final class BatchProofParametersConverter extends DefaultJobParametersConverter {

    @Override
    public JobParameters getJobParameters(Properties properties) {
        Properties typed = new Properties();
        typed.putAll(properties);
        for (String key : new String[] {BatchProofKeys.CHAIN_ID, BatchProofKeys.BATCH_NUMBER}) {
            String value = typed.getProperty(key);
            if (value != null && !value.contains(",")) {
                typed.setProperty(key, value.strip() + "," + Long.class.getName() + ",true");
            }
        }
        return super.getJobParameters(typed);
    }
}
