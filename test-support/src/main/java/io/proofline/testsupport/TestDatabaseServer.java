package io.proofline.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * A PostgreSQL server on which tests make their databases: how to reach it as an administrator
 * and how to address a database on it. Where the user may not create databases (only possible
 * with a URL from the environment), each test database is a schema of the given database instead.
 */
final class TestDatabaseServer {

    private static final String INSUFFICIENT_PRIVILEGE = "42501";
    private static final String SYNTAX_ERROR = "42601";

    private final String description;
    private final PostgresUrl adminUrl;
    private final String user;
    private final String password;
    private volatile boolean schemasOnly;

    TestDatabaseServer(String description, PostgresUrl adminUrl, String user, String password) {
        this.description = description;
        this.adminUrl = adminUrl;
        this.user = user;
        this.password = password;
    }

    String description() {
        return description;
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    /** Opens an administrative connection; fails fast on an unreachable server. */
    Connection connectAdmin() throws SQLException {
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        props.putIfAbsent("connectTimeout", "3");
        props.putIfAbsent("loginTimeout", "5");
        return DriverManager.getConnection(adminUrl.toString(), props);
    }

    TestDatabase create(String name) {
        try (Connection c = connectAdmin(); Statement s = c.createStatement()) {
            if (!schemasOnly) {
                try {
                    s.execute("CREATE DATABASE " + quote(name));
                    return new TestDatabase(this, name, adminUrl.withDatabase(name).toString());
                } catch (SQLException e) {
                    if (!INSUFFICIENT_PRIVILEGE.equals(e.getSQLState())) {
                        throw e;
                    }
                    schemasOnly = true;
                    System.getLogger(TestDatabase.class.getName()).log(System.Logger.Level.INFO,
                            "User " + user + " may not create databases on " + description
                                    + "; each test database is a fresh schema of the given database instead");
                }
            }
            s.execute("CREATE SCHEMA " + quote(name));
            return new TestDatabase(this, name, adminUrl.withParameter("currentSchema", name).toString());
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database " + name + " on " + description + ": "
                    + e.getMessage(), e);
        }
    }

    void drop(String name) {
        try (Connection c = connectAdmin(); Statement s = c.createStatement()) {
            if (schemasOnly) {
                s.execute("DROP SCHEMA IF EXISTS " + quote(name) + " CASCADE");
                return;
            }
            try {
                s.execute("DROP DATABASE IF EXISTS " + quote(name) + " WITH (FORCE)");
            } catch (SQLException e) {
                if (!SYNTAX_ERROR.equals(e.getSQLState())) {
                    throw e;
                }
                // Before PostgreSQL 13: end the sessions by hand, then drop.
                s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
                s.execute("DROP DATABASE IF EXISTS " + quote(name));
            }
        } catch (SQLException e) {
            System.getLogger(TestDatabase.class.getName()).log(System.Logger.Level.WARNING,
                    "Could not drop test database " + name + " on " + description + ": " + e.getMessage());
        }
    }

    /** Names are generated ({@code proofline_test_<hex>}), so quoting is only a safeguard. */
    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
