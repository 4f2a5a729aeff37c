package io.proofline.nativebackend;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.BeforeAll;

/**
 * The CUDA library against the Java back end: the same cases as the CPU library. Skipped, with
 * the reason, where the library was not built (no nvcc) or no GPU and driver are present;
 * {@code native-bindings/gpu-check.sh} runs it on a GPU machine.
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
        assumeTrue(cuda != null, () -> "CUDA differential test skipped: " + reason);
        return cuda;
    }
}
