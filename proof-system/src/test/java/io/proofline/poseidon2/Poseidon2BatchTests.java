package io.proofline.poseidon2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.proofline.field.Goldilocks;
import io.proofline.field.VectorSupport;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The bulk forms (SIMD lanes when the Vector API is on) against the one-at-a-time ones. */
class Poseidon2BatchTests {

    private static final long[] EDGE = {0, 1, Goldilocks.P - 1, Goldilocks.P - 2, 0xFFFF_FFFFL, 1L << 32,
        Goldilocks.P - (1L << 32), 0x8000_0000_0000_0000L};

    private final SplittableRandom rnd = new SplittableRandom(7);

    @Test
    void vectorKernelMatchesScalarPermutation() {
        assumeTrue(VectorSupport.PRESENT, "Vector API not in the boot layer");
        int lanes = Poseidon2Vectors.LANES;
        long[] buffer = Poseidon2Vectors.newBuffer();
        for (int trial = 0; trial < 200; trial++) {
            long[][] states = new long[lanes][];
            for (int l = 0; l < lanes; l++) {
                states[l] = Poseidon2Tests.randomState(rnd, trial + l);
                if (trial < EDGE.length) {
                    // whole states at the edges of the field and of the 32-bit halves
                    Arrays.fill(states[l], EDGE[(trial + l) % EDGE.length]);
                }
                for (int i = 0; i < Poseidon2.WIDTH; i++) {
                    buffer[i * lanes + l] = states[l][i];
                }
            }
            Poseidon2Vectors.permute(buffer);
            for (int l = 0; l < lanes; l++) {
                Poseidon2.permute(states[l]);
                for (int i = 0; i < Poseidon2.WIDTH; i++) {
                    if (buffer[i * lanes + l] != states[l][i]) {
                        throw new AssertionError("trial " + trial + " lane " + l + " element " + i);
                    }
                }
            }
        }
    }

    /**
     * The vector products against {@link Poseidon2#reduce} on inputs made to take each
     * correction of the reduction, which the permutation tests reach only by chance (a borrow
     * needs a low word below 2^32): every lane's kind of product (neither, borrow, carry, both)
     * is checked before the kernels run, with and without an addend, and as squares.
     */
    @Test
    void vectorProductsTakeEveryCarryAsTheScalarReduction() {
        assumeTrue(VectorSupport.PRESENT, "Vector API not in the boot layer");
        int lanes = Poseidon2Vectors.LANES;
        long[] x = new long[lanes];
        long[] y = new long[lanes];
        long[] addend = new long[lanes];
        long[] out = new long[lanes];
        for (int trial = 0; trial < 64; trial++) {
            for (int l = 0; l < lanes; l++) {
                int kind = (trial + l) % 4;
                switch (kind) {
                    // (u 2^48)(v 2^48) = uv 2^96: low word 0, high word uv 2^32
                    case 1 -> {
                        x[l] = (1L + rnd.nextInt(0xFFFF)) << 48;
                        y[l] = (1L + rnd.nextInt(0xFFFF)) << 48;
                    }
                    // (2^64 - 1 - a)(2^64 - 1 - b): low word (1 + a)(1 + b), high word near 2^64
                    case 3 -> {
                        x[l] = -1L - rnd.nextInt(1 << 8);
                        y[l] = -1L - rnd.nextInt(1 << 8);
                    }
                    // neither or a carry alone: about half of all products each
                    default -> {
                        do {
                            x[l] = rnd.nextInt(3) == 0 ? EDGE[rnd.nextInt(EDGE.length)] : rnd.nextLong();
                            y[l] = rnd.nextLong();
                        } while (corrections(x[l], y[l], 0) != kind);
                    }
                }
                assertEquals(kind, corrections(x[l], y[l], 0), "lane " + l + " of trial " + trial);
                addend[l] = rnd.nextBoolean() ? rnd.nextLong() : -1L - rnd.nextInt(1 << 8);
            }
            Poseidon2Vectors.mulLanes(x, y, null, out);
            for (int l = 0; l < lanes; l++) {
                assertEquals(Poseidon2.reduce(Math.unsignedMultiplyHigh(x[l], y[l]), x[l] * y[l]), out[l],
                        Long.toUnsignedString(x[l]) + " * " + Long.toUnsignedString(y[l]));
            }
            Poseidon2Vectors.mulLanes(x, y, addend, out);
            for (int l = 0; l < lanes; l++) {
                long lo = x[l] * y[l] + addend[l];
                long hi = Math.unsignedMultiplyHigh(x[l], y[l]) + (Long.compareUnsigned(lo, addend[l]) < 0 ? 1 : 0);
                assertEquals(Poseidon2.reduce(hi, lo), out[l], Long.toUnsignedString(x[l]) + " * "
                        + Long.toUnsignedString(y[l]) + " + " + Long.toUnsignedString(addend[l]));
            }
            Poseidon2Vectors.mulLanes(x, null, null, out);
            for (int l = 0; l < lanes; l++) {
                assertEquals(Poseidon2.reduce(Math.unsignedMultiplyHigh(x[l], x[l]), x[l] * x[l]), out[l],
                        Long.toUnsignedString(x[l]) + " squared");
            }
        }
    }

    /** Which corrections {@link Poseidon2#reduce} makes to {@code x y + s}: bit 0 the borrow, bit 1 the carry. */
    private static int corrections(long x, long y, long s) {
        long lo = x * y + s;
        long hi = Math.unsignedMultiplyHigh(x, y) + (Long.compareUnsigned(lo, s) < 0 ? 1 : 0);
        long hh = hi >>> 32;
        long hl = hi & 0xFFFF_FFFFL;
        boolean borrow = Long.compareUnsigned(lo, hh) < 0;
        long t0 = lo - hh - (borrow ? 0xFFFF_FFFFL : 0);
        long t1 = (hl << 32) - hl;
        return (borrow ? 1 : 0) | (Long.compareUnsigned(t0 + t1, t1) < 0 ? 2 : 0);
    }

    @Test
    void permuteBatchMatchesPermute() {
        for (int count : new int[] {0, 1, 5, 8, 15, 16, 17, 33, 100}) {
            long[] states = new long[count * Poseidon2.WIDTH + 3];
            for (int k = 0; k < count; k++) {
                System.arraycopy(Poseidon2Tests.randomState(rnd, k), 0, states, k * Poseidon2.WIDTH, Poseidon2.WIDTH);
            }
            long[] expected = states.clone();
            for (int k = 0; k < count; k++) {
                long[] s = Arrays.copyOfRange(expected, k * Poseidon2.WIDTH, (k + 1) * Poseidon2.WIDTH);
                Poseidon2.permute(s);
                System.arraycopy(s, 0, expected, k * Poseidon2.WIDTH, Poseidon2.WIDTH);
            }
            Poseidon2.permuteBatch(states, count);
            assertArrayEquals(expected, states, "count " + count);
        }
        assertThrows(IllegalArgumentException.class, () -> Poseidon2.permuteBatch(new long[23], 2));
    }

    @Test
    void hashRowsMatchesHash() {
        for (int width : new int[] {0, 1, 7, 8, 9, 16, 17, 33}) {
            int rows = 70;
            long[][] columns = new long[width][rows];
            for (long[] column : columns) {
                for (int r = 0; r < rows; r++) {
                    column[r] = Goldilocks.canonical(rnd.nextLong());
                }
            }
            int from = 3;
            int to = 61;
            long[] out = new long[4 * rows];
            Poseidon2Hash.hashRows(columns, from, to, out);
            for (int r = 0; r < rows; r++) {
                long[] row = new long[width];
                for (int c = 0; c < width; c++) {
                    row[c] = columns[c][r];
                }
                long[] expected = r >= from && r < to ? Poseidon2Hash.hash(row).toArray() : new long[4];
                assertArrayEquals(expected, Arrays.copyOfRange(out, 4 * r, 4 * r + 4), "width " + width + " row " + r);
            }
        }
    }

    @Test
    void compressPairsMatchesCompress() {
        int parents = 80;
        long[] children = new long[8 * parents];
        for (int i = 0; i < children.length; i++) {
            children[i] = i % 5 == 0 ? Goldilocks.P - 1 : Goldilocks.canonical(rnd.nextLong());
        }
        int from = 5;
        int to = 77;
        long[] out = new long[4 * parents];
        Poseidon2Hash.compressPairs(children, from, to, out);
        for (int i = 0; i < parents; i++) {
            long[] expected = new long[4];
            if (i >= from && i < to) {
                Digest left = Digest.fromArray(children, 8 * i);
                expected = Poseidon2Hash.compress(left, Digest.fromArray(children, 8 * i + 4)).toArray();
            }
            assertArrayEquals(expected, Arrays.copyOfRange(out, 4 * i, 4 * i + 4), "parent " + i);
        }
    }
}
