package io.proofline.fri;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.proofline.backend.ProverBackend;
import io.proofline.transcript.Transcript;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A small FRI proof kept in test resources. Verifying it on every run catches changes to the
 * transcript, hashing, folding or format that would silently invalidate proofs made earlier;
 * proving the same statement again must give the same bytes.
 */
class GoldenFriProofTests {

    private static final String RESOURCE = "golden-fri-proof.bin";
    private static final FriParameters PARAMS = new FriParameters(2, 8, 6, 3, 2, 2);
    private static final int LOG_DEGREE = 7;
    private static final String DOMAIN = "proofline-golden-fri";

    private static byte[] proveAgain() {
        long[][] word = FriTests.codeword(1 << LOG_DEGREE, LOG_DEGREE + PARAMS.logBlowup(), 2026);
        FriProof proof = new FriProver(PARAMS, ProverBackend.java()).prove(new Transcript(DOMAIN), word[0], word[1], LOG_DEGREE);
        return FriProofCodec.encode(proof);
    }

    @Test
    void goldenProofVerifiesAndIsReproduced() throws IOException {
        byte[] golden;
        try (InputStream in = GoldenFriProofTests.class.getResourceAsStream(RESOURCE)) {
            assertNotNull(in, "missing test resource " + RESOURCE);
            golden = in.readAllBytes();
        }
        FriProof proof = FriProofCodec.decode(golden);
        assertDoesNotThrow(() -> new FriVerifier(PARAMS).verify(new Transcript(DOMAIN), proof, LOG_DEGREE));
        assertArrayEquals(golden, proveAgain(), "proving the golden statement again gave different bytes");
    }

    /**
     * Rewrites the golden file after an intended format or protocol change, then commit it:
     * {@code mvn -pl proof-system verify -Dtest=GoldenFriProofTests -Dproofline.regenerate-golden=true}.
     */
    @Test
    @EnabledIfSystemProperty(named = "proofline.regenerate-golden", matches = "true")
    void regenerateGoldenProof() throws IOException {
        Path target = Path.of("src/test/resources/io/proofline/fri", RESOURCE);
        Files.write(target, proveAgain());
    }
}
