package io.proofline.cli;

import io.proofline.jobs.schema.BatchTables;
import io.proofline.steps.BatchProofKeys;
import io.proofline.storage.tables.AggregationProofsDal;
import io.proofline.storage.tables.BatchId;
import io.proofline.storage.tables.CircuitInstancesDal;
import io.proofline.storage.tables.ProtocolVersionsDal;
import io.proofline.storage.tables.ProverBatch;
import io.proofline.storage.tables.ProverBatchesDal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The prover's database as the CLI reads it: the prover tables through their DALs, and the
 * batchProof job's rows in Spring Batch's job repository, found by its identifying parameters
 * {@code chainId} and {@code batchNumber}.
 */
final class ProverDatabase {

    /** One execution of a batch's job. */
    record JobExecutionRow(long id, long instanceId, String status, String exitCode, String exitMessage,
                           LocalDateTime created, LocalDateTime started, LocalDateTime ended, LocalDateTime lastUpdated) {

        boolean running() {
            return List.of("STARTING", "STARTED", "STOPPING").contains(status);
        }
    }

    /** One step execution: a stage of the job, or one worker partition of it. */
    record StepExecutionRow(long id, String name, String status, LocalDateTime started, LocalDateTime ended,
                            String exitCode, String exitMessage) {

        Duration duration() {
            return started == null || ended == null ? null : Duration.between(started, ended);
        }
    }

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final BatchTables tables;

    ProverDatabase(DataSource dataSource, BatchTables tables) {
        this.dataSource = dataSource;
        this.jdbc = JdbcClient.create(dataSource);
        this.tables = tables;
    }

    /** A statement of {@code text}, written against Spring Batch's default table names, on this database's. */
    JdbcClient.StatementSpec sql(String text) {
        return jdbc.sql(tables.sql(text));
    }

    DataSource dataSource() {
        return dataSource;
    }

    JdbcClient jdbc() {
        return jdbc;
    }

    ProverBatchesDal batches() {
        return new ProverBatchesDal(jdbc);
    }

    ProtocolVersionsDal versions() {
        return new ProtocolVersionsDal(jdbc);
    }

    CircuitInstancesDal instances() {
        return new CircuitInstancesDal(jdbc);
    }

    AggregationProofsDal aggregationProofs() {
        return new AggregationProofsDal(jdbc);
    }

    /**
     * The batch numbered {@code batchNumber}, on {@code chainId} or, when null, on the only chain
     * that has one.
     *
     * @throws CliFailure if there is none, or several chains have one and no chain was named
     */
    ProverBatch batch(Long chainId, long batchNumber) {
        List<Long> chains = sql("SELECT chain_id FROM prover_batches WHERE batch_number = :batch "
                        + "AND (CAST(:chain AS BIGINT) IS NULL OR chain_id = :chain) ORDER BY chain_id")
                .param("batch", batchNumber).param("chain", chainId)
                .query(Long.class).list();
        if (chains.isEmpty()) {
            throw CliFailure.refused("no batch " + batchNumber + (chainId == null ? "" : " on chain " + chainId)
                    + " in the prover's tables (the gateway records a batch when it takes it from the core)");
        }
        if (chains.size() > 1) {
            throw new CliFailure(ExitCodes.USAGE, "batch " + batchNumber + " exists on chains " + chains + ": name one with --chain-id");
        }
        return batches().find(new BatchId(chains.getFirst(), batchNumber)).orElseThrow();
    }

    /** The batch's job instance in the job repository, if a job was ever started for it. */
    Optional<Long> jobInstance(BatchId batch) {
        return sql("""
                SELECT DISTINCT i.job_instance_id FROM batch_job_instance i
                JOIN batch_job_execution e ON e.job_instance_id = i.job_instance_id
                WHERE i.job_name = :job
                  AND EXISTS (SELECT 1 FROM batch_job_execution_params p WHERE p.job_execution_id = e.job_execution_id
                              AND p.parameter_name = :chainName AND p.parameter_value = :chain)
                  AND EXISTS (SELECT 1 FROM batch_job_execution_params p WHERE p.job_execution_id = e.job_execution_id
                              AND p.parameter_name = :batchName AND p.parameter_value = :batch)""")
                .param("job", BatchProofKeys.JOB)
                .param("chainName", BatchProofKeys.CHAIN_ID).param("chain", Long.toString(batch.chainId()))
                .param("batchName", BatchProofKeys.BATCH_NUMBER).param("batch", Long.toString(batch.batchNumber()))
                .query(Long.class).optional();
    }

    /** The instance's executions, oldest first. */
    List<JobExecutionRow> jobExecutions(long instanceId) {
        return sql("""
                SELECT job_execution_id, job_instance_id, status, exit_code, exit_message, create_time, start_time, end_time,
                       last_updated
                FROM batch_job_execution WHERE job_instance_id = :instance ORDER BY job_execution_id""")
                .param("instance", instanceId)
                .query((rs, n) -> new JobExecutionRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), time(rs, 6), time(rs, 7), time(rs, 8), time(rs, 9)))
                .list();
    }

    /** The execution's steps, in the order they were created. */
    List<StepExecutionRow> stepExecutions(long jobExecutionId) {
        return sql("""
                SELECT step_execution_id, step_name, status, start_time, end_time, exit_code, exit_message
                FROM batch_step_execution WHERE job_execution_id = :execution ORDER BY step_execution_id""")
                .param("execution", jobExecutionId)
                .query((rs, n) -> new StepExecutionRow(rs.getLong(1), rs.getString(2), rs.getString(3), time(rs, 4), time(rs, 5),
                        rs.getString(6), rs.getString(7)))
                .list();
    }

    /** Whether the batch's job has an execution running now (by the job repository's word). */
    Optional<JobExecutionRow> runningExecution(BatchId batch) {
        return jobInstance(batch).flatMap(this::runningExecution);
    }

    private Optional<JobExecutionRow> runningExecution(long instanceId) {
        return jobExecutions(instanceId).stream().filter(JobExecutionRow::running).findFirst();
    }

    /**
     * Within a transaction about to delete a batch's job records: its job instance, the row locked
     * so that no execution can be added until the transaction ends (inserting one takes a key-share
     * lock on it), and refused if an execution runs now. A command checks that the job is idle
     * first, then asks for confirmation; meanwhile the house keeper or the gateway may have
     * restarted it, which this check, done under the lock, sees.
     *
     * @throws CliFailure if an execution of the batch's job runs
     */
    Optional<Long> lockIdleJobInstance(BatchId batch) {
        Optional<Long> instance = jobInstance(batch);
        instance.ifPresent(i -> sql("SELECT job_instance_id FROM batch_job_instance WHERE job_instance_id = :instance FOR UPDATE")
                .param("instance", i).query(Long.class).optional());
        instance.flatMap(this::runningExecution).ifPresent(e -> {
            throw CliFailure.refused("job execution " + e.id() + " of " + batch + " started meanwhile and is " + e.status()
                    + " (the house keeper or the gateway restarted it): nothing changed");
        });
        return instance;
    }

    /** Deletes the job instance with all its executions, steps, contexts and parameters, in one transaction's worth of statements. */
    void deleteJobInstance(long instanceId) {
        String executions = "SELECT job_execution_id FROM batch_job_execution WHERE job_instance_id = :instance";
        String steps = "SELECT step_execution_id FROM batch_step_execution WHERE job_execution_id IN (" + executions + ")";
        for (String sql : List.of(
                "DELETE FROM batch_step_execution_context WHERE step_execution_id IN (" + steps + ")",
                "DELETE FROM batch_step_execution WHERE job_execution_id IN (" + executions + ")",
                "DELETE FROM batch_job_execution_context WHERE job_execution_id IN (" + executions + ")",
                "DELETE FROM batch_job_execution_params WHERE job_execution_id IN (" + executions + ")",
                "DELETE FROM task_task_batch WHERE job_execution_id IN (" + executions + ")",
                "DELETE FROM batch_job_execution WHERE job_instance_id = :instance",
                "DELETE FROM batch_job_instance WHERE job_instance_id = :instance")) {
            if (sql.contains("task_task_batch") && !hasTable("task_task_batch")) {
                continue;
            }
            sql(sql).param("instance", instanceId).update();
        }
    }

    private boolean hasTable(String name) {
        return Boolean.TRUE.equals(sql("SELECT to_regclass(:name) IS NOT NULL").param("name", name).query(Boolean.class).single());
    }

    private static LocalDateTime time(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toLocalDateTime();
    }
}
