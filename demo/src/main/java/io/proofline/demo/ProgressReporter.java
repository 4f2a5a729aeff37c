package io.proofline.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The demo's console lines, each stamped with the time since the start. A batch gets a line
 * when its stage or its count of proven circuits changes; after a few quiet seconds one line
 * tells where the unfinished batches stand, so that the demo never looks stuck.
 */
final class ProgressReporter {

    private static final long QUIET_NANOS = Duration.ofSeconds(5).toNanos();

    private final PrintStream out;
    private final long start = System.nanoTime();
    private final Map<Long, String> shown = new HashMap<>();
    private long lastLine = start;
    private volatile boolean muted;

    ProgressReporter(PrintStream out) {
        this.out = out;
    }

    /** Prints a line with the time since the start. */
    void say(String line) {
        if (muted) {
            return;
        }
        lastLine = System.nanoTime();
        out.printf("[%6.1fs] %s%n", (lastLine - start) / 1e9, line);
    }

    /** No more lines: the demo is being stopped, and what it would say now is noise. */
    void mute() {
        muted = true;
    }

    /** Time since the start. */
    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Prints what changed since the last call, or a reminder of where things stand after a quiet while. */
    void update(List<BatchProgress> batches) {
        for (BatchProgress b : batches) {
            String line = describe(b);
            if (b.coreStatus() != null && !line.equals(shown.put(b.number(), line))) {
                say(line);
            }
        }
        if (System.nanoTime() - lastLine > QUIET_NANOS) {
            say("still working: " + batches.stream().filter(b -> !b.verified())
                    .map(ProgressReporter::describe).collect(Collectors.joining("; ")));
        }
    }

    private static String describe(BatchProgress b) {
        return "batch " + b.number() + ": " + b.stage();
    }
}
