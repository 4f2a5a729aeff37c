package io.proofline.jobs.housekeeper;

import io.proofline.jobs.schema.BatchTables;
import io.proofline.steps.BatchProofKeys;
import io.proofline.storage.tables.BatchId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the house keeper and the metrics read from the job repository's tables (Spring Batch's
 * {@code batch_*} schema) in one query each, rather than loading every execution through the
 * {@code JobRepository}.
 */
public final class JobRecords {

    /** The batch of an execution, from its identifying parameters. */
    private static final String BATCH_OF = """
            (SELECT p.parameter_value FROM batch_job_execution_params p
              WHERE p.job_execution_id = l.job_execution_id AND p.parameter_name = '%s')""";
    /** The last execution of each batchProof instance, as {@code l}. */
    private static final String LAST_EXECUTIONS = "SELECT l.job_execution_id, l.status, l.end_time, "
            + BATCH_OF.formatted(BatchProofKeys.CHAIN_ID) + " AS chain_id, "
            + BATCH_OF.formatted(BatchProofKeys.BATCH_NUMBER) + " AS batch_number, "
            + """
            (SELECT count(*) FROM batch_job_execution c WHERE c.job_instance_id = l.job_instance_id) AS attempts
            FROM batch_job_execution l JOIN batch_job_instance i ON i.job_instance_id = l.job_instance_id
            WHERE i.job_name = :job
              AND l.job_execution_id = (SELECT max(m.job_execution_id) FROM batch_job_execution m
                                         WHERE m.job_instance_id = l.job_instance_id)""";

    private final JdbcClient jdbc;
    private final BatchTables tables;

    public JobRecords(JdbcClient jdbc, BatchTables tables) {
        this.jdbc = jdbc;
        this.tables = tables;
    }

    /** A statement of {@code text}, written against the default table names, on this job repository's. */
    private JdbcClient.StatementSpec sql(String text) {
        return jdbc.sql(tables.sql(text));
    }

    /**
     * A batch's job as its last execution left it.
     *
     * @param attempts executions of the job instance, the last one included
     * @param endedAt when the last execution ended (null while it runs)
     */
    public record LastExecution(BatchId batch, long executionId, String status, int attempts, Instant endedAt) {

        /** Whether the job is left failed: its last execution failed or stopped, and it has had {@code maxAttempts}. */
        public boolean exhausted(int maxAttempts) {
            return (status.equals("FAILED") || status.equals("STOPPED")) && attempts >= maxAttempts;
        }
    }

    /** A row of {@link #LAST_EXECUTIONS}. */
    private static LastExecution lastExecution(ResultSet rs, int row) throws SQLException {
        return new LastExecution(new BatchId(Long.parseLong(rs.getString("chain_id")), Long.parseLong(rs.getString("batch_number"))),
                rs.getLong("job_execution_id"), rs.getString("status"), rs.getInt("attempts"),
                rs.getTimestamp("end_time") == null ? null : rs.getTimestamp("end_time").toInstant());
    }

    /** The batch's job as its last execution left it; empty when it has none. */
    public Optional<LastExecution> lastExecution(BatchId batch) {
        return sql("SELECT * FROM (" + LAST_EXECUTIONS + ") b WHERE b.chain_id = :chain AND b.batch_number = :batch")
                .param("job", BatchProofKeys.JOB).param("chain", String.valueOf(batch.chainId()))
                .param("batch", String.valueOf(batch.batchNumber()))
                .query(JobRecords::lastExecution)
                .optional();
    }

    /** batchProof jobs whose last execution failed or was stopped. */
    public List<LastExecution> failedJobs() {
        return sql(LAST_EXECUTIONS + " AND l.status IN ('FAILED', 'STOPPED') ORDER BY l.job_execution_id")
                .param("job", BatchProofKeys.JOB)
                .query(JobRecords::lastExecution)
                .list();
    }

    /** batchProof jobs whose last execution failed and that have had {@code maxAttempts} executions or more. */
    public long jobsAtMaxAttempts(int maxAttempts) {
        return sql("SELECT count(*) FROM (" + LAST_EXECUTIONS + " AND l.status = 'FAILED') f WHERE f.attempts >= :max")
                .param("job", BatchProofKeys.JOB).param("max", maxAttempts)
                .query(Long.class).single();
    }

    /**
     * Running batchProof executions in which nothing (the execution or any of its steps, the
     * workers' partitions included) changed for {@code timeout}.
     */
    public List<Long> silentRunningExecutions(Duration timeout) {
        return sql("""
                SELECT e.job_execution_id FROM batch_job_execution e
                JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
                WHERE i.job_name = :job AND e.status IN ('STARTING', 'STARTED', 'STOPPING')
                  AND GREATEST(e.last_updated, e.create_time, (SELECT max(GREATEST(s.last_updated, s.create_time))
                        FROM batch_step_execution s WHERE s.job_execution_id = e.job_execution_id))
                      < now() - make_interval(secs => :timeout)
                ORDER BY e.job_execution_id""")
                .param("job", BatchProofKeys.JOB).param("timeout", seconds(timeout))
                .query(Long.class).list();
    }

    /** Worker step executions of a running job with the given status, begun longer ago than {@code age}. */
    public List<long[]> workerSteps(String stepNamePrefix, String status, Duration age) {
        return sql("""
                SELECT s.job_execution_id, s.step_execution_id FROM batch_step_execution s
                JOIN batch_job_execution e ON e.job_execution_id = s.job_execution_id
                WHERE s.step_name LIKE :prefix AND s.status = :status AND e.status IN ('STARTING', 'STARTED')
                  AND COALESCE(s.start_time, s.create_time) < now() - make_interval(secs => :age)
                ORDER BY s.step_execution_id""")
                .param("prefix", stepNamePrefix + "%").param("status", status).param("age", seconds(age))
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .list();
    }

    /** Whether the PostgreSQL channels hold no request waiting for a worker. */
    public boolean channelsEmpty() {
        return sql("SELECT count(*) FROM int_channel_message").query(Long.class).single() == 0;
    }

    /** Batches submitted longer ago than {@code retention} and not pruned yet. */
    public List<BatchId> submittedBefore(Duration retention) {
        return sql("""
                SELECT chain_id, batch_number FROM prover_batches
                WHERE status = 'submitted' AND submitted_at IS NOT NULL AND submitted_at < now() - make_interval(secs => :age)
                  AND pruned_at IS NULL
                ORDER BY chain_id, batch_number""")
                .param("age", seconds(retention))
                .query((rs, n) -> new BatchId(rs.getLong(1), rs.getLong(2)))
                .list();
    }

    /** Deletes a batch's circuit instance and aggregation proof rows; its prover_batches row stays, as the record of what was submitted. */
    public void deleteInstances(BatchId batch) {
        sql("DELETE FROM prover_circuit_instances WHERE chain_id = :chain AND batch_number = :batch")
                .param("chain", batch.chainId()).param("batch", batch.batchNumber()).update();
        sql("DELETE FROM prover_aggregation_proofs WHERE chain_id = :chain AND batch_number = :batch")
                .param("chain", batch.chainId()).param("batch", batch.batchNumber()).update();
    }

    /** Notes that a batch has been pruned, so that later runs leave it alone. */
    public void markPruned(BatchId batch) {
        sql("UPDATE prover_batches SET pruned_at = now() WHERE chain_id = :chain AND batch_number = :batch")
                .param("chain", batch.chainId()).param("batch", batch.batchNumber()).update();
    }

    /** Task links to the job executions of an instance about to be deleted. */
    public void deleteTaskLinks(List<Long> executionIds) {
        if (!executionIds.isEmpty()) {
            sql("DELETE FROM task_task_batch WHERE job_execution_id IN (:ids)").param("ids", executionIds).update();
        }
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
