package io.proofline.jobs.housekeeper;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * A session-level PostgreSQL advisory lock held on a connection of its own: of several house
 * keepers on one database, the one whose session holds the lock acts; the others keep trying.
 * PostgreSQL releases the lock when the holder's session ends, so a house keeper that dies (or
 * whose connection breaks) hands over to another one at its next try.
 */
public final class HouseKeeperLock implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(HouseKeeperLock.class.getName());

    private final DataSource dataSource;
    private final long key;
    private Connection connection;

    public HouseKeeperLock(DataSource dataSource, long key) {
        this.dataSource = dataSource;
        this.key = key;
    }

    /** Whether this process holds the lock now, taking it if it is free. */
    public synchronized boolean tryHold() {
        try {
            if (connection != null) {
                if (connection.isValid(5) && stillHeld()) {
                    return true;
                }
                LOG.log(System.Logger.Level.WARNING, "house keeper lock " + key + " lost with its connection");
                closeQuietly();
            }
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            try (PreparedStatement st = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                st.setLong(1, key);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        LOG.log(System.Logger.Level.INFO, "house keeper lock " + key + " taken: this house keeper acts");
                        return true;
                    }
                }
            }
            closeQuietly();
            return false;
        } catch (SQLException e) {
            LOG.log(System.Logger.Level.WARNING, "house keeper lock " + key + " unavailable: " + e.getMessage());
            closeQuietly();
            return false;
        }
    }

    /** The lock shows in pg_locks for this session while it holds it. */
    private boolean stillHeld() throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("""
                SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted
                  AND ((classid::bigint << 32) | objid::bigint) = ?""")) {
            st.setLong(1, key);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    /** Releases the lock (closing its session). */
    @Override
    public synchronized void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        if (connection == null) {
            return;
        }
        try {
            // back in a pool, the session lives on: release explicitly before returning it
            try (PreparedStatement st = connection.prepareStatement("SELECT pg_advisory_unlock_all()")) {
                st.execute();
            }
        } catch (SQLException e) {
            // a broken session has lost the lock already
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // nothing to do
        }
        connection = null;
    }
}
