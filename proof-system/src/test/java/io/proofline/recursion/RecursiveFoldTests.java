package io.proofline.recursion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.field.Goldilocks;
import io.proofline.field.Ext2;
import io.proofline.fri.CosetFolding;
import io.proofline.plonkish.Circuit;
import io.proofline.plonkish.CircuitBuilder;
import io.proofline.plonkish.Geometry;
import io.proofline.plonkish.SatisfiabilityChecker;
import io.proofline.plonkish.Variable;
import io.proofline.plonkish.WitnessVector;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** One coset fold in circuit equals {@link CosetFolding#foldCoset} at every arity FRI allows. */
class RecursiveFoldTests {

    @Test
    void foldAgreesWithTheNativeFoldAtEveryArity() {
        SplittableRandom random = new SplittableRandom(3);
        for (int logArity = 1; logArity <= 4; logArity++) {
            int arity = 1 << logArity;
            CircuitBuilder b = new CircuitBuilder(Geometry.standard(8));
            CircuitExt ext = new CircuitExt(b);
            ExtVar[] ys = new ExtVar[arity];
            for (int k = 0; k < arity; k++) {
                ys[k] = ext.input();
            }
            Variable xInverse = b.input();
            ExtVar beta = ext.input();
            ExtVar folded = RecursiveFriVerifier.fold(b, ext, ys, xInverse, logArity, beta);
            b.publicInput(folded.c0());
            b.publicInput(folded.c1());
            Circuit circuit = b.build();
            for (int trial = 0; trial < 3; trial++) {
                long[] inputs = new long[2 * arity + 3];
                for (int i = 0; i < inputs.length; i++) {
                    inputs[i] = Goldilocks.canonical(random.nextLong());
                }
                long[] c0 = new long[arity];
                long[] c1 = new long[arity];
                for (int k = 0; k < arity; k++) {
                    c0[k] = inputs[2 * k];
                    c1[k] = inputs[2 * k + 1];
                }
                Ext2 betaValue = new Ext2(inputs[2 * arity + 1], inputs[2 * arity + 2]);
                long[] expected = CosetFolding.foldCoset(c0, c1, 0, inputs[2 * arity], logArity, betaValue);
                WitnessVector w = circuit.resolve(inputs);
                assertTrue(SatisfiabilityChecker.check(circuit, w).satisfied());
                assertArrayEquals(expected, w.publicInputs(), "arity " + arity + ", trial " + trial);
            }
        }
    }
}
