package io.proofline.nativebackend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    /**
     * The library names the kernels it runs: the set PROOFLINE_NATIVE_ISA asks for (this
     * module's build runs these tests with portable and with avx2 as well) when the CPU has it,
     * otherwise the best one the CPU has.
     */
    @Test
    void namesTheKernelSetInUse() throws IOException {
        String flags = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("flags"))
                .findFirst().orElse("");
        boolean avx512 = flags.contains(" avx512f");
        boolean avx2 = flags.contains(" avx2");
        String best = avx512 ? "avx512" : avx2 ? "avx2" : "portable";
        String asked = System.getenv("PROOFLINE_NATIVE_ISA");
        String expected = asked == null || asked.isBlank() ? best : switch (asked) {
            case "portable" -> "portable";
            case "avx2" -> avx2 ? "avx2" : "portable";
            default -> best;
        };
        assertTrue(List.of("avx512", "avx2", "portable").contains(cpu.library().kernelSet()), cpu.library().kernelSet());
        assertEquals(expected, cpu.library().kernelSet(), "PROOFLINE_NATIVE_ISA=" + asked + ", CPU flags avx512f " + avx512
                + ", avx2 " + avx2);
    }
}
