package io.proofline.storage.tables;

import io.proofline.storage.objects.ObjectKeys;
import io.proofline.storage.objects.Sha256;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The table {@code prover_batches}: one row per batch taken from the core, its status and where
 * each stage left its output. Status moves follow {@link BatchStatus#canMoveTo} and are checked
 * in the UPDATE itself, so two processes cannot both move a batch from the same status.
 */
public final class ProverBatchesDal {

    private static final String COLUMNS = """
            chain_id, batch_number, protocol_version, status, witness_inputs_key, witness_inputs_sha256, batch_commitment,
            job_execution_id, manifest_key, batch_proof_key, batch_proof_sha256, submit_status, submit_answer, submitted_at,
            created_at, updated_at""";
    private static final String KEY = "chain_id = :chain AND batch_number = :batch";

    private final JdbcClient jdbc;

    public ProverBatchesDal(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records a batch just taken from the core, with its witness input already in the object
     * store. A batch handed out again (the core's pick timeout) keeps its row as it is.
     *
     * @return whether the batch was new
     */
    public boolean insertReceived(BatchId id, int protocolVersion, String witnessInputsKey, String witnessInputsSha256,
                                  String batchCommitment) {
        ObjectKeys.requireValid(witnessInputsKey);
        Sha256.requireHex(witnessInputsSha256);
        return jdbc.sql("""
                INSERT INTO prover_batches (chain_id, batch_number, protocol_version, status, witness_inputs_key,
                    witness_inputs_sha256, batch_commitment)
                VALUES (:chain, :batch, :version, 'received', :key, :sha, :commitment)
                ON CONFLICT (chain_id, batch_number) DO NOTHING""")
                .param("chain", id.chainId()).param("batch", id.batchNumber()).param("version", protocolVersion)
                .param("key", witnessInputsKey).param("sha", witnessInputsSha256).param("commitment", batchCommitment)
                .update() == 1;
    }

    public Optional<ProverBatch> find(BatchId id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM prover_batches WHERE " + KEY)
                .param("chain", id.chainId()).param("batch", id.batchNumber())
                .query(ProverBatchesDal::row)
                .optional();
    }

    /**
     * Moves the batch to {@code status}; moving it to the status it has does nothing.
     *
     * @throws NoSuchElementException if there is no such batch
     * @throws IllegalStateException if the batch's status does not allow the move (see {@link BatchStatus#canMoveTo})
     */
    public void updateStatus(BatchId id, BatchStatus status) {
        List<String> from = Arrays.stream(BatchStatus.values()).filter(s -> s.canMoveTo(status)).map(BatchStatus::dbValue).toList();
        int updated = from.isEmpty() ? 0 : jdbc.sql("UPDATE prover_batches SET status = :to, updated_at = now() WHERE " + KEY
                        + " AND status IN (:from)")
                .param("to", status.dbValue()).param("chain", id.chainId()).param("batch", id.batchNumber()).param("from", from)
                .update();
        if (updated == 1) {
            return;
        }
        BatchStatus current = find(id).orElseThrow(() -> notFound(id)).status();
        if (current != status) {
            throw new IllegalStateException(id + " is " + current.dbValue() + "; it cannot move to " + status.dbValue());
        }
    }

    /** Links the batch to the Spring Batch job execution that proves it (the latest one, after a restart). */
    public void attachJobExecution(BatchId id, long jobExecutionId) {
        update(id, "job_execution_id = :value", jobExecutionId);
    }

    /** Records where basic witness generation stored the batch's manifest. */
    public void recordManifest(BatchId id, String manifestKey) {
        update(id, "manifest_key = :value", ObjectKeys.requireValid(manifestKey));
    }

    /** Records where aggregation stored the batch proof, and its SHA-256 for the submitter to check. */
    public void recordBatchProof(BatchId id, String batchProofKey, String batchProofSha256) {
        Sha256.requireHex(batchProofSha256);
        int updated = jdbc.sql("UPDATE prover_batches SET batch_proof_key = :key, batch_proof_sha256 = :sha, updated_at = now() "
                        + "WHERE " + KEY)
                .param("key", ObjectKeys.requireValid(batchProofKey)).param("sha", batchProofSha256)
                .param("chain", id.chainId()).param("batch", id.batchNumber())
                .update();
        requireOne(updated, id);
    }

    /** Records the core's answer to a submission (accepted or not), so that an operator sees why. */
    public void recordSubmission(BatchId id, int httpStatus, String answer) {
        int updated = jdbc.sql("UPDATE prover_batches SET submit_status = :status, submit_answer = :answer, "
                        + "submitted_at = now(), updated_at = now() WHERE " + KEY)
                .param("status", httpStatus).param("answer", answer)
                .param("chain", id.chainId()).param("batch", id.batchNumber())
                .update();
        requireOne(updated, id);
    }

    /** Batches in {@code status}, oldest first. */
    public List<ProverBatch> listByStatus(BatchStatus status) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM prover_batches WHERE status = :status "
                        + "ORDER BY created_at, chain_id, batch_number")
                .param("status", status.dbValue())
                .query(ProverBatchesDal::row)
                .list();
    }

    /**
     * The oldest batch without a batch proof yet: received, witness generated, proving or failed
     * (a failed batch is still waiting for its proof). For the "oldest unproven batch" metric.
     */
    public Optional<ProverBatch> oldestUnproven() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM prover_batches "
                        + "WHERE status IN ('received', 'witness_generated', 'proving', 'failed') "
                        + "ORDER BY created_at, chain_id, batch_number LIMIT 1")
                .query(ProverBatchesDal::row)
                .optional();
    }

    private void update(BatchId id, String assignment, Object value) {
        int updated = jdbc.sql("UPDATE prover_batches SET " + assignment + ", updated_at = now() WHERE " + KEY)
                .param("value", value).param("chain", id.chainId()).param("batch", id.batchNumber())
                .update();
        requireOne(updated, id);
    }

    private static void requireOne(int updated, BatchId id) {
        if (updated != 1) {
            throw notFound(id);
        }
    }

    private static NoSuchElementException notFound(BatchId id) {
        return new NoSuchElementException("no prover batch " + id);
    }

    private static ProverBatch row(ResultSet rs, int n) throws SQLException {
        return new ProverBatch(
                new BatchId(rs.getLong("chain_id"), rs.getLong("batch_number")),
                rs.getInt("protocol_version"),
                BatchStatus.fromDb(rs.getString("status")),
                rs.getString("witness_inputs_key"),
                rs.getString("witness_inputs_sha256"),
                rs.getString("batch_commitment"),
                Rows.nullableLong(rs, "job_execution_id"),
                rs.getString("manifest_key"),
                rs.getString("batch_proof_key"),
                rs.getString("batch_proof_sha256"),
                Rows.nullableInt(rs, "submit_status"),
                rs.getString("submit_answer"),
                Rows.instant(rs, "submitted_at"),
                Rows.instant(rs, "created_at"),
                Rows.instant(rs, "updated_at"));
    }
}
