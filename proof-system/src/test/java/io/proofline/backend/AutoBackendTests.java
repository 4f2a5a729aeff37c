package io.proofline.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What {@code auto} takes without a GPU: the CPU back end that proved faster on such a machine. */
class AutoBackendTests {

    @Test
    void javaWith512BitKernelsOnAmdElseTheCpuLibrary() {
        assertEquals("java", ProverBackends.withoutDevice(8, "AuthenticAMD"), "AVX-512 on AMD");
        assertEquals("native-cpu", ProverBackends.withoutDevice(4, "AuthenticAMD"), "AVX2 on AMD");
        assertEquals("native-cpu", ProverBackends.withoutDevice(0, "AuthenticAMD"), "scalar Java kernels");
        assertEquals("native-cpu", ProverBackends.withoutDevice(8, "GenuineIntel"), "AVX-512 on Intel");
        assertEquals("native-cpu", ProverBackends.withoutDevice(4, "GenuineIntel"), "AVX2 on Intel");
        assertEquals("native-cpu", ProverBackends.withoutDevice(2, ""), "NEON, no vendor named");
    }
}
