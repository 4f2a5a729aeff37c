package io.proofline.recursion;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import io.proofline.plonkish.PlonkishVerifier;
import io.proofline.plonkish.SatisfiabilityChecker;
import io.proofline.plonkish.SatisfiabilityReport;
import io.proofline.plonkish.Variable;
import io.proofline.plonkish.VerificationException;
import io.proofline.plonkish.VerificationKey;
import io.proofline.plonkish.gates.PublicInputGate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The constraint identity in circuit against the native verifier on a real proof, with the
 * challenges the native verifier draws: it holds for the valid proof, and it fails for exactly
 * the changed openings (and public inputs) that the native verifier's identity check refuses.
 */
class RecursiveQuotientIdentityTests {

    static final Geometry CIRCUIT_GEOMETRY = Geometry.standard(13);
    private static final String IDENTITY_FAILS = "constraints do not match the quotient at the challenge point";

    private static NativeVerifierReplay.Fixture fixture;
    private static NativeVerifierReplay.Challenges challenges;
    private Circuit circuit;

    @BeforeAll
    static void prove() {
        fixture = NativeVerifierReplay.fixture();
        challenges = NativeVerifierReplay.challenges(fixture.key(), fixture.publicInputs(), fixture.proof());
    }

    /** Per test, not per class: mutation testing credits the circuit's construction only to the tests that run it. */
    @BeforeEach
    void build() {
        circuit = identityCircuit(fixture.key());
    }

    /** Inputs: public inputs, openings (transcript order), then alpha, beta, gamma, zeta. */
    static Circuit identityCircuit(VerificationKey key) {
        CircuitBuilder b = new CircuitBuilder(CIRCUIT_GEOMETRY);
        CircuitExt ext = new CircuitExt(b);
        Variable[] publicInputs = b.inputs(key.publicInputCount());
        OpeningVars openings = openingInputs(ext, key);
        ExtVar alpha = ext.input();
        ExtVar beta = ext.input();
        ExtVar gamma = ext.input();
        ExtVar zeta = ext.input();
        RecursiveQuotientIdentity.check(ext, key, publicInputs, openings, alpha, beta, gamma, zeta);
        return b.build();
    }

    static OpeningVars openingInputs(CircuitExt ext, VerificationKey key) {
        Geometry g = key.geometry();
        return new OpeningVars(inputs(ext, key.setupColumns()), inputs(ext, g.copyColumns() + g.witnessColumns()),
                inputs(ext, 2 * g.permutationProducts()), inputs(ext, 2 * g.quotientChunks()), inputs(ext, 2));
    }

    private static List<ExtVar> inputs(CircuitExt ext, int count) {
        List<ExtVar> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(ext.input());
        }
        return out;
    }

    private static long[] values(long[] publicInputs, List<Ext2> openings, Ext2... challenges) {
        long[] out = Arrays.copyOf(publicInputs, publicInputs.length + 2 * (openings.size() + challenges.length));
        int p = publicInputs.length;
        for (Ext2 v : openings) {
            out[p++] = v.c0();
            out[p++] = v.c1();
        }
        for (Ext2 v : challenges) {
            out[p++] = v.c0();
            out[p++] = v.c1();
        }
        return out;
    }

    private SatisfiabilityReport check(long[] publicInputs, List<Ext2> openings, Ext2 zeta) {
        NativeVerifierReplay.Challenges c = challenges;
        return SatisfiabilityChecker.check(circuit,
                circuit.resolve(values(publicInputs, openings, c.alpha(), c.beta(), c.gamma(), zeta)));
    }

    private static List<Ext2> openings(PlonkishProof proof) {
        PlonkishProof.Openings o = proof.openings();
        List<Ext2> all = new ArrayList<>();
        for (List<Ext2> part : List.of(o.setup(), o.witness(), o.products(), o.quotient(), o.productsNext())) {
            all.addAll(part);
        }
        return all;
    }

    /** The proof with opening {@code i} (transcript order) replaced. */
    private static PlonkishProof withOpening(PlonkishProof proof, int i, Ext2 value) {
        PlonkishProof.Openings o = proof.openings();
        List<List<Ext2>> parts = new ArrayList<>();
        int offset = i;
        for (List<Ext2> part : List.of(o.setup(), o.witness(), o.products(), o.quotient(), o.productsNext())) {
            List<Ext2> copy = new ArrayList<>(part);
            if (offset >= 0 && offset < copy.size()) {
                copy.set(offset, value);
            }
            offset -= part.size();
            parts.add(copy);
        }
        return new PlonkishProof(proof.witnessCap(), proof.productsCap(), proof.quotientCap(),
                new PlonkishProof.Openings(parts.get(0), parts.get(1), parts.get(2), parts.get(3), parts.get(4)),
                proof.fri(), proof.queries());
    }

    @Test
    void theValidProofSatisfiesTheIdentityInCircuit() {
        SatisfiabilityReport report = check(fixture.publicInputs(), openings(fixture.proof()), challenges.zeta());
        assertTrue(report.satisfied(), report.toString());
    }

    @Test
    void anyChangedOpeningFailsInCircuitExactlyWhenTheNativeIdentityCheckRefusesIt() {
        List<Ext2> valid = openings(fixture.proof());
        int refused = 0;
        for (int i = 0; i < valid.size(); i++) {
            List<Ext2> changed = new ArrayList<>(valid);
            changed.set(i, valid.get(i).add(Ext2.ONE));
            boolean circuitRefuses = !check(fixture.publicInputs(), changed, challenges.zeta()).satisfied();
            // the native verifier draws the same alpha, beta, gamma and zeta: only phi depends on the openings
            PlonkishProof forged = withOpening(fixture.proof(), i, changed.get(i));
            VerificationException e = assertThrows(VerificationException.class,
                    () -> new PlonkishVerifier(fixture.key(), fixture.key().fri().securityBits()).verify(fixture.publicInputs(), forged), "opening " + i);
            assertEquals(IDENTITY_FAILS.equals(e.getMessage()), circuitRefuses, "opening " + i + ": native says " + e.getMessage());
            refused += circuitRefuses ? 1 : 0;
        }
        // every opening but those of witness columns and constants no gate reads enters the identity
        assertTrue(refused > valid.size() / 2, refused + " of " + valid.size());
    }

    @Test
    void anyChangedPublicInputFailsInCircuit() {
        for (int i = 0; i < fixture.publicInputs().length; i++) {
            long[] changed = fixture.publicInputs().clone();
            changed[i] = Goldilocks.add(changed[i], 1);
            assertFalse(check(changed, openings(fixture.proof()), challenges.zeta()).satisfied(), "public input " + i);
        }
    }

    @Test
    void otherChallengesFailInCircuit() {
        List<Ext2> openings = openings(fixture.proof());
        NativeVerifierReplay.Challenges c = challenges;
        Ext2 one = Ext2.ONE;
        for (Ext2[] changed : List.of(new Ext2[] {c.alpha().add(one), c.beta(), c.gamma(), c.zeta()},
                new Ext2[] {c.alpha(), c.beta().add(one), c.gamma(), c.zeta()},
                new Ext2[] {c.alpha(), c.beta(), c.gamma().add(one), c.zeta()},
                new Ext2[] {c.alpha(), c.beta(), c.gamma(), c.zeta().add(one)})) {
            SatisfiabilityReport report = SatisfiabilityChecker.check(circuit,
                    circuit.resolve(values(fixture.publicInputs(), openings, changed)));
            assertFalse(report.satisfied());
        }
    }

    /**
     * With every opening zero and {@code zeta} on the trace domain (a row that is neither the
     * first nor a public input's), every term vanishes and the identity itself reads
     * {@code 0 = 0}: only the check that {@code zeta^n - 1} is invertible refuses it, as the
     * native verifier refuses a challenge point on the trace domain.
     */
    @Test
    void aPointOnTheTraceDomainIsRefused() {
        VerificationKey key = fixture.key();
        int row = key.geometry().rows() - 1;
        assertFalse(Arrays.stream(key.publicInputRows()).anyMatch(r -> r == row));
        Ext2 onDomain = Ext2.of(Goldilocks.pow(TwoAdicRoots.rootOfUnity(key.geometry().logRows()), row));
        List<Ext2> zeros = new ArrayList<>();
        for (int i = 0; i < openings(fixture.proof()).size(); i++) {
            zeros.add(Ext2.ZERO);
        }
        long[] zeroInputs = new long[fixture.publicInputs().length];
        SatisfiabilityReport report = check(zeroInputs, zeros, onDomain);
        assertFalse(report.satisfied());
        assertTrue(report.toString().contains("copy constraint"), report.toString());
        // off the domain, the same zero openings fail on L_0 (Z - 1) = -L_0(zeta)
        assertFalse(check(zeroInputs, zeros, challenges.zeta()).satisfied());
    }

    /** Horner's rule in circuit: {@code sum_i x^i v_i} as {@code Ext2} arithmetic gives it, and zero for no values. */
    @Test
    void hornerGivesThePolynomialAtThePointAndZeroForNoValues() {
        CircuitBuilder b = new CircuitBuilder(CIRCUIT_GEOMETRY);
        CircuitExt ext = new CircuitExt(b);
        ExtVar x = ext.input();
        List<ExtVar> values = List.of(ext.input(), ext.input(), ext.input());
        ExtVar some = RecursiveQuotientIdentity.horner(ext, values, x);
        ExtVar none = RecursiveQuotientIdentity.horner(ext, List.of(), x);
        Circuit c = b.build();
        long[] in = {3, 4, 5, 6, 7, 8, 9, Goldilocks.P - 10};
        long[] resolved = c.resolveVariables(in);
        Ext2 xv = new Ext2(in[0], in[1]);
        Ext2 expected = new Ext2(in[2], in[3]).add(xv.mul(new Ext2(in[4], in[5]))).add(xv.square().mul(new Ext2(in[6], in[7])));
        assertEquals(expected, new Ext2(resolved[some.c0().index()], resolved[some.c1().index()]));
        assertEquals(Ext2.ZERO, new Ext2(resolved[none.c0().index()], resolved[none.c1().index()]));
    }

    /**
     * A key may list the public-input gate without public-input rows (only a hand-made one: setup
     * adds the gate with the first public input). The gate's term then reads a sum of no public
     * inputs, zero, and the circuit builds.
     */
    @Test
    void aKeyWithThePublicInputGateButNoPublicInputsGetsAnIdentityCircuit() {
        VerificationKey key = fixture.key();
        VerificationKey none = new VerificationKey(key.geometry(), key.fri(), key.gates(), new int[0], key.setupCap());
        assertTrue(none.gates().contains(PublicInputGate.INSTANCE));
        assertDoesNotThrow(() -> identityCircuit(none));
    }

    @Test
    void openingsOfAnotherShapeAreRefusedWhenBuilding() {
        VerificationKey key = fixture.key();
        CircuitBuilder b = new CircuitBuilder(CIRCUIT_GEOMETRY);
        CircuitExt ext = new CircuitExt(b);
        OpeningVars o = openingInputs(ext, key);
        OpeningVars short1 = new OpeningVars(o.setup().subList(1, o.setup().size()), o.witness(), o.products(), o.quotient(),
                o.productsNext());
        ExtVar x = ext.input();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RecursiveQuotientIdentity.check(ext,
                key, b.inputs(key.publicInputCount()), short1, x, x, x, x));
        assertEquals("openings do not match the key's geometry", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RecursiveQuotientIdentity.check(ext, key, b.inputs(1), o, x, x,
                x, x));
        assertTrue(e.getMessage().startsWith("expected " + key.publicInputCount() + " public inputs"), e.getMessage());
    }
}
