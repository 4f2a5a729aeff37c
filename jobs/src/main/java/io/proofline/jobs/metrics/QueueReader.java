package io.proofline.jobs.metrics;

import io.proofline.circuits.base.CircuitType;
import io.proofline.jobs.metrics.QueueReport.Row;
import io.proofline.jobs.schema.BatchTables;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads the queue state: proving from {@code prover_circuit_instances} (queued and in-progress
 * instances), the other stages from the job repository's step executions of running jobs
 * (STARTING: sent, not yet taken by a worker; STARTED: running).
 */
public final class QueueReader {

    public static final String WITNESS_GENERATION = "witness_generation";
    public static final String PROVING = "proving";
    public static final String AGGREGATION = "aggregation";
    public static final String SUBMISSION = "submission";
    public static final String ALL = "all";
    /** Job repository stages: label and the step name prefix. */
    private static final String[][] STEP_STAGES = {
            {WITNESS_GENERATION, "basicWitnessGenerationWorker:"}, {AGGREGATION, "aggregationProofWorker:"}, {SUBMISSION, "submitProof"}};

    private final JdbcClient jdbc;
    private final BatchTables tables;

    public QueueReader(JdbcClient jdbc, BatchTables tables) {
        this.jdbc = jdbc;
        this.tables = tables;
    }

    /** A statement of {@code text}, written against the default table names, on this job repository's. */
    private JdbcClient.StatementSpec sql(String text) {
        return jdbc.sql(tables.sql(text));
    }

    /** Every stage and circuit type the report has, in order. */
    public static List<String[]> keys() {
        List<String[]> keys = new ArrayList<>();
        keys.add(new String[] {WITNESS_GENERATION, ALL});
        for (CircuitType t : CircuitType.values()) {
            keys.add(new String[] {PROVING, t.label});
        }
        keys.add(new String[] {AGGREGATION, ALL});
        keys.add(new String[] {SUBMISSION, ALL});
        return keys;
    }

    public QueueReport read() {
        Map<String, Row> proving = new HashMap<>();
        sql("""
                SELECT circuit_type, count(*) FILTER (WHERE status = 'queued') AS queued,
                       count(*) FILTER (WHERE status = 'in_progress') AS in_progress,
                       min(updated_at) FILTER (WHERE status = 'queued') AS oldest
                FROM prover_circuit_instances WHERE status IN ('queued', 'in_progress') GROUP BY circuit_type""")
                .query((rs, n) -> proving.put(rs.getString(1),
                        new Row(PROVING, rs.getString(1), rs.getLong(2), rs.getLong(3), instant(rs.getTimestamp(4)))))
                .list();
        Map<String, Row> steps = new HashMap<>();
        for (String[] stage : STEP_STAGES) {
            steps.put(stage[0], sql("""
                    SELECT count(*) FILTER (WHERE s.status = 'STARTING'), count(*) FILTER (WHERE s.status = 'STARTED'),
                           min(s.create_time) FILTER (WHERE s.status = 'STARTING')
                    FROM batch_step_execution s JOIN batch_job_execution e ON e.job_execution_id = s.job_execution_id
                    WHERE s.step_name LIKE :prefix AND s.status IN ('STARTING', 'STARTED')
                      AND e.status IN ('STARTING', 'STARTED')""")
                    .param("prefix", stage[1] + "%")
                    .query((rs, n) -> new Row(stage[0], ALL, rs.getLong(1), rs.getLong(2), instant(rs.getTimestamp(3))))
                    .single());
        }
        List<Row> rows = new ArrayList<>();
        for (String[] key : keys()) {
            Row row = PROVING.equals(key[0]) ? proving.get(key[1]) : steps.get(key[0]);
            rows.add(row != null ? row : new Row(key[0], key[1], 0, 0, null));
        }
        return new QueueReport(List.copyOf(rows), Instant.now());
    }

    /** Seconds since the oldest unproven batch (not yet submitted) was received; 0 when none. */
    public double oldestUnprovenBatchAgeSeconds() {
        return sql("SELECT COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0) FROM prover_batches"
                        + " WHERE status <> 'submitted'")
                .query(Double.class).single();
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
