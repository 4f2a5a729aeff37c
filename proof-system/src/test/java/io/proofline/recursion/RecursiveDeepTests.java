package io.proofline.recursion;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.field.Ext2;
import io.proofline.field.Goldilocks;
import io.proofline.field.TwoAdicRoots;
import io.proofline.plonkish.Circuit;
import io.proofline.plonkish.CircuitBuilder;
import io.proofline.plonkish.Geometry;
import io.proofline.plonkish.NativeVerifierReplay;
import io.proofline.plonkish.PlonkishProof;
import io.proofline.plonkish.SatisfiabilityChecker;
import io.proofline.plonkish.SatisfiabilityReport;
import io.proofline.plonkish.Variable;
import io.proofline.plonkish.VerificationKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The DEEP composition in circuit equals the native verifier's at every query of a real proof,
 * and so equals the value FRI's first layer opened there; the LDE point computed from the
 * index's bits is the native one.
 */
class RecursiveDeepTests {

    private static final Geometry SMALL = Geometry.standard(6);

    /** The circuit's variables for one proof: its Plonkish part, challenges, and per query the index, point and value. */
    private record DeepCircuit(Circuit circuit, PlonkishProofVars proofVars, Variable[] points, ExtVar[] values) {
    }

    /** Inputs: the proof's Plonkish part, then zeta, zetaNext, phi, then one index per query. */
    private static DeepCircuit deepCircuit(VerificationKey key) {
        CircuitBuilder b = new CircuitBuilder(RecursiveQuotientIdentityTests.CIRCUIT_GEOMETRY);
        CircuitExt ext = new CircuitExt(b);
        PlonkishProofVars proof = PlonkishProofVars.allocate(b, key);
        ExtVar zeta = ext.input();
        ExtVar zetaNext = ext.input();
        ExtVar phi = ext.input();
        int logLength = key.geometry().logRows() + key.fri().logBlowup();
        RecursiveDeep deep = RecursiveDeep.prepare(ext, proof.openings(), zeta, zetaNext, phi);
        Variable[] points = new Variable[proof.queryCount()];
        ExtVar[] values = new ExtVar[proof.queryCount()];
        for (int q = 0; q < proof.queryCount(); q++) {
            Variable index = b.input();
            points[q] = CircuitPoints.ldePoint(b, logLength, b.bits(index, logLength));
            List<Variable[]> rows = proof.query(q).stream().map(PlonkishProofVars.TreeRowVars::row).toList();
            values[q] = deep.atPoint(rows, points[q]);
        }
        return new DeepCircuit(b.build(), proof, points, values);
    }

    private static long[] inputs(DeepCircuit d, PlonkishProof proof, NativeVerifierReplay.Challenges c) {
        long[] plonkish = d.proofVars().values(proof);
        long[] challenges = {c.zeta().c0(), c.zeta().c1(), c.zetaNext().c0(), c.zetaNext().c1(), c.phi().c0(), c.phi().c1()};
        long[] indices = Arrays.stream(c.indices()).asLongStream().toArray();
        return LongStream.concat(LongStream.concat(Arrays.stream(plonkish), Arrays.stream(challenges)), Arrays.stream(indices))
                .toArray();
    }

    private static Ext2 value(long[] variables, ExtVar v) {
        return new Ext2(variables[v.c0().index()], variables[v.c1().index()]);
    }

    @Test
    void deepInCircuitEqualsTheNativeCompositionAndFriFirstLayerAtEveryQuery() {
        NativeVerifierReplay.Fixture f = NativeVerifierReplay.fixture();
        NativeVerifierReplay.Challenges c = NativeVerifierReplay.challenges(f.key(), f.publicInputs(), f.proof());
        DeepCircuit d = deepCircuit(f.key());
        long[] in = inputs(d, f.proof(), c);
        SatisfiabilityReport report = SatisfiabilityChecker.check(d.circuit(), d.circuit().resolve(in));
        assertTrue(report.satisfied(), report.toString());
        long[] variables = d.circuit().resolveVariables(in);
        assertEquals(f.key().fri().numQueries(), c.indices().length);
        for (int q = 0; q < c.indices().length; q++) {
            assertEquals(NativeVerifierReplay.ldePoint(f.key(), c.indices()[q]), variables[d.points()[q].index()], "query " + q);
            Ext2 expected = NativeVerifierReplay.deepAtPoint(f.key(), f.proof(), c, q);
            assertEquals(expected, value(variables, d.values()[q]), "query " + q);
            assertEquals(c.firstLayer().get(q), expected, "query " + q);
        }
    }

    @Test
    void aChangedRowValueOrClaimChangesTheComposition() {
        NativeVerifierReplay.Fixture f = NativeVerifierReplay.fixture();
        NativeVerifierReplay.Challenges c = NativeVerifierReplay.challenges(f.key(), f.publicInputs(), f.proof());
        DeepCircuit d = deepCircuit(f.key());
        long[] valid = inputs(d, f.proof(), c);
        long[] variables = d.circuit().resolveVariables(valid);
        PlonkishProofVars.TreeRowVars setupRow = d.proofVars().query(0).get(0);
        PlonkishProofVars.TreeRowVars quotientRow = d.proofVars().query(0).get(3);
        OpeningVars o = d.proofVars().openings();
        // the proof's inputs are the circuit's first variables, so an input's position is its variable's index
        for (Variable input : List.of(setupRow.row()[0], quotientRow.row()[5], o.witness().get(3).c0(),
                o.productsNext().get(1).c1())) {
            long[] changed = valid.clone();
            changed[input.index()] = Goldilocks.add(changed[input.index()], 1);
            long[] after = d.circuit().resolveVariables(changed);
            assertNotEquals(value(variables, d.values()[0]), value(after, d.values()[0]), "input " + input);
        }
    }

    @Test
    void ldePointsFromBitsAreTheNativeOnesAtEveryIndex() {
        int logLength = 6;
        CircuitBuilder b = new CircuitBuilder(SMALL);
        Variable index = b.input();
        Variable x = CircuitPoints.ldePoint(b, logLength, b.bits(index, logLength));
        Circuit circuit = b.build();
        VerificationKey key = NativeVerifierReplay.fixture().key();
        for (int j = 0; j < 1 << logLength; j++) {
            long[] values = circuit.resolveVariables(new long[] {j});
            long expected = Goldilocks.mul(Goldilocks.GENERATOR,
                    Goldilocks.pow(TwoAdicRoots.rootOfUnity(logLength), TwoAdicRoots.reverseBits(j, logLength)));
            assertEquals(expected, values[x.index()], "index " + j);
            assertTrue(SatisfiabilityChecker.check(circuit, circuit.resolve(new long[] {j})).satisfied());
        }
        // the native verifier's own points, on its full LDE domain
        int full = key.geometry().logRows() + key.fri().logBlowup();
        CircuitBuilder b2 = new CircuitBuilder(SMALL);
        Variable index2 = b2.input();
        Variable x2 = CircuitPoints.ldePoint(b2, full, b2.bits(index2, full));
        Circuit circuit2 = b2.build();
        for (int j = 0; j < 1 << full; j += 7) {
            assertEquals(NativeVerifierReplay.ldePoint(key, j), circuit2.resolveVariables(new long[] {j})[x2.index()]);
        }
        // an index beyond the domain has no decomposition into its bits
        assertFalse(SatisfiabilityChecker.check(circuit, circuit.resolve(new long[] {1 << logLength})).satisfied());
        assertThrows(IllegalArgumentException.class, () -> CircuitPoints.point(b, 7, 7, 2, new Variable[3]));
    }

    /** A DEEP composition prepared over the fixture key's openings, and the rows of its first query. */
    private record Prepared(CircuitBuilder builder, RecursiveDeep deep, List<Variable[]> rows) {

        static Prepared forFixtureKey() {
            VerificationKey key = NativeVerifierReplay.fixture().key();
            CircuitBuilder b = new CircuitBuilder(RecursiveQuotientIdentityTests.CIRCUIT_GEOMETRY);
            CircuitExt ext = new CircuitExt(b);
            PlonkishProofVars proof = PlonkishProofVars.allocate(b, key);
            ExtVar x = ext.input();
            return new Prepared(b, RecursiveDeep.prepare(ext, proof.openings(), x, x, x),
                    proof.query(0).stream().map(PlonkishProofVars.TreeRowVars::row).toList());
        }
    }

    @Test
    void rowsOfAnotherWidthAreRefused() {
        Prepared p = Prepared.forFixtureKey();
        List<Variable[]> rows = new ArrayList<>(p.rows());
        rows.set(1, Arrays.copyOf(rows.get(1), rows.get(1).length - 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.deep().atPoint(rows, p.builder().input()));
        assertTrue(e.getMessage().startsWith("rows of "), e.getMessage());
    }

    /**
     * The grand product's two columns are read from the products tree's row: rows of the right
     * total width are taken while that row keeps at least those two, and refused below.
     */
    @Test
    void theProductsRowMustHoldTheGrandProduct() {
        Prepared p = Prepared.forFixtureKey();
        List<Variable[]> rows = p.rows();
        Variable point = p.builder().input();
        assertDoesNotThrow(() -> p.deep().atPoint(movedToWitness(rows, rows.get(2).length - 2), point));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> p.deep().atPoint(movedToWitness(rows, rows.get(2).length - 1), point));
        assertTrue(e.getMessage().startsWith("rows of "), e.getMessage());
    }

    /** The rows with the products row's last {@code count} cells moved to the end of the witness row. */
    private static List<Variable[]> movedToWitness(List<Variable[]> rows, int count) {
        Variable[] products = rows.get(2);
        Variable[] witness = Arrays.copyOf(rows.get(1), rows.get(1).length + count);
        System.arraycopy(products, products.length - count, witness, rows.get(1).length, count);
        return List.of(rows.get(0), witness, Arrays.copyOf(products, products.length - count), rows.get(3));
    }
}
