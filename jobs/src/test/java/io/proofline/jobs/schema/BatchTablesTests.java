package io.proofline.jobs.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BatchTablesTests {

    private static final String QUERY = "SELECT s.step_name, e.status FROM batch_step_execution s JOIN batch_job_execution e"
            + " ON e.job_execution_id = s.job_execution_id JOIN prover_batches b ON b.batch_number = 1"
            + " WHERE EXISTS (SELECT 1 FROM batch_job_execution_params p)";

    @Test
    void theDefaultPrefixLeavesTheQueryAlone() {
        assertEquals(QUERY, BatchTables.DEFAULT.sql(QUERY));
    }

    @Test
    void scdfsPrefixRenamesEveryJobRepositoryTableAndNothingElse() {
        assertEquals("SELECT s.step_name, e.status FROM boot3_batch_step_execution s JOIN boot3_batch_job_execution e"
                + " ON e.job_execution_id = s.job_execution_id JOIN prover_batches b ON b.batch_number = 1"
                + " WHERE EXISTS (SELECT 1 FROM boot3_batch_job_execution_params p)", new BatchTables("BOOT3_BATCH_").sql(QUERY));
    }

    @Test
    void aPrefixThatCouldInjectSqlIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BatchTables("x; DROP TABLE y; --"));
        assertEquals("spring.batch.jdbc.table-prefix must be letters, digits and underscores, got 'x; DROP TABLE y; --'",
                e.getMessage());
    }
}
