package io.proofline.storage.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.testsupport.TestDatabase;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The lock of {@link SerialMigrations} on a pool's connections, whose sessions outlive
 * {@code close()}: it must be released whether the migration succeeds or fails, or every later
 * start on the database would wait for it.
 */
class SerialMigrationsIntegrationTests {

    @TempDir
    Path migrations;

    @Test
    void theLockIsFreeAfterAMigration() throws Exception {
        Files.writeString(migrations.resolve("V1__table.sql"), "CREATE TABLE kept (id INT);");
        try (TestDatabase db = TestDatabase.create(); PooledSessions pool = new PooledSessions(db.dataSource())) {
            assertEquals(1, SerialMigrations.migrate(flyway(pool)).migrationsExecuted);
            assertTrue(lockIsFree(db), "released on success");
        }
    }

    @Test
    void theLockIsFreeAfterAFailedMigrationWhoseFailureIsReported() throws Exception {
        Files.writeString(migrations.resolve("V1__broken.sql"), "CREATE TABLE broken (;");
        try (TestDatabase db = TestDatabase.create(); PooledSessions pool = new PooledSessions(db.dataSource())) {
            FlywayException e = assertThrows(FlywayException.class, () -> SerialMigrations.migrate(flyway(pool)));
            assertFalse(e.getMessage().contains("migration lock"), "the migration's own failure: " + e.getMessage());
            assertTrue(e.getMessage().contains("V1__broken.sql"), e.getMessage());
            assertTrue(lockIsFree(db), "released on failure");
        }
    }

    private Flyway flyway(DataSource dataSource) {
        return Flyway.configure().dataSource(dataSource).locations("filesystem:" + migrations).load();
    }

    /** Whether another session can take the lock now (and gives it back at once). */
    private static boolean lockIsFree(TestDatabase db) throws SQLException {
        try (Connection other = db.connect();
             PreparedStatement st = other.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            st.setLong(1, SerialMigrations.LOCK_KEY);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** Connections whose {@code close()} leaves the session open, as a pool's do; closed for real at the end. */
    private static final class PooledSessions extends DelegatingDataSource implements AutoCloseable {

        private final List<Connection> sessions = new ArrayList<>();

        PooledSessions(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection real = super.getConnection();
            sessions.add(real);
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("close")) {
                            return null;
                        }
                        try {
                            return method.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        @Override
        public void close() throws SQLException {
            for (Connection c : sessions) {
                c.close();
            }
        }
    }
}
