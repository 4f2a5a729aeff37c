package io.proofline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process's peak resident set on Linux ({@code VmHWM} in {@code /proc/self/status}), which
 * counts the heap, memory off heap and the JVM itself; elsewhere, unknown. Writing {@code 5} to
 * {@code /proc/self/clear_refs} starts a new peak (proc(5)).
 */
final class ResidentSet {

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

    private ResidentSet() {
    }

    /** Starts a new peak where the kernel allows it; a no-op elsewhere. */
    static void resetPeak() {
        try {
            Files.writeString(CLEAR_REFS, "5");
        } catch (IOException | UnsupportedOperationException e) {
            // not Linux, or not allowed: the peak then covers the process's whole life
        }
    }

    /** Bytes, or -1 when unknown. */
    static long peakBytes() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) << 10;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
