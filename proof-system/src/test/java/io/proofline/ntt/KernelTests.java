package io.proofline.ntt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.proofline.field.Goldilocks;
import io.proofline.field.VectorSupport;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The vector kernels against the scalar ones on inputs rich in carry and borrow edge cases. */
class KernelTests {

    private static final long[] EDGES = {
        0, 1, 2, Goldilocks.P - 1, Goldilocks.P - 2, 0xFFFF_FFFFL, 0x1_0000_0000L, 0xFFFF_FFFEL,
        0x8000_0000_0000_0000L, 0x7FFF_FFFF_FFFF_FFFFL, 0xFFFF_FFFF_0000_0000L, 0xFFFF_FFFE_FFFF_FFFFL,
    };

    private final SplittableRandom rnd = new SplittableRandom(21);

    @BeforeAll
    static void needsVectors() {
        assumeTrue(VectorSupport.PRESENT, "Vector API not in the boot layer");
    }

    private long[] sample(int n) {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = rnd.nextBoolean() ? EDGES[rnd.nextInt(EDGES.length)] : Goldilocks.canonical(rnd.nextLong());
        }
        return out;
    }

    @Test
    void butterflies() {
        int lanes = VectorKernels.LANES;
        for (int round = 0; round < 200; round++) {
            int len = lanes * (1 + rnd.nextInt(8));
            long[] a = sample(2 * len + 5);
            long[] tw = sample(len + 3);
            long[] b = a.clone();
            VectorKernels.dif2(a, 5, len, tw, 3, len);
            ScalarKernels.dif2(b, 5, len, tw, 3, len);
            assertArrayEquals(b, a);
            long c = EDGES[round % EDGES.length];
            VectorKernels.scale(a, 0, len, c);
            ScalarKernels.scale(b, 0, len, c);
            assertArrayEquals(b, a);
        }
    }

    @Test
    void powers() {
        for (int len : new int[] {1, 7, 8, 9, 64, 255, 256, 257, 1000, 4096}) {
            long[] src = sample(len + 2);
            long start = EDGES[rnd.nextInt(EDGES.length)];
            long g = Goldilocks.canonical(rnd.nextLong());
            long[] a = new long[len + 4];
            long[] b = new long[len + 4];
            VectorKernels.mulPowers(src, 2, a, 4, len, start, g);
            ScalarKernels.mulPowers(src, 2, b, 4, len, start, g);
            assertArrayEquals(b, a, "len=" + len);
        }
    }

    @Test
    void lastThreeStages() {
        assumeTrue(VectorKernels.TILES);
        long[] tw = Twiddles.forward(6);
        long[] a = sample(64 * 5);
        long[] b = a.clone();
        VectorKernels.lastStagesInPlace(a, 64, 64 * 5, tw);
        for (int s = 64; s < b.length; s += 8) {
            ScalarKernels.radix8(b, s, tw, b, s);
        }
        assertArrayEquals(b, a);
    }
}
