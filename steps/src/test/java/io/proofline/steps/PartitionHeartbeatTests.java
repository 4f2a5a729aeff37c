package io.proofline.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.circuits.base.CircuitType;
import io.proofline.storage.tables.BatchId;
import io.proofline.storage.tables.CircuitInstanceId;
import io.proofline.storage.tables.CircuitInstancesDal;
import io.proofline.storage.tables.ProtocolVersionKeys;
import io.proofline.storage.tables.ProtocolVersionsDal;
import io.proofline.storage.tables.ProverBatchesDal;
import io.proofline.storage.tables.ProverMigrations;
import io.proofline.testsupport.TestDatabase;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A proving worker's heartbeat on a real PostgreSQL: it outlives a database outage, and stops
 * (and stops the worker) once the instance is taken from the worker.
 */
class PartitionHeartbeatTests {

    private static final TestDatabase DB = TestDatabase.create();
    private static final Duration INTERVAL = Duration.ofMillis(100);
    private static final String SHA = "cd".repeat(32);

    @AfterAll
    static void drop() {
        DB.close();
    }

    @Test
    void keepsBeatingThroughADatabaseOutageAndStopsWhenTheInstanceIsTaken() throws Exception {
        ProverMigrations.migrate(DB.dataSource());
        AtomicBoolean down = new AtomicBoolean();
        CircuitInstancesDal flaky = new CircuitInstancesDal(JdbcClient.create(flaky(DB.dataSource(), down)));
        CircuitInstancesDal instances = new CircuitInstancesDal(JdbcClient.create(DB.dataSource()));
        BatchId batch = new BatchId(1, 1);
        new ProtocolVersionsDal(JdbcClient.create(DB.dataSource()))
                .register(new ProtocolVersionKeys(1, "0x" + "11".repeat(32), "0x" + "12".repeat(32), java.util.Map.of()));
        new ProverBatchesDal(JdbcClient.create(DB.dataSource())).insertReceived(batch, 1, "witness_inputs/1/1.bin", SHA, "0x01");
        CircuitInstanceId id = new CircuitInstanceId(batch, CircuitType.TRANSFER_EXECUTION, 0);
        instances.insertQueued(id, "circuit_inputs/1/1/x", SHA);
        assertTrue(instances.startAttempt(id, "worker-1"));

        try (PartitionHeartbeat beat = new PartitionHeartbeat(id.toString(), "worker-1", () -> flaky.heartbeat(id, "worker-1"),
                INTERVAL)) {
            // when the database is unreachable for ten beats
            down.set(true);
            Thread.sleep(INTERVAL.toMillis() * 10);
            Instant beforeRecovery = heartbeat(instances, id);
            down.set(false);

            // then the beats resume once it is back, and the worker still holds its instance
            await(() -> heartbeat(instances, id).isAfter(beforeRecovery));
            assertFalse(beat.lost(), "a transient error takes nothing from the worker");
            beat.checkHeld();

            // when the instance is taken from the worker (declared lost, requeued)
            assertTrue(instances.requeue(id));

            // then the heartbeat notices, and the worker stops before its next stage
            await(beat::lost);
            IllegalStateException e = assertThrows(IllegalStateException.class, beat::checkHeld);
            assertEquals(id + " was taken from worker worker-1 while it proved", e.getMessage());
            assertEquals(null, instances.find(id).orElseThrow().heartbeatAt(), "no beat lands on the requeued instance");
        }
    }

    private static Instant heartbeat(CircuitInstancesDal instances, CircuitInstanceId id) {
        return instances.find(id).orElseThrow().heartbeatAt();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(20);
        }
    }

    /** {@code target}, unreachable (every new connection refused) while {@code down}. */
    private static DataSource flaky(DataSource target, AtomicBoolean down) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection") && down.get()) {
                        throw new SQLException("connection refused (test outage)", "08001");
                    }
                    try {
                        return method.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
