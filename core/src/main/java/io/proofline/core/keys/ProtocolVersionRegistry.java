package io.proofline.core.keys;

import io.proofline.circuits.base.CircuitType;
import io.proofline.circuits.base.RecursionCommitments;
import io.proofline.poseidon2.Digest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The table {@code core_protocol_versions}: which key commitments each protocol version uses.
 * A version's keys never change once registered: proofs accepted under it were checked against
 * them, so new keys need a new protocol version.
 */
@Component
final class ProtocolVersionRegistry {

    private final JdbcClient jdbc;

    ProtocolVersionRegistry(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Registers the version's key commitments if it is new: the pinned ones, so that a keys
     * directory never decides them.
     *
     * @throws IllegalStateException if the version is registered with other keys
     */
    void register(int protocolVersion, Map<CircuitType, Digest> commitments, RecursionCommitments recursion, String capacities) {
        String transfer = commitments.get(CircuitType.TRANSFER_EXECUTION).toString();
        String storage = commitments.get(CircuitType.STORAGE_APPLICATION).toString();
        List<String> layers = recursion == null ? Arrays.asList(null, null, null, null)
                : recursion.byLabel().values().stream().map(Digest::toString).toList();
        jdbc.sql("""
                INSERT INTO core_protocol_versions (protocol_version, transfer_execution_key, storage_application_key, capacities,
                    leaf_transfer_execution_key, leaf_storage_application_key, node_key, scheduler_key)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (protocol_version) DO NOTHING""")
                .params(protocolVersion, transfer, storage, capacities, layers.get(0), layers.get(1), layers.get(2), layers.get(3))
                .update();
        Registered registered = jdbc.sql("""
                SELECT transfer_execution_key, storage_application_key, capacities,
                    leaf_transfer_execution_key, leaf_storage_application_key, node_key, scheduler_key
                FROM core_protocol_versions WHERE protocol_version = ?""")
                .param(protocolVersion)
                .query((rs, n) -> new Registered(rs.getString(1), rs.getString(2), rs.getString(3),
                        Arrays.asList(rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7))))
                .single();
        Registered now = new Registered(transfer, storage, capacities, layers);
        if (!registered.transfer().equals(transfer) || !registered.storage().equals(storage)
                || !registered.layers().equals(layers)) {
            throw new IllegalStateException("protocol version " + protocolVersion + " is registered with other keys ("
                    + registered.describe() + ") than the ones pinned now (" + now.describe()
                    + "). Use the capacities and the build whose commitments.json pins the keys the version was registered "
                    + "with, or start a new version pinned there (proofline.core.protocol-version).");
        }
    }

    /** Batches sealed under other protocol versions and not proven: this core cannot verify their proofs. */
    long unprovenUnderOtherVersions(int protocolVersion) {
        return jdbc.sql("SELECT count(*) FROM core_batches WHERE status <> 'proven' AND protocol_version <> ?")
                .param(protocolVersion)
                .query(Long.class)
                .single();
    }

    private record Registered(String transfer, String storage, String capacities, List<String> layers) {

        String describe() {
            StringBuilder sb = new StringBuilder(capacities + " capacities: transfer_execution " + transfer
                    + ", storage_application " + storage);
            if (layers.get(0) == null) {
                return sb.append(", bundles of base proofs").toString();
            }
            for (int i = 0; i < layers.size(); i++) {
                sb.append(", ").append(RecursionCommitments.LABELS.get(i)).append(' ').append(layers.get(i));
            }
            return sb.toString();
        }
    }
}
