package io.proofline.transcript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.field.Ext2;
import io.proofline.field.Goldilocks;
import org.junit.jupiter.api.Test;

class TranscriptTests {

    private static Transcript withInputs(long... inputs) {
        Transcript t = new Transcript("test");
        t.observe(inputs);
        return t;
    }

    @Test
    void challengesAreDeterministicAndDependOnEveryInput() {
        long[] inputs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
        Ext2 reference = withInputs(inputs).sampleExt();
        assertEquals(reference, withInputs(inputs).sampleExt());
        for (int i = 0; i < inputs.length; i++) {
            long[] changed = inputs.clone();
            changed[i]++;
            assertNotEquals(reference, withInputs(changed).sampleExt(), "input " + i);
        }
        assertNotEquals(reference, withInputs(1, 2, 3, 4, 5, 6, 7, 8, 9, 10).sampleExt(), "shorter input");
    }

    @Test
    void domainsSeparateTranscripts() {
        assertNotEquals(new Transcript("a").sampleExt(), new Transcript("b").sampleExt());
    }

    @Test
    void successiveSamplesDifferAndObservingAfterSamplingMatters() {
        Transcript t = withInputs(42);
        long a = t.sample();
        long b = t.sample();
        assertNotEquals(a, b);
        Transcript u = withInputs(42);
        u.sample();
        u.observe(0);
        assertNotEquals(b, u.sample());
    }

    @Test
    void indicesStayInRange() {
        Transcript t = withInputs(7);
        for (int i = 0; i < 1000; i++) {
            int index = t.sampleBits(5);
            assertTrue(index >= 0 && index < 32);
        }
    }

    @Test
    void proofOfWorkIsFoundAndChecked() {
        Transcript prover = withInputs(9, 9, 9);
        Transcript verifier = withInputs(9, 9, 9);
        long nonce = prover.grind(12);
        assertTrue(verifier.checkPow(nonce, 12));
        // both observed the nonce: they stay in step
        assertEquals(prover.sample(), verifier.sample());

        Transcript other = withInputs(9, 9, 9);
        // a nonce that fails is very likely among a few neighbours; every failure must be reported
        int rejected = 0;
        for (long n = nonce + 1; n < nonce + 64; n++) {
            if (!withInputs(9, 9, 9).checkPow(n, 12)) {
                rejected++;
            }
        }
        assertTrue(rejected > 50, "random nonces pass 12 bits of work only about 1 in 4096 times");
        assertFalse(other.checkPow(Goldilocks.P, 0), "non-canonical nonce");
    }

    @Test
    void rejectsBadArguments() {
        Transcript t = new Transcript("x");
        assertThrows(IllegalArgumentException.class, () -> t.observe(Goldilocks.P));
        assertThrows(IllegalArgumentException.class, () -> t.grind(41));
        assertThrows(IllegalArgumentException.class, () -> t.sampleBits(31));
    }
}
