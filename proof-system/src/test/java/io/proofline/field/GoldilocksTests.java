package io.proofline.field;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.math.BigInteger;
import java.util.SplittableRandom;
import jdk.incubator.vector.LongVector;
import org.junit.jupiter.api.Test;

class GoldilocksTests {

    private static final BigInteger P = new BigInteger("18446744069414584321");
    private static final SplittableRandom RND = new SplittableRandom(42);

    private static BigInteger big(long x) {
        return new BigInteger(Long.toUnsignedString(x));
    }

    /** Random canonical elements, biased towards the edges where carries happen. */
    private static long sample() {
        return switch (RND.nextInt(4)) {
            case 0 -> RND.nextLong(16);
            case 1 -> Goldilocks.P - 1 - RND.nextLong(16);
            case 2 -> 0xFFFF_FFFFL + RND.nextLong(-8, 8);
            default -> Goldilocks.canonical(RND.nextLong());
        };
    }

    @Test
    void arithmeticAgreesWithBigIntegers() {
        for (int i = 0; i < 100_000; i++) {
            long a = sample();
            long b = sample();
            assertEquals(big(a).add(big(b)).mod(P), big(Goldilocks.add(a, b)), "add");
            assertEquals(big(a).subtract(big(b)).mod(P), big(Goldilocks.sub(a, b)), "sub");
            assertEquals(big(a).multiply(big(b)).mod(P), big(Goldilocks.mul(a, b)), "mul");
            assertEquals(big(a).negate().mod(P), big(Goldilocks.neg(a)), "neg");
        }
    }

    @Test
    void reductionsHandleEveryInput() {
        for (int i = 0; i < 100_000; i++) {
            long hi = RND.nextInt(3) == 0 ? -1L - RND.nextLong(4) : RND.nextLong();
            long lo = RND.nextInt(3) == 0 ? -1L - RND.nextLong(4) : RND.nextLong();
            BigInteger value = big(hi).shiftLeft(64).add(big(lo));
            assertEquals(value.mod(P), big(Goldilocks.reduce128(hi, lo)));
            assertEquals(big(lo).mod(P), big(Goldilocks.canonical(lo)));
        }
    }

    @Test
    void inverseAndPow() {
        for (int i = 0; i < 2_000; i++) {
            long a = sample();
            if (a == 0) {
                continue;
            }
            assertEquals(1, Goldilocks.mul(a, Goldilocks.inverse(a)));
            long e = RND.nextLong();
            assertEquals(big(a).modPow(new BigInteger(Long.toUnsignedString(e)), P), big(Goldilocks.pow(a, e)));
        }
        assertThrows(ArithmeticException.class, () -> Goldilocks.inverse(0));
    }

    @Test
    void batchInverseMatchesSingleInverses() {
        long[] values = new long[1000];
        for (int i = 0; i < values.length; i++) {
            values[i] = Goldilocks.canonical(RND.nextLong()) | 1; // odd, so never zero
        }
        long[] inverted = values.clone();
        Goldilocks.batchInverse(inverted);
        for (int i = 0; i < values.length; i++) {
            assertEquals(Goldilocks.inverse(values[i]), inverted[i]);
        }
        long[] withZero = {3, 0, 5};
        assertThrows(ArithmeticException.class, () -> Goldilocks.batchInverse(withZero));
    }

    @Test
    void batchMultiplicationMatchesScalar() {
        for (int n : new int[] {0, 1, 7, 8, 9, 1000, 1027}) {
            long[] a = new long[n];
            long[] b = new long[n];
            for (int i = 0; i < n; i++) {
                a[i] = sample();
                b[i] = sample();
            }
            long[] out = new long[n];
            Goldilocks.mulBatch(a, b, out);
            for (int i = 0; i < n; i++) {
                assertEquals(Goldilocks.mul(a[i], b[i]), out[i], "index " + i + " of " + n);
            }
        }
        assertTrue(VectorSupport.PRESENT, "tests run with the Vector API module, so the vector path is covered");
    }

    @Test
    void dotProductMatchesScalarSums() {
        for (int n : new int[] {0, 1, 7, 8, 9, 1000, 1027}) {
            long[] a = new long[n + 3];
            long[] b = new long[n + 5];
            for (int i = 0; i < a.length; i++) {
                a[i] = i % 5 == 0 ? Goldilocks.P - 1 : sample();
            }
            for (int i = 0; i < b.length; i++) {
                b[i] = i % 7 == 0 ? Goldilocks.P - 1 : sample();
            }
            long expected = 0;
            for (int i = 0; i < n; i++) {
                expected = Goldilocks.add(expected, Goldilocks.mul(a[i], b[i]));
            }
            assertEquals(expected, Goldilocks.dot(a, b, n), "length " + n);
        }
        assertThrows(IllegalArgumentException.class, () -> Goldilocks.dot(new long[3], new long[4], 4));
    }

    /** Any 64-bit value: canonical ones, values of P and above, and the edges of the 32-bit halves. */
    private static long anyLane() {
        return switch (RND.nextInt(5)) {
            case 0 -> sample();
            case 1 -> Goldilocks.P + RND.nextLong(0xFFFF_FFFFL);
            case 2 -> -1L - RND.nextLong(16);
            case 3 -> (RND.nextLong() & 0xFFFF_FFFF_0000_0000L) | (RND.nextBoolean() ? 0 : 0xFFFF_FFFFL);
            default -> RND.nextLong();
        };
    }

    @Test
    void vectorKernelsMatchScalarOnesLaneByLane() {
        assumeTrue(VectorSupport.PRESENT, "Vector API not in the boot layer");
        int n = 4096;
        long[] a = new long[n];
        long[] b = new long[n];
        for (int i = 0; i < n; i++) {
            a[i] = anyLane();
            b[i] = anyLane();
        }
        long k = anyLane();
        long[] out = new long[n];
        int done = GoldilocksVectors.mul(a, b, out, n);
        assertEquals(GoldilocksVectors.SPECIES.loopBound(n), done);
        for (int i = 0; i < done; i++) {
            assertEquals(Goldilocks.mul(a[i], b[i]), out[i], "mul at " + i);
        }
        GoldilocksBatches.add(a, b, out, n);
        for (int i = 0; i < done; i++) {
            assertEquals(Goldilocks.add(a[i], b[i]), out[i], "add at " + i);
        }
        GoldilocksBatches.sub(a, b, out, n);
        for (int i = 0; i < done; i++) {
            assertEquals(Goldilocks.sub(a[i], b[i]), out[i], "sub at " + i);
        }
        GoldilocksBatches.scale(a, k, out, n);
        for (int i = 0; i < done; i++) {
            assertEquals(Goldilocks.mul(a[i], k), out[i], "scale at " + i);
        }
        long[] acc = b.clone();
        GoldilocksBatches.addScaled(acc, a, k, n);
        for (int i = 0; i < done; i++) {
            assertEquals(Goldilocks.add(b[i], Goldilocks.mul(a[i], k)), acc[i], "addScaled at " + i);
        }
        acc = a.clone();
        GoldilocksBatches.addProduct(acc, a, b, n);
        for (int i = 0; i < done; i++) {
            assertEquals(Goldilocks.add(a[i], Goldilocks.mul(a[i], b[i])), acc[i], "addProduct at " + i);
        }
        int lanes = GoldilocksVectors.SPECIES.length();
        for (int i = 0; i < done; i += lanes) {
            GoldilocksVectors.canonical(LongVector.fromArray(GoldilocksVectors.SPECIES, a, i))
                    .intoArray(out, i);
        }
        for (int i = 0; i < done; i++) {
            assertEquals(Goldilocks.canonical(a[i]), out[i], "canonical at " + i);
        }
    }

    @Test
    void rootsOfUnityHaveExactOrder() {
        assertEquals(Goldilocks.P - 1, TwoAdicRoots.rootOfUnity(1));
        for (int k = 1; k <= Goldilocks.TWO_ADICITY; k++) {
            long w = TwoAdicRoots.rootOfUnity(k);
            assertEquals(1, Goldilocks.pow(w, 1L << k));
            assertEquals(Goldilocks.P - 1, Goldilocks.pow(w, 1L << (k - 1)));
        }
        assertThrows(IllegalArgumentException.class, () -> TwoAdicRoots.rootOfUnity(33));
    }

    @Test
    void canonicalEncodingRoundTripsAndRejectsOutOfRange() {
        byte[] buf = new byte[8];
        for (int i = 0; i < 1000; i++) {
            long a = sample();
            Goldilocks.encode(a, buf, 0);
            assertEquals(a, Goldilocks.decode(buf, 0));
        }
        Goldilocks.encode(Goldilocks.P, buf, 0);
        assertThrows(IllegalArgumentException.class, () -> Goldilocks.decode(buf, 0));
    }

    @Test
    void extensionFieldIsAField() {
        for (int i = 0; i < 2_000; i++) {
            Ext2 a = new Ext2(sample(), sample());
            Ext2 b = new Ext2(sample(), sample());
            Ext2 c = new Ext2(sample(), sample());
            assertEquals(a.mul(b.add(c)), a.mul(b).add(a.mul(c)), "distributive");
            assertEquals(a.mul(b).mul(c), a.mul(b.mul(c)), "associative");
            if (!a.isZero()) {
                assertEquals(Ext2.ONE, a.mul(a.inverse()));
            }
        }
        // x * x = 7
        Ext2 x = new Ext2(0, 1);
        assertEquals(Ext2.of(7), x.mul(x));
        Ext2[] values = {new Ext2(3, 4), new Ext2(0, 9), new Ext2(11, 0)};
        Ext2[] inv = Ext2.batchInverse(values);
        for (int i = 0; i < values.length; i++) {
            assertEquals(values[i].inverse(), inv[i]);
        }
        assertArrayEquals(new Ext2[0], Ext2.batchInverse(new Ext2[0]));
    }
}
