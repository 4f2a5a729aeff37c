package io.proofline.recursion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.field.Ext2;
import io.proofline.field.Goldilocks;
import io.proofline.plonkish.Circuit;
import io.proofline.plonkish.CircuitBuilder;
import io.proofline.plonkish.NativeVerifierReplay;
import io.proofline.plonkish.SatisfiabilityChecker;
import io.proofline.plonkish.Variable;
import io.proofline.plonkish.VerificationKey;
import io.proofline.plonkish.WitnessVector;
import io.proofline.poseidon2.Digest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The parts together, as an aggregation circuit would wire them, with the challenges and FRI
 * first-layer values that the transcript and FRI sides will supply given here as inputs: the
 * key as witness with its commitment exposed, the proof's Plonkish part, the identity at
 * {@code zeta}, and at every query the DEEP value required to equal FRI's first layer.
 */
class PlonkishPartInCircuitTests {

    private record Wiring(Circuit circuit, VerificationKeyVars key, PlonkishProofVars proof) {
    }

    /** Inputs: key cap, proof's Plonkish part, public inputs, alpha, beta, gamma, zeta, zetaNext, phi, per query index and FRI value. */
    private static Wiring wire(VerificationKey shape) {
        CircuitBuilder b = new CircuitBuilder(RecursiveQuotientIdentityTests.CIRCUIT_GEOMETRY);
        CircuitExt ext = new CircuitExt(b);
        VerificationKeyVars key = VerificationKeyVars.allocate(b, shape);
        PlonkishProofVars proof = PlonkishProofVars.allocate(b, shape);
        Variable[] publicInputs = b.inputs(shape.publicInputCount());
        ExtVar alpha = ext.input();
        ExtVar beta = ext.input();
        ExtVar gamma = ext.input();
        ExtVar zeta = ext.input();
        ExtVar zetaNext = ext.input();
        ExtVar phi = ext.input();
        for (Variable v : key.commitment(b)) {
            b.publicInput(v);
        }
        RecursiveQuotientIdentity.check(ext, shape, publicInputs, proof.openings(), alpha, beta, gamma, zeta);
        RecursiveDeep deep = RecursiveDeep.prepare(ext, proof.openings(), zeta, zetaNext, phi);
        int logLength = shape.geometry().logRows() + shape.fri().logBlowup();
        for (int q = 0; q < proof.queryCount(); q++) {
            Variable index = b.input();
            ExtVar friValue = ext.input();
            // a copy constraint binds cells: a variable in no gate is in no cell, so the value is
            // placed in one here, as the FRI side's own gates (its leaf hash) will place it
            b.publicInput(friValue.c0());
            b.publicInput(friValue.c1());
            Variable x = CircuitPoints.ldePoint(b, logLength, b.bits(index, logLength));
            ext.assertEqual(deep.atPoint(proof.query(q).stream().map(PlonkishProofVars.TreeRowVars::row).toList(), x), friValue);
        }
        return new Wiring(b.build(), key, proof);
    }

    private static long[] inputs(Wiring w, NativeVerifierReplay.Fixture f, NativeVerifierReplay.Challenges c) {
        List<Long> tail = new ArrayList<>();
        for (long v : f.publicInputs()) {
            tail.add(v);
        }
        for (Ext2 e : List.of(c.alpha(), c.beta(), c.gamma(), c.zeta(), c.zetaNext(), c.phi())) {
            tail.add(e.c0());
            tail.add(e.c1());
        }
        for (int q = 0; q < c.indices().length; q++) {
            tail.add((long) c.indices()[q]);
            tail.add(c.firstLayer().get(q).c0());
            tail.add(c.firstLayer().get(q).c1());
        }
        return LongStream.concat(LongStream.concat(Arrays.stream(w.key().values(f.key())),
                Arrays.stream(w.proof().values(f.proof()))), tail.stream().mapToLong(Long::longValue)).toArray();
    }

    @Test
    void aRealProofSatisfiesThePartsTogetherAndAChangedRowOrFriValueDoesNot() {
        NativeVerifierReplay.Fixture f = NativeVerifierReplay.fixture();
        NativeVerifierReplay.Challenges c = NativeVerifierReplay.challenges(f.key(), f.publicInputs(), f.proof());
        Wiring w = wire(f.key());
        long[] valid = inputs(w, f, c);
        WitnessVector witness = w.circuit().resolve(valid);
        assertTrue(SatisfiabilityChecker.check(w.circuit(), witness).satisfied(),
                SatisfiabilityChecker.check(w.circuit(), witness).toString());
        assertEquals(f.key().commitment(), Digest.fromArray(witness.publicInputs(), 0));

        // a value of the last query's quotient row: the DEEP value there no longer matches FRI's
        Variable cell = w.proof().query(w.proof().queryCount() - 1).get(3).row()[1];
        long[] changedRow = valid.clone();
        changedRow[cell.index()] = Goldilocks.add(changedRow[cell.index()], 1);
        assertFalse(SatisfiabilityChecker.check(w.circuit(), w.circuit().resolve(changedRow)).satisfied());

        // the FRI value of the first query (inputs end with index, c0, c1 per query)
        long[] changedFri = valid.clone();
        int firstFriValue = valid.length - 3 * c.indices().length + 1;
        changedFri[firstFriValue] = Goldilocks.add(changedFri[firstFriValue], 1);
        assertFalse(SatisfiabilityChecker.check(w.circuit(), w.circuit().resolve(changedFri)).satisfied());

        // another index: the point moves, and the composition with it
        long[] changedIndex = valid.clone();
        changedIndex[firstFriValue - 1] = (changedIndex[firstFriValue - 1] + 1) % (1L << 9);
        assertFalse(SatisfiabilityChecker.check(w.circuit(), w.circuit().resolve(changedIndex)).satisfied());
    }
}
