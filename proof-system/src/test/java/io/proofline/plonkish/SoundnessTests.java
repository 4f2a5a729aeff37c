package io.proofline.plonkish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.backend.ProverBackend;
import io.proofline.fri.FriParameters;
import org.junit.jupiter.api.Test;

/** The security counts: conjectured against proven, and what the extension field allows at each trace size. */
class SoundnessTests {

    @Test
    void theFieldCapsEveryKeyByItsTraceSize() {
        // floor(log2(p^2) - log2((maxDegree + copyColumns) * n)), p^2 just under 2^128
        assertEquals(108, Soundness.fieldLimitBits(Geometry.standard(14)));
        assertEquals(106, Soundness.fieldLimitBits(Geometry.standard(16)));
        assertEquals(98, Soundness.fieldLimitBits(Geometry.standard(Geometry.MAX_LOG_ROWS)));
        assertEquals(121, Soundness.fieldLimitBits(new Geometry(4, 0, 2, 3, 8)));
        // the standard parameters keep their 100 conjectured bits at production sizes, not at the largest
        FriParameters standard = ProverConfig.standard().fri();
        assertEquals(100, Soundness.conjecturedBits(Geometry.standard(14), standard));
        assertEquals(98, Soundness.conjecturedBits(Geometry.standard(24), standard));
    }

    @Test
    void theProvenQueryBoundIsFarBelowTheConjecturedOne() {
        // 28 queries at LDE factor 8 with 16 grinding bits: 28 * 3 + 16 = 100 conjectured,
        // 28 * -log2((1 + 1/32) * sqrt(1/8)) + 16 = 56.8 proven (58 as m grows)
        FriParameters standard = ProverConfig.standard().fri();
        assertEquals(100, standard.securityBits());
        assertEquals(56, standard.provenQueryBits());
    }

    @Test
    void theProvenParameterSetReaches100BitsWithTheFewestQueries() {
        FriParameters proven = ProverConfig.provenQueries().fri();
        assertEquals(58, proven.numQueries());
        assertEquals(3, proven.logBlowup());
        assertEquals(16, proven.powBits());
        assertEquals(100, proven.provenQueryBits());
        FriParameters oneFewer = new FriParameters(3, 57, 16, 3, 5, 4);
        assertTrue(oneFewer.provenQueryBits() < 100, "57 queries give " + oneFewer.provenQueryBits());
        // at LDE factor 16, fewer queries do
        assertEquals(43, FriParameters.forProvenQuerySecurity(100, 4, 16).numQueries());
    }

    @Test
    void setupRefusesARequestBeyondWhatTheFieldAllowsAtTheCircuitsSize() {
        // given 41 queries at LDE factor 8: 123 conjectured bits, enough for the 122 requested
        ProverConfig config = new ProverConfig(ProverBackend.java(), new FriParameters(3, 41, 0, 3, 1, 1), 122);
        CircuitBuilder b = new CircuitBuilder(new Geometry(4, 0, 2, 3, 8));
        b.publicInput(b.input());
        Circuit circuit = b.build();

        // when a key is made for a circuit of 2^3 rows, then the field's 121 bits are the limit
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Setup.generate(circuit, config));
        assertEquals("requested 122 bits of conjectured security, but the extension field allows at most 121 at 2^3 rows"
                + " of this geometry", e.getMessage());
    }

    @Test
    void theKeysJsonSaysWhichCountIsWhich() {
        CircuitBuilder b = new CircuitBuilder(new Geometry(4, 0, 2, 3, 8));
        b.publicInput(b.input());
        VerificationKey key = Setup.generate(b.build(), ProverConfig.provenQueries()).key();
        String json = VerificationKeyCodec.toJson(key);
        assertTrue(json.contains("\"conjecturedSecurityBits\": 121, \"provenQuerySecurityBits\": 100"), json);
    }
}
