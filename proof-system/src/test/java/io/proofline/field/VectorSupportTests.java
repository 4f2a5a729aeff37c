package io.proofline.field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
