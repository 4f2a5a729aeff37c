package io.proofline.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What {@code auto} takes without a GPU: the CPU back end that proved faster on such a machine. */
class AutoBackendTests {

    @Test
    void javaWithVectorKernelsElseTheCpuLibrary() {
        assertEquals("java", ProverBackends.withoutDevice(8), "AVX-512");
        assertEquals("java", ProverBackends.withoutDevice(4), "AVX2");
        assertEquals("native-cpu", ProverBackends.withoutDevice(0), "scalar Java kernels");
    }
}
