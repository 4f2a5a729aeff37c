package io.proofline.transcript;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Grinding, work checks, forks and the limits on bit counts, pinned down exactly. */
class ProofOfWorkTests {

    private static Transcript withInputs(long... inputs) {
        Transcript t = new Transcript("pow-test");
        t.observe(inputs);
        return t;
    }

    /** The smallest nonce meeting {@code bits} of work after these inputs, by trying them in turn. */
    private static long firstNonce(long input, int bits) {
        for (long n = 0; ; n++) {
            if (withInputs(input).checkPow(n, bits)) {
                return n;
            }
        }
    }

    @Test
    void grindingFindsTheSmallestNonceThatMeetsTheWork() {
        // with no work asked for, nonce 0 does
        assertEquals(0, withInputs(1).grind(0));

        // given a transcript whose first 12-bit nonce lies in the second chunk of 1024 nonces, which
        // the first round of grinding gives to the second task (on more than one core)
        long input = 0;
        long expected;
        while ((expected = firstNonce(input, 12)) < 1024 || expected >= 2048) {
            input++;
        }

        // then grinding, on however many cores, finds exactly that nonce, and both sides stay in step
        Transcript prover = withInputs(input);
        assertEquals(expected, prover.grind(12));
        Transcript verifier = withInputs(input);
        assertTrue(verifier.checkPow(expected, 12));
        assertEquals(prover.sample(), verifier.sample());
        for (int bits : new int[] {1, 4, 8}) {
            assertEquals(firstNonce(input, bits), withInputs(input).grind(bits), bits + " bits");
        }
    }

    @Test
    void aForkContinuesExactlyLikeTheOriginal() {
        // given a transcript with input still pending (fewer than a full rate of elements)
        Transcript t = withInputs(1, 2, 3);

        // when it is forked, then the fork samples what the original samples, and so on
        Transcript fork = t.fork();
        assertEquals(t.sample(), fork.sample());
        t.observe(4);
        fork.observe(4);
        assertEquals(t.sampleExt(), fork.sampleExt());
    }

    @Test
    void bitCountsAreAcceptedUpToTheirLimitsAndNoFurther() {
        Transcript t = withInputs(5);
        assertDoesNotThrow(() -> t.checkPow(0, 40));
        assertDoesNotThrow(() -> t.checkPow(0, 0));
        assertThrows(IllegalArgumentException.class, () -> t.checkPow(0, 41));
        assertThrows(IllegalArgumentException.class, () -> t.checkPow(0, -1));
        assertThrows(IllegalArgumentException.class, () -> t.grind(-1));
        assertFalse(withInputs(5).checkPow(firstNonce(5, 8), 40), "8 bits of work are not 40");

        assertEquals(0, t.sampleBits(0));
        for (int i = 0; i < 100; i++) {
            int index = t.sampleBits(30);
            assertTrue(index >= 0 && index < 1 << 30, "index " + index);
        }
        assertThrows(IllegalArgumentException.class, () -> t.sampleBits(-1));
        assertThrows(IllegalArgumentException.class, () -> t.sampleBits(31));
    }
}
