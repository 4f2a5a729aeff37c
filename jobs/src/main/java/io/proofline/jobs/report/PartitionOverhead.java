package io.proofline.jobs.report;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What remote partitioning costs, read from the job repository: from a partition's creation
 * (when the manager sends its request) to a worker starting it, and from the last partition's
 * end to the manager step noticing (its polling). Both against the partitions' own run time.
 *
 * @param partitions proving partitions measured
 * @param meanDispatchMs mean time from request to worker start
 * @param maxDispatchMs the longest such time
 * @param meanNoticeMs mean time from a manager step's last partition ending to the step ending
 * @param meanPartitionMs mean run time of a partition on its worker
 */
public record PartitionOverhead(long partitions, double meanDispatchMs, double maxDispatchMs, double meanNoticeMs,
                                double meanPartitionMs) {

    static final String WORKER_STEPS = "proveBaseCircuitsWorker:%";

    public static PartitionOverhead measure(JdbcClient jdbc) {
        var dispatch = jdbc.sql("""
                SELECT count(*) AS n,
                       coalesce(avg(extract(epoch FROM (start_time - create_time)) * 1000), 0) AS mean,
                       coalesce(max(extract(epoch FROM (start_time - create_time)) * 1000), 0) AS worst,
                       coalesce(avg(extract(epoch FROM (end_time - start_time)) * 1000), 0) AS run
                FROM batch_step_execution
                WHERE step_name LIKE :workers AND start_time IS NOT NULL AND end_time IS NOT NULL AND status = 'COMPLETED'""")
                .param("workers", WORKER_STEPS)
                .query((rs, i) -> new double[] {rs.getLong("n"), rs.getDouble("mean"), rs.getDouble("worst"), rs.getDouble("run")})
                .single();
        double notice = jdbc.sql("""
                SELECT coalesce(avg(extract(epoch FROM (m.end_time - w.last_end)) * 1000), 0)
                FROM batch_step_execution m
                JOIN (SELECT job_execution_id, max(end_time) AS last_end FROM batch_step_execution
                      WHERE step_name LIKE :workers GROUP BY job_execution_id) w
                  ON m.job_execution_id = w.job_execution_id
                WHERE m.step_name = 'proveBaseCircuits' AND m.status = 'COMPLETED'""")
                .param("workers", WORKER_STEPS)
                .query(Double.class)
                .single();
        return new PartitionOverhead((long) dispatch[0], dispatch[1], dispatch[2], notice, dispatch[3]);
    }

    /** Dispatch time per partition as a share of the partition's run time. */
    public double dispatchShare() {
        return meanPartitionMs == 0 ? 0 : meanDispatchMs / meanPartitionMs;
    }
}
