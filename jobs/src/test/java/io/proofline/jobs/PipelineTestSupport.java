package io.proofline.jobs;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fresh pipeline per test (core, prover database, object store; see {@link PipelineEnvironment}),
 * so that batch numbers and job instances start over; keys are generated once per test JVM. A
 * failed test's directory, with the worker logs its failure message names, is kept.
 */
abstract class PipelineTestSupport {

    /** Shared by every pipeline test of this JVM: generated once ({@link SharedTestKeys}). */
    static final Path keys = SharedTestKeys.dir();

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    PipelineEnvironment env;

    @BeforeEach
    void startPipeline() {
        env = new PipelineEnvironment(keys, dir);
    }

    @AfterEach
    void stopPipeline() {
        if (env != null) {
            env.close();
        }
    }
}
