package io.proofline.plonkish;

import io.proofline.field.Ext2;
import io.proofline.field.TwoAdicRoots;
import io.proofline.fri.FriVerifier;
import io.proofline.plonkish.gates.FmaGate;
import io.proofline.poseidon2.Poseidon2;
import io.proofline.transcript.Transcript;
import java.util.ArrayList;
import java.util.List;

/**
 * A test hook into the native verifier for the recursion tests: a real proof of a small circuit
 * with every gate kind, the challenges {@link PlonkishVerifier} draws for it (by replaying its
 * transcript), and the package-private pieces the verifier computes with.
 */
public final class NativeVerifierReplay {

    /** A key, public inputs and a valid proof. */
    public record Fixture(VerificationKey key, long[] publicInputs, PlonkishProof proof) {
    }

    /**
     * The verifier's challenges, and per FRI query its index and the first-layer value the proof
     * opened there.
     */
    public record Challenges(Ext2 beta, Ext2 gamma, Ext2 alpha, Ext2 zeta, Ext2 zetaNext, Ext2 phi, int[] indices,
                             List<Ext2> firstLayer) {
    }

    private static Fixture fixture;
    private static Circuit circuit;
    private static SetupData setup;
    private static WitnessVector witness;

    private NativeVerifierReplay() {
    }

    /** The proof of {@link TestCircuits#everyGate} that {@link PlonkishProverTests} checks, made once per JVM. */
    public static synchronized Fixture fixture() {
        if (fixture == null) {
            circuit = TestCircuits.everyGate(PlonkishProverTests.GEOMETRY);
            setup = Setup.generate(circuit, PlonkishProverTests.CONFIG);
            witness = circuit.resolve(TestCircuits.everyGateInputs(7));
            fixture = proven(circuit, setup, witness);
        }
        return fixture;
    }

    /**
     * A real proof of a small circuit with no public inputs (a multiply-add, a Poseidon2
     * permutation and a range check), for the verifier's handling of an empty public-input sum.
     */
    public static Fixture withoutPublicInputs() {
        CircuitBuilder b = new CircuitBuilder(PlonkishProverTests.GEOMETRY);
        Variable[] in = b.inputs(Poseidon2.WIDTH);
        Variable[] out = b.poseidon2(in);
        b.fma(2, out[0], out[1], 3, in[0]);
        b.rangeCheck(in[1], 8);
        Circuit small = b.build();
        SetupData smallSetup = Setup.generate(small, PlonkishProverTests.CONFIG);
        long[] values = new long[Poseidon2.WIDTH];
        for (int i = 0; i < values.length; i++) {
            values[i] = 11L * i + 5;
        }
        return proven(small, smallSetup, small.resolve(values));
    }

    private static Fixture proven(Circuit c, SetupData s, WitnessVector w) {
        return new Fixture(s.key(), w.publicInputs(), new PlonkishProver(PlonkishProverTests.CONFIG).prove(c, s, w));
    }

    /**
     * Under {@link #fixture()}'s key, a proof of a witness whose first multiply-add does not hold,
     * with the quotient's opening at zeta patched so that the constraint identity holds and FRI run
     * on the DEEP composition of the true openings ({@code CheatingProver}): every check passes but
     * the one of the first FRI layer against the opened rows, as in {@code PlonkishForgeryTests}.
     */
    public static synchronized Fixture deepForgery() {
        fixture();
        WitnessVector bad = TestCircuits.breakGate(circuit, witness, FmaGate.INSTANCE);
        PlonkishProof proof = new CheatingProver(PlonkishProverTests.CONFIG, CheatingProver.Cheat.PATCHED_QUOTIENT_OPENING)
                .prove(setup, bad);
        return new Fixture(setup.key(), bad.publicInputs(), proof);
    }

    /** Replays the native verifier's transcript, FRI included. */
    public static Challenges challenges(VerificationKey key, long[] publicInputs, PlonkishProof proof) {
        Transcript transcript = new Transcript(PlonkishProver.DOMAIN);
        transcript.observe(key.commitment());
        transcript.observe(publicInputs);
        transcript.observe(proof.witnessCap());
        Ext2 beta = transcript.sampleExt();
        Ext2 gamma = transcript.sampleExt();
        transcript.observe(proof.productsCap());
        Ext2 alpha = transcript.sampleExt();
        transcript.observe(proof.quotientCap());
        Ext2 zeta = transcript.sampleExt();
        Ext2 zetaNext = zeta.mul(TwoAdicRoots.rootOfUnity(key.geometry().logRows()));
        for (Ext2 v : proof.openings().all()) {
            transcript.observe(v);
        }
        Ext2 phi = transcript.sampleExt();
        List<Integer> indices = new ArrayList<>();
        List<Ext2> firstLayer = new ArrayList<>();
        new FriVerifier(key.fri()).verify(transcript, proof.fri(), key.geometry().logRows(), (q, index, value) -> {
            indices.add(index);
            firstLayer.add(value);
        });
        return new Challenges(beta, gamma, alpha, zeta, zetaNext, phi, indices.stream().mapToInt(Integer::intValue).toArray(),
                List.copyOf(firstLayer));
    }

    /** The native DEEP composition at query {@code q}, as the verifier computes it. */
    public static Ext2 deepAtPoint(VerificationKey key, PlonkishProof proof, Challenges c, int q) {
        List<long[]> rows = proof.queries().get(q).all().stream().map(PlonkishProof.TreeOpening::row).toList();
        List<Ext2> all = proof.openings().all();
        return DeepComposition.atPoint(rows, rows.get(2), all.subList(0, all.size() - 2), proof.openings().productsNext(),
                c.zeta(), c.zetaNext(), c.phi(), ldePoint(key, c.indices()[q]));
    }

    /** The verifier's LDE point at a query index. */
    public static long ldePoint(VerificationKey key, int index) {
        return Domains.ldePoint(key.geometry().logRows() + key.fri().logBlowup(), index);
    }
}
