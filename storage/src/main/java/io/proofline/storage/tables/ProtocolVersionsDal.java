package io.proofline.storage.tables;

import static io.proofline.circuits.base.RecursionCommitments.LABELS;

import io.proofline.circuits.base.RecursionCommitments;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The table {@code prover_protocol_versions}: every key commitment of each protocol version met,
 * base circuits and recursion layers. A batch is recorded under a version recorded here.
 */
public final class ProtocolVersionsDal {

    private static final String COLUMNS = """
            protocol_version, transfer_execution_key, storage_application_key, leaf_transfer_execution_key,
            leaf_storage_application_key, node_key, scheduler_key""";

    private final JdbcClient jdbc;

    public ProtocolVersionsDal(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records a version's keys once; recording the same keys again does nothing.
     *
     * @return whether the version was new
     * @throws IllegalStateException if the version is recorded with other keys: the core changed
     *     keys without a new protocol version, and proofs made with the old ones would not verify
     */
    public boolean register(ProtocolVersionKeys keys) {
        Map<String, String> layers = keys.recursionKeys();
        int inserted = jdbc.sql("INSERT INTO prover_protocol_versions (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (protocol_version) DO NOTHING")
                .params(keys.protocolVersion(), keys.transferExecutionKey(), keys.storageApplicationKey(),
                        layers.get(LABELS.get(0)), layers.get(LABELS.get(1)), layers.get(LABELS.get(2)), layers.get(LABELS.get(3)))
                .update();
        if (inserted == 1) {
            return true;
        }
        ProtocolVersionKeys known = find(keys.protocolVersion()).orElseThrow();
        if (!known.equals(keys)) {
            throw new IllegalStateException("protocol version " + keys.protocolVersion() + " is recorded with keys "
                    + known.all() + ", now offered " + keys.all());
        }
        return false;
    }

    public Optional<ProtocolVersionKeys> find(int protocolVersion) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM prover_protocol_versions WHERE protocol_version = ?")
                .param(protocolVersion)
                .query((rs, n) -> keys(rs))
                .optional();
    }

    /** When the version was first recorded. */
    public Optional<OffsetDateTime> recordedAt(int protocolVersion) {
        return jdbc.sql("SELECT created_at FROM prover_protocol_versions WHERE protocol_version = ?")
                .param(protocolVersion).query(OffsetDateTime.class).optional();
    }

    /** Every version recorded, oldest first. */
    public List<ProtocolVersionKeys> list() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM prover_protocol_versions ORDER BY protocol_version")
                .query((rs, n) -> keys(rs)).list();
    }

    private static ProtocolVersionKeys keys(ResultSet rs) throws SQLException {
        Map<String, String> layers = new LinkedHashMap<>();
        for (int i = 0; i < RecursionCommitments.LABELS.size(); i++) {
            String key = rs.getString(4 + i);
            if (key != null) {
                layers.put(RecursionCommitments.LABELS.get(i), key);
            }
        }
        return new ProtocolVersionKeys(rs.getInt(1), rs.getString(2), rs.getString(3), layers);
    }
}
