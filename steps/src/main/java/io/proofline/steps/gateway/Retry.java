package io.proofline.steps.gateway;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Exponential backoff: up to {@code maxAttempts} tries, waiting {@code initialDelay} after the
 * first failure and twice as long after each next one, never more than {@code maxDelay}. Only
 * failures the caller calls retryable are retried; each retry is logged with its reason, and
 * the last failure is rethrown as it is, so the caller decides what to record.
 */
public final class Retry {

    private static final System.Logger LOG = System.getLogger(Retry.class.getName());

    /** Waits between attempts; tests replace it to run without sleeping. */
    interface Sleeper {
        void sleep(Duration delay) throws InterruptedException;
    }

    private final int maxAttempts;
    private final Duration initialDelay;
    private final Duration maxDelay;
    private final Sleeper sleeper;

    public Retry(int maxAttempts, Duration initialDelay, Duration maxDelay) {
        this(maxAttempts, initialDelay, maxDelay, d -> Thread.sleep(d));
    }

    Retry(int maxAttempts, Duration initialDelay, Duration maxDelay, Sleeper sleeper) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, not " + maxAttempts);
        }
        if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("need 0 <= initialDelay <= maxDelay, got " + initialDelay + " and " + maxDelay);
        }
        this.maxAttempts = maxAttempts;
        this.initialDelay = initialDelay;
        this.maxDelay = maxDelay;
        this.sleeper = sleeper;
    }

    /** One attempt, no retry. */
    public static Retry none() {
        return new Retry(1, Duration.ZERO, Duration.ZERO);
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /** The wait after failed attempt {@code attempt} (1-based). */
    public Duration delayAfter(int attempt) {
        Duration d = initialDelay;
        for (int i = 1; i < attempt && d.compareTo(maxDelay) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxDelay) > 0 ? maxDelay : d;
    }

    /**
     * Runs {@code action} until it succeeds, fails in a way {@code retryable} rejects, or has
     * failed {@code maxAttempts} times.
     *
     * @param operation what is attempted, for the log, e.g. "fetch the next batch"
     * @throws InterruptedException if interrupted while waiting between attempts
     */
    public <T> T call(String operation, Predicate<? super RuntimeException> retryable, Supplier<T> action)
            throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return action.get();
            } catch (RuntimeException e) {
                if (!retryable.test(e)) {
                    throw e;
                }
                if (attempt >= maxAttempts) {
                    if (maxAttempts > 1) {
                        LOG.log(System.Logger.Level.WARNING, operation + " failed " + attempt + " times, giving up: "
                                + e.getMessage());
                    }
                    throw e;
                }
                Duration delay = delayAfter(attempt);
                LOG.log(System.Logger.Level.WARNING, operation + " failed (attempt " + attempt + " of " + maxAttempts
                        + "): " + e.getMessage() + "; retrying in " + delay.toMillis() + " ms");
                sleeper.sleep(delay);
            }
        }
    }

    @Override
    public String toString() {
        return "Retry(" + maxAttempts + " attempts, " + initialDelay + " doubling up to " + maxDelay + ")";
    }
}
