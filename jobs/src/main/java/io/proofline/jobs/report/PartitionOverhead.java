package io.proofline.jobs.report;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What remote partitioning costs, read from the job repository and the prover tables after a run.
 *
 * <ul>
 *   <li><b>dispatch</b>: from a partition's creation (the manager sending its request) to a worker
 *       starting it. This includes the time a request waits in the channel because every worker
 *       is busy, so it grows with the queue, not with the transport's cost.
 *   <li><b>pickup</b>: from the moment a worker could have taken the request (the later of its
 *       creation and the end of the previous partition on the same worker) to the start: the
 *       transport's and Spring Batch's latency per partition, without the queueing.
 *   <li><b>in-step overhead</b>: a partition's run time on its worker less the witness vector
 *       generation, queue wait (GPU pipeline) and proving it did (the step's own bookkeeping,
 *       object store reads and writes, job repository updates).
 *   <li><b>notice</b>: from a manager step's last partition ending to the manager step ending
 *       (its polling of the job repository), once per batch.
 * </ul>
 *
 * @param partitions proving partitions measured
 * @param meanDispatchMs mean time from request to worker start, queueing included
 * @param maxDispatchMs the longest such time
 * @param meanPickupMs mean time from a worker being free for a request to it starting the partition
 * @param meanInStepOverheadMs mean run time of a partition beyond its vector generation and proving
 * @param meanNoticeMs mean time from a manager step's last partition ending to the step ending
 * @param meanPartitionMs mean run time of a partition on its worker
 * @param meanWorkMs mean witness vector generation, queue wait and proving time of a partition
 */
public record PartitionOverhead(long partitions, double meanDispatchMs, double maxDispatchMs, double meanPickupMs,
                                double meanInStepOverheadMs, double meanNoticeMs, double meanPartitionMs,
                                double meanWorkMs) {

    static final String WORKER_STEPS = "proveBaseCircuitsWorker:%";

    public static PartitionOverhead measure(JdbcClient jdbc) {
        // A worker step is named proveBaseCircuitsWorker:<circuit type label>-<index> and belongs
        // to the job execution recorded for its batch; its instance row says which worker ran it.
        double[] p = jdbc.sql("""
                WITH w AS (
                    SELECT s.create_time, s.start_time, s.end_time, i.worker_id, i.vector_ms + coalesce(i.queue_ms, 0) + i.prove_ms AS work_ms
                    FROM batch_step_execution s
                    JOIN prover_batches b ON b.job_execution_id = s.job_execution_id
                    JOIN prover_circuit_instances i ON i.chain_id = b.chain_id AND i.batch_number = b.batch_number
                         AND s.step_name = 'proveBaseCircuitsWorker:' || i.circuit_type || '-' || i.instance_index
                    WHERE s.step_name LIKE :workers AND s.status = 'COMPLETED' AND i.prove_ms IS NOT NULL
                ), gaps AS (
                    SELECT w.*, greatest(w.create_time, coalesce(
                               (SELECT max(o.end_time) FROM w o WHERE o.worker_id = w.worker_id AND o.end_time <= w.start_time),
                               w.create_time)) AS free_time
                    FROM w
                )
                SELECT count(*) AS n,
                       coalesce(avg(extract(epoch FROM (start_time - create_time)) * 1000), 0) AS dispatch,
                       coalesce(max(extract(epoch FROM (start_time - create_time)) * 1000), 0) AS worst,
                       coalesce(avg(extract(epoch FROM (start_time - free_time)) * 1000), 0) AS pickup,
                       coalesce(avg(extract(epoch FROM (end_time - start_time)) * 1000 - work_ms), 0) AS in_step,
                       coalesce(avg(extract(epoch FROM (end_time - start_time)) * 1000), 0) AS run,
                       coalesce(avg(work_ms), 0) AS work
                FROM gaps""")
                .param("workers", WORKER_STEPS)
                .query((rs, i) -> new double[] {rs.getLong("n"), rs.getDouble("dispatch"), rs.getDouble("worst"),
                        rs.getDouble("pickup"), rs.getDouble("in_step"), rs.getDouble("run"), rs.getDouble("work")})
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
        return new PartitionOverhead((long) p[0], p[1], p[2], p[3], p[4], notice, p[5], p[6]);
    }

    /**
     * The orchestration cost per partition (pickup and in-step overhead) as a share of the work
     * it orchestrates: above 5%, grouping several instances into one partition would pay.
     */
    public double overheadShare() {
        return meanWorkMs == 0 ? 0 : (meanPickupMs + meanInStepOverheadMs) / meanWorkMs;
    }
}
