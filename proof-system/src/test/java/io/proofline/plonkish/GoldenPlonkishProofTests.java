package io.proofline.plonkish;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.backend.ProverBackend;
import io.proofline.field.Ext2;
import io.proofline.fri.FriParameters;
import io.proofline.merkle.MerkleCap;
import io.proofline.merkle.MerkleVerifier;
import io.proofline.transcript.Transcript;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A small Plonkish proof, its verification key and its transcript challenges, kept in test
 * resources. Verifying it on every run catches changes to the transcript, hashing, constraint
 * encoding or formats that would silently invalidate proofs and keys made earlier; proving the
 * same statement again must give the same bytes, and replaying the transcript the same
 * challenges.
 */
class GoldenPlonkishProofTests {

    private static final String DIRECTORY = "src/test/resources/io/proofline/plonkish";
    private static final String KEY = "golden-plonkish-key.bin";
    private static final String PROOF = "golden-plonkish-proof.bin";
    private static final String CHALLENGES = "golden-plonkish-challenges.txt";
    /** 8 queries at LDE factor 8 and 4 grinding bits: 28 bits of conjectured security, so that the files stay small. */
    private static final ProverConfig CONFIG = new ProverConfig(ProverBackend.java(), new FriParameters(3, 8, 4, 3, 1, 1), 28);
    private static final long[] INPUTS = {0x1234_5678_9ABCL, 0xFFFF_FFFF_0000_0000L, 1, 40_000, 0};

    /** Multiply-add in both fields, a boolean, a range check, a selection and a zero check, on 2^5 rows. */
    private static Circuit circuit() {
        CircuitBuilder b = new CircuitBuilder(new Geometry(8, 0, 2, 5, 8));
        Variable x = b.input();
        Variable y = b.input();
        Variable s = b.input();
        Variable small = b.input();
        Variable z = b.input();
        b.assertBoolean(s);
        b.rangeCheck(small, 16);
        b.publicInput(b.fma(3, x, y, 5, small));
        b.publicInput(b.select(s, x, y));
        b.publicInput(b.isZero(z));
        Variable[] e = b.extFma(2, new Variable[] {x, y}, new Variable[] {small, s}, 9, new Variable[] {z, x});
        b.publicInput(e[0]);
        b.publicInput(e[1]);
        return b.build();
    }

    private record Golden(byte[] key, byte[] proof, String challenges) {
    }

    private static Golden proveAgain() {
        Circuit circuit = circuit();
        SetupData setup = Setup.generate(circuit, CONFIG);
        WitnessVector witness = circuit.resolve(INPUTS);
        PlonkishProof proof = new PlonkishProver(CONFIG).prove(circuit, setup, witness);
        return new Golden(VerificationKeyCodec.encode(setup.key()), ProofCodec.encode(proof),
                challenges(setup.key(), witness.publicInputs(), proof));
    }

    @Test
    void goldenProofVerifiesAndIsReproduced() throws IOException {
        byte[] keyBytes = read(KEY);
        byte[] proofBytes = read(PROOF);
        String challenges = new String(read(CHALLENGES), StandardCharsets.US_ASCII);
        VerificationKey key = VerificationKeyCodec.decode(keyBytes);
        PlonkishProof proof = ProofCodec.decode(proofBytes);
        long[] publicInputs = circuit().resolve(INPUTS).publicInputs();

        assertDoesNotThrow(() -> new PlonkishVerifier(key, CONFIG.securityBits()).verify(publicInputs, proof));
        assertEquals(challenges, challenges(key, publicInputs, proof), "the transcript gives other challenges");
        Golden again = proveAgain();
        assertArrayEquals(keyBytes, again.key(), "setting up the golden circuit again gave another key");
        assertArrayEquals(proofBytes, again.proof(), "proving the golden statement again gave different bytes");
    }

    /**
     * Rewrites the golden files after an intended format or protocol change, then commit them:
     * {@code mvn -pl proof-system verify -Dtest=GoldenPlonkishProofTests -Dproofline.regenerate-golden=true}.
     */
    @Test
    @EnabledIfSystemProperty(named = "proofline.regenerate-golden", matches = "true")
    void regenerateGoldenProof() throws IOException {
        Golden golden = proveAgain();
        Files.write(Path.of(DIRECTORY, KEY), golden.key());
        Files.write(Path.of(DIRECTORY, PROOF), golden.proof());
        Files.writeString(Path.of(DIRECTORY, CHALLENGES), golden.challenges(), StandardCharsets.US_ASCII);
    }

    private static byte[] read(String resource) throws IOException {
        try (InputStream in = GoldenPlonkishProofTests.class.getResourceAsStream(resource)) {
            assertNotNull(in, "missing test resource " + resource);
            return in.readAllBytes();
        }
    }

    /**
     * Every challenge of the proof, one per line, replayed as the verifier draws them: the
     * Plonkish challenges, FRI's folding challenges, and the query indices, each checked against
     * the setup tree opening the proof holds for it (so that a wrong replay cannot pass).
     */
    private static String challenges(VerificationKey key, long[] publicInputs, PlonkishProof proof) {
        StringBuilder out = new StringBuilder();
        Transcript t = new Transcript(PlonkishProver.DOMAIN);
        t.observe(key.commitment());
        t.observe(publicInputs);
        t.observe(proof.witnessCap());
        line(out, "beta", t.sampleExt());
        line(out, "gamma", t.sampleExt());
        t.observe(proof.productsCap());
        line(out, "alpha", t.sampleExt());
        t.observe(proof.quotientCap());
        line(out, "zeta", t.sampleExt());
        for (Ext2 v : proof.openings().all()) {
            t.observe(v);
        }
        line(out, "phi", t.sampleExt());

        int logRows = key.geometry().logRows();
        t.observe(logRows);
        for (int layer = 0; layer < proof.fri().layerCaps().size(); layer++) {
            t.observe(proof.fri().layerCaps().get(layer));
            line(out, "fri fold " + layer, t.sampleExt());
        }
        for (Ext2 c : proof.fri().finalPolynomial()) {
            t.observe(c);
        }
        assertTrue(t.checkPow(proof.fri().powNonce(), key.fri().powBits()), "proof-of-work");
        out.append("pow nonce ").append(proof.fri().powNonce()).append('\n');
        int logLength = logRows + key.fri().logBlowup();
        MerkleCap setupCap = key.setupCap();
        for (int q = 0; q < key.fri().numQueries(); q++) {
            int index = t.sampleBits(logLength);
            PlonkishProof.TreeOpening setup = proof.queries().get(q).setup();
            assertTrue(MerkleVerifier.verify(setupCap, logLength, index, setup.row(), setup.path()), "query " + q + " index");
            out.append("query ").append(q).append(' ').append(index).append('\n');
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String name, Ext2 value) {
        out.append(name).append(' ').append(Long.toUnsignedString(value.c0())).append(' ')
                .append(Long.toUnsignedString(value.c1())).append('\n');
    }
}
