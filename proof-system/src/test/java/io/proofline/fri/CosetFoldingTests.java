package io.proofline.fri;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.proofline.field.Ext2;
import io.proofline.field.Goldilocks;
import io.proofline.field.TwoAdicRoots;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CosetFoldingTests {

    /** Folding f by A with beta gives sum_i beta^i f_i(x^A), computed here from f's coefficients. */
    @Test
    void foldOfAPolynomialIsTheBetaCombinationOfItsParts() {
        SplittableRandom rnd = new SplittableRandom(21);
        for (int logArity = 1; logArity <= 4; logArity++) {
            int arity = 1 << logArity;
            int degree = 4 * arity;
            Ext2[] f = new Ext2[degree];
            for (int i = 0; i < degree; i++) {
                f[i] = new Ext2(Goldilocks.canonical(rnd.nextLong()), Goldilocks.canonical(rnd.nextLong()));
            }
            long x = Goldilocks.canonical(rnd.nextLong());
            Ext2 beta = new Ext2(Goldilocks.canonical(rnd.nextLong()), Goldilocks.canonical(rnd.nextLong()));
            long z = TwoAdicRoots.rootOfUnity(logArity);
            long[] c0 = new long[arity];
            long[] c1 = new long[arity];
            for (int k = 0; k < arity; k++) {
                long point = Goldilocks.mul(x, Goldilocks.pow(z, TwoAdicRoots.reverseBits(k, logArity)));
                Ext2 y = eval(f, point);
                c0[k] = y.c0();
                c1[k] = y.c1();
            }
            long[] folded = CosetFolding.foldCoset(c0, c1, 0, Goldilocks.inverse(x), logArity, beta);

            Ext2 expected = Ext2.ZERO;
            long xa = Goldilocks.pow(x, arity);
            for (int i = arity - 1; i >= 0; i--) {
                Ext2[] part = new Ext2[degree / arity];
                for (int j = 0; j < part.length; j++) {
                    part[j] = f[j * arity + i];
                }
                expected = expected.mul(beta).add(eval(part, xa));
            }
            assertEquals(expected, new Ext2(folded[0], folded[1]), "arity " + arity);
        }
    }

    private static Ext2 eval(Ext2[] coefficients, long x) {
        Ext2 acc = Ext2.ZERO;
        for (int i = coefficients.length - 1; i >= 0; i--) {
            acc = acc.mul(x).add(coefficients[i]);
        }
        return acc;
    }
}
