package io.proofline.jobs;

import io.proofline.testsupport.TemporaryDirectories;
import java.nio.file.Path;

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
            dir = TemporaryDirectories.deletedAtExit("proofline-jobs-test-keys");
        }
        return dir;
    }
}
