package io.proofline.testsupport;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh PostgreSQL database for one test run, dropped afterwards, so that tests never see each
 * other's rows and leave nothing behind.
 *
 * <p>The server is found once per JVM, in this order (see {@link TestDatabaseServers}):
 * <ol>
 *   <li>the JDBC URL in {@value #URL_ENV} (user and password from {@value #USER_ENV} and
 *       {@value #PASSWORD_ENV}, or from the URL);</li>
 *   <li>a server on {@code 127.0.0.1:5432} accepting user {@code postgres} without a password;</li>
 *   <li>an embedded PostgreSQL started for this JVM.</li>
 * </ol>
 * Each {@link #create()} makes a database named {@code proofline_test_<hex>} on it. {@link #close()}
 * drops it; a JVM shutdown hook drops whatever is left open.
 *
 * <pre>{@code
 * try (TestDatabase db = TestDatabase.create()) {
 *     DataSource ds = db.dataSource();
 *     ...
 * }
 * }</pre>
 */
public final class TestDatabase implements AutoCloseable {

    /** A JDBC URL of a PostgreSQL database on which tests may create databases. */
    public static final String URL_ENV = "PROOFLINE_TEST_DATABASE_URL";
    public static final String USER_ENV = "PROOFLINE_TEST_DATABASE_USER";
    public static final String PASSWORD_ENV = "PROOFLINE_TEST_DATABASE_PASSWORD";

    private final TestDatabaseServer server;
    private final String name;
    private final String jdbcUrl;
    private final AtomicBoolean closed = new AtomicBoolean();

    TestDatabase(TestDatabaseServer server, String name, String jdbcUrl) {
        this.server = server;
        this.name = name;
        this.jdbcUrl = jdbcUrl;
    }

    /**
     * Creates a fresh, empty database.
     *
     * @throws IllegalStateException if no PostgreSQL can be found or started; the message lists
     *     what was tried and how to fix it
     */
    public static TestDatabase create() {
        TestDatabaseServer server = TestDatabaseServers.get();
        String name = "proofline_test_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        TestDatabase db = server.create(name);
        TestDatabaseServers.register(db);
        return db;
    }

    /** The database's name (or, on a server where tests may not create databases, its schema's). */
    public String name() {
        return name;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String user() {
        return server.user();
    }

    /** The password, or the empty string when the server needs none. */
    public String password() {
        return server.password() == null ? "" : server.password();
    }

    /** Which server holds the database, in words, e.g. "embedded PostgreSQL on port 41234". */
    public String serverDescription() {
        return server.description();
    }

    /** A simple, non-pooling data source for the database. */
    public DataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(jdbcUrl);
        if (server.user() != null) {
            ds.setUser(server.user());
        }
        if (server.password() != null) {
            ds.setPassword(server.password());
        }
        return ds;
    }

    /** A new connection to the database. */
    public Connection connect() throws SQLException {
        return dataSource().getConnection();
    }

    /** Drops the database, disconnecting anyone still connected. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            TestDatabaseServers.unregister(this);
            server.drop(name);
        }
    }

    boolean isClosed() {
        return closed.get();
    }

    /** Runs one statement on the database; for tests' own setup. */
    public void execute(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("on " + name + ": " + sql + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return name + " (" + server.description() + ")";
    }
}
