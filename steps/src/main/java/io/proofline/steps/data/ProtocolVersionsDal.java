package io.proofline.steps.data;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The table {@code prover_protocol_versions}: the key commitments of each protocol version met. */
public final class ProtocolVersionsDal {

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
        int inserted = jdbc.sql("""
                INSERT INTO prover_protocol_versions (protocol_version, transfer_execution_key, storage_application_key)
                VALUES (?, ?, ?) ON CONFLICT (protocol_version) DO NOTHING""")
                .params(keys.protocolVersion(), keys.transferExecutionKey(), keys.storageApplicationKey())
                .update();
        if (inserted == 1) {
            return true;
        }
        ProtocolVersionKeys known = find(keys.protocolVersion()).orElseThrow();
        if (!known.equals(keys)) {
            throw new IllegalStateException("protocol version " + keys.protocolVersion() + " is recorded with keys "
                    + known + ", now offered " + keys);
        }
        return false;
    }

    public Optional<ProtocolVersionKeys> find(int protocolVersion) {
        return jdbc.sql("""
                SELECT protocol_version, transfer_execution_key, storage_application_key
                FROM prover_protocol_versions WHERE protocol_version = ?""")
                .param(protocolVersion)
                .query((rs, n) -> new ProtocolVersionKeys(rs.getInt(1), rs.getString(2), rs.getString(3)))
                .optional();
    }
}
