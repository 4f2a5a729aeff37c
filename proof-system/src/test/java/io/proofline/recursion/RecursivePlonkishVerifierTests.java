package io.proofline.recursion;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.field.Ext2;
import io.proofline.field.Goldilocks;
import io.proofline.fri.FriParameters;
import io.proofline.fri.FriProof;
import io.proofline.merkle.MerkleCap;
import io.proofline.merkle.MerklePath;
import io.proofline.plonkish.Circuit;
import io.proofline.plonkish.CircuitBuilder;
import io.proofline.plonkish.Geometry;
import io.proofline.plonkish.NativeVerifierReplay;
import io.proofline.plonkish.PlonkishProof;
import io.proofline.plonkish.PlonkishVerifier;
import io.proofline.plonkish.SatisfiabilityChecker;
import io.proofline.plonkish.SatisfiabilityReport;
import io.proofline.plonkish.VerificationException;
import io.proofline.plonkish.VerificationKey;
import io.proofline.plonkish.WitnessVector;
import io.proofline.poseidon2.Digest;
import io.proofline.poseidon2.Poseidon2;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The assembled verifier circuit against the native verifier on a real proof: both accept it,
 * and over a corpus of proofs with one field changed (every part of the proof, the public
 * inputs, the key) both refuse, the circuit naming the check that failed.
 */
class RecursivePlonkishVerifierTests {

    private static final Geometry OUTER = Geometry.standard(13);

    private static NativeVerifierReplay.Fixture fixture;
    private static int bits;
    private Circuit circuit;
    private RecursivePlonkishVerifier.Verified verified;

    @BeforeAll
    static void prove() {
        fixture = NativeVerifierReplay.fixture();
        bits = fixture.key().fri().securityBits();
    }

    /** Per test, not per class: mutation testing credits the circuit's construction only to the tests that run it. */
    @BeforeEach
    void build() {
        CircuitBuilder b = new CircuitBuilder(OUTER);
        verified = RecursivePlonkishVerifier.verify(b, fixture.key(), bits);
        for (var v : verified.keyCommitment()) {
            b.publicInput(v);
        }
        for (var v : verified.publicInputs()) {
            b.publicInput(v);
        }
        circuit = b.build();
    }

    private SatisfiabilityReport check(VerificationKey key, long[] publicInputs, PlonkishProof proof) {
        return check(circuit, verified, key, publicInputs, proof);
    }

    private static SatisfiabilityReport check(Circuit c, RecursivePlonkishVerifier.Verified v, VerificationKey key,
                                              long[] publicInputs, PlonkishProof proof) {
        return SatisfiabilityChecker.check(c, c.resolve(v.inputs().values(key, publicInputs, proof)));
    }

    private static boolean nativeAccepts(VerificationKey key, long[] publicInputs, PlonkishProof proof) {
        try {
            new PlonkishVerifier(key, bits).verify(publicInputs, proof);
            return true;
        } catch (VerificationException e) {
            return false;
        }
    }

    @Test
    void aValidProofSatisfiesTheCircuitWhichExposesItsKeyAndPublicInputs() {
        PlonkishProof proof = fixture.proof();
        assertTrue(nativeAccepts(fixture.key(), fixture.publicInputs(), proof));
        WitnessVector w = circuit.resolve(verified.inputs().values(fixture.key(), fixture.publicInputs(), proof));
        SatisfiabilityReport report = SatisfiabilityChecker.check(circuit, w);
        assertTrue(report.satisfied(), report.toString());
        assertEquals(fixture.key().commitment(), Digest.fromArray(w.publicInputs(), 0));
        assertTrue(Arrays.equals(fixture.publicInputs(), Arrays.copyOfRange(w.publicInputs(), 4, w.publicInputs().length)));
        System.out.println("verifier circuit for a 2^" + fixture.key().geometry().logRows() + "-row proof with "
                + fixture.key().fri().numQueries() + " queries: " + circuit.rowsUsed() + " rows");
    }

    @Test
    void everyTamperedFieldIsRefusedByBothVerifiers() {
        Map<String, SatisfiabilityReport> reports = new LinkedHashMap<>();
        for (Map.Entry<String, UnaryOperator<PlonkishProof>> t : tamperings().entrySet()) {
            PlonkishProof forged = t.getValue().apply(fixture.proof());
            assertFalse(nativeAccepts(fixture.key(), fixture.publicInputs(), forged), t.getKey() + ": the native verifier accepts");
            SatisfiabilityReport report = check(fixture.key(), fixture.publicInputs(), forged);
            assertFalse(report.satisfied(), t.getKey() + ": the circuit is satisfied");
            assertTrue(report.toString().contains("check failed:") || report.toString().contains("gate"),
                    t.getKey() + ": " + report);
            reports.put(t.getKey(), report);
        }
        // changes the transcript does not see are named by the check that sees them
        for (int tree = 0; tree < 4; tree++) {
            for (String part : List.of(" row", " sibling")) {
                assertTrue(reports.get("query 0 tree " + tree + part).toString()
                        .startsWith("check failed: query 0: tree " + tree + " opening does not match its cap"), tree + part);
            }
        }
        for (String fri : List.of("FRI layer value", "FRI sibling")) {
            assertTrue(reports.get(fri).toString().contains("Merkle path does not match the cap"), reports.get(fri).toString());
        }
        // an opening enters the transcript, but the identity at zeta is checked first, as natively
        for (int part = 0; part < 4; part++) {
            assertTrue(reports.get("opening " + part).toString()
                    .startsWith("check failed: constraints do not match the quotient at the challenge point"),
                    "opening " + part + ": " + reports.get("opening " + part));
        }
        reports.forEach((k, r) -> System.out.println(k + " -> " + r));
    }

    /**
     * A forgery that passes every check but the DEEP one (a broken multiply-add, its quotient
     * opening patched to fit the identity, FRI on the true DEEP codeword) is refused in circuit
     * at that check, under the native verifier's reason.
     */
    @Test
    void aQuotientOpeningPatchedToFitTheIdentityIsRefusedAtTheDeepCheck() {
        NativeVerifierReplay.Fixture forged = NativeVerifierReplay.deepForgery();
        String reason = "query 0: FRI's first layer disagrees with the committed polynomials";
        VerificationException e = assertThrows(VerificationException.class,
                () -> new PlonkishVerifier(forged.key(), bits).verify(forged.publicInputs(), forged.proof()));
        assertEquals(reason, e.getMessage());
        SatisfiabilityReport report = check(forged.key(), forged.publicInputs(), forged.proof());
        assertFalse(report.satisfied());
        assertTrue(report.toString().startsWith("check failed: " + reason), report.toString());
    }

    /**
     * A key without public inputs: the identity's public-input term is zero, and the proof is
     * still checked (a changed opening is refused at the identity).
     */
    @Test
    void aProofWithoutPublicInputsIsVerifiedInCircuit() {
        NativeVerifierReplay.Fixture none = NativeVerifierReplay.withoutPublicInputs();
        assertEquals(0, none.publicInputs().length);
        assertTrue(nativeAccepts(none.key(), none.publicInputs(), none.proof()));
        CircuitBuilder b = new CircuitBuilder(OUTER);
        RecursivePlonkishVerifier.Verified v = RecursivePlonkishVerifier.verify(b, none.key(), bits);
        Circuit c = b.build();
        SatisfiabilityReport valid = check(c, v, none.key(), none.publicInputs(), none.proof());
        assertTrue(valid.satisfied(), valid.toString());
        PlonkishProof forged = withOpenings(none.proof(), 1);
        assertFalse(nativeAccepts(none.key(), none.publicInputs(), forged));
        SatisfiabilityReport refused = check(c, v, none.key(), none.publicInputs(), forged);
        assertTrue(refused.toString().startsWith("check failed: constraints do not match the quotient at the challenge point"),
                refused.toString());
    }

    /** Each part is charged its own rows, and the parts add up to the verification's (for sizing the aggregation circuits). */
    @Test
    void theRowsOfEachPartAddUpToTheVerification() {
        CircuitBuilder b = new CircuitBuilder(OUTER);
        // a row before the verification, so that its count does not start at zero
        b.poseidon2(b.inputs(Poseidon2.WIDTH));
        int before = b.rowsUsed();
        RecursivePlonkishVerifier.Rows rows = RecursivePlonkishVerifier.verify(b, fixture.key(), bits).rows();
        assertEquals(b.rowsUsed() - before, rows.total(), rows.toString());
        for (int part : new int[] {rows.transcript(), rows.identity(), rows.treeOpenings(), rows.deep(), rows.fri()}) {
            assertTrue(part > 0, rows.toString());
        }
    }

    @Test
    void otherPublicInputsAreRefused() {
        long[] other = fixture.publicInputs().clone();
        other[0] = Goldilocks.add(other[0], 1);
        assertFalse(nativeAccepts(fixture.key(), other, fixture.proof()));
        assertFalse(check(fixture.key(), other, fixture.proof()).satisfied());
    }

    @Test
    void anotherKeyOfTheSameStructureIsRefused() {
        List<Digest> roots = new ArrayList<>(fixture.key().setupCap().roots());
        long[] e = roots.getFirst().toArray();
        e[0] = Goldilocks.add(e[0], 1);
        roots.set(0, Digest.fromArray(e, 0));
        VerificationKey other = new VerificationKey(fixture.key().geometry(), fixture.key().fri(), fixture.key().gates(),
                fixture.key().publicInputRows(), new MerkleCap(roots));
        assertFalse(nativeAccepts(other, fixture.publicInputs(), fixture.proof()));
        SatisfiabilityReport report = check(other, fixture.publicInputs(), fixture.proof());
        assertFalse(report.satisfied());
    }

    @Test
    void keysBelowTheRequiredSecurityGetNoVerifierCircuit() {
        VerificationKey key = fixture.key();
        FriParameters weak = new FriParameters(key.fri().logBlowup(), 1, 0, key.fri().logFoldingArity(),
                key.fri().logFinalPolyLength(), key.fri().logCapSize());
        VerificationKey weakKey = new VerificationKey(key.geometry(), weak, key.gates(), key.publicInputRows(), key.setupCap());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RecursivePlonkishVerifier.verify(new CircuitBuilder(OUTER), weakKey, bits));
        assertTrue(e.getMessage().startsWith("verification key refused"), e.getMessage());
        // and a key of weaker structure cannot be given to the circuit built for the real one
        IllegalArgumentException values = assertThrows(IllegalArgumentException.class,
                () -> verified.inputs().values(weakKey, fixture.publicInputs(), fixture.proof()));
        assertTrue(values.getMessage().contains("structure"), values.getMessage());
        assertDoesNotThrow(() -> RecursivePlonkishVerifier.verify(new CircuitBuilder(OUTER), key, bits));
    }

    /** One change per field of the proof, each in a copy. */
    private static Map<String, UnaryOperator<PlonkishProof>> tamperings() {
        Map<String, UnaryOperator<PlonkishProof>> t = new LinkedHashMap<>();
        t.put("witness cap", p -> new PlonkishProof(bump(p.witnessCap()), p.productsCap(), p.quotientCap(), p.openings(), p.fri(), p.queries()));
        t.put("products cap", p -> new PlonkishProof(p.witnessCap(), bump(p.productsCap()), p.quotientCap(), p.openings(), p.fri(), p.queries()));
        t.put("quotient cap", p -> new PlonkishProof(p.witnessCap(), p.productsCap(), bump(p.quotientCap()), p.openings(), p.fri(), p.queries()));
        for (int part = 0; part < 5; part++) {
            int which = part;
            t.put("opening " + part, p -> withOpenings(p, which));
        }
        for (int tree = 0; tree < 4; tree++) {
            int which = tree;
            t.put("query 0 tree " + tree + " row", p -> withQueryRow(p, which, false));
            t.put("query 0 tree " + tree + " sibling", p -> withQueryRow(p, which, true));
        }
        t.put("FRI layer cap", p -> withFri(p, f -> new FriProof(bumpFirst(f.layerCaps()), f.finalPolynomial(), f.powNonce(), f.queries())));
        t.put("FRI final polynomial", p -> withFri(p, f -> {
            List<Ext2> poly = new ArrayList<>(f.finalPolynomial());
            poly.set(0, poly.getFirst().add(Ext2.ONE));
            return new FriProof(f.layerCaps(), poly, f.powNonce(), f.queries());
        }));
        t.put("FRI proof-of-work nonce", p -> withFri(p, f -> new FriProof(f.layerCaps(), f.finalPolynomial(), f.powNonce() + 1, f.queries())));
        t.put("FRI layer value", p -> withFri(p, f -> withFriQuery(f, false)));
        t.put("FRI sibling", p -> withFri(p, f -> withFriQuery(f, true)));
        return t;
    }

    private static MerkleCap bump(MerkleCap cap) {
        List<Digest> roots = new ArrayList<>(cap.roots());
        long[] e = roots.getFirst().toArray();
        e[1] = Goldilocks.add(e[1], 1);
        roots.set(0, Digest.fromArray(e, 0));
        return new MerkleCap(roots);
    }

    private static List<MerkleCap> bumpFirst(List<MerkleCap> caps) {
        List<MerkleCap> out = new ArrayList<>(caps);
        out.set(0, bump(out.getFirst()));
        return out;
    }

    private static PlonkishProof withOpenings(PlonkishProof p, int part) {
        PlonkishProof.Openings o = p.openings();
        List<List<Ext2>> parts = new ArrayList<>(List.of(o.setup(), o.witness(), o.products(), o.quotient(), o.productsNext()));
        List<Ext2> changed = new ArrayList<>(parts.get(part));
        changed.set(0, changed.getFirst().add(Ext2.ONE));
        parts.set(part, changed);
        return new PlonkishProof(p.witnessCap(), p.productsCap(), p.quotientCap(),
                new PlonkishProof.Openings(parts.get(0), parts.get(1), parts.get(2), parts.get(3), parts.get(4)), p.fri(), p.queries());
    }

    private static PlonkishProof withQueryRow(PlonkishProof p, int tree, boolean sibling) {
        List<PlonkishProof.QueryOpenings> queries = new ArrayList<>(p.queries());
        PlonkishProof.QueryOpenings q = queries.getFirst();
        List<PlonkishProof.TreeOpening> trees = new ArrayList<>(List.of(q.setup(), q.witness(), q.products(), q.quotient()));
        PlonkishProof.TreeOpening o = trees.get(tree);
        long[] row = o.row();
        MerklePath path = o.path();
        if (sibling) {
            path = bumpPath(path);
        } else {
            row[0] = Goldilocks.add(row[0], 1);
        }
        trees.set(tree, new PlonkishProof.TreeOpening(row, path));
        queries.set(0, new PlonkishProof.QueryOpenings(trees.get(0), trees.get(1), trees.get(2), trees.get(3)));
        return new PlonkishProof(p.witnessCap(), p.productsCap(), p.quotientCap(), p.openings(), p.fri(), queries);
    }

    private static MerklePath bumpPath(MerklePath path) {
        List<Digest> siblings = new ArrayList<>(path.siblings());
        long[] e = siblings.getFirst().toArray();
        e[2] = Goldilocks.add(e[2], 1);
        siblings.set(0, Digest.fromArray(e, 0));
        return new MerklePath(siblings);
    }

    private static FriProof withFriQuery(FriProof f, boolean sibling) {
        List<FriProof.Query> queries = new ArrayList<>(f.queries());
        List<FriProof.LayerOpening> layers = new ArrayList<>(queries.getFirst().layers());
        FriProof.LayerOpening l = layers.get(layers.size() - 1);
        long[] values = l.values();
        MerklePath path = l.path();
        if (sibling) {
            path = bumpPath(path);
        } else {
            values[0] = Goldilocks.add(values[0], 1);
        }
        layers.set(layers.size() - 1, new FriProof.LayerOpening(values, path));
        queries.set(0, new FriProof.Query(layers));
        return new FriProof(f.layerCaps(), f.finalPolynomial(), f.powNonce(), queries);
    }

    private static PlonkishProof withFri(PlonkishProof p, UnaryOperator<FriProof> change) {
        return new PlonkishProof(p.witnessCap(), p.productsCap(), p.quotientCap(), p.openings(), change.apply(p.fri()), p.queries());
    }
}
