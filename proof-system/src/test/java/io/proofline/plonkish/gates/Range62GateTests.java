package io.proofline.plonkish.gates;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.proofline.field.Goldilocks;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The 62-bit range check by limbs, each constraint shown to be needed: a limb outside
 * {0, 1, 2, 3} breaks its own constraint alone, a value other than the limbs' sum breaks the
 * sum's alone, and no limbs of 0..3 sum to a value of {@code 2^62} or more.
 */
class Range62GateTests {

    private static final Range62Gate GATE = Range62Gate.INSTANCE;
    private final SplittableRandom rnd = new SplittableRandom(62);

    @Test
    void valuesBelowTwoToThe62AreTheirLimbsSum() {
        for (long v : new long[] {0, 1, 3, 4, (1L << 62) - 1, rnd.nextLong(1L << 62), rnd.nextLong(1L << 32)}) {
            assertEquals(List.of(), violated(v, Range62Gate.limbs(v)), "value " + v);
        }
    }

    @Test
    void aLimbOutsideZeroToThreeBreaksItsConstraintAlone() {
        for (int i = 0; i < Range62Gate.LIMBS; i++) {
            for (long bad : new long[] {4, 5, Goldilocks.P - 1, Goldilocks.canonical(rnd.nextLong())}) {
                long[] limbs = Range62Gate.limbs(rnd.nextLong(1L << 62));
                limbs[i] = bad;
                // the value is what the limbs sum to, so only the limb's own constraint can refuse it
                assertEquals(List.of(i), violated(sum(limbs), limbs), "limb " + i + " = " + bad);
            }
        }
    }

    @Test
    void aValueOtherThanTheLimbsSumBreaksTheSumsConstraintAlone() {
        long v = rnd.nextLong(1L << 62);
        assertEquals(List.of(Range62Gate.LIMBS), violated(Goldilocks.add(v, 1), Range62Gate.limbs(v)));
    }

    @Test
    void valuesOfTwoToThe62AndAboveHaveNoLimbs() {
        for (long v : new long[] {1L << 62, (1L << 62) + 5, Goldilocks.P - 1}) {
            // the resolver's limbs are the low 62 bits: their sum misses the value
            assertEquals(List.of(Range62Gate.LIMBS), violated(v, Range62Gate.limbs(v)), "value " + v);
        }
    }

    @Test
    void threeInstancesFillARowOfTheStandardGeometry() {
        assertEquals(3, GATE.instancesPerRow(24, 106, 8));
        assertEquals(GATE.constraints(), Range62Gate.LIMBS + 1);
    }

    private static long sum(long[] limbs) {
        long s = 0;
        for (int i = limbs.length - 1; i >= 0; i--) {
            s = Goldilocks.add(Goldilocks.mul(s, 4), limbs[i]);
        }
        return s;
    }

    private static List<Integer> violated(long value, long[] limbs) {
        return new ArrayCells(new long[] {value}, limbs).violated(GATE);
    }
}
