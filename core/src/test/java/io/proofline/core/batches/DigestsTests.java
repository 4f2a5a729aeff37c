package io.proofline.core.batches;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.proofline.poseidon2.Digest;
import io.proofline.poseidon2.Poseidon2Hash;
import org.junit.jupiter.api.Test;

class DigestsTests {

    @Test
    void parsesWhatDigestPrints() {
        for (long i = 0; i < 50; i++) {
            Digest d = Poseidon2Hash.hash(new long[] {i, i * 31});
            assertEquals(d, Digests.parse(d.toString()));
        }
    }

    @Test
    void refusesOtherText() {
        assertThrows(IllegalArgumentException.class, () -> Digests.parse(null));
        assertThrows(IllegalArgumentException.class, () -> Digests.parse("0x1234"));
        assertThrows(IllegalArgumentException.class, () -> Digests.parse("1x" + "0".repeat(64)));
        assertThrows(NumberFormatException.class, () -> Digests.parse("0x" + "g".repeat(64)));
    }
}
