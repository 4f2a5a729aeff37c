package io.proofline.recursion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.backend.FriFolder;
import io.proofline.backend.MerkleHasher;
import io.proofline.backend.ProverBackend;
import io.proofline.field.Ext2;
import io.proofline.field.Goldilocks;
import io.proofline.fri.FriLayout;
import io.proofline.fri.FriParameters;
import io.proofline.fri.FriProof;
import io.proofline.fri.FriProver;
import io.proofline.fri.FriVerificationException;
import io.proofline.fri.FriVerifier;
import io.proofline.merkle.MerkleCap;
import io.proofline.merkle.MerklePath;
import io.proofline.ntt.Ntt;
import io.proofline.plonkish.Circuit;
import io.proofline.plonkish.CircuitBuilder;
import io.proofline.plonkish.Geometry;
import io.proofline.plonkish.SatisfiabilityChecker;
import io.proofline.plonkish.SatisfiabilityReport;
import io.proofline.plonkish.Variable;
import io.proofline.plonkish.WitnessVector;
import io.proofline.poseidon2.Digest;
import io.proofline.transcript.Transcript;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The FRI verifier in circuit against {@link FriVerifier} on real proofs: an honest proof
 * satisfies the circuit with the native challenges; a proof the native verifier refuses makes the
 * circuit unsatisfiable, reported under the native verifier's own reason.
 */
class RecursiveFriVerifierTests {

    private static final String DOMAIN = "proofline-recursive-fri-test";
    /** Three layers folding by 4, 4, then 2 (arity 2 is forced by the final length); caps of 2 roots. */
    private static final FriParameters PARAMS = new FriParameters(2, 3, 6, 2, 1, 1);
    private static final int LOG_DEGREE = 6;
    /**
     * The verifier circuit, built for each test (it takes milliseconds): so that mutation testing
     * sees every test cover its construction, not only the first one run.
     */
    private final Circuit circuit;
    private final FriProofVars vars;

    RecursiveFriVerifierTests() {
        CircuitBuilder b = new CircuitBuilder(Geometry.standard(11));
        vars = FriProofVars.allocate(b, PARAMS, LOG_DEGREE);
        RecursiveTranscript t = new RecursiveTranscript(b, DOMAIN);
        new RecursiveFriVerifier(PARAMS).verify(t, vars, (query, bits, value) -> {
            for (Variable bit : bits) {
                b.publicInput(bit);
            }
            b.publicInput(value.c0());
            b.publicInput(value.c1());
        });
        b.publicInput(t.sample());
        circuit = b.build();
    }

    /** Evaluations, bit-reversed on the FRI coset, of a random polynomial with {@code 2^logCoefficients} coefficients. */
    private static long[][] codeword(int logCoefficients, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long[][] coefficients = new long[2][1 << logCoefficients];
        for (long[] column : coefficients) {
            for (int i = 0; i < column.length; i++) {
                column[i] = Goldilocks.canonical(random.nextLong());
            }
        }
        int logBlowup = LOG_DEGREE + PARAMS.logBlowup() - logCoefficients;
        return ProverBackend.java().ntt().cosetLde(coefficients, logBlowup, Goldilocks.GENERATOR);
    }

    private static FriProof prove(long[][] word, ProverBackend backend) {
        return new FriProver(PARAMS, backend).prove(new Transcript(DOMAIN), word[0], word[1], LOG_DEGREE);
    }

    /** The native verifier's reason for refusing {@code proof}. */
    private static String nativeRefusal(FriProof proof) {
        return assertThrows(FriVerificationException.class,
                () -> new FriVerifier(PARAMS).verify(new Transcript(DOMAIN), proof, LOG_DEGREE)).getMessage();
    }

    private SatisfiabilityReport check(FriProof proof) {
        return SatisfiabilityChecker.check(circuit, circuit.resolve(vars.values(proof)));
    }

    /** Refused natively with a reason containing {@code kind}, and in circuit under the same reason. */
    private void refusedByBoth(FriProof proof, String kind, String what) {
        String reason = nativeRefusal(proof);
        assertTrue(reason.contains(kind), what + ": native reason " + reason);
        SatisfiabilityReport report = check(proof);
        assertFalse(report.satisfied(), what + " satisfies the circuit");
        assertTrue(report.toString().startsWith("check failed: FRI " + reason + " ("), what + ": " + report);
    }

    @Test
    void anHonestProofSatisfiesTheCircuitWithTheNativeChallenges() {
        FriProof proof = prove(codeword(LOG_DEGREE, 1), ProverBackend.java());
        Transcript transcript = new Transcript(DOMAIN);
        List<Long> expected = new ArrayList<>();
        int logLength0 = LOG_DEGREE + PARAMS.logBlowup();
        new FriVerifier(PARAMS).verify(transcript, proof, LOG_DEGREE, (query, index, value) -> {
            for (int i = 0; i < logLength0; i++) {
                expected.add((long) (index >>> i) & 1);
            }
            expected.add(value.c0());
            expected.add(value.c1());
        });
        expected.add(transcript.sample());
        WitnessVector w = circuit.resolve(vars.values(proof));
        SatisfiabilityReport report = SatisfiabilityChecker.check(circuit, w);
        assertTrue(report.satisfied(), report.toString());
        assertArrayEquals(expected.stream().mapToLong(Long::longValue).toArray(), w.publicInputs(),
                "query indices, first-layer values and the transcript's final state");
    }

    private static long bump(long v) {
        return Goldilocks.add(v, 1);
    }

    private static Digest bump(Digest d) {
        long[] e = d.toArray();
        e[1] = bump(e[1]);
        return Digest.fromArray(e, 0);
    }

    /** {@code proof} with opening {@code (query, layer)} replaced. */
    private static FriProof withOpening(FriProof proof, int query, int layer, UnaryOperator<FriProof.LayerOpening> change) {
        List<FriProof.Query> queries = new ArrayList<>(proof.queries());
        List<FriProof.LayerOpening> layers = new ArrayList<>(queries.get(query).layers());
        layers.set(layer, change.apply(layers.get(layer)));
        queries.set(query, new FriProof.Query(layers));
        return new FriProof(proof.layerCaps(), proof.finalPolynomial(), proof.powNonce(), queries);
    }

    @Test
    void everyTamperedFieldIsRefusedUnderTheNativeReason() {
        FriProof proof = prove(codeword(LOG_DEGREE, 2), ProverBackend.java());
        assertTrue(check(proof).satisfied());

        // the transcript binds caps, final polynomial and nonce: a change spoils the proof of work
        List<MerkleCap> caps = new ArrayList<>(proof.layerCaps());
        List<Digest> roots = new ArrayList<>(caps.get(1).roots());
        roots.set(0, bump(roots.get(0)));
        caps.set(1, new MerkleCap(roots));
        refusedByBoth(new FriProof(caps, proof.finalPolynomial(), proof.powNonce(), proof.queries()),
                "proof-of-work", "layer cap");
        List<Ext2> finalPoly = new ArrayList<>(proof.finalPolynomial());
        finalPoly.set(1, finalPoly.get(1).add(Ext2.ONE));
        refusedByBoth(new FriProof(proof.layerCaps(), finalPoly, proof.powNonce(), proof.queries()),
                "proof-of-work", "final coefficient");
        refusedByBoth(new FriProof(proof.layerCaps(), proof.finalPolynomial(), bump(proof.powNonce()), proof.queries()),
                "proof-of-work", "nonce");

        for (int layer = 0; layer < 3; layer++) {
            int l = layer;
            refusedByBoth(withOpening(proof, 1, layer, o -> {
                long[] values = o.values();
                values[values.length - 1 - l] = bump(values[values.length - 1 - l]);
                return new FriProof.LayerOpening(values, o.path());
            }), "query 1 layer " + layer + ": Merkle path", "layer value");
            refusedByBoth(withOpening(proof, 2, layer, o -> {
                List<Digest> siblings = new ArrayList<>(o.path().siblings());
                siblings.set(siblings.size() - 1, bump(siblings.getLast()));
                return new FriProof.LayerOpening(o.values(), new MerklePath(siblings));
            }), "query 2 layer " + layer + ": Merkle path", "sibling");
        }
    }

    /** A codeword of twice the claimed degree, folded honestly: only the final polynomial disagrees. */
    @Test
    void aTooHighDegreeIsRefusedAtTheFinalPolynomial() {
        FriProof proof = prove(codeword(LOG_DEGREE + 1, 3), ProverBackend.java());
        refusedByBoth(proof, "query 0: last fold disagrees with the final polynomial", "degree 2^" + (LOG_DEGREE + 1));
    }

    /**
     * A prover that commits the first fold plus one, in one component at a time: still low degree,
     * so layers after it and the final polynomial agree, and only the check of the opened value
     * against the fold catches it, in that component.
     */
    @Test
    void aLayerThatIsNotTheFoldIsRefusedAtTheCarriedValue() {
        for (int component = 0; component < 2; component++) {
            FriProof proof = prove(codeword(LOG_DEGREE, 4), bumpingFold(0, component));
            refusedByBoth(proof, "query 0 layer 1: opened value disagrees with the previous fold",
                    "layer 1 shifted in component " + component);
        }
    }

    /**
     * A prover whose last fold, the one the final polynomial is interpolated from, is off by one in
     * one component: every layer is honest, and the final polynomial differs from the fold of the
     * last layer in that component alone (the query points are in the base field).
     */
    @Test
    void aFinalPolynomialOffInOneComponentIsRefusedAtTheLastFold() {
        int lastFold = new FriLayout(PARAMS, LOG_DEGREE).layers() - 1;
        for (int component = 0; component < 2; component++) {
            FriProof proof = prove(codeword(LOG_DEGREE, 6), bumpingFold(lastFold, component));
            refusedByBoth(proof, "query 0: last fold disagrees with the final polynomial",
                    "final polynomial shifted in component " + component);
        }
    }

    /** The Java back end, with fold number {@code fold} (from 0) plus one in {@code component} (0 for c0, 1 for c1). */
    private static ProverBackend bumpingFold(int fold, int component) {
        ProverBackend java = ProverBackend.java();
        int[] folds = {0};
        FriFolder bumped = (c0, c1, xInverses, logArity, beta) -> {
            long[][] folded = java.friFolder().fold(c0, c1, xInverses, logArity, beta);
            if (folds[0]++ == fold) {
                for (int i = 0; i < folded[component].length; i++) {
                    folded[component][i] = bump(folded[component][i]);
                }
            }
            return folded;
        };
        return new ProverBackend() {
            @Override
            public String name() {
                return "bumped-fold-" + fold + "-c" + component;
            }

            @Override
            public Ntt ntt() {
                return java.ntt();
            }

            @Override
            public MerkleHasher merkleHasher() {
                return java.merkleHasher();
            }

            @Override
            public FriFolder friFolder() {
                return bumped;
            }
        };
    }

    private void assertShapeRefused(FriProof proof, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> vars.values(proof)).getMessage());
    }

    private static FriProof withQuery(FriProof proof, int q, FriProof.Query query) {
        List<FriProof.Query> queries = new ArrayList<>(proof.queries());
        queries.set(q, query);
        return new FriProof(proof.layerCaps(), proof.finalPolynomial(), proof.powNonce(), queries);
    }

    @Test
    void aProofOfAnotherShapeIsRefusedBeforeResolving() {
        FriParameters other = new FriParameters(2, 4, 6, 2, 1, 1);
        long[][] word = codeword(LOG_DEGREE, 5);
        FriProof proof = new FriProver(other, ProverBackend.java()).prove(new Transcript(DOMAIN), word[0], word[1], LOG_DEGREE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> vars.values(proof));
        assertEquals("FRI proof has 4 queries, the circuit expects 3", e.getMessage());
        FriParameters wider = new FriParameters(2, 3, 6, 3, 1, 1);
        FriProof widerProof = new FriProver(wider, ProverBackend.java()).prove(new Transcript(DOMAIN), word[0], word[1], LOG_DEGREE);
        e = assertThrows(IllegalArgumentException.class, () -> vars.values(widerProof));
        assertTrue(e.getMessage().startsWith("FRI proof has 2 layers, the circuit expects 3"), e.getMessage());
        FriProof honest = prove(word, ProverBackend.java());
        FriProof wideNonce = new FriProof(honest.layerCaps(), honest.finalPolynomial(), -1L, honest.queries());
        e = assertThrows(IllegalArgumentException.class, () -> vars.values(wideNonce));
        assertEquals("FRI proof nonce holds a non-canonical word 0xffffffffffffffff", e.getMessage());

        // every other count the circuit fixes, each named
        List<MerkleCap> caps = new ArrayList<>(honest.layerCaps());
        caps.set(1, new MerkleCap(caps.get(1).roots().subList(0, 1)));
        assertShapeRefused(new FriProof(caps, honest.finalPolynomial(), honest.powNonce(), honest.queries()),
                "FRI proof layer 1 cap has 1 roots, the circuit expects 2");
        List<Ext2> longer = new ArrayList<>(honest.finalPolynomial());
        longer.add(Ext2.ZERO);
        assertShapeRefused(new FriProof(honest.layerCaps(), longer, honest.powNonce(), honest.queries()),
                "FRI proof final polynomial has " + longer.size() + " coefficients, the circuit expects " + (longer.size() - 1));
        assertShapeRefused(withQuery(honest, 1, new FriProof.Query(honest.queries().get(1).layers().subList(0, 2))),
                "FRI proof query 1 opens 2 layers, the circuit expects 3");
        List<FriProof.LayerOpening> layers = new ArrayList<>(honest.queries().get(2).layers());
        FriProof.LayerOpening opening = layers.get(0);
        layers.set(0, new FriProof.LayerOpening(Arrays.copyOf(opening.values(), opening.values().length - 2),
                opening.path()));
        assertShapeRefused(withQuery(honest, 2, new FriProof.Query(layers)), "FRI proof query 2 layer 0 opens "
                + (opening.values().length - 2) + " values, the circuit expects " + opening.values().length);
        List<Digest> siblings = opening.path().siblings();
        layers.set(0, new FriProof.LayerOpening(opening.values(), new MerklePath(siblings.subList(0, siblings.size() - 1))));
        assertShapeRefused(withQuery(honest, 2, new FriProof.Query(layers)), "FRI proof query 2 layer 0 has a path of "
                + (siblings.size() - 1) + " siblings, the circuit expects " + siblings.size());
    }
}
