package io.proofline.storage.tables;

import io.proofline.circuits.base.CircuitType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

/** Reading nullable columns and circuit type labels, and durations as PostgreSQL intervals. */
final class Rows {

    private Rows() {
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    /** Seconds for {@code make_interval(secs => ?)}. */
    static double seconds(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("negative duration " + d);
        }
        return d.toNanos() / 1e9;
    }

    /** The circuit type a {@code circuit_type} column names by its label. */
    static CircuitType circuitType(String label) {
        for (CircuitType t : CircuitType.values()) {
            if (t.label.equals(label)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown circuit type '" + label + "'");
    }
}
