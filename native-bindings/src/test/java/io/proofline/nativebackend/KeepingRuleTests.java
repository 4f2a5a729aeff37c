package io.proofline.nativebackend;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** When the CUDA back end keeps a committed extension on the device ({@code NativeBackend.leavesAQuarterFree}). */
class KeepingRuleTests {

    private static final long GIB = 1L << 30;

    @Test
    void anExtensionIsKeptOnlyWhileAQuarterOfTheDeviceStaysFree() {
        // an 80 GiB device: 20 GiB must stay free
        assertTrue(NativeBackend.leavesAQuarterFree(79 * GIB, 80 * GIB, 59 * GIB));
        assertTrue(NativeBackend.leavesAQuarterFree(30 * GIB, 80 * GIB, 10 * GIB), "exactly a quarter left");
        assertFalse(NativeBackend.leavesAQuarterFree(30 * GIB, 80 * GIB, 10 * GIB + 1), "a byte less than a quarter");
        assertFalse(NativeBackend.leavesAQuarterFree(19 * GIB, 80 * GIB, 0), "already below a quarter");
        // the 8.7 GB extension of 130 columns of 2^20 at LDE 8 on the H200 of docs/benchmarks.md
        // (143,771 MiB), nearly empty, and with twelve such extensions kept already (about 98 GiB)
        long h200 = 143_771L << 20;
        long extension = 130L * (8L << 20) * Long.BYTES;
        assertTrue(NativeBackend.leavesAQuarterFree(h200 - GIB, h200, extension));
        assertFalse(NativeBackend.leavesAQuarterFree(h200 - GIB - 12 * extension, h200, extension));
    }
}
