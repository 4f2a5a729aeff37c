package io.proofline.plonkish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.proofline.field.Ext2;
import io.proofline.field.Goldilocks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Statements and proofs of the wrong shape: each is refused by the check that names it, not by
 * a later mismatch, an exception from deeper code, or not at all.
 */
class PlonkishMalformedProofTests {

    private static final ProverConfig CONFIG = PlonkishProverTests.CONFIG;

    static VerificationKey key;
    static long[] inputs;
    static PlonkishProof proof;

    @BeforeAll
    static void proveOnce() {
        CircuitBuilder b = new CircuitBuilder(new Geometry(4, 0, 2, 3, 8));
        Variable x = b.input();
        Variable y = b.input();
        b.publicInput(x);
        b.publicInput(b.fma(2, x, y, 1, y));
        Circuit circuit = b.build();
        SetupData setup = Setup.generate(circuit, CONFIG);
        WitnessVector w = circuit.resolve(new long[] {3, 4});
        key = setup.key();
        inputs = w.publicInputs();
        proof = new PlonkishProver(CONFIG).prove(circuit, setup, w);
        new PlonkishVerifier(key, key.fri().securityBits()).verify(inputs, proof);
    }

    private static String rejection(long[] publicInputs, PlonkishProof forged) {
        return assertThrows(VerificationException.class, () -> new PlonkishVerifier(key, key.fri().securityBits()).verify(publicInputs, forged)).getMessage();
    }

    private static PlonkishProof withQueries(List<PlonkishProof.QueryOpenings> queries) {
        return new PlonkishProof(proof.witnessCap(), proof.productsCap(), proof.quotientCap(), proof.openings(), proof.fri(),
                queries);
    }

    private static PlonkishProof withOpenings(PlonkishProof.Openings o) {
        return new PlonkishProof(proof.witnessCap(), proof.productsCap(), proof.quotientCap(), o, proof.fri(), proof.queries());
    }

    private static List<Ext2> lessOne(List<Ext2> values) {
        return values.subList(0, values.size() - 1);
    }

    @Test
    void publicInputsOfTheWrongNumberOrOutsideTheFieldAreRefused() {
        assertEquals("expected 2 public inputs, got 1", rejection(Arrays.copyOf(inputs, 1), proof));
        assertEquals("expected 2 public inputs, got 3", rejection(Arrays.copyOf(inputs, 3), proof));
        assertEquals("public input 18446744069414584321 is not a field element",
                rejection(new long[] {inputs[0], Goldilocks.P}, proof));
    }

    @Test
    void openingsOfTheWrongNumberInAnyGroupAreRefused() {
        PlonkishProof.Openings o = proof.openings();
        String reason = "openings do not match the key's geometry";
        assertEquals(reason, rejection(inputs, withOpenings(new PlonkishProof.Openings(lessOne(o.setup()), o.witness(),
                o.products(), o.quotient(), o.productsNext()))));
        assertEquals(reason, rejection(inputs, withOpenings(new PlonkishProof.Openings(o.setup(), lessOne(o.witness()),
                o.products(), o.quotient(), o.productsNext()))));
        assertEquals(reason, rejection(inputs, withOpenings(new PlonkishProof.Openings(o.setup(), o.witness(),
                lessOne(o.products()), o.quotient(), o.productsNext()))));
        assertEquals(reason, rejection(inputs, withOpenings(new PlonkishProof.Openings(o.setup(), o.witness(),
                o.products(), lessOne(o.quotient()), o.productsNext()))));
        assertEquals(reason, rejection(inputs, withOpenings(new PlonkishProof.Openings(o.setup(), o.witness(),
                o.products(), o.quotient(), lessOne(o.productsNext())))));
    }

    @Test
    void treeOpeningsMissingOrInExcessAreRefused() {
        // given the honest proof's 12 sets of tree openings, one per FRI query
        List<PlonkishProof.QueryOpenings> queries = proof.queries();
        assertEquals(12, queries.size());

        // when the last is left out, then the query that needs it says so
        assertEquals("proof has no tree openings for query 11", rejection(inputs, withQueries(queries.subList(0, 11))));

        // when a thirteenth is added, then the proof is refused for carrying it
        List<PlonkishProof.QueryOpenings> more = new ArrayList<>(queries);
        more.add(queries.get(0));
        assertEquals("proof has 13 query openings", rejection(inputs, withQueries(more)));
    }

    @Test
    void aTreeRowOfTheWrongWidthIsRefusedByItsWidth() {
        List<PlonkishProof.QueryOpenings> queries = new ArrayList<>(proof.queries());
        PlonkishProof.QueryOpenings q = queries.get(0);
        long[] row = q.witness().row();
        PlonkishProof.TreeOpening shortRow = new PlonkishProof.TreeOpening(Arrays.copyOf(row, row.length - 1), q.witness().path());
        queries.set(0, new PlonkishProof.QueryOpenings(q.setup(), shortRow, q.products(), q.quotient()));
        assertEquals("query 0 opens a row of " + (row.length - 1) + " in tree 1", rejection(inputs, withQueries(queries)));
    }
}
