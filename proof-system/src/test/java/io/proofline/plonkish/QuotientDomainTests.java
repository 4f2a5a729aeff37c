package io.proofline.plonkish;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.proofline.backend.ColumnMatrix;
import io.proofline.backend.ProverBackend;
import io.proofline.field.Goldilocks;
import java.lang.foreign.Arena;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The quotient domain's extension built on the committed one ({@link Domains#extendFromCommitted}). */
class QuotientDomainTests {

    private static final ProverBackend JAVA = ProverBackend.java();
    private final SplittableRandom rnd = new SplittableRandom(4);

    private long[][] random(int columns, int n) {
        long[][] out = new long[columns][n];
        for (long[] column : out) {
            for (int i = 0; i < n; i++) {
                column[i] = Goldilocks.canonical(rnd.nextLong());
            }
        }
        return out;
    }

    @Test
    void theLargerCosetIsTheCommittedExtensionFollowedByShiftedOnes() {
        // FRI blowups 2 and 4 under quotient blowups one and two steps larger; 2^5 and 2^13 rows
        for (int[] shape : new int[][] {{5, 1, 2}, {5, 1, 3}, {5, 2, 3}, {13, 1, 2}}) {
            long[][] coefficients = random(3, 1 << shape[0]);
            try (Arena arena = Arena.ofShared()) {
                ColumnMatrix committed = JAVA.cosetLde(coefficients, shape[1], Domains.SHIFT, arena);
                ColumnMatrix made = Domains.extendFromCommitted(JAVA, committed, coefficients, shape[1], shape[2], arena);
                assertArrayEquals(JAVA.ntt().cosetLde(coefficients, shape[2], Domains.SHIFT), made.toArrays(),
                        "2^" + shape[0] + " rows, blowup 2^" + shape[1] + " to 2^" + shape[2]);
            }
        }
    }

    @Test
    void onlyALargerBlowupIsMade() {
        long[][] coefficients = random(2, 1 << 4);
        try (Arena arena = Arena.ofShared()) {
            ColumnMatrix committed = JAVA.cosetLde(coefficients, 2, Domains.SHIFT, arena);
            assertThrows(IllegalArgumentException.class,
                    () -> Domains.extendFromCommitted(JAVA, committed, coefficients, 2, 2, arena));
            assertThrows(IllegalArgumentException.class,
                    () -> Domains.extendFromCommitted(JAVA, committed, random(3, 1 << 4), 2, 3, arena));
        }
    }
}
