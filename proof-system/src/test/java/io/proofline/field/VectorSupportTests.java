package io.proofline.field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class VectorSupportTests {

    @Test
    void autoTakesVectorsOfFourLanesOrMore() {
        assertTrue(VectorSupport.choose("auto", true, 4).vector(), "AVX2");
        assertTrue(VectorSupport.choose("auto", true, 8).vector(), "AVX-512");
        VectorSupport.Choice neon = VectorSupport.choose("auto", true, 2);
        assertFalse(neon.vector(), "128-bit vectors");
        assertTrue(neon.toString().startsWith("scalar (128-bit vectors of 2 x 64-bit lanes, fewer than 4"), neon.toString());
        assertFalse(VectorSupport.choose("auto", false, 0).vector(), "no Vector API");
    }

    @Test
    void propertyForcesEitherKernel() {
        assertFalse(VectorSupport.choose("scalar", true, 8).vector());
        assertTrue(VectorSupport.choose(" Vector ", true, 2).vector(), "forced even where auto would not");
        VectorSupport.Choice missing = VectorSupport.choose("vector", false, 0);
        assertFalse(missing.vector(), "cannot be forced without the module");
        assertTrue(missing.reason().contains("--add-modules jdk.incubator.vector"), missing.reason());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> VectorSupport.choose("fast", true, 8));
        assertEquals("proofline.field.kernels must be auto, vector or scalar, not 'fast'", bad.getMessage());
    }

    @Test
    void lowProductsByOneMultiplyOnAmdsAvx512Alone() {
        assertTrue(VectorSupport.chooseLowProducts("auto", 8, "AuthenticAMD").vector());
        assertFalse(VectorSupport.chooseLowProducts("auto", 8, "GenuineIntel").vector(), "not measured on Intel");
        assertFalse(VectorSupport.chooseLowProducts("auto", 4, "AuthenticAMD").vector(), "AVX2 has no vpmullq");
        assertFalse(VectorSupport.chooseLowProducts("auto", 8, "").vector());
        assertTrue(VectorSupport.chooseLowProducts(" Yes", 8, "GenuineIntel").vector());
        assertFalse(VectorSupport.chooseLowProducts("yes", 4, "AuthenticAMD").vector(), "only where vectors are 512 bits");
        assertFalse(VectorSupport.chooseLowProducts("no", 8, "AuthenticAMD").vector());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> VectorSupport.chooseLowProducts("fast", 8, "AuthenticAMD"));
        assertEquals("proofline.field.low-products must be auto, yes or no, not 'fast'", bad.getMessage());
    }

    @Test
    void batchProductsAreScalarOnZenCoresThatSplitWideVectors() {
        VectorSupport.Choice zen1 = VectorSupport.chooseBatchProducts("auto", 4, "AuthenticAMD", 23, 1);
        assertFalse(zen1.vector(), "Zen (Naples)");
        assertTrue(zen1.reason().contains("family 23 model 1"), zen1.reason());
        assertFalse(VectorSupport.chooseBatchProducts("auto", 4, "AuthenticAMD", 23, 0x2F).vector(), "Zen+ and the rest below 0x30");
        assertTrue(VectorSupport.chooseBatchProducts("auto", 4, "AuthenticAMD", 23, 0x31).vector(), "Zen 2 (Rome): full-width");
        assertTrue(VectorSupport.chooseBatchProducts("auto", 4, "AuthenticAMD", 25, 1).vector(), "Zen 3");
        assertTrue(VectorSupport.chooseBatchProducts("auto", 8, "AuthenticAMD", 23, 1).vector(), "only 256-bit kernels are split");
        assertTrue(VectorSupport.chooseBatchProducts("auto", 4, "GenuineIntel", 6, 1).vector());
        assertTrue(VectorSupport.chooseBatchProducts("auto", 4, "AuthenticAMD", -1, -1).vector(), "family unknown");
        assertFalse(VectorSupport.chooseBatchProducts("auto", 0, "", -1, -1).vector(), "scalar kernels throughout");
    }

    @Test
    void batchProductsPropertyForcesEitherKernel() {
        assertTrue(VectorSupport.chooseBatchProducts(" Vector", 4, "AuthenticAMD", 23, 1).vector());
        assertFalse(VectorSupport.chooseBatchProducts("scalar", 8, "GenuineIntel", 6, 143).vector());
        VectorSupport.Choice noVectors = VectorSupport.chooseBatchProducts("vector", 0, "", -1, -1);
        assertFalse(noVectors.vector(), "not without the vector kernels");
        assertTrue(noVectors.reason().contains("the other kernels are scalar"), noVectors.reason());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> VectorSupport.chooseBatchProducts("fast", 4, "AuthenticAMD", 23, 1));
        assertEquals("proofline.field.batch-products must be auto, vector or scalar, not 'fast'", bad.getMessage());
    }

    @Test
    void cpuNumbersAreReadOrMinusOne() {
        Map<String, String> cpu = VectorSupport.firstProcessor();
        int family = VectorSupport.number(cpu, "cpu family");
        assertTrue(family == -1 || family > 0, "family " + family);
        assertEquals(-1, VectorSupport.number(cpu, "no such field"));
        assertEquals(-1, VectorSupport.number(cpu, "vendor_id"), "not a number");
    }
}
