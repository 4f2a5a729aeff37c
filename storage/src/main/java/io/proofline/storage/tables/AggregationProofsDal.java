package io.proofline.storage.tables;

import io.proofline.circuits.base.CircuitType;
import io.proofline.storage.objects.ObjectKeys;
import io.proofline.storage.objects.Sha256;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The table {@code prover_aggregation_proofs}: each recursion proof of a batch and its proving
 * attempts, with the same conditional updates as {@link CircuitInstancesDal}: a proof is never
 * started twice at once, a worker that lost it (failed after missed heartbeats) learns it from
 * a {@code false}, and the outcome comes from the partition's step execution.
 */
public final class AggregationProofsDal {

    private static final String COLUMNS = """
            chain_id, batch_number, layer, round, circuit_type, proof_index, status, attempts, worker_id, heartbeat_at,
            started_at, finished_at, inner_proof_keys, proof_key, proof_sha256, load_ms, queue_ms, prove_ms, error,
            created_at,
            updated_at""";
    private static final String KEY = """
            chain_id = :chain AND batch_number = :batch AND layer = :layer AND round = :round AND circuit_type = :type
            AND proof_index = :index""";
    private static final AttemptStatements ATTEMPTS = new AttemptStatements("prover_aggregation_proofs", KEY);
    /** Batch proof order: round by round, transfer execution first, then by index. */
    private static final Comparator<ProverAggregationProof> ORDER = Comparator
            .comparingInt((ProverAggregationProof p) -> p.id().round())
            .thenComparingInt(p -> p.id().type() == null ? Integer.MAX_VALUE : p.id().type().id)
            .thenComparingInt(p -> p.id().index());

    private final JdbcClient jdbc;

    public AggregationProofsDal(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Queues the proofs of a batch's plan; queuing them again (a restarted job) leaves the existing
     * rows as they are.
     *
     * @return how many were new
     */
    public int insertQueued(Collection<AggregationProofId> ids) {
        int inserted = 0;
        for (AggregationProofId id : ids) {
            inserted += key(jdbc.sql("""
                    INSERT INTO prover_aggregation_proofs (chain_id, batch_number, layer, round, circuit_type, proof_index, status)
                    VALUES (:chain, :batch, :layer, :round, :type, :index, 'queued')
                    ON CONFLICT DO NOTHING"""), id).update();
        }
        return inserted;
    }

    /**
     * Starts an attempt on a queued proof: in progress, one more attempt, heartbeat now.
     *
     * @return whether this worker got the proof
     */
    public boolean startAttempt(AggregationProofId id, String workerId) {
        return key(jdbc.sql(ATTEMPTS.start()), id)
                .param("worker", workerId)
                .update() == 1;
    }

    /** @return whether the worker still holds the proof; on false it should stop proving it */
    public boolean heartbeat(AggregationProofId id, String workerId) {
        return key(jdbc.sql(ATTEMPTS.heartbeat()), id)
                .param("worker", workerId)
                .update() == 1;
    }

    /**
     * Records the proof of {@code workerId}'s attempt and the inner proofs it verified; refused
     * if the proof was taken from the worker meanwhile. The row stays in progress until the
     * partition's step ends ({@link #markSuccessful}).
     *
     * @param queueMs the wait for the prover thread, null where there was no queue
     * @return whether the worker's attempt was in progress
     */
    public boolean recordProof(AggregationProofId id, String workerId, List<String> innerProofKeys, String proofKey,
                               String proofSha256, long loadMs, Long queueMs, long proveMs) {
        innerProofKeys.forEach(ObjectKeys::requireValid);
        ObjectKeys.requireValid(proofKey);
        Sha256.requireHex(proofSha256);
        return key(jdbc.sql("""
                UPDATE prover_aggregation_proofs
                SET inner_proof_keys = :inner, proof_key = :proof, proof_sha256 = :sha, load_ms = :load,
                    queue_ms = :queue, prove_ms = :prove, finished_at = now(), updated_at = now()
                WHERE\s""" + KEY + " AND status = 'in_progress' AND worker_id = :worker"), id)
                .param("inner", String.join(" ", innerProofKeys)).param("proof", proofKey).param("sha", proofSha256)
                .param("load", loadMs).param("queue", queueMs, Types.BIGINT).param("prove", proveMs).param("worker", workerId)
                .update() == 1;
    }

    /**
     * The outcome of a partition whose step completed: the proof is made.
     *
     * @return whether it was (false: no proof is recorded, so the row stays as it is)
     */
    public boolean markSuccessful(AggregationProofId id) {
        return key(jdbc.sql(ATTEMPTS.succeed()), id)
                .update() == 1;
    }

    /**
     * Records the failure of the attempt in progress: {@code workerId}'s, or whichever worker's
     * when null (a proof declared lost).
     *
     * @return whether the attempt was in progress
     */
    public boolean markFailed(AggregationProofId id, String workerId, String error) {
        return key(jdbc.sql(ATTEMPTS.fail()), id)
                .param("error", error).param("worker", workerId)
                .update() == 1;
    }

    /**
     * Puts a failed proof back in the queue for another attempt, keeping its attempt count and last error.
     *
     * @return whether it was requeued
     */
    public boolean requeue(AggregationProofId id) {
        return key(jdbc.sql(ATTEMPTS.requeue()), id)
                .update() == 1;
    }

    public Optional<ProverAggregationProof> find(AggregationProofId id) {
        return key(jdbc.sql("SELECT " + COLUMNS + " FROM prover_aggregation_proofs WHERE " + KEY), id)
                .query(AggregationProofsDal::row)
                .optional();
    }

    /** The batch's recursion proofs round by round, the scheduler last. */
    public List<ProverAggregationProof> findByBatch(BatchId batch) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM prover_aggregation_proofs WHERE chain_id = :chain AND batch_number = :batch")
                .param("chain", batch.chainId()).param("batch", batch.batchNumber())
                .query(AggregationProofsDal::row)
                .list().stream().sorted(ORDER).toList();
    }

    /** Proofs in progress whose last heartbeat is older than {@code heartbeatTimeout}. */
    public List<ProverAggregationProof> findStale(Duration heartbeatTimeout) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM prover_aggregation_proofs WHERE status = 'in_progress' "
                        + "AND heartbeat_at < now() - make_interval(secs => :timeout) "
                        + "ORDER BY heartbeat_at, chain_id, batch_number, round, circuit_type, proof_index")
                .param("timeout", Rows.seconds(heartbeatTimeout))
                .query(AggregationProofsDal::row)
                .list();
    }

    /** Deletes a batch's rows (pruning). */
    public void deleteByBatch(BatchId batch) {
        jdbc.sql("DELETE FROM prover_aggregation_proofs WHERE chain_id = :chain AND batch_number = :batch")
                .param("chain", batch.chainId()).param("batch", batch.batchNumber()).update();
    }

    private static JdbcClient.StatementSpec key(JdbcClient.StatementSpec spec, AggregationProofId id) {
        return spec.param("chain", id.batch().chainId()).param("batch", id.batch().batchNumber())
                .param("layer", id.layer().dbValue()).param("round", id.round())
                .param("type", id.typeColumn()).param("index", id.index());
    }

    private static CircuitType type(String label) {
        if (AggregationProofId.SCHEDULER_TYPE.equals(label)) {
            return null;
        }
        return Rows.circuitType(label);
    }

    private static ProverAggregationProof row(ResultSet rs, int n) throws SQLException {
        return new ProverAggregationProof(
                new AggregationProofId(new BatchId(rs.getLong("chain_id"), rs.getLong("batch_number")),
                        AggregationLayer.fromDb(rs.getString("layer")), rs.getInt("round"), type(rs.getString("circuit_type")),
                        rs.getInt("proof_index")),
                InstanceStatus.fromDb(rs.getString("status")),
                rs.getInt("attempts"),
                rs.getString("worker_id"),
                Rows.instant(rs, "heartbeat_at"),
                Rows.instant(rs, "started_at"),
                Rows.instant(rs, "finished_at"),
                rs.getString("inner_proof_keys"),
                rs.getString("proof_key"),
                rs.getString("proof_sha256"),
                Rows.nullableLong(rs, "load_ms"),
                Rows.nullableLong(rs, "queue_ms"),
                Rows.nullableLong(rs, "prove_ms"),
                rs.getString("error"),
                Rows.instant(rs, "created_at"),
                Rows.instant(rs, "updated_at"));
    }
}
