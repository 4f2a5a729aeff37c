package io.proofline.core.batches;

import io.proofline.circuits.l2.BatchHeader;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The table {@code core_batches}. Handing out and proving are single statements, so that
 * concurrent gateways and submissions stay consistent without application locks.
 */
@Component
public final class BatchRepository {

    static final String SEALED = "sealed";
    static final String PICKED = "picked";
    static final String PROVEN = "proven";

    private static final String COLUMNS = """
            batch_number, chain_id, protocol_version, pre_state_root, post_state_root, tx_commitment,
            withdrawals_commitment, commitment, transaction_count, status, sealed_at, picked_at, proven_at, attempts,
            proof_bytes, verification_ms""";

    private final JdbcClient jdbc;

    BatchRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts a sealed batch; the caller's transaction also holds the state update. */
    public void insert(NewBatch batch) {
        BatchHeader h = batch.header();
        jdbc.sql("""
                INSERT INTO core_batches (batch_number, chain_id, protocol_version, pre_state_root, post_state_root,
                    tx_commitment, withdrawals_commitment, commitment, transaction_count, first_position, last_position,
                    witness_input)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(h.batchNumber(), h.chainId(), batch.protocolVersion(), h.preStateRoot().toString(),
                        h.postStateRoot().toString(), h.txCommitment().toString(), h.withdrawalsCommitment().toString(),
                        h.commitment().toString(), batch.transactionCount(), batch.firstPosition(), batch.lastPosition(),
                        batch.witnessInput())
                .update();
    }

    /** The number of the last sealed batch, 0 before the first. */
    public long lastBatchNumber() {
        return jdbc.sql("SELECT COALESCE(MAX(batch_number), 0) FROM core_batches").query(Long.class).single();
    }

    /** The state root after the last sealed batch, if any was sealed. */
    public Optional<String> lastPostStateRoot() {
        return jdbc.sql("SELECT post_state_root FROM core_batches ORDER BY batch_number DESC LIMIT 1")
                .query(String.class).optional();
    }

    Optional<BatchRow> find(long batchNumber) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM core_batches WHERE batch_number = ?")
                .param(batchNumber)
                .query(BatchRepository::row)
                .optional();
    }

    /**
     * Marks the oldest batch of {@code protocolVersion} that is sealed, or picked longer than
     * {@code pickTimeout} ago, as picked now, and returns it. {@code SKIP LOCKED} keeps two
     * concurrent callers from getting the same batch.
     */
    Optional<PickedBatch> pickNext(int protocolVersion, Duration pickTimeout) {
        return jdbc.sql("""
                UPDATE core_batches SET status = 'picked', picked_at = now(), attempts = attempts + 1
                WHERE batch_number = (
                    SELECT batch_number FROM core_batches
                    WHERE protocol_version = ?
                      AND (status = 'sealed'
                           OR (status = 'picked' AND picked_at <= now() - make_interval(secs => ?)))
                    ORDER BY batch_number
                    LIMIT 1
                    FOR UPDATE SKIP LOCKED)
                RETURNING chain_id, batch_number, protocol_version, commitment, witness_input, attempts""")
                .params(protocolVersion, pickTimeout.toNanos() / 1e9)
                .query((rs, n) -> new PickedBatch(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getString(4),
                        rs.getBytes(5), rs.getInt(6)))
                .optional();
    }

    /**
     * Stores the verified proof of a batch not proven yet.
     *
     * @return false if the batch was already proven (its first proof is kept)
     */
    boolean markProven(long batchNumber, byte[] proof, double verificationMs) {
        return jdbc.sql("""
                UPDATE core_batches SET status = 'proven', proof = ?, proven_at = now(), proof_bytes = ?, verification_ms = ?
                WHERE batch_number = ? AND status <> 'proven'""")
                .params(proof, proof.length, verificationMs, batchNumber)
                .update() == 1;
    }

    /** How many batches are in each status. */
    public Map<String, Long> countByStatus() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put(SEALED, 0L);
        counts.put(PICKED, 0L);
        counts.put(PROVEN, 0L);
        jdbc.sql("SELECT status, count(*) FROM core_batches GROUP BY status")
                .query((ResultSet rs) -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                });
        return counts;
    }

    private static BatchRow row(ResultSet rs, int n) throws SQLException {
        BatchHeader header = new BatchHeader(rs.getLong("chain_id"), rs.getLong("batch_number"),
                Digests.parse(rs.getString("pre_state_root")), Digests.parse(rs.getString("post_state_root")),
                Digests.parse(rs.getString("tx_commitment")), Digests.parse(rs.getString("withdrawals_commitment")));
        return new BatchRow(header, rs.getInt("protocol_version"), rs.getString("commitment"),
                rs.getInt("transaction_count"), rs.getString("status"), instant(rs.getTimestamp("sealed_at")),
                instant(rs.getTimestamp("picked_at")), instant(rs.getTimestamp("proven_at")), rs.getInt("attempts"),
                rs.getObject("proof_bytes", Integer.class), rs.getObject("verification_ms", Double.class));
    }

    private static java.time.Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
