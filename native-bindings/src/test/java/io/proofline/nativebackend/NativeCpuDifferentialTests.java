package io.proofline.nativebackend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The portable C library through FFM against the Java back end; runs on every machine with gcc. */
class NativeCpuDifferentialTests extends DifferentialTests {

    private static NativeBackend cpu;

    @BeforeAll
    static void load() {
        cpu = NativeBackend.cpu();
    }

    @Override
    NativeBackend backend() {
        return cpu;
    }

    @Test
    void identifiesItself() {
        assertEquals("native-cpu", cpu.name());
        assertEquals(1, cpu.library().deviceCount());
        long[] memory = cpu.library().memoryInfo();
        assertEquals(true, memory[1] > 0 && memory[0] <= memory[1], "free " + memory[0] + " of " + memory[1]);
    }
}
