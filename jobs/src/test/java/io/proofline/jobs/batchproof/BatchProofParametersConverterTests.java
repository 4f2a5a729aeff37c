package io.proofline.jobs.batchproof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.proofline.steps.BatchProofKeys;
import io.proofline.storage.tables.BatchId;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.parameters.JobParameters;

/** The task mode's command line names the same job instance as the gateway's launches. */
class BatchProofParametersConverterTests {

    private final BatchProofParametersConverter converter = new BatchProofParametersConverter();

    @Test
    void plainChainIdAndBatchNumberAreTheIdentifyingLongsTheGatewayUses() {
        JobParameters parameters = converter.getJobParameters(properties("chainId", "1", "batchNumber", "42"));
        assertEquals(BatchProofKeys.parameters(new BatchId(1, 42)), parameters);
    }

    @Test
    void typedValuesAndOtherParametersAreReadAsWritten() {
        JobParameters parameters = converter.getJobParameters(properties("chainId", "1,java.lang.Long,true",
                "batchNumber", "7,java.lang.Long,false", "note", "x"));
        assertEquals(1L, parameters.getLong("chainId"));
        assertFalse(parameters.getParameter("batchNumber").identifying());
        assertEquals("x", parameters.getString("note"));
    }

    private static Properties properties(String... keysAndValues) {
        Properties p = new Properties();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            p.setProperty(keysAndValues[i], keysAndValues[i + 1]);
        }
        return p;
    }
}
