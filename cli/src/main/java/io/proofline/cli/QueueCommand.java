package io.proofline.cli;

import java.io.PrintWriter;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code status queue}: the work waiting and in progress, per stage and circuit type. */
@Command(name = "queue", description = "Queued, in-progress and failed work per stage and circuit type, and the oldest of each.")
final class QueueCommand implements Runnable {

    @Mixin
    DatabaseOptions database;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        ProverDatabase db = database.open();
        PrintWriter out = spec.commandLine().getOut();
        out.println("batches by status:");
        Table batches = new Table("STATUS", "BATCHES", "OLDEST", "AGE");
        db.sql("""
                SELECT status, count(*), min(created_at), EXTRACT(EPOCH FROM now() - min(created_at))
                FROM prover_batches GROUP BY status
                ORDER BY array_position(ARRAY['received','witness_generated','proving','aggregated','submitted','failed'], status)""")
                .query((rs, n) -> batches.row(rs.getString(1), rs.getLong(2),
                        Table.time(rs.getTimestamp(3).toInstant()), age(rs.getDouble(4))))
                .list();
        if (batches.size() == 0) {
            out.println("  none");
        } else {
            batches.print(out, "  ");
        }
        out.println("base circuit proving, by circuit type:");
        Table proving = new Table("CIRCUIT", "QUEUED", "IN PROGRESS", "FAILED", "OLDEST QUEUED", "OLDEST HEARTBEAT");
        db.sql("""
                SELECT circuit_type,
                       count(*) FILTER (WHERE status = 'queued'),
                       count(*) FILTER (WHERE status = 'in_progress'),
                       count(*) FILTER (WHERE status = 'failed'),
                       EXTRACT(EPOCH FROM now() - min(updated_at) FILTER (WHERE status = 'queued')),
                       EXTRACT(EPOCH FROM now() - min(heartbeat_at) FILTER (WHERE status = 'in_progress'))
                FROM prover_circuit_instances WHERE status <> 'successful'
                GROUP BY circuit_type ORDER BY circuit_type""")
                .query((rs, n) -> proving.row(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        ageOrNull(rs.getObject(5)), ageOrNull(rs.getObject(6))))
                .list();
        if (proving.size() == 0) {
            out.println("  nothing queued, in progress or failed");
        } else {
            proving.print(out, "  ");
        }
        out.println("batchProof job executions running, by stage:");
        Table stages = new Table("STAGE", "RUNNING", "LONGEST");
        db.sql("""
                SELECT s.step_name, count(*), EXTRACT(EPOCH FROM localtimestamp - min(s.start_time))
                FROM batch_step_execution s
                JOIN batch_job_execution e ON e.job_execution_id = s.job_execution_id
                JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
                WHERE i.job_name = 'batchProof' AND s.status IN ('STARTING', 'STARTED') AND s.step_name NOT LIKE '%Worker%'
                GROUP BY s.step_name ORDER BY s.step_name""")
                .query((rs, n) -> stages.row(rs.getString(1), rs.getLong(2), age(rs.getDouble(3))))
                .list();
        if (stages.size() == 0) {
            out.println("  none");
        } else {
            stages.print(out, "  ");
        }
    }

    private static String ageOrNull(Object seconds) {
        return seconds == null ? null : age(((Number) seconds).doubleValue());
    }

    private static String age(double seconds) {
        return Table.duration(Duration.ofMillis(Math.max(0, (long) (seconds * 1000))));
    }
}
