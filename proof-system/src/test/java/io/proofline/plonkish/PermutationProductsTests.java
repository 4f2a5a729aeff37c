package io.proofline.plonkish;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.proofline.field.Ext2;
import io.proofline.field.Goldilocks;
import io.proofline.field.RandomElements;
import io.proofline.field.TwoAdicRoots;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The grand products of the copy-permutation argument, made in parallel blocks, against one pass from the definition. */
class PermutationProductsTests {

    private final SplittableRandom rnd = new SplittableRandom(8);

    private long[][] random(int columns, int n) {
        return RandomElements.columns(rnd, columns, n);
    }

    @Test
    void blocksOfRowsGiveTheProductsOfOnePass() {
        // one block, and several (the blocks are 2^12 rows)
        for (int logRows : new int[] {6, 14}) {
            Geometry g = Geometry.standard(logRows);
            long[][] copies = random(g.copyColumns(), g.rows());
            long[][] sigmas = random(g.copyColumns(), g.rows());
            Ext2 beta = new Ext2(Goldilocks.canonical(rnd.nextLong()), Goldilocks.canonical(rnd.nextLong()));
            Ext2 gamma = new Ext2(Goldilocks.canonical(rnd.nextLong()), Goldilocks.canonical(rnd.nextLong()));
            assertArrayEquals(onePass(g, copies, sigmas, beta, gamma), PermutationArgument.products(g, copies, sigmas, beta, gamma),
                    "2^" + logRows + " rows");
        }
    }

    /** {@code p_j(r)}: the running product of every chunk's {@code F / G} over the rows before and the chunks before. */
    private static long[][] onePass(Geometry g, long[][] copies, long[][] sigmas, Ext2 beta, Ext2 gamma) {
        int m = g.permutationProducts();
        int chunk = g.permutationChunk();
        long[] omega = TwoAdicRoots.powers(g.logRows());
        long[][] out = new long[2 * m][g.rows()];
        Ext2 z = Ext2.ONE;
        for (int r = 0; r < g.rows(); r++) {
            for (int j = 0; j < m; j++) {
                out[2 * j][r] = z.c0();
                out[2 * j + 1][r] = z.c1();
                Ext2 f = Ext2.ONE;
                Ext2 h = Ext2.ONE;
                for (int i = j * chunk; i < Math.min(g.copyColumns(), (j + 1) * chunk); i++) {
                    Ext2 w = Ext2.of(copies[i][r]);
                    f = f.mul(w.add(beta.mul(Goldilocks.mul(Setup.columnShift(i), omega[r]))).add(gamma));
                    h = h.mul(w.add(beta.mul(sigmas[i][r])).add(gamma));
                }
                z = z.mul(f).mul(h.inverse());
            }
        }
        return out;
    }
}
