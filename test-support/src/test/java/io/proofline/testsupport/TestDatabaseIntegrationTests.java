package io.proofline.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class TestDatabaseIntegrationTests {

    @Test
    void eachDatabaseIsFreshAndDroppedOnClose() throws SQLException {
        TestDatabase first = TestDatabase.create();
        TestDatabase second = TestDatabase.create();
        try {
            assertNotEquals(first.name(), second.name());
            assertTrue(first.name().matches("proofline_test_[0-9a-f]{16}"), first.name());
            first.execute("CREATE TABLE t (x INT)");
            first.execute("INSERT INTO t VALUES (42)");
            try (Connection c = first.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT x FROM t")) {
                assertTrue(rs.next());
                assertEquals(42, rs.getInt(1));
            }
            try (Connection c = second.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_tables WHERE tablename = 't' AND schemaname = current_schema()")) {
                assertTrue(rs.next());
                assertEquals(0, rs.getInt(1), "the second database must not see the first one's table");
            }
        } finally {
            second.close();
        }
        // An open connection does not keep the database alive.
        Connection lingering = first.connect();
        first.close();
        first.close();
        assertTrue(first.isClosed());
        lingering.close();
        assertFalse(exists(first.name()));
    }

    private static boolean exists(String name) throws SQLException {
        TestDatabase probe = TestDatabase.create();
        try (Connection c = probe.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT (SELECT count(*) FROM pg_database WHERE datname = '" + name
                     + "') + (SELECT count(*) FROM pg_namespace WHERE nspname = '" + name + "')")) {
            rs.next();
            return rs.getInt(1) > 0;
        } finally {
            probe.close();
        }
    }

    @Test
    void parsesAndRewritesUrls() {
        PostgresUrl url = PostgresUrl.parse("jdbc:postgresql://db.example:6543/app?sslmode=require&user=me");
        assertEquals("db.example:6543", url.hosts());
        assertEquals("app", url.database());
        assertEquals("me", url.parameter("user"));
        assertEquals("jdbc:postgresql://db.example:6543/other?sslmode=require&user=me", url.withDatabase("other").toString());
        assertEquals("jdbc:postgresql://h/app?currentSchema=s",
                PostgresUrl.parse("jdbc:postgresql://h/app").withParameter("currentSchema", "s").toString());
        assertEquals("jdbc:postgresql:x", PostgresUrl.parse("jdbc:postgresql:app").withDatabase("x").toString());
    }
}
