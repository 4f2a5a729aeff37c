package io.proofline.plonkish;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.proofline.backend.ColumnMatrix;
import io.proofline.backend.ProverBackend;
import io.proofline.field.RandomElements;
import java.lang.foreign.Arena;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The quotient domain's extension built on the committed one ({@link Domains#extendFromCommitted}), in segments. */
class QuotientDomainTests {

    private static final ProverBackend JAVA = ProverBackend.java();
    private final SplittableRandom rnd = new SplittableRandom(4);

    private long[][] random(int columns, int n) {
        return RandomElements.columns(rnd, columns, n);
    }

    @Test
    void theLargerCosetIsTheCommittedExtensionFollowedByShiftedOnes() {
        // FRI blowups 2 and 4 under quotient blowups one and two steps larger, 2^5 and 2^13 rows,
        // the whole larger coset and its first blocks of n rows (3 of 4, 5 and 7 of 8)
        for (int[] shape : new int[][] {{5, 1, 2, 4}, {5, 1, 2, 3}, {5, 1, 3, 8}, {5, 1, 3, 5}, {5, 2, 3, 7},
                {13, 1, 2, 3}}) {
            long[][] coefficients = random(3, 1 << shape[0]);
            int rows = shape[3] << shape[0];
            try (Arena arena = Arena.ofShared()) {
                ColumnMatrix committed = JAVA.cosetLde(coefficients, shape[1], Domains.SHIFT, arena);
                QuotientDomainColumns made = Domains.extendFromCommitted(JAVA, committed, coefficients, shape[1], shape[2], rows,
                        arena);
                long[][] whole = JAVA.ntt().cosetLde(coefficients, shape[2], Domains.SHIFT);
                long[][] expected = new long[whole.length][];
                for (int c = 0; c < whole.length; c++) {
                    expected[c] = Arrays.copyOf(whole[c], rows);
                }
                assertArrayEquals(expected, made.toArrays(),
                        "2^" + shape[0] + " rows, blowup 2^" + shape[1] + " to the first " + shape[3] + " of 2^" + shape[2]);
                for (int row : new int[] {0, committed.rows() - 1, committed.rows(), rows - 1}) {
                    assertEquals(expected[2][row], made.get(2, row), "row " + row);
                }
                // a run of rows is read within one segment, and never past the domain
                assertThrows(IndexOutOfBoundsException.class, () -> made.read(0, committed.rows() - 1, new long[2], 2));
                if (rows > committed.rows() + (1 << shape[0])) {
                    // past the committed rows, one coset of the trace domain to a segment
                    assertThrows(IndexOutOfBoundsException.class,
                            () -> made.read(0, committed.rows() + (1 << shape[0]) - 1, new long[2], 2));
                }
                assertThrows(IndexOutOfBoundsException.class, () -> made.read(0, rows - 1, new long[2], 2));
            }
        }
    }

    @Test
    void aSetupMakesItsCosetsOfTheQuotientDomainOnceWhereItsBlowupIsSmaller() {
        // degree 8: seven pieces; LDE 2 holds two of them, LDE 4 four, LDE 8 all
        Geometry g = Geometry.standard(6);
        Circuit circuit = TestCircuits.everyGate(g);
        for (ProverConfig config : List.of(ProverConfig.ldeFactor2(), ProverConfig.ldeFactor4(), ProverConfig.standard())) {
            SetupData setup = Setup.generate(circuit, config);
            int logBlowup = config.fri().logBlowup();
            int rows = Domains.quotientRows(g);
            int expectedCosets = Math.max(0, g.quotientChunks() - (1 << logBlowup));
            assertEquals(expectedCosets, setup.quotientCosets().size(), "LDE " + config.fri().ldeFactor());
            if (expectedCosets > 0) {
                try (Arena arena = Arena.ofShared()) {
                    QuotientDomainColumns perProof = Domains.extendFromCommitted(JAVA, setup.lde(), setup.coefficients(), logBlowup,
                            Domains.quotientLogBlowup(g), rows, arena);
                    assertArrayEquals(perProof.toArrays(), Domains.withCosets(setup.lde(), setup.quotientCosets(), rows).toArrays(),
                            "LDE " + config.fri().ldeFactor());
                }
            }
        }
    }

    @Test
    void onlyALargerBlowupIsMade() {
        long[][] coefficients = random(2, 1 << 4);
        try (Arena arena = Arena.ofShared()) {
            ColumnMatrix committed = JAVA.cosetLde(coefficients, 2, Domains.SHIFT, arena);
            assertThrows(IllegalArgumentException.class,
                    () -> Domains.extendFromCommitted(JAVA, committed, coefficients, 2, 2, 1 << 6, arena));
            assertThrows(IllegalArgumentException.class,
                    () -> Domains.extendFromCommitted(JAVA, committed, random(3, 1 << 4), 2, 3, 1 << 7, arena));
            // no more rows than the committed extension has, or more than the larger coset
            assertThrows(IllegalArgumentException.class,
                    () -> Domains.extendFromCommitted(JAVA, committed, coefficients, 2, 3, 1 << 6, arena));
            assertThrows(IllegalArgumentException.class,
                    () -> Domains.extendFromCommitted(JAVA, committed, coefficients, 2, 3, (1 << 7) + 16, arena));
        }
    }
}
