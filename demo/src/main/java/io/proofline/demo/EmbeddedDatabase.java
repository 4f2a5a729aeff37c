package io.proofline.demo;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PostgreSQL server holding the demo's databases: normally an embedded one started for this
 * run from binaries on the classpath, so that the demo needs no database installed; with
 * {@code --database-url}, an existing server on which the demo creates uniquely named databases
 * (and drops them when done, so that runs never see each other's rows).
 */
final class EmbeddedDatabase implements AutoCloseable {

    /** {@code jdbc:postgresql://hosts} [{@code /database}] [{@code ?parameters}]. */
    private static final Pattern URL = Pattern.compile("(jdbc:postgresql://[^/?]+)(/[^?]*)?(\\?.*)?");
    private static final String DEFAULT_USER = "postgres";

    /** A database made for the demo; the user and password also come from the URL when it has them. */
    record Database(String name, String url, String user, String password) {
    }

    private final EmbeddedPostgres embedded;
    private final String adminUrl;
    private final String namePrefix;
    private final String description;
    private final List<String> created = new ArrayList<>();

    private EmbeddedDatabase(EmbeddedPostgres embedded, String adminUrl, String namePrefix, String description) {
        this.embedded = embedded;
        this.adminUrl = adminUrl;
        this.namePrefix = namePrefix;
        this.description = description;
    }

    /** Starts an embedded server whose files live in {@code dataDir}. */
    static EmbeddedDatabase start(Path dataDir) throws IOException {
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .start();
        return new EmbeddedDatabase(pg, "jdbc:postgresql://localhost:" + pg.getPort() + "/postgres", "proofline_",
                "embedded PostgreSQL on port " + pg.getPort());
    }

    /** Uses an existing server; its user must be allowed to create databases. */
    static EmbeddedDatabase connect(String url) throws SQLException {
        if (!URL.matcher(url).matches()) {
            throw new IllegalArgumentException("--database-url is not a PostgreSQL JDBC URL "
                    + "(jdbc:postgresql://host:port/database?user=...&password=...): " + url);
        }
        EmbeddedDatabase db = new EmbeddedDatabase(null, url,
                "proofline_demo_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()) + "_",
                "PostgreSQL at " + url.replaceAll("password=[^&]*", "password=***"));
        try (Connection c = db.connectAdmin()) {
            c.isValid(5);
        }
        return db;
    }

    String description() {
        return description;
    }

    /** Creates an empty database named after {@code role} (e.g. {@code core}). */
    Database create(String role) throws SQLException {
        String name = namePrefix + role;
        try (Connection c = connectAdmin(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        created.add(name);
        return new Database(name, withDatabase(adminUrl, name), DEFAULT_USER, "");
    }

    /**
     * Drops the databases this run created (unless {@code keep}) and stops the embedded server;
     * an embedded server's files stay in its data directory for the caller to keep or remove.
     */
    void close(boolean keep) throws SQLException, IOException {
        try {
            if (!keep && embedded == null) {
                try (Connection c = connectAdmin(); Statement s = c.createStatement()) {
                    for (String name : created) {
                        s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                    }
                }
            }
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    /** Drops the databases and stops the server: for runs whose data is not kept. */
    @Override
    public void close() throws SQLException, IOException {
        close(false);
    }

    private Connection connectAdmin() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", DEFAULT_USER);
        p.setProperty("connectTimeout", "5");
        return DriverManager.getConnection(adminUrl, p);
    }

    private static String withDatabase(String url, String database) {
        Matcher m = URL.matcher(url);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + url);
        }
        return m.group(1) + "/" + database + (m.group(3) == null ? "" : m.group(3));
    }
}
