package io.proofline.nativebackend;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.BeforeAll;

/**
 * The CUDA library against the Java back end: the same cases as the CPU library. Skipped, with
 * the reason, where the library was not built (no nvcc) or no GPU and driver are present;
 * {@code ./proofline test --gpu} (and {@code native-bindings/gpu-check.sh}) runs it with
 * {@code proofline.test.gpu=true}, where a missing back end fails instead.
 */
class CudaDifferentialTests extends DifferentialTests {

    private static NativeBackend cuda;
    private static String reason;

    @BeforeAll
    static void load() {
        try {
            cuda = NativeBackend.cuda();
        } catch (IllegalStateException e) {
            reason = e.getMessage();
        }
    }

    /** Skips each test, with the reason, when there is no CUDA back end here. */
    @Override
    NativeBackend backend() {
        if (Boolean.getBoolean("proofline.test.gpu")) {
            assertNotNull(cuda, () -> "proofline.test.gpu=true but there is no CUDA back end: " + reason);
        }
        assumeTrue(cuda != null, () -> "CUDA differential test skipped: " + reason);
        return cuda;
    }
}
