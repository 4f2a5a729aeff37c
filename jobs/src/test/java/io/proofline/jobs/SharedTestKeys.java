package io.proofline.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One keys directory for every test of this JVM that needs honest small-capacity keys. The first
 * core or worker to start generates them there (base and recursion: tens of seconds on two
 * cores); every later one loads them, with the checks it makes on any keys directory. Tests that
 * tamper with keys copy them to a directory of their own first.
 */
public final class SharedTestKeys {

    private static Path dir;

    private SharedTestKeys() {
    }

    public static synchronized Path dir() {
        if (dir == null) {
            try {
                dir = Files.createTempDirectory("proofline-jobs-test-keys");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Path created = dir;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(created)));
        }
        return dir;
    }

    private static void delete(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
