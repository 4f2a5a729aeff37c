package io.proofline.plonkish;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.backend.ProverBackend;
import io.proofline.field.Ext2;
import io.proofline.field.Goldilocks;
import io.proofline.field.TwoAdicRoots;
import io.proofline.fri.FriParameters;
import io.proofline.plonkish.gates.FmaGate;
import io.proofline.transcript.Transcript;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Forged Plonkish proofs, each passing every check before the one it targets, so that each test
 * fails if that check is removed; each asserts the verifier's stated reason.
 */
class PlonkishForgeryTests {

    private static final ProverConfig CONFIG = PlonkishProverTests.CONFIG;
    private static final String IDENTITY_FAILS = "constraints do not match the quotient at the challenge point";

    static Circuit circuit;
    static SetupData setup;
    static WitnessVector witness;

    /** {@code x}, {@code y} and {@code s = 3xy + x}, all three public. */
    @BeforeAll
    static void statement() {
        CircuitBuilder b = new CircuitBuilder(new Geometry(4, 0, 2, 3, 8));
        Variable x = b.input();
        Variable y = b.input();
        b.publicInput(x);
        b.publicInput(y);
        b.publicInput(b.fma(3, x, y, 1, x));
        circuit = b.build();
        setup = Setup.generate(circuit, CONFIG);
        witness = circuit.resolve(new long[] {11, 5});
    }

    private static VerificationException rejected(VerificationKey key, long[] publicInputs, PlonkishProof proof) {
        return assertThrows(VerificationException.class, () -> new PlonkishVerifier(key, key.fri().securityBits()).verify(publicInputs, proof));
    }

    @Test
    void theCheatingProverLeftHonestIsTheProver() {
        PlonkishProof real = new PlonkishProver(CONFIG).prove(circuit, setup, witness);
        PlonkishProof rebuilt = new CheatingProver(CONFIG, CheatingProver.Cheat.NONE).prove(setup, witness);
        assertArrayEquals(ProofCodec.encode(real), ProofCodec.encode(rebuilt));
        assertDoesNotThrow(() -> new PlonkishVerifier(setup.key(), setup.key().fri().securityBits()).verify(witness.publicInputs(), rebuilt));
    }

    @Test
    void aQuotientOpeningPatchedToFitTheIdentityIsCaughtByTheDeepCheck() {
        // given a witness whose multiply-add does not hold
        WitnessVector bad = TestCircuits.breakGate(circuit, witness, FmaGate.INSTANCE);
        assertTrue(SatisfiabilityChecker.check(circuit, bad).toString().contains("gate fma"), "the forgery needs a broken gate");

        // when the prover commits only low-degree polynomials, claims a quotient value at zeta that
        // makes the constraint identity hold, and proves the DEEP composition of the true values
        PlonkishProof proof = new CheatingProver(CONFIG, CheatingProver.Cheat.PATCHED_QUOTIENT_OPENING).prove(setup, bad);

        // then the identity and FRI pass, and the first query's DEEP value gives the lie away
        assertEquals("query 0: FRI's first layer disagrees with the committed polynomials",
                rejected(setup.key(), bad.publicInputs(), proof).getMessage());
    }

    @Test
    void aZeroGrandProductHidingABrokenCopyIsCaughtByTheBoundaryTerm() {
        // given a witness where every gate holds but a copy does not: the multiply-add's addend is
        // x + 1 and its output 1 more, while the public-input rows keep x and s
        int row = circuit.firstRowOf(FmaGate.INSTANCE);
        WitnessVector bad = witness.withCell(2, row, Goldilocks.add(witness.value(2, row), 1))
                .withCell(3, row, Goldilocks.add(witness.value(3, row), 1));
        assertTrue(SatisfiabilityChecker.check(circuit, bad).toString().contains("copy constraint broken"),
                SatisfiabilityChecker.check(circuit, bad).toString());

        // when the prover commits Z = 0 (and every partial product 0), which satisfies every
        // chunk constraint p_j * G_j = p_(j-1) * F_j whatever the witness
        PlonkishProof proof = new CheatingProver(CONFIG, CheatingProver.Cheat.ZERO_PRODUCTS).prove(setup, bad);

        // then only L_0 (Z - 1) is left non-zero, and the quotient cannot absorb it
        assertEquals(IDENTITY_FAILS, rejected(setup.key(), bad.publicInputs(), proof).getMessage());
    }

    @Test
    void publicInputsChosenAfterTheChallengeDoNotInheritTheProof() {
        // given an honest proof for x = 11, y = 5, s = 176
        VerificationKey key = setup.key();
        PlonkishProof proof = new PlonkishProver(CONFIG).prove(circuit, setup, witness);
        long[] honest = witness.publicInputs();
        new PlonkishVerifier(key, key.fri().securityBits()).verify(honest, proof);

        // when other public inputs are chosen so that their public-input polynomial agrees with the
        // honest one at the point zeta that a transcript without the public inputs would give
        Ext2 zeta = zetaWithoutPublicInputs(key, proof);
        long[] forged = collidingInputs(key, honest, zeta);
        assertFalse(java.util.Arrays.equals(honest, forged));
        assertNotEquals(forged[2], Goldilocks.add(Goldilocks.mul(3, Goldilocks.mul(forged[0], forged[1])), forged[0]),
                "the forged statement is false");
        assertEquals(publicInputPolynomial(key, honest, zeta), publicInputPolynomial(key, forged, zeta));

        // then the verifier, whose transcript absorbs the public inputs, draws another zeta and rejects
        assertEquals(IDENTITY_FAILS, rejected(key, forged, proof).getMessage());
    }

    @Test
    void aProofIsNotValidUnderAnotherKey() {
        // given an honest proof, and a key for the same circuit and setup that asks for no proof of work
        VerificationKey key = setup.key();
        PlonkishProof proof = new PlonkishProver(CONFIG).prove(circuit, setup, witness);
        FriParameters f = key.fri();
        VerificationKey other = new VerificationKey(key.geometry(), new FriParameters(f.logBlowup(), f.numQueries(), 0,
                f.logFoldingArity(), f.logFinalPolyLength(), f.logCapSize()), key.gates(), key.publicInputRows(), key.setupCap());
        assertNotEquals(key.commitment(), other.commitment());

        // when it is verified under that key, then the challenges bound to the key differ and it is rejected
        assertEquals(IDENTITY_FAILS, rejected(other, witness.publicInputs(), proof).getMessage());
    }

    /** The verifier's transcript up to zeta, leaving out the public inputs. */
    private static Ext2 zetaWithoutPublicInputs(VerificationKey key, PlonkishProof proof) {
        Transcript t = new Transcript(PlonkishProver.DOMAIN);
        t.observe(key.commitment());
        t.observe(proof.witnessCap());
        t.sampleExt();
        t.sampleExt();
        t.observe(proof.productsCap());
        t.sampleExt();
        t.observe(proof.quotientCap());
        return t.sampleExt();
    }

    /** {@code L_r(zeta)} for each public-input row {@code r}. */
    private static Ext2[] lagrange(VerificationKey key, Ext2 zeta) {
        Geometry g = key.geometry();
        Ext2 vanishing = zeta.pow(g.rows()).sub(Ext2.ONE);
        long omega = TwoAdicRoots.rootOfUnity(g.logRows());
        int[] rows = key.publicInputRows();
        Ext2[] out = new Ext2[rows.length];
        for (int i = 0; i < rows.length; i++) {
            long wr = Goldilocks.pow(omega, rows[i]);
            out[i] = vanishing.mul(wr).mul(Goldilocks.inverse(g.rows())).mul(zeta.sub(Ext2.of(wr)).inverse());
        }
        return out;
    }

    private static Ext2 publicInputPolynomial(VerificationKey key, long[] values, Ext2 zeta) {
        Ext2[] l = lagrange(key, zeta);
        Ext2 sum = Ext2.ZERO;
        for (int i = 0; i < values.length; i++) {
            sum = sum.add(l[i].mul(values[i]));
        }
        return sum;
    }

    /**
     * {@code values + d} with {@code sum d_i L_i(zeta) = 0}: three unknowns over the base field,
     * two equations (the parts of an extension element), solved by the cross product.
     */
    private static long[] collidingInputs(VerificationKey key, long[] values, Ext2 zeta) {
        Ext2[] l = lagrange(key, zeta);
        long[] d = {
            Goldilocks.sub(Goldilocks.mul(l[1].c0(), l[2].c1()), Goldilocks.mul(l[2].c0(), l[1].c1())),
            Goldilocks.sub(Goldilocks.mul(l[2].c0(), l[0].c1()), Goldilocks.mul(l[0].c0(), l[2].c1())),
            Goldilocks.sub(Goldilocks.mul(l[0].c0(), l[1].c1()), Goldilocks.mul(l[1].c0(), l[0].c1())),
        };
        long[] out = values.clone();
        for (int i = 0; i < 3; i++) {
            out[i] = Goldilocks.add(out[i], d[i]);
        }
        return out;
    }
}
