package io.proofline.plonkish;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.backend.ProverBackend;
import io.proofline.codec.FormatException;
import io.proofline.codec.Words;
import io.proofline.field.Ext2;
import io.proofline.field.Goldilocks;
import io.proofline.fri.FriParameters;
import io.proofline.fri.FriProofCodec;
import io.proofline.merkle.MerkleCap;
import io.proofline.poseidon2.Digest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PlonkishFormatTests {

    /** 3 queries at LDE factor 8: 9 conjectured bits on purpose, so that proofs stay small enough to tamper with word by word. */
    private static final ProverConfig SMALL = new ProverConfig(ProverBackend.java(), new FriParameters(3, 3, 0, 3, 1, 1), 9);

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
        PlonkishVerifier verifier = new PlonkishVerifier(setup.key(), SMALL.securityBits());
        verifier.verify(w.publicInputs(), ProofCodec.decode(bytes));
        for (int word = 0; word < bytes.length / 8; word++) {
            byte[] changed = bytes.clone();
            long v = Words.read(changed, word);
            Words.write(changed, word, Goldilocks.isCanonical(v) ? Goldilocks.add(v, 1) : v + 1);
            int at = word;
            RuntimeException e = assertThrows(RuntimeException.class,
                    () -> verifier.verify(w.publicInputs(), ProofCodec.decode(changed)),
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
                () -> new PlonkishVerifier(otherSetup.key(), SMALL.securityBits()).verify(w.publicInputs(), proof));
        assertTrue(e.getMessage().length() > 0);
        assertThrows(VerificationException.class,
                () -> new PlonkishVerifier(otherSetup.key(), SMALL.securityBits()).verify(new long[2], proof));
    }

    @Test
    void setupFilesOfVersion1StillLoadAndOtherVersionsAreRefused() {
        Circuit circuit = TestCircuits.everyGate(Geometry.standard(6));
        SetupData setup = Setup.generate(circuit, SMALL);
        byte[] current = SetupCodec.encode(setup);
        byte[] version1 = SetupCodec.encode(setup, SetupCodec.SPONGE_DIGEST_VERSION);
        assertEquals(SetupCodec.VERSION, Words.read(current, 1));
        assertEquals(1, Words.read(version1, 1));
        assertEquals(SetupCodec.VERSION, SetupCodec.version(current));
        assertEquals(1, SetupCodec.version(version1));
        // the same columns, a digest of another construction
        assertTrue(!Arrays.equals(Arrays.copyOfRange(current, current.length - 32, current.length),
                Arrays.copyOfRange(version1, version1.length - 32, version1.length)));

        SetupData loaded = SetupCodec.decode(version1, SMALL);
        assertEquals(setup.key().commitment(), loaded.key().commitment());
        assertArrayEquals(setup.columns(), loaded.columns());
        byte[] corrupted = version1.clone();
        corrupted[corrupted.length - 100] ^= 1;
        FormatException damaged = assertThrows(FormatException.class, () -> SetupCodec.decode(corrupted, SMALL));
        assertTrue(damaged.getMessage().contains("digest mismatch"), damaged.getMessage());
        // a version-1 trailer under a version-2 header is a mismatch, not a file of either
        byte[] mixed = version1.clone();
        Words.write(mixed, 1, SetupCodec.VERSION);
        assertThrows(FormatException.class, () -> SetupCodec.decode(mixed, SMALL));

        byte[] future = current.clone();
        Words.write(future, 1, SetupCodec.VERSION + 1);
        FormatException e = assertThrows(FormatException.class, () -> SetupCodec.decode(future, SMALL));
        assertEquals("PLSETUP1: version 3 is not supported (expected 1 to 2)", e.getMessage());
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
        assertDoesNotThrow(() -> new PlonkishVerifier(setup.key(), SMALL.securityBits()).verify(w.publicInputs(), proof));

        byte[] corrupted = bytes.clone();
        corrupted[corrupted.length - 100] ^= 1;
        FormatException e = assertThrows(FormatException.class, () -> SetupCodec.decode(corrupted, SMALL));
        assertTrue(e.getMessage().contains("PLSETUP1"), e.getMessage());
        assertThrows(FormatException.class, () -> SetupCodec.decode(Arrays.copyOf(bytes, bytes.length - 8), SMALL));
        assertThrows(FormatException.class, () -> SetupCodec.decode(bytes, new ProverConfig(ProverBackend.java(),
                new FriParameters(3, 4, 0, 3, 1, 1), 12)));
    }

    @Test
    void aSetupWhoseKeyNamesOtherFriParametersThanItsColumnsWereCommittedWithIsAFormatError() {
        // given a valid setup file, with its embedded key's log blowup (key word 7) lowered from 3 to 2
        SetupData setup = Setup.generate(tiny(), SMALL);
        byte[] bytes = SetupCodec.encode(setup);
        int logBlowupWord = 3 + 2 + 5;
        assertEquals(3, Words.read(bytes, logBlowupWord));
        Words.write(bytes, logBlowupWord, 2);
        ProverConfig matching = new ProverConfig(ProverBackend.java(), new FriParameters(2, 3, 0, 3, 1, 1), 6);

        // when it is loaded with the FRI parameters it now names
        FormatException e = assertThrows(FormatException.class, () -> SetupCodec.decode(bytes, matching));

        // then the columns, extended by 4 instead of 8, do not give the key's setup cap
        assertEquals("PLSETUP1: setup columns do not commit to the key's setup cap", e.getMessage());

        // and a stored setup read without extending them gives its key at once, and the same error at first use
        StoredSetup stored = SetupCodec.decodeStored(bytes, matching);
        assertEquals(2, stored.key().fri().logBlowup());
        assertTrue(!stored.built());
        assertEquals(e.getMessage(), assertThrows(FormatException.class, stored::setup).getMessage());
        assertEquals(e.getMessage(), assertThrows(FormatException.class, stored::setup).getMessage(), "and at every use after");
    }

    @Test
    void aStoredSetupIsTheSetupOnceBuilt() {
        SetupData setup = Setup.generate(TestCircuits.everyGate(Geometry.standard(6)), SMALL);
        StoredSetup stored = SetupCodec.decodeStored(SetupCodec.encode(setup), SMALL);
        assertEquals(setup.key(), stored.key());
        assertArrayEquals(setup.columns(), stored.columns());
        assertTrue(!stored.built(), "nothing extended while loading");

        SetupData built = stored.setup();
        assertTrue(stored.built());
        assertEquals(setup.key().setupCap(), built.key().setupCap());
        assertArrayEquals(setup.coefficients(), built.coefficients());
        assertTrue(built == stored.setup(), "built once");
        assertTrue(StoredSetup.of(setup).setup() == setup, "a generated setup is used as it is");
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

    /** One binary format under test: its magic, a valid encoding, its decoder and the word offsets of its counts. */
    record Format(String magic, byte[] bytes, Function<byte[], Object> decoder, List<Integer> countWords) {
        @Override
        public String toString() {
            return magic;
        }
    }

    /** The four Plonkish formats, each encoding the tiny circuit's proof, key, witness or setup. */
    static Stream<Format> formats() {
        Circuit circuit = tiny();
        SetupData setup = Setup.generate(circuit, SMALL);
        WitnessVector w = circuit.resolve(new long[] {5, 1});
        PlonkishProof proof = new PlonkishProver(SMALL).prove(circuit, setup, w);

        List<Integer> proofCounts = new ArrayList<>();
        int at = 2;
        for (MerkleCap cap : List.of(proof.witnessCap(), proof.productsCap(), proof.quotientCap())) {
            proofCounts.add(at);
            at += 1 + Digest.ELEMENTS * cap.roots().size();
        }
        PlonkishProof.Openings o = proof.openings();
        for (List<Ext2> values : List.of(o.setup(), o.witness(), o.products(), o.quotient(), o.productsNext())) {
            proofCounts.add(at);
            at += 1 + 2 * values.size();
        }
        proofCounts.add(at); // FRI proof length
        proofCounts.add(at + 1 + 2); // the embedded FRI proof's layer count, after its magic and version
        at += 1 + FriProofCodec.encode(proof.fri()).length / 8;
        proofCounts.add(at); // query count
        proofCounts.add(at + 1); // first row width

        VerificationKey key = setup.key();
        List<Integer> keyCounts = new ArrayList<>();
        at = 2 + 5 + 6; // after the header, the geometry and the FRI parameters
        keyCounts.add(at++); // gate count
        for (io.proofline.plonkish.gates.Gate gate : key.gates()) {
            keyCounts.add(at); // name length
            at += 1 + gate.name().length();
        }
        keyCounts.add(at); // public input count
        at += 1 + key.publicInputCount();
        keyCounts.add(at); // cap size

        long[][] columns = w.columns();
        List<Integer> witnessCounts = List.of(2, 3, 4 + columns.length * columns[0].length);

        int keyWords = VerificationKeyCodec.encode(key).length / 8;
        // key length, the embedded key's gate count, column count, column length
        List<Integer> setupCounts = List.of(2, 3 + keyCounts.get(0), 3 + keyWords, 4 + keyWords);

        return Stream.of(
                new Format(ProofCodec.MAGIC, ProofCodec.encode(proof), ProofCodec::decode, proofCounts),
                new Format(VerificationKeyCodec.MAGIC, VerificationKeyCodec.encode(key), VerificationKeyCodec::decode, keyCounts),
                new Format(WitnessCodec.MAGIC, WitnessCodec.encode(w), WitnessCodec::decode, witnessCounts),
                new Format(SetupCodec.MAGIC, SetupCodec.encode(setup), b -> SetupCodec.decode(b, SMALL), setupCounts));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void everyTruncationIsRejectedWithAFormatException(Format format) {
        // given a valid encoding that decodes
        byte[] bytes = format.bytes();
        assertDoesNotThrow(() -> format.decoder().apply(bytes));

        // when it is cut at any byte, then the decoder refuses it with a message naming the format
        for (int length = 0; length < bytes.length; length++) {
            byte[] prefix = Arrays.copyOf(bytes, length);
            assertRejected(format, prefix, "prefix of " + length + " bytes", "shorter than", "not a whole number of words",
                    "truncated", "exceed");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void trailingBytesAreRejectedWithAFormatException(Format format) {
        // given a valid encoding
        byte[] bytes = format.bytes();

        // when anything follows its end, part of a word or whole words, then the decoder refuses it
        for (int extra = 1; extra <= 16; extra++) {
            byte[] longer = Arrays.copyOf(bytes, bytes.length + extra);
            longer[bytes.length] = 1;
            String expected = extra % 8 == 0 ? "unexpected bytes after the end" : "not a whole number of words";
            assertRejected(format, longer, extra + " trailing bytes", expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void oversizedDeclaredLengthsAreRejectedWithAFormatException(Format format) {
        // given a valid encoding and the words that declare its counts and lengths
        byte[] bytes = format.bytes();
        int words = bytes.length / 8;
        long beyondInput = Integer.highestOneBit(words) << 1;
        assertTrue(format.countWords().stream().allMatch(at -> at < words), "count offsets lie inside the encoding");

        // when any of them claims more than the input holds or the format allows, then the decoder refuses it
        for (int at : format.countWords()) {
            for (long oversized : new long[] {beyondInput, 1L << 32, Long.MAX_VALUE, -1L}) {
                byte[] changed = bytes.clone();
                Words.write(changed, at, oversized);
                assertRejected(format, changed, "count word " + at + " = " + oversized, "exceed", "outside [", "do not match");
            }
        }
    }

    /** Decoding must throw a FormatException (no other exception) whose message names the format and one of the reasons. */
    private static void assertRejected(Format format, byte[] bytes, String what, String... reasons) {
        FormatException e = assertThrows(FormatException.class, () -> format.decoder().apply(bytes), what + " was accepted");
        String message = e.getMessage();
        assertTrue(message.startsWith(format.magic() + ": "), what + ": " + message);
        assertTrue(Arrays.stream(reasons).anyMatch(message::contains), what + ": " + message);
    }
}
