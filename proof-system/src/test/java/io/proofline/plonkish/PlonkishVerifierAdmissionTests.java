package io.proofline.plonkish;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.backend.ProverBackend;
import io.proofline.fri.FriParameters;
import io.proofline.merkle.MerkleCap;
import io.proofline.poseidon2.Digest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a verifier refuses before and around the proof checks: keys below the required
 * security or of sizes it cannot handle (at construction, with the reason), caps of other sizes
 * than the parameters fix, and anything that would otherwise escape as an unexpected exception.
 */
class PlonkishVerifierAdmissionTests {

    /** One query, no proof-of-work: 3 bits of conjectured security, the key the default verifier must refuse. */
    private static final ProverConfig ONE_QUERY = new ProverConfig(ProverBackend.java(), new FriParameters(3, 1, 0, 3, 1, 1), 3);

    private static SetupData setup;
    private static WitnessVector witness;
    private static PlonkishProof proof;

    @BeforeAll
    static void proveOnce() {
        CircuitBuilder b = new CircuitBuilder(new Geometry(4, 0, 2, 3, 8));
        Variable x = b.input();
        Variable y = b.input();
        b.assertBoolean(y);
        b.publicInput(b.fma(3, x, y, 1, x));
        Circuit circuit = b.build();
        setup = Setup.generate(circuit, ONE_QUERY);
        witness = circuit.resolve(new long[] {5, 1});
        proof = new PlonkishProver(ONE_QUERY).prove(circuit, setup, witness);
    }

    @Test
    void theDefaultVerifierRefusesAKeyWithOneQueryAndNoProofOfWork() {
        // given a valid proof under a key of 1 query at LDE factor 8 without grinding, which a verifier asking for 3 bits accepts
        assertDoesNotThrow(() -> new PlonkishVerifier(setup.key(), 3).verify(witness.publicInputs(), proof));
        String reason = "verification key refused: it gives 3 bits of conjectured security, below the required 100"
                + " (1 queries at LDE factor 8 and 0 proof-of-work bits give 3; the field allows 121 at 2^3 rows)";

        // when a verifier is made for it at the default level, then it is refused at construction
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PlonkishVerifier(setup.key()));
        assertEquals(reason, e.getMessage());

        // and the one-shot static entry point rejects the proof for the same reason
        VerificationException v = assertThrows(VerificationException.class,
                () -> PlonkishVerifier.verify(setup.key(), witness.publicInputs(), proof));
        assertEquals(reason, v.getMessage());
    }

    @Test
    void aKeyIsRefusedWhenTheFieldAllowsLessThanRequiredAtItsTraceSize() {
        // given a key whose 28 queries at LDE factor 8 and 16 grinding bits count 100 conjectured bits, at 2^24 rows
        VerificationKey key = key(Geometry.standard(24), FriParameters.forSecurity(100, 3, 16), 16);
        assertEquals(100, key.fri().securityBits());

        // when a 100-bit verifier is made for it, then the out-of-domain and permutation challenges cap it at 98
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PlonkishVerifier(key));
        assertEquals("verification key refused: it gives 98 bits of conjectured security, below the required 100 (28 queries"
                + " at LDE factor 8 and 16 proof-of-work bits give 100; the field allows 98 at 2^24 rows)", e.getMessage());
        assertDoesNotThrow(() -> new PlonkishVerifier(key, 98));
    }

    @Test
    void keysOfSizesTheVerifierCannotHandleAreRefused() {
        // an LDE domain of 2^31 points: FRI's query indices and cosets stop at 2^30
        FriParameters blowup128 = new FriParameters(7, 20, 0, 3, 5, 4);
        assertRefused(key(Geometry.standard(24), blowup128, 16),
                "verification key refused: logRows + logBlowup = 24 + 7 exceeds 30, the largest LDE domain supported");
        // (an LDE factor below the constraint degree is admitted: the prover evaluates the
        // quotient on a domain of its own, which the verifier never sees)
        assertDoesNotThrow(() -> new PlonkishVerifier(key(Geometry.standard(10), new FriParameters(2, 40, 0, 3, 5, 4), 16), 1));
        // a setup cap of another size than the parameters fix
        assertRefused(key(Geometry.standard(10), new FriParameters(3, 20, 0, 3, 5, 4), 8),
                "verification key refused: setup cap has 8 roots, expected 16");
        // a public input on a row the trace does not have
        VerificationKey good = key(Geometry.standard(6), new FriParameters(3, 20, 0, 3, 5, 4), 16);
        assertDoesNotThrow(() -> new PlonkishVerifier(good, 1));
        VerificationKey outside = new VerificationKey(good.geometry(), good.fri(), List.of(), new int[] {3, 64}, good.setupCap());
        assertRefused(outside, "verification key refused: public-input row 64 is outside the 64 rows");
        // and no required level outside what a bit count can mean
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PlonkishVerifier(good, 0));
        assertEquals("required security must be in [1, 127] bits, got 0", e.getMessage());
    }

    @Test
    void everyProverCapMustHaveTheSizeTheParametersFix() {
        // caps of 2 roots (log cap size 1), the witness, products and quotient caps in turn doubled or halved
        PlonkishVerifier verifier = new PlonkishVerifier(setup.key(), 3);
        String[] trees = {"witness", "products", "quotient"};
        for (int t = 0; t < 3; t++) {
            for (int roots : new int[] {1, 4}) {
                PlonkishProof changed = withCap(proof, t, resized(capOf(proof, t), roots));
                VerificationException e = assertThrows(VerificationException.class,
                        () -> verifier.verify(witness.publicInputs(), changed));
                assertEquals(trees[t] + " cap has " + roots + " roots, expected 2", e.getMessage());
            }
        }
    }

    @Test
    void anUnforeseenExceptionInsideVerificationIsARejectionWithItsReason() {
        // given a proof built in memory whose first query lacks its setup-tree opening
        PlonkishVerifier verifier = new PlonkishVerifier(setup.key(), 3);
        List<PlonkishProof.QueryOpenings> queries = new ArrayList<>(proof.queries());
        PlonkishProof.QueryOpenings first = queries.get(0);
        queries.set(0, new PlonkishProof.QueryOpenings(null, first.witness(), first.products(), first.quotient()));
        PlonkishProof holed = new PlonkishProof(proof.witnessCap(), proof.productsCap(), proof.quotientCap(), proof.openings(),
                proof.fri(), queries);

        // when it is verified, then the verifier rejects it, naming the exception, rather than throwing it
        VerificationException e = assertThrows(VerificationException.class, () -> verifier.verify(witness.publicInputs(), holed));
        assertTrue(e.getMessage().startsWith("proof could not be checked: NullPointerException"), e.getMessage());
        VerificationException none = assertThrows(VerificationException.class, () -> verifier.verify(null, proof));
        assertTrue(none.getMessage().startsWith("proof could not be checked: NullPointerException"), none.getMessage());
        // the exception's own message follows, so the reason says what was missing
        assertTrue(none.getMessage().matches("proof could not be checked: NullPointerException: .+"), none.getMessage());
    }

    @Test
    void theStaticEntryPointVerifiesAtTheDefaultLevel() {
        // given a proof under the standard parameters (100 bits, conjectured)
        CircuitBuilder b = new CircuitBuilder(new Geometry(4, 0, 2, 3, 8));
        Variable x = b.input();
        b.publicInput(b.mul(x, x));
        Circuit circuit = b.build();
        ProverConfig standard = ProverConfig.standard();
        SetupData strong = Setup.generate(circuit, standard);
        WitnessVector w = circuit.resolve(new long[] {9});
        PlonkishProof p = new PlonkishProver(standard).prove(circuit, strong, w);

        // then the one-shot entry point accepts it and refuses it for other public inputs
        assertDoesNotThrow(() -> PlonkishVerifier.verify(strong.key(), w.publicInputs(), p));
        assertThrows(VerificationException.class, () -> PlonkishVerifier.verify(strong.key(), new long[] {80}, p));
        assertEquals(strong.key(), new PlonkishVerifier(strong.key()).key());
    }

    private static void assertRefused(VerificationKey key, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PlonkishVerifier(key, 1));
        assertEquals(reason, e.getMessage());
    }

    /** A key made in memory, as a key file's decoder or a careless caller could make it: no gates, a cap of zeros. */
    private static VerificationKey key(Geometry g, FriParameters fri, int capRoots) {
        MerkleCap cap = new MerkleCap(Collections.nCopies(capRoots, new Digest(0, 0, 0, 0)));
        return new VerificationKey(g, fri, List.of(), new int[0], cap);
    }

    private static MerkleCap capOf(PlonkishProof p, int tree) {
        return List.of(p.witnessCap(), p.productsCap(), p.quotientCap()).get(tree);
    }

    private static MerkleCap resized(MerkleCap cap, int roots) {
        List<Digest> out = new ArrayList<>();
        for (int i = 0; i < roots; i++) {
            out.add(cap.roots().get(i % cap.roots().size()));
        }
        return new MerkleCap(out);
    }

    private static PlonkishProof withCap(PlonkishProof p, int tree, MerkleCap cap) {
        return new PlonkishProof(tree == 0 ? cap : p.witnessCap(), tree == 1 ? cap : p.productsCap(),
                tree == 2 ? cap : p.quotientCap(), p.openings(), p.fri(), p.queries());
    }
}
