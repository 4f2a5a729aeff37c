package io.proofline.core.sequencer;

import io.proofline.circuits.l2.InvalidTransactionException;
import io.proofline.circuits.l2.Transaction;
import io.proofline.core.CoreProperties;
import java.util.SplittableRandom;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Feeds the sequencer random valid transactions at {@code proofline.core.traffic.rate-per-second},
 * so that demos and load tests have batches to prove without a client. Off unless
 * {@code proofline.core.traffic.enabled}.
 */
@Component
@ConditionalOnBooleanProperty("proofline.core.traffic.enabled")
final class TrafficGenerator {

    private static final System.Logger LOG = System.getLogger(TrafficGenerator.class.getName());
    private static final int TICKS_PER_SECOND = 10;
    private static final int MAX_ACCOUNTS = 10_000;

    private final Sequencer sequencer;
    private final double perTick;
    private final RandomTransactions transactions = new RandomTransactions(new SplittableRandom(), MAX_ACCOUNTS);
    private double owed;
    private long submitted;

    TrafficGenerator(Sequencer sequencer, CoreProperties properties) {
        this.sequencer = sequencer;
        this.perTick = properties.traffic().ratePerSecond() / TICKS_PER_SECOND;
        LOG.log(System.Logger.Level.INFO, "Random traffic on: " + properties.traffic().ratePerSecond() + " transactions per second");
    }

    @Scheduled(fixedRate = 1000 / TICKS_PER_SECOND)
    void tick() {
        owed = Math.min(owed + perTick, 10 * perTick + 1);
        while (owed >= 1) {
            owed--;
            Transaction[] drawn = new Transaction[1];
            try {
                sequencer.submitGenerated(state -> drawn[0] = transactions.next(state));
                transactions.accepted(drawn[0]);
                submitted++;
                if (submitted % 1000 == 0) {
                    LOG.log(System.Logger.Level.INFO, "Random traffic: " + submitted + " transactions submitted, "
                            + transactions.accounts() + " accounts");
                }
            } catch (InvalidTransactionException e) {
                LOG.log(System.Logger.Level.WARNING, "Generated transaction refused: " + e.getMessage());
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "Random traffic paused for this tick: " + e.getMessage());
                return;
            }
        }
    }
}
