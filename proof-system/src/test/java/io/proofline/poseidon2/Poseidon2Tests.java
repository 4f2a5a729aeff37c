package io.proofline.poseidon2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.proofline.field.Goldilocks;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Poseidon2Tests {

    /** Known answer of the HorizenLabs reference implementation for input 0..11. */
    @Test
    void matchesReferenceKnownAnswer() {
        long[] state = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
        Poseidon2.permute(state);
        long[] expected = {
            0x01EAEF96BDF1C0C1L, 0x1F0D2CC525B2540CL, 0x6282C1DFE1E0358DL, 0xE780D721F698E1E6L,
            0x280C0B6F753D833BL, 0x1B942DD5023156ABL, 0x43F0DF3FCCCB8398L, 0xE8E8190585489025L,
            0x56BDBF72F77ADA22L, 0x7911C32BF9DCD705L, 0xEC467926508FBE67L, 0x6A50450DDF85A6EDL,
        };
        assertArrayEquals(expected, state);
    }

    /** The optimized linear layers against their textbook definitions on random states. */
    @Test
    void linearLayersMatchMatrixDefinitions() {
        SplittableRandom rnd = new SplittableRandom(1);
        long[][] m4 = {{5, 7, 1, 3}, {4, 6, 1, 1}, {1, 3, 5, 7}, {1, 1, 4, 6}};
        for (int trial = 0; trial < 200; trial++) {
            long[] x = randomState(rnd, trial);
            long[] expected = new long[12];
            for (int i = 0; i < 12; i++) {
                long acc = 0;
                for (int j = 0; j < 12; j++) {
                    long coeff = m4[i % 4][j % 4] * (i / 4 == j / 4 ? 2 : 1);
                    acc = Goldilocks.add(acc, Goldilocks.mul(coeff, x[j]));
                }
                expected[i] = acc;
            }
            long[] actual = x.clone();
            Poseidon2.externalLinear(actual);
            assertArrayEquals(expected, actual);

            long sum = 0;
            for (long v : x) {
                sum = Goldilocks.add(sum, v);
            }
            for (int i = 0; i < 12; i++) {
                expected[i] = Goldilocks.add(sum, Goldilocks.mul(Poseidon2Constants.INTERNAL_DIAG_MINUS_1[i], x[i]));
            }
            actual = x.clone();
            Poseidon2.internalLinear(actual);
            assertArrayEquals(expected, canonical(actual));
        }
    }

    /** The optimized permutation (lazy reductions) against a textbook one in canonical arithmetic. */
    @Test
    void matchesTextbookPermutation() {
        SplittableRandom rnd = new SplittableRandom(2);
        for (int trial = 0; trial < 300; trial++) {
            long[] x = randomState(rnd, trial);
            long[] actual = x.clone();
            Poseidon2.permute(actual);
            assertArrayEquals(textbookPermute(x), actual);
        }
    }

    /** The helpers with lazy outputs stay congruent to the canonical operations on edge values. */
    @Test
    void lazyArithmeticIsCongruent() {
        long[] edge = {0, 1, 2, Goldilocks.P - 1, Goldilocks.P - 2, 0xFFFF_FFFFL, 1L << 32, (1L << 32) + 1,
            0x8000_0000_0000_0000L, Goldilocks.P - (1L << 32), 0x7FFF_FFFF_FFFF_FFFFL};
        SplittableRandom rnd = new SplittableRandom(3);
        for (int i = 0; i < 20000; i++) {
            // lazy values may be any 64-bit word, including the non-canonical ones above p
            long a = i < edge.length * edge.length ? edge[i % edge.length] : rnd.nextLong();
            long b = i < edge.length * edge.length ? edge[i / edge.length] : rnd.nextLong();
            long c = Goldilocks.canonical(b);
            long expected = Goldilocks.mul(Goldilocks.canonical(a), c);
            assertEquals(expected, Goldilocks.canonical(Poseidon2.mul(a, b)));
            assertEquals(Goldilocks.add(Goldilocks.canonical(a), c), Goldilocks.canonical(Poseidon2.addConstant(a, c)));
            assertEquals(Goldilocks.reduce128(a, b), Goldilocks.canonical(Poseidon2.reduce(a, b)));
        }
        for (long v : edge) {
            long[] state = new long[12];
            Arrays.fill(state, v);
            long[] expected = textbookPermute(canonical(state.clone()));
            Poseidon2.permute(state);
            assertArrayEquals(expected, state);
        }
    }

    @Test
    void rejectsWrongWidth() {
        assertThrows(IllegalArgumentException.class, () -> Poseidon2.permute(new long[8]));
    }

    /** Poseidon2 straight from the definition: canonical field operations, explicit matrices. */
    static long[] textbookPermute(long[] input) {
        long[][] m4 = {{5, 7, 1, 3}, {4, 6, 1, 1}, {1, 3, 5, 7}, {1, 1, 4, 6}};
        long[] s = input.clone();
        s = textbookExternal(s, m4);
        for (int round = 0; round < 30; round++) {
            boolean full = round < 4 || round >= 26;
            long[] rc = Poseidon2Constants.ROUND_CONSTANTS[round];
            for (int i = 0; i < 12; i++) {
                if (full || i == 0) {
                    s[i] = Goldilocks.pow(Goldilocks.add(s[i], rc[i]), 7);
                }
            }
            if (full) {
                s = textbookExternal(s, m4);
            } else {
                long sum = 0;
                for (long v : s) {
                    sum = Goldilocks.add(sum, v);
                }
                for (int i = 0; i < 12; i++) {
                    s[i] = Goldilocks.add(sum, Goldilocks.mul(Poseidon2Constants.INTERNAL_DIAG_MINUS_1[i], s[i]));
                }
            }
        }
        return s;
    }

    private static long[] textbookExternal(long[] x, long[][] m4) {
        long[] y = new long[12];
        for (int i = 0; i < 12; i++) {
            for (int j = 0; j < 12; j++) {
                long coeff = m4[i % 4][j % 4] * (i / 4 == j / 4 ? 2 : 1);
                y[i] = Goldilocks.add(y[i], Goldilocks.mul(coeff, x[j]));
            }
        }
        return y;
    }

    private static long[] canonical(long[] x) {
        for (int i = 0; i < x.length; i++) {
            x[i] = Goldilocks.canonical(x[i]);
        }
        return x;
    }

    /** Random states, with every third one pushed to the top of the field to exercise carries. */
    static long[] randomState(SplittableRandom rnd, int trial) {
        long[] x = new long[12];
        for (int i = 0; i < 12; i++) {
            x[i] = trial % 3 == 0 ? Goldilocks.P - 1 - rnd.nextLong(4) : Goldilocks.canonical(rnd.nextLong());
        }
        return x;
    }
}
