package io.proofline.storage.tables;

import io.proofline.circuits.base.CircuitType;
import io.proofline.storage.objects.ObjectKeys;
import io.proofline.storage.objects.Sha256;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The table {@code prover_circuit_instances}: each base circuit instance of a batch and its
 * proving attempts. A worker starts an attempt, sends heartbeats while proving and records its
 * proof; each is a conditional UPDATE, so an instance is never started twice at once and a
 * worker that lost its instance (requeued after missed heartbeats) learns it from a
 * {@code false}. The outcome, successful or failed, is written from the partition's step
 * execution as it ends (see {@link AttemptStatements}).
 */
public final class CircuitInstancesDal {

    private static final String COLUMNS = """
            chain_id, batch_number, circuit_type, instance_index, status, attempts, worker_id, heartbeat_at, started_at,
            finished_at, input_key, input_sha256, proof_key, proof_sha256, vector_ms, queue_ms, prove_ms, error, created_at, updated_at""";
    private static final String KEY = "chain_id = :chain AND batch_number = :batch AND circuit_type = :type AND instance_index = :index";
    private static final AttemptStatements ATTEMPTS = new AttemptStatements("prover_circuit_instances", KEY);

    private final JdbcClient jdbc;

    public CircuitInstancesDal(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Queues an instance whose input is in the object store; queuing it again (a re-run of witness
     * generation) leaves the existing row as it is.
     *
     * @return whether the instance was new
     */
    public boolean insertQueued(CircuitInstanceId id, String inputKey, String inputSha256) {
        ObjectKeys.requireValid(inputKey);
        Sha256.requireHex(inputSha256);
        return key(jdbc.sql("""
                INSERT INTO prover_circuit_instances (chain_id, batch_number, circuit_type, instance_index, status,
                    input_key, input_sha256)
                VALUES (:chain, :batch, :type, :index, 'queued', :key, :sha)
                ON CONFLICT DO NOTHING"""), id)
                .param("key", inputKey).param("sha", inputSha256)
                .update() == 1;
    }

    /**
     * Starts an attempt on a queued instance: in progress, one more attempt, heartbeat now.
     *
     * @return whether this worker got the instance (false: it is not queued, e.g. another worker started it)
     */
    public boolean startAttempt(CircuitInstanceId id, String workerId) {
        return key(jdbc.sql(ATTEMPTS.start()), id)
                .param("worker", workerId)
                .update() == 1;
    }

    /** @return whether the worker still holds the instance; on false it should stop proving it */
    public boolean heartbeat(CircuitInstanceId id, String workerId) {
        return key(jdbc.sql(ATTEMPTS.heartbeat()), id)
                .param("worker", workerId)
                .update() == 1;
    }

    /**
     * Records the proof of {@code workerId}'s attempt, the artifact its partition made; refused if
     * the instance was taken from the worker meanwhile. The instance stays in progress: its
     * outcome comes from the partition's step ({@link #markSuccessful}).
     *
     * @param queueMs the wait between vector and prover, null where there was no queue
     * @return whether the worker's attempt was in progress
     */
    public boolean recordProof(CircuitInstanceId id, String workerId, String proofKey, String proofSha256,
                               long vectorMs, Long queueMs, long proveMs) {
        ObjectKeys.requireValid(proofKey);
        Sha256.requireHex(proofSha256);
        return key(jdbc.sql("""
                UPDATE prover_circuit_instances
                SET proof_key = :proof, proof_sha256 = :sha, vector_ms = :vector, queue_ms = :queue, prove_ms = :prove,
                    finished_at = now(), updated_at = now()
                WHERE\s""" + KEY + " AND status = 'in_progress' AND worker_id = :worker"), id)
                .param("proof", proofKey).param("sha", proofSha256).param("vector", vectorMs)
                .param("queue", queueMs, Types.BIGINT).param("prove", proveMs)
                .param("worker", workerId)
                .update() == 1;
    }

    /**
     * The outcome of a partition whose step completed: the instance is proven.
     *
     * @return whether it was (false: no proof is recorded, so it stays as it is)
     */
    public boolean markSuccessful(CircuitInstanceId id) {
        return key(jdbc.sql(ATTEMPTS.succeed()), id)
                .update() == 1;
    }

    /**
     * Records the failure of the attempt in progress, whichever worker runs it.
     *
     * @return whether the instance was in progress
     */
    public boolean markFailed(CircuitInstanceId id, String error) {
        return markFailed(id, null, error);
    }

    /**
     * Records the failure of {@code workerId}'s attempt; refused if the instance was taken from
     * the worker meanwhile (so a late worker cannot fail another worker's attempt).
     *
     * @return whether the worker's attempt was in progress
     */
    public boolean markFailed(CircuitInstanceId id, String workerId, String error) {
        return key(jdbc.sql(ATTEMPTS.fail()), id)
                .param("error", error).param("worker", workerId)
                .update() == 1;
    }

    public Optional<ProverCircuitInstance> find(CircuitInstanceId id) {
        return key(jdbc.sql("SELECT " + COLUMNS + " FROM prover_circuit_instances WHERE " + KEY), id)
                .query(CircuitInstancesDal::row)
                .optional();
    }

    /** The batch's instances in batch proof order: by circuit type id, then index. */
    public List<ProverCircuitInstance> findByBatch(BatchId batch) {
        List<ProverCircuitInstance> out = new ArrayList<>(jdbc.sql("SELECT " + COLUMNS
                        + " FROM prover_circuit_instances WHERE chain_id = :chain AND batch_number = :batch")
                .param("chain", batch.chainId()).param("batch", batch.batchNumber())
                .query(CircuitInstancesDal::row)
                .list());
        out.sort(Comparator.comparingInt((ProverCircuitInstance i) -> i.id().type().id).thenComparingInt(i -> i.id().index()));
        return List.copyOf(out);
    }

    /** Instances in progress whose last heartbeat is older than {@code heartbeatTimeout}. */
    public List<ProverCircuitInstance> findStale(Duration heartbeatTimeout) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM prover_circuit_instances WHERE status = 'in_progress' "
                        + "AND heartbeat_at < now() - make_interval(secs => :timeout) "
                        + "ORDER BY heartbeat_at, chain_id, batch_number, circuit_type, instance_index")
                .param("timeout", Rows.seconds(heartbeatTimeout))
                .query(CircuitInstancesDal::row)
                .list();
    }

    /**
     * Puts an instance in progress or failed back in the queue for another attempt.
     *
     * @return whether it was requeued (false: queued already, successful, or unknown)
     */
    public boolean requeue(CircuitInstanceId id) {
        return key(jdbc.sql(ATTEMPTS.requeue()), id)
                .update() == 1;
    }

    /** How many instances are in each status (every status present), for metrics. */
    public Map<InstanceStatus, Long> countByStatus() {
        Map<InstanceStatus, Long> counts = new EnumMap<>(InstanceStatus.class);
        for (InstanceStatus s : InstanceStatus.values()) {
            counts.put(s, 0L);
        }
        jdbc.sql("SELECT status, count(*) FROM prover_circuit_instances GROUP BY status")
                .query((rs, n) -> counts.put(InstanceStatus.fromDb(rs.getString(1)), rs.getLong(2)))
                .list();
        return counts;
    }

    private static JdbcClient.StatementSpec key(JdbcClient.StatementSpec spec, CircuitInstanceId id) {
        return spec.param("chain", id.batch().chainId()).param("batch", id.batch().batchNumber())
                .param("type", id.type().label).param("index", id.index());
    }

    private static ProverCircuitInstance row(ResultSet rs, int n) throws SQLException {
        return new ProverCircuitInstance(
                new CircuitInstanceId(new BatchId(rs.getLong("chain_id"), rs.getLong("batch_number")),
                        Rows.circuitType(rs.getString("circuit_type")), rs.getInt("instance_index")),
                InstanceStatus.fromDb(rs.getString("status")),
                rs.getInt("attempts"),
                rs.getString("worker_id"),
                Rows.instant(rs, "heartbeat_at"),
                Rows.instant(rs, "started_at"),
                Rows.instant(rs, "finished_at"),
                rs.getString("input_key"),
                rs.getString("input_sha256"),
                rs.getString("proof_key"),
                rs.getString("proof_sha256"),
                Rows.nullableLong(rs, "vector_ms"),
                Rows.nullableLong(rs, "queue_ms"),
                Rows.nullableLong(rs, "prove_ms"),
                rs.getString("error"),
                Rows.instant(rs, "created_at"),
                Rows.instant(rs, "updated_at"));
    }
}
