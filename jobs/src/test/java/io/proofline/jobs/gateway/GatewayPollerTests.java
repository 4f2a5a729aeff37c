package io.proofline.jobs.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.circuits.base.PinnedCommitments;
import io.proofline.jobs.batchproof.BatchLauncher;
import io.proofline.poseidon2.Digest;
import io.proofline.steps.gateway.ProofGenerationData;
import io.proofline.storage.tables.BatchId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * After refusing a batch the gateway takes none for {@code proofline.gateway.refusal-pause}: the
 * core holds every batch it hands out until its pick timeout, so polling on would hold back new
 * batches from the provers that can prove them.
 */
class GatewayPollerTests {

    private static final PinnedCommitments PINS = PinnedCommitments.load();
    private static final Duration PAUSE = Duration.ofMinutes(10);

    /** A clock the test moves. */
    private static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-12-08T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** A launcher that always has room and records what the gateway asks of it. */
    private static final class RecordingLauncher implements BatchLauncher {
        int busyCalls;
        final List<BatchId> launched = new ArrayList<>();

        @Override
        public Optional<String> busy() {
            busyCalls++;
            // full: the poll stops here, before asking the core
            return Optional.of("full");
        }

        @Override
        public void launch(BatchId id) {
            launched.add(id);
        }
    }

    @Test
    void aRefusedBatchPausesTakingBatchesForTheRefusalPause() {
        TestClock clock = new TestClock();
        RecordingLauncher launcher = new RecordingLauncher();
        // the core and the stores are not reached: a refusal returns before them
        GatewayPoller poller = new GatewayPoller(null, null, null, null, launcher, new KeyHandshake(PINS, "small"), null, PAUSE,
                clock);
        int version = PINS.currentVersion();
        poller.poll();
        assertEquals(1, launcher.busyCalls, "not paused: the poll goes on to the launcher");

        // when the core hands out a batch with the production keys to this small-capacities prover
        poller.accept(new ProofGenerationData(1, 9, version, new byte[0], PINS.require(version, "production"),
                PINS.findRecursion(version, "production").orElse(null), new Digest(1, 2, 3, 4)));

        // then it is not launched, and no poll asks for another until the pause is over
        assertEquals(List.of(), launcher.launched);
        assertTrue(poller.paused());
        clock.now = clock.now.plus(PAUSE).minusSeconds(1);
        poller.poll();
        assertEquals(1, launcher.busyCalls, "paused: the poll stops before the launcher and the core");
        clock.now = clock.now.plusSeconds(1);
        assertFalse(poller.paused());
        poller.poll();
        assertEquals(2, launcher.busyCalls, "the pause over, polling goes on");
    }
}
