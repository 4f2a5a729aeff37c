package io.proofline.fri;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.backend.ProverBackend;
import io.proofline.codec.FormatException;
import io.proofline.codec.Words;
import io.proofline.field.Goldilocks;
import io.proofline.transcript.Transcript;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FriTests {

    private static final String DOMAIN = "proofline-fri-test";

    /** Evaluations, bit-reversed on {@code 7 * <w>}, of a random polynomial with {@code coefficients} coefficients. */
    static long[][] codeword(int coefficients, int logLength, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int padded = Integer.highestOneBit(Math.max(1, coefficients - 1)) << 1;
        padded = Math.max(padded, coefficients);
        long[][] coeffs = new long[2][padded];
        for (long[] column : coeffs) {
            for (int i = 0; i < coefficients; i++) {
                column[i] = Goldilocks.canonical(rnd.nextLong());
            }
        }
        int logBlowup = logLength - Integer.numberOfTrailingZeros(padded);
        return ProverBackend.java().ntt().cosetLde(coeffs, logBlowup, FriLayout.SHIFT);
    }

    private static FriProof prove(FriParameters params, long[][] word, int logDegree) {
        return new FriProver(params, ProverBackend.java()).prove(new Transcript(DOMAIN), word[0], word[1], logDegree);
    }

    private static void verify(FriParameters params, FriProof proof, int logDegree) {
        new FriVerifier(params).verify(new Transcript(DOMAIN), proof, logDegree);
    }

    @Test
    void honestCodewordVerifiesAtHundredBits() {
        FriParameters params = FriParameters.forSecurity(100, 3, 16).requireSecurity(100);
        assertEquals(28, params.numQueries());
        int logDegree = 12;
        FriProof proof = prove(params, codeword(1 << logDegree, logDegree + 3, 1), logDegree);
        assertDoesNotThrow(() -> verify(params, proof, logDegree));
        FriProof decoded = FriProofCodec.decode(FriProofCodec.encode(proof));
        assertArrayEquals(FriProofCodec.encode(proof), FriProofCodec.encode(decoded));
        assertDoesNotThrow(() -> verify(params, decoded, logDegree));
    }

    @Test
    void lowerDegreeAndOddShapesVerify() {
        for (int logArity = 1; logArity <= 4; logArity++) {
            for (int logDegree : new int[] {1, 5, 9}) {
                FriParameters params = new FriParameters(2, 12, 2, logArity, 2, 1);
                FriProof proof = prove(params, codeword((1 << logDegree) - 3, logDegree + 2, logDegree), logDegree);
                assertDoesNotThrow(() -> verify(params, proof, logDegree), "arity 2^" + logArity + ", degree 2^" + logDegree);
            }
        }
    }

    @Test
    void tooHighDegreeIsRejected() {
        FriParameters params = FriParameters.forSecurity(100, 3, 8);
        int logDegree = 10;
        // twice the claimed degree bound, on the same domain
        long[][] word = codeword(1 << (logDegree + 1), logDegree + 3, 5);
        FriProof proof = prove(params, word, logDegree);
        FriVerificationException e = assertThrows(FriVerificationException.class, () -> verify(params, proof, logDegree));
        assertTrue(e.getMessage().contains("fold") || e.getMessage().contains("final"), e.getMessage());
    }

    @Test
    void everySingleWordChangeIsRejected() {
        FriParameters params = new FriParameters(1, 6, 4, 3, 2, 1);
        int logDegree = 8;
        FriProof proof = prove(params, codeword(1 << logDegree, logDegree + 1, 9), logDegree);
        byte[] bytes = FriProofCodec.encode(proof);
        verify(params, FriProofCodec.decode(bytes), logDegree);
        int words = bytes.length / 8;
        for (int w = 0; w < words; w++) {
            byte[] changed = bytes.clone();
            // add 1 to the little-endian word, staying canonical where the word is an element
            long v = Words.read(changed, w);
            Words.write(changed, w, Goldilocks.isCanonical(v) ? Goldilocks.add(v, 1) : v + 1);
            int word = w;
            RuntimeException e = assertThrows(RuntimeException.class,
                    () -> verify(params, FriProofCodec.decode(changed), logDegree),
                    "change of word " + word + " of " + words + " was accepted");
            assertTrue(e instanceof FormatException || e instanceof FriVerificationException,
                    "word " + word + " rejected by an unexpected " + e);
        }
    }

    @Test
    void truncatedOrExtendedProofsAreRejectedWithClearErrors() {
        FriParameters params = new FriParameters(1, 4, 0, 3, 2, 0);
        byte[] bytes = FriProofCodec.encode(prove(params, codeword(64, 7, 2), 6));
        for (int cut : new int[] {0, 7, 16, 24, bytes.length - 8}) {
            byte[] shorter = java.util.Arrays.copyOf(bytes, cut);
            FormatException e = assertThrows(FormatException.class, () -> FriProofCodec.decode(shorter));
            assertTrue(e.getMessage().startsWith("PLFRIPRF") || e.getMessage().contains("PLFRIPRF"), e.getMessage());
        }
        byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 8);
        assertThrows(FormatException.class, () -> FriProofCodec.decode(longer));
        byte[] wrongMagic = bytes.clone();
        wrongMagic[0] = 'X';
        assertThrows(FormatException.class, () -> FriProofCodec.decode(wrongMagic));
    }

    @Test
    void parametersBelowRequestedSecurityAreRejected() {
        FriParameters weak = new FriParameters(3, 20, 10, 3, 5, 4);
        assertEquals(70, weak.securityBits());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> weak.requireSecurity(100));
        assertTrue(e.getMessage().contains("use at least 30 queries"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new FriParameters(0, 10, 0, 3, 5, 4));
        assertThrows(IllegalArgumentException.class, () -> new FriParameters(11, 10, 0, 3, 5, 4));
        assertThrows(IllegalArgumentException.class, () -> new FriParameters(3, 0, 0, 3, 5, 4));
        assertThrows(IllegalArgumentException.class, () -> new FriParameters(3, 10, 0, 5, 5, 4));
        assertThrows(IllegalArgumentException.class, () -> FriParameters.forSecurity(100, 3, 100));
        assertEquals(34, FriParameters.forSecurity(100, 3, 0).numQueries());
        assertEquals(9, FriParameters.forSecurity(100, 10, 10).numQueries());
    }

    @Test
    void proofForOtherParametersOrDegreeIsRejected() {
        FriParameters params = new FriParameters(2, 10, 4, 3, 2, 1);
        FriProof proof = prove(params, codeword(1 << 9, 11, 4), 9);
        verify(params, proof, 9);
        assertThrows(FriVerificationException.class, () -> verify(new FriParameters(2, 11, 4, 3, 2, 1), proof, 9));
        assertThrows(FriVerificationException.class, () -> verify(new FriParameters(2, 10, 4, 2, 2, 1), proof, 9));
        assertThrows(FriVerificationException.class, () -> verify(params, proof, 8));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> prove(params, codeword(1 << 9, 11, 4), 10));
        assertTrue(e.getMessage().contains("does not match degree bound"), e.getMessage());
    }
}
