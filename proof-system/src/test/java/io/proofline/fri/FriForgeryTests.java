package io.proofline.fri;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.proofline.backend.ProverBackend;
import io.proofline.field.Goldilocks;
import io.proofline.transcript.Transcript;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Forged FRI proofs, each consistent everywhere except against the one check it targets, so that
 * each test fails if that check is removed: the verifier must name exactly that check.
 */
class FriForgeryTests {

    private static final String DOMAIN = "proofline-fri-forgery";
    /** Degree below 2^8, LDE factor 4, folding by 8 twice (2^8 to 2^5 to 2^2), 4 final coefficients, 4 bits of work. */
    private static final FriParameters PARAMS = new FriParameters(2, 12, 4, 3, 2, 1);
    private static final int LOG_DEGREE = 8;

    private static void verify(FriParameters params, FriProof proof) {
        new FriVerifier(params).verify(new Transcript(DOMAIN), proof, LOG_DEGREE);
    }

    private static FriVerificationException rejected(FriParameters params, FriProof proof) {
        return assertThrows(FriVerificationException.class, () -> verify(params, proof));
    }

    /** Evaluations, bit-reversed on {@code shift * <w>} of order {@code 2^logLength}, of a random polynomial. */
    private static long[][] lowDegree(int logCoefficients, int logLength, long shift, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        long[][] coefficients = new long[2][1 << logCoefficients];
        for (long[] column : coefficients) {
            for (int i = 0; i < column.length; i++) {
                column[i] = Goldilocks.canonical(rnd.nextLong());
            }
        }
        return ProverBackend.java().ntt().cosetLde(coefficients, logLength - logCoefficients, shift);
    }

    @Test
    void theForgerLeftAloneIsTheHonestProver() {
        // given an honest codeword
        long[][] word = lowDegree(LOG_DEGREE, LOG_DEGREE + PARAMS.logBlowup(), FriLayout.SHIFT, 1);

        // when both provers prove it, then the proofs are the same bytes, and they verify
        FriProof honest = new FriProver(PARAMS, ProverBackend.java()).prove(new Transcript(DOMAIN), word[0], word[1], LOG_DEGREE);
        FriProof rebuilt = ForgingFriProver.honest(PARAMS).prove(new Transcript(DOMAIN), word[0], word[1], LOG_DEGREE);
        assertArrayEquals(FriProofCodec.encode(honest), FriProofCodec.encode(rebuilt));
        assertDoesNotThrow(() -> verify(PARAMS, rebuilt));
    }

    @Test
    void aLayerReplacedByAnUnrelatedLowDegreeCodewordFailsFoldAgreement() {
        // given an honest first layer and, committed as the second, a codeword of an unrelated
        // polynomial within that layer's degree bound (2^5) on that layer's coset
        FriLayout layout = new FriLayout(PARAMS, LOG_DEGREE);
        assertEquals(2, layout.layers());
        long[][] word = lowDegree(LOG_DEGREE, LOG_DEGREE + PARAMS.logBlowup(), FriLayout.SHIFT, 2);
        long[][] unrelated = lowDegree(LOG_DEGREE - 3, layout.logLength(1), layout.shift(1), 3);
        ForgingFriProver forger = new ForgingFriProver(PARAMS, layer -> layer == 1 ? unrelated : null, 0);

        // when it is proven: every path, the last fold and the final polynomial are consistent
        FriProof proof = forger.prove(new Transcript(DOMAIN), word[0], word[1], LOG_DEGREE);

        // then the first query's opening of layer 1 disagrees with layer 0's fold
        assertEquals("query 0 layer 1: opened value disagrees with the previous fold", rejected(PARAMS, proof).getMessage());
    }

    @Test
    void anOverLongFinalPolynomialIsRejectedByItsLength() {
        // given a codeword of twice the degree bound, folded honestly, and the whole final
        // polynomial sent (8 coefficients where the bound allows 4), so every fold and every
        // evaluation of the final polynomial agrees
        long[][] word = lowDegree(LOG_DEGREE + 1, LOG_DEGREE + PARAMS.logBlowup(), FriLayout.SHIFT, 4);
        FriProof proof = new ForgingFriProver(PARAMS, layer -> null, 8).prove(new Transcript(DOMAIN), word[0], word[1], LOG_DEGREE);

        // then only the degree bound on the final polynomial rejects it
        assertEquals("final polynomial has 8 coefficients, expected 4", rejected(PARAMS, proof).getMessage());
    }

    @Test
    void aValidProofReverifiedUnderMoreProofOfWorkIsRejectedByTheWorkCheck() {
        // given an honest proof ground to 4 bits of work, which verifies at 4 bits
        long[][] word = lowDegree(LOG_DEGREE, LOG_DEGREE + PARAMS.logBlowup(), FriLayout.SHIFT, 5);
        FriProof proof = new FriProver(PARAMS, ProverBackend.java()).prove(new Transcript(DOMAIN), word[0], word[1], LOG_DEGREE);
        verify(PARAMS, proof);

        // when the same proof is checked under parameters asking for 20 bits, everything else equal
        FriParameters harder = new FriParameters(2, 12, 20, 3, 2, 1);

        // then the work check rejects it (its nonce was ground to 4 bits only)
        assertEquals("proof-of-work nonce does not meet 20 bits", rejected(harder, proof).getMessage());
    }
}
