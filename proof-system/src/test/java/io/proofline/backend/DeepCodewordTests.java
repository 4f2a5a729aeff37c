package io.proofline.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.proofline.field.Ext2;
import io.proofline.field.Goldilocks;
import io.proofline.field.TwoAdicRoots;
import java.lang.foreign.Arena;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The Java back end's DEEP codeword against its definition, written out one row at a time with {@link Ext2}. */
class DeepCodewordTests {

    private final SplittableRandom rnd = new SplittableRandom(20261206);

    private long[][] random(int columns, int rows) {
        long[][] out = new long[columns][rows];
        for (long[] column : out) {
            for (int r = 0; r < rows; r++) {
                column[r] = Goldilocks.canonical(rnd.nextLong());
            }
        }
        return out;
    }

    private Ext2 randomExt() {
        return new Ext2(Goldilocks.canonical(rnd.nextLong()), Goldilocks.canonical(rnd.nextLong()));
    }

    @Test
    void everyRowIsTheSumsLessTheirClaimsOverItsPointLessZeta() {
        // 2^13 rows: two of the parallel blocks, whose points differ in their high bits
        int logRows = 13;
        int rows = 1 << logRows;
        long shift = 7;
        // shared: the sums run in parallel
        try (Arena arena = Arena.ofShared()) {
            long[][] a = random(3, rows);
            long[][] b = random(2, rows);
            List<ColumnMatrix> matrices = List.of(ColumnMatrix.copyOf(arena, a), ColumnMatrix.copyOf(arena, b));
            long[] w0 = random(1, 4)[0];
            long[] w1 = random(1, 4)[0];
            long[] n0 = random(1, 1)[0];
            long[] n1 = random(1, 1)[0];
            Ext2 claimed = randomExt();
            Ext2 claimedNext = randomExt();
            Ext2 zeta = randomExt();
            Ext2 zetaNext = randomExt();
            long[][] codeword = ProverBackend.java().deepCodeword(matrices, new int[] {3, 1}, w0, w1, matrices.get(1), 1,
                    n0, n1, shift, claimed, claimedNext, zeta, zetaNext);
            long w = TwoAdicRoots.rootOfUnity(logRows);
            for (int r = 0; r < rows; r += 37) {
                long[] values = {a[0][r], a[1][r], a[2][r], b[0][r]};
                Ext2 s = Ext2.ZERO;
                for (int k = 0; k < values.length; k++) {
                    s = s.add(new Ext2(w0[k], w1[k]).mul(values[k]));
                }
                Ext2 t = new Ext2(n0[0], n1[0]).mul(b[0][r]);
                Ext2 x = Ext2.of(Goldilocks.mul(shift, Goldilocks.pow(w, TwoAdicRoots.reverseBits(r, logRows))));
                Ext2 expected = s.sub(claimed).mul(x.sub(zeta).inverse()).add(t.sub(claimedNext).mul(x.sub(zetaNext).inverse()));
                assertEquals(expected, new Ext2(codeword[0][r], codeword[1][r]), "row " + r);
            }
        }
    }

    @Test
    void refusesExtensionsOfTwoLengthsOrOfNoPowerOfTwo() {
        try (Arena arena = Arena.ofConfined()) {
            ColumnMatrix eight = ColumnMatrix.copyOf(arena, random(1, 8));
            ColumnMatrix four = ColumnMatrix.copyOf(arena, random(1, 4));
            ColumnMatrix six = ColumnMatrix.copyOf(arena, random(1, 6));
            long[] one = {1};
            assertThrows(IllegalArgumentException.class, () -> ProverBackend.java().deepCodeword(List.of(eight), new int[] {1},
                    one, one, four, 1, one, one, 7, Ext2.ONE, Ext2.ONE, randomExt(), randomExt()));
            assertThrows(IllegalArgumentException.class, () -> ProverBackend.java().deepCodeword(List.of(six), new int[] {1},
                    one, one, six, 1, one, one, 7, Ext2.ONE, Ext2.ONE, randomExt(), randomExt()));
            assertThrows(IllegalArgumentException.class, () -> ProverBackend.java().deepCodeword(List.of(), new int[] {},
                    new long[0], new long[0], eight, 1, one, one, 7, Ext2.ONE, Ext2.ONE, randomExt(), randomExt()));
        }
    }
}
