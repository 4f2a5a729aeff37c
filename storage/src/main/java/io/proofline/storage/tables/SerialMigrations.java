package io.proofline.storage.tables;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Runs a Flyway migration while holding a session-level PostgreSQL advisory lock, so that processes
 * starting together on one database (the demo's workers, a README setup, a rolling deployment)
 * migrate one after another. Flyway's own lock covers applying migrations but not its decision to
 * create or baseline the history table: two processes that both find no history in a schema the
 * other has just started filling both try to baseline, and the later one stops with "Unable to
 * baseline schema history table ... as it already exists, and is empty" (flyway/flyway#2243).
 * Under this lock the later process finds the history complete and has nothing to do.
 */
public final class SerialMigrations {

    private static final System.Logger LOG = System.getLogger(SerialMigrations.class.getName());

    /** One key for every history table: migrations of different histories on one database wait for each other too. */
    static final long LOCK_KEY = 0x70726f6f666c6eL; // "proofln"

    private SerialMigrations() {
    }

    /** {@code flyway.migrate()} under the lock; without PostgreSQL, as it is. */
    public static MigrateResult migrate(Flyway flyway) {
        DataSource dataSource = flyway.getConfiguration().getDataSource();
        try (Connection lock = dataSource.getConnection()) {
            if (!lock.getMetaData().getDatabaseProductName().equals("PostgreSQL")) {
                return flyway.migrate();
            }
            lock.setAutoCommit(true);
            if (!take(lock)) {
                LOG.log(System.Logger.Level.INFO, "another process is migrating the database; waiting for migration lock " + LOCK_KEY);
                call(lock, "SELECT pg_advisory_lock(?)");
            }
            MigrateResult result;
            try {
                result = flyway.migrate();
            } catch (RuntimeException failed) {
                unlock(lock, failed);
                throw failed;
            }
            // a pooled connection's session outlives this call: release before handing it back
            call(lock, "SELECT pg_advisory_unlock(?)");
            return result;
        } catch (SQLException e) {
            throw new FlywayException("the migration lock " + LOCK_KEY + " on the database: " + e.getMessage(), e);
        }
    }

    /** Takes the lock if it is free. */
    private static boolean take(Connection lock) throws SQLException {
        try (PreparedStatement st = lock.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            st.setLong(1, LOCK_KEY);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** Releases the lock after a failed migration, whose exception stays the one reported. */
    private static void unlock(Connection lock, RuntimeException failed) {
        try {
            call(lock, "SELECT pg_advisory_unlock(?)");
        } catch (SQLException e) {
            // a broken session has released the lock already
            failed.addSuppressed(e);
        }
    }

    private static void call(Connection connection, String sql) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            st.setLong(1, LOCK_KEY);
            st.execute();
        }
    }
}
