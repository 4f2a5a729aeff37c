package io.proofline.steps.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryTests {

    private final List<Duration> sleeps = new ArrayList<>();

    @Test
    void backsOffExponentiallyUpToTheCap() {
        Retry retry = new Retry(10, Duration.ofSeconds(1), Duration.ofSeconds(30));
        assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 30L, 30L),
                List.of(1, 2, 3, 4, 5, 6, 60).stream().map(a -> retry.delayAfter(a).toSeconds()).toList());
    }

    @Test
    void retriesOnlyWhatIsRetryable() throws InterruptedException {
        Retry retry = new Retry(4, Duration.ofMillis(100), Duration.ofMillis(250), sleeps::add);
        AtomicInteger calls = new AtomicInteger();

        String result = retry.call("flaky", IllegalStateException.class::isInstance, () -> {
            if (calls.incrementAndGet() < 4) {
                throw new IllegalStateException("down " + calls.get());
            }
            return "up";
        });
        assertEquals("up", result);
        assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(250)), sleeps);

        IllegalArgumentException final_ = new IllegalArgumentException("bad request");
        calls.set(0);
        assertSame(final_, assertThrows(IllegalArgumentException.class,
                () -> retry.call("refused", IllegalStateException.class::isInstance, () -> {
                    calls.incrementAndGet();
                    throw final_;
                })));
        assertEquals(1, calls.get());
    }

    @Test
    void rethrowsTheLastFailureWhenAttemptsRunOut() {
        Retry retry = new Retry(3, Duration.ZERO, Duration.ZERO, sleeps::add);
        AtomicInteger calls = new AtomicInteger();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> retry.call("down", x -> true, () -> {
                    throw new IllegalStateException("attempt " + calls.incrementAndGet());
                }));
        assertEquals("attempt 3", e.getMessage());
        assertEquals(2, sleeps.size());
        assertThrows(IllegalStateException.class, () -> Retry.none().call("once", x -> true, () -> {
            throw new IllegalStateException();
        }));
        assertThrows(IllegalArgumentException.class, () -> new Retry(0, Duration.ZERO, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new Retry(2, Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }
}
