package io.proofline.poseidon2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
