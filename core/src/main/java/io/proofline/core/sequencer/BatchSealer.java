package io.proofline.core.sequencer;

import java.time.Duration;
import java.time.Instant;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Seals batches by size or age: checks ten times a second. After a failure (say, the database is
 * away) it waits a few seconds before trying again instead of logging ten errors a second.
 */
@Component
final class BatchSealer {

    private static final System.Logger LOG = System.getLogger(BatchSealer.class.getName());
    private static final Duration BACKOFF = Duration.ofSeconds(5);

    private final Sequencer sequencer;
    private Instant pausedUntil = Instant.MIN;

    BatchSealer(Sequencer sequencer) {
        this.sequencer = sequencer;
    }

    @Scheduled(fixedDelay = 100, initialDelay = 100)
    void sealDue() {
        Instant now = Instant.now();
        if (now.isBefore(pausedUntil)) {
            return;
        }
        try {
            sequencer.sealDue(now);
        } catch (RuntimeException e) {
            pausedUntil = now.plus(BACKOFF);
            LOG.log(System.Logger.Level.ERROR, "Sealing failed; retrying in " + BACKOFF.toSeconds() + " s", e);
        }
    }
}
