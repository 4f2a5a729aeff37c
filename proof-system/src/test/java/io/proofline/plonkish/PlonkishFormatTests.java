package io.proofline.plonkish;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.backend.ProverBackend;
import io.proofline.codec.FormatException;
import io.proofline.codec.Words;
import io.proofline.field.Goldilocks;
import io.proofline.fri.FriParameters;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PlonkishFormatTests {

    private static final ProverConfig SMALL = new ProverConfig(ProverBackend.java(), new FriParameters(3, 3, 0, 3, 1, 1));

    /** A tiny circuit, so that every word of its proof can be changed and checked in a second. */
    private static Circuit tiny() {
        CircuitBuilder b = new CircuitBuilder(new Geometry(4, 0, 2, 3, 8));
        Variable x = b.input();
        Variable y = b.input();
        b.assertBoolean(y);
        b.publicInput(b.fma(3, x, y, 1, x));
        return b.build();
    }

    @Test
    void everySingleWordChangeOfAProofIsRejected() {
        Circuit circuit = tiny();
        SetupData setup = Setup.generate(circuit, SMALL);
        WitnessVector w = circuit.resolve(new long[] {5, 1});
        byte[] bytes = ProofCodec.encode(new PlonkishProver(SMALL).prove(circuit, setup, w));
        PlonkishVerifier.verify(setup.key(), w.publicInputs(), ProofCodec.decode(bytes));
        for (int word = 0; word < bytes.length / 8; word++) {
            byte[] changed = bytes.clone();
            long v = Words.read(changed, word);
            Words.write(changed, word, Goldilocks.isCanonical(v) ? Goldilocks.add(v, 1) : v + 1);
            int at = word;
            RuntimeException e = assertThrows(RuntimeException.class,
                    () -> PlonkishVerifier.verify(setup.key(), w.publicInputs(), ProofCodec.decode(changed)),
                    "change of word " + at + " was accepted");
            assertTrue(e instanceof FormatException || e instanceof VerificationException, "word " + at + ": " + e);
        }
    }

    @Test
    void proofsRoundTripAndAnotherCircuitsKeyIsRejected() {
        Circuit circuit = tiny();
        SetupData setup = Setup.generate(circuit, SMALL);
        WitnessVector w = circuit.resolve(new long[] {9, 0});
        PlonkishProof proof = new PlonkishProver(SMALL).prove(circuit, setup, w);
        byte[] bytes = ProofCodec.encode(proof);
        assertArrayEquals(bytes, ProofCodec.encode(ProofCodec.decode(bytes)));

        CircuitBuilder other = new CircuitBuilder(new Geometry(4, 0, 2, 3, 8));
        Variable x = other.input();
        Variable y = other.input();
        other.assertBoolean(y);
        other.publicInput(other.fma(3, x, y, 2, x));
        SetupData otherSetup = Setup.generate(other.build(), SMALL);
        VerificationException e = assertThrows(VerificationException.class,
                () -> PlonkishVerifier.verify(otherSetup.key(), w.publicInputs(), proof));
        assertTrue(e.getMessage().length() > 0);
        assertThrows(VerificationException.class, () -> PlonkishVerifier.verify(otherSetup.key(), new long[2], proof));
    }

    @Test
    void setupDataRoundTripsAndCorruptionIsRefused() {
        Circuit circuit = TestCircuits.everyGate(Geometry.standard(6));
        SetupData setup = Setup.generate(circuit, SMALL);
        byte[] bytes = SetupCodec.encode(setup);
        SetupData loaded = SetupCodec.decode(bytes, SMALL);
        assertEquals(setup.key().commitment(), loaded.key().commitment());

        WitnessVector w = circuit.resolve(TestCircuits.everyGateInputs(4));
        PlonkishProof proof = new PlonkishProver(SMALL).prove(circuit, loaded, w);
        assertDoesNotThrow(() -> PlonkishVerifier.verify(setup.key(), w.publicInputs(), proof));

        byte[] corrupted = bytes.clone();
        corrupted[corrupted.length - 100] ^= 1;
        FormatException e = assertThrows(FormatException.class, () -> SetupCodec.decode(corrupted, SMALL));
        assertTrue(e.getMessage().contains("PLSETUP1"), e.getMessage());
        assertThrows(FormatException.class, () -> SetupCodec.decode(Arrays.copyOf(bytes, bytes.length - 8), SMALL));
        assertThrows(FormatException.class, () -> SetupCodec.decode(bytes, new ProverConfig(ProverBackend.java(),
                new FriParameters(3, 4, 0, 3, 1, 1))));
    }

    @Test
    void keysAndWitnessesRoundTrip() {
        Circuit circuit = TestCircuits.everyGate(Geometry.standard(6));
        SetupData setup = Setup.generate(circuit, SMALL);
        VerificationKey key = setup.key();
        VerificationKey decoded = VerificationKeyCodec.decode(VerificationKeyCodec.encode(key));
        assertEquals(key.commitment(), decoded.commitment());
        String json = VerificationKeyCodec.toJson(key);
        assertTrue(json.contains("\"commitment\": \"" + key.commitment() + "\""), json);
        assertTrue(json.contains("\"poseidon2\""), json);

        WitnessVector w = circuit.resolve(TestCircuits.everyGateInputs(5));
        WitnessVector back = WitnessCodec.decode(WitnessCodec.encode(w));
        assertArrayEquals(w.publicInputs(), back.publicInputs());
        for (int c = 0; c < w.columns().length; c++) {
            assertArrayEquals(w.columns()[c], back.columns()[c]);
        }
        byte[] bytes = WitnessCodec.encode(w);
        assertThrows(FormatException.class, () -> WitnessCodec.decode(Arrays.copyOf(bytes, 40)));
        assertThrows(FormatException.class, () -> WitnessCodec.decode(new byte[0]));
        assertThrows(FormatException.class, () -> VerificationKeyCodec.decode(bytes));
        assertThrows(FormatException.class, () -> ProofCodec.decode("not a proof at all!!!!!!".getBytes()));
    }
}
