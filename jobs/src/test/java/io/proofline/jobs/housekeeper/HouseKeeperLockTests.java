package io.proofline.jobs.housekeeper;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Of several house keepers on one database, exactly one holds the lock; a dead one's lock passes on. */
class HouseKeeperLockTests {

    private static final TestDatabase DB = TestDatabase.create();
    private static final long KEY = 4242;

    @AfterAll
    static void dropDatabase() {
        DB.close();
    }

    @Test
    void onlyOneHouseKeeperHoldsTheLockUntilItLetsGo() {
        DataSource ds = DB.dataSource();
        try (HouseKeeperLock first = new HouseKeeperLock(ds, KEY); HouseKeeperLock second = new HouseKeeperLock(ds, KEY)) {
            assertTrue(first.tryHold(), "the first house keeper takes the free lock");
            for (int i = 0; i < 3; i++) {
                assertFalse(second.tryHold(), "the second never acts while the first holds the lock");
                assertTrue(first.tryHold(), "the first keeps it");
            }
            first.close();
            assertTrue(second.tryHold(), "the lock passes to the second once the first lets go");
            assertFalse(first.tryHold(), "and the first, trying again, does not get it back");
        }
    }

    @Test
    void aHouseKeeperWhoseSessionDiesLosesTheLockToAnother() throws Exception {
        DataSource ds = DB.dataSource();
        try (HouseKeeperLock first = new HouseKeeperLock(ds, KEY + 1); HouseKeeperLock second = new HouseKeeperLock(ds, KEY + 1)) {
            assertTrue(first.tryHold());
            assertFalse(second.tryHold());
            // the first house keeper's database session ends (its process died, or the network cut it)
            String held = "FROM pg_locks WHERE locktype = 'advisory' AND objid = " + (KEY + 1);
            try (Connection admin = ds.getConnection(); Statement st = admin.createStatement()) {
                st.execute("SELECT pg_terminate_backend(pid) " + held);
                // pg_terminate_backend only signals the backend, which ends (and lets go) a moment
                // later: wait for that, at most 10 s, so the assertion below sees the session dead
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (System.nanoTime() < deadline) {
                    try (ResultSet rs = st.executeQuery("SELECT count(*) " + held)) {
                        rs.next();
                        if (rs.getLong(1) == 0) {
                            break;
                        }
                    }
                    Thread.sleep(20);
                }
            }
            assertTrue(second.tryHold(), "PostgreSQL released the dead session's lock");
            assertFalse(first.tryHold(), "the first finds its session gone and the lock taken");
        }
    }
}
