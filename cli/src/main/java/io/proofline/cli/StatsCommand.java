package io.proofline.cli;

import java.io.PrintWriter;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code stats --period day|week}: timings per stage over the period, from the job repository's
 * completed step executions (partitions grouped by their step name), and the witness vector and
 * proving times the workers recorded per circuit type.
 */
@Command(name = "stats", description = "Timings per stage and per circuit type over the last day or week.")
final class StatsCommand implements Runnable {

    enum Period {
        day(Duration.ofDays(1)), week(Duration.ofDays(7));

        final Duration length;

        Period(Duration length) {
            this.length = length;
        }
    }

    @Mixin
    DatabaseOptions database;

    @Option(names = "--period", defaultValue = "day", description = "day or week (default: ${DEFAULT-VALUE})")
    Period period;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        ProverDatabase db = database.open();
        PrintWriter out = spec.commandLine().getOut();
        long seconds = period.length.toSeconds();
        out.println("over the last " + period + ":");
        Table jobs = new Table("JOB EXECUTIONS", "COUNT", "MEAN", "P50", "P95", "MAX");
        db.sql("""
                SELECT e.status, count(*), avg(d), percentile_cont(0.5) WITHIN GROUP (ORDER BY d),
                       percentile_cont(0.95) WITHIN GROUP (ORDER BY d), max(d)
                FROM (SELECT e.status, EXTRACT(EPOCH FROM e.end_time - e.start_time) AS d
                      FROM batch_job_execution e JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
                      WHERE i.job_name = 'batchProof' AND e.end_time IS NOT NULL
                        AND e.end_time > localtimestamp - make_interval(secs => :period)) e
                GROUP BY e.status ORDER BY e.status""")
                .param("period", seconds)
                .query((rs, n) -> jobs.row(rs.getString(1), rs.getLong(2), s(rs.getDouble(3)), s(rs.getDouble(4)),
                        s(rs.getDouble(5)), s(rs.getDouble(6))))
                .list();
        print(out, jobs, "no batchProof job execution ended");
        Table stages = new Table("STAGE", "COMPLETED", "FAILED", "MEAN", "P50", "P95", "MAX");
        db.sql("""
                SELECT name, count(*) FILTER (WHERE status = 'COMPLETED'), count(*) FILTER (WHERE status = 'FAILED'),
                       avg(d) FILTER (WHERE status = 'COMPLETED'),
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY d) FILTER (WHERE status = 'COMPLETED'),
                       percentile_cont(0.95) WITHIN GROUP (ORDER BY d) FILTER (WHERE status = 'COMPLETED'),
                       max(d) FILTER (WHERE status = 'COMPLETED'), min(first)
                FROM (SELECT split_part(s.step_name, ':', 1) AS name, s.status, s.step_execution_id AS first,
                             EXTRACT(EPOCH FROM s.end_time - s.start_time) AS d
                      FROM batch_step_execution s
                      JOIN batch_job_execution e ON e.job_execution_id = s.job_execution_id
                      JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
                      WHERE i.job_name = 'batchProof' AND s.end_time IS NOT NULL
                        AND s.end_time > localtimestamp - make_interval(secs => :period)) s
                GROUP BY name ORDER BY min(first)""")
                .param("period", seconds)
                .query((rs, n) -> stages.row(rs.getString(1), rs.getLong(2), rs.getLong(3), s(rs.getObject(4)),
                        s(rs.getObject(5)), s(rs.getObject(6)), s(rs.getObject(7))))
                .list();
        print(out, stages, "no stage ended");
        // QUEUE WAIT MEAN: the wait between vector and prover on GPU workers' pipelines, "-" where none ran one
        Table circuits = new Table("CIRCUIT", "PROVEN", "FAILED", "VECTORS MEAN", "QUEUE WAIT MEAN", "PROVING MEAN", "PROVING P95",
                "PROVING MAX", "ATTEMPTS MEAN");
        db.sql("""
                SELECT circuit_type, count(*) FILTER (WHERE status = 'successful'), count(*) FILTER (WHERE status = 'failed'),
                       avg(vector_ms) / 1000.0, avg(queue_ms) / 1000.0, avg(prove_ms) / 1000.0,
                       percentile_cont(0.95) WITHIN GROUP (ORDER BY prove_ms) / 1000.0, max(prove_ms) / 1000.0, avg(attempts)
                FROM prover_circuit_instances
                WHERE status IN ('successful', 'failed') AND finished_at > now() - make_interval(secs => :period)
                GROUP BY circuit_type ORDER BY circuit_type""")
                .param("period", seconds)
                .query((rs, n) -> circuits.row(rs.getString(1), rs.getLong(2), rs.getLong(3), s(rs.getObject(4)),
                        s(rs.getObject(5)), s(rs.getObject(6)), s(rs.getObject(7)), s(rs.getObject(8)),
                        String.format("%.2f", rs.getDouble(9))))
                .list();
        print(out, circuits, "no circuit instance finished");
    }

    private static void print(PrintWriter out, Table table, String none) {
        if (table.size() == 0) {
            out.println("  " + none);
        } else {
            table.print(out, "  ");
        }
    }

    private static String s(Object seconds) {
        return seconds == null ? null : Table.duration(Duration.ofMillis(Math.round(((Number) seconds).doubleValue() * 1000)));
    }
}
