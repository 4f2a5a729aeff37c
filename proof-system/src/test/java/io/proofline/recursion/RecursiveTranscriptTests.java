package io.proofline.recursion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.field.Ext2;
import io.proofline.field.Goldilocks;
import io.proofline.plonkish.Circuit;
import io.proofline.plonkish.CircuitBuilder;
import io.proofline.plonkish.Geometry;
import io.proofline.plonkish.SatisfiabilityChecker;
import io.proofline.plonkish.SatisfiabilityReport;
import io.proofline.plonkish.Variable;
import io.proofline.plonkish.WitnessVector;
import io.proofline.transcript.Transcript;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The transcript in circuit gives the native transcript's challenges for the same observations. */
class RecursiveTranscriptTests {

    private static final Geometry GEOMETRY = Geometry.standard(12);

    /**
     * Replays one random sequence of observations and samples on both transcripts: the circuit is
     * satisfied and exposes exactly the native samples (index samples bit by bit).
     */
    private static void agreeOnRandomSequence(String domain, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        CircuitBuilder b = new CircuitBuilder(GEOMETRY);
        RecursiveTranscript circuitSide = new RecursiveTranscript(b, domain);
        Transcript nativeSide = new Transcript(domain);
        List<Long> inputs = new ArrayList<>();
        List<Long> expected = new ArrayList<>();
        for (int op = 0; op < 60; op++) {
            switch (random.nextInt(6)) {
                case 0, 1 -> {
                    int count = random.nextInt(1, 12);
                    for (int i = 0; i < count; i++) {
                        long v = Goldilocks.canonical(random.nextLong());
                        inputs.add(v);
                        circuitSide.observe(b.input());
                        nativeSide.observe(v);
                    }
                }
                case 2 -> {
                    Ext2 e = new Ext2(Goldilocks.canonical(random.nextLong()), Goldilocks.canonical(random.nextLong()));
                    inputs.add(e.c0());
                    inputs.add(e.c1());
                    circuitSide.observe(new ExtVar(b.input(), b.input()));
                    nativeSide.observe(e);
                }
                case 3 -> {
                    b.publicInput(circuitSide.sample());
                    expected.add(nativeSide.sample());
                }
                case 4 -> {
                    ExtVar e = circuitSide.sampleExt();
                    b.publicInput(e.c0());
                    b.publicInput(e.c1());
                    Ext2 n = nativeSide.sampleExt();
                    expected.add(n.c0());
                    expected.add(n.c1());
                }
                default -> {
                    int bits = random.nextInt(31);
                    for (Variable bit : circuitSide.sampleBits(bits)) {
                        b.publicInput(bit);
                    }
                    int index = nativeSide.sampleBits(bits);
                    for (int i = 0; i < bits; i++) {
                        expected.add((long) (index >>> i) & 1);
                    }
                }
            }
        }
        b.publicInput(circuitSide.sample());
        expected.add(nativeSide.sample());
        Circuit circuit = b.build();
        WitnessVector w = circuit.resolve(inputs.stream().mapToLong(Long::longValue).toArray());
        SatisfiabilityReport report = SatisfiabilityChecker.check(circuit, w);
        assertTrue(report.satisfied(), domain + ": " + report);
        assertArrayEquals(expected.stream().mapToLong(Long::longValue).toArray(), w.publicInputs(),
                "domain '" + domain + "', seed " + seed);
    }

    @Test
    void randomSequencesGiveTheNativeSamples() {
        // separators leaving 1..8 elements pending, none (7 bytes + length fill a chunk), and multi-byte characters
        String[] domains = {"proofline-fri-v1", "", "abcdefg", "abcdefghijklmno", "dómaine-ü"};
        for (int d = 0; d < domains.length; d++) {
            for (long seed = 0; seed < 3; seed++) {
                agreeOnRandomSequence(domains[d], 31 * d + seed);
            }
        }
    }

    private record PowCircuit(Circuit circuit, List<Long> prefix) {
    }

    private static PowCircuit powCircuit(int bits) {
        CircuitBuilder b = new CircuitBuilder(GEOMETRY);
        RecursiveTranscript t = new RecursiveTranscript(b, "pow-test");
        List<Long> prefix = List.of(5L, 6L, 7L);
        for (int i = 0; i < prefix.size(); i++) {
            t.observe(b.input());
        }
        t.checkPow(b.input(), bits, "pow");
        b.publicInput(t.sample());
        return new PowCircuit(b.build(), prefix);
    }

    private static Transcript nativeAfterPrefix(List<Long> prefix) {
        Transcript t = new Transcript("pow-test");
        prefix.forEach(t::observe);
        return t;
    }

    private static WitnessVector resolve(PowCircuit c, long nonce) {
        long[] inputs = new long[c.prefix().size() + 1];
        for (int i = 0; i < c.prefix().size(); i++) {
            inputs[i] = c.prefix().get(i);
        }
        inputs[inputs.length - 1] = nonce;
        return c.circuit().resolve(inputs);
    }

    @Test
    void proofOfWorkAcceptsTheGroundNonceAndRefusesOthersAsTheNativeCheckDoes() {
        int bits = 10;
        PowCircuit c = powCircuit(bits);
        Transcript prover = nativeAfterPrefix(c.prefix());
        long nonce = prover.grind(bits);
        WitnessVector good = resolve(c, nonce);
        assertTrue(SatisfiabilityChecker.check(c.circuit(), good).satisfied());
        assertArrayEquals(new long[] {prover.sample()}, good.publicInputs(), "the nonce is observed after the check");

        int refused = 0;
        for (long other = nonce + 1; refused < 3; other++) {
            boolean nativeAccepts = nativeAfterPrefix(c.prefix()).checkPow(other, bits);
            SatisfiabilityReport report = SatisfiabilityChecker.check(c.circuit(), resolve(c, other));
            assertTrue(report.satisfied() == nativeAccepts, "nonce " + other + ": " + report);
            if (!nativeAccepts) {
                assertTrue(report.toString().startsWith("check failed: pow ("), report.toString());
                refused++;
            }
        }
    }

    /**
     * The circuit takes the bits the native check takes, 0 to 40: zero bits only observe the
     * nonce (no permutation, any nonce), forty refuse a nonce ground for ten, and bits outside
     * the range build no circuit.
     */
    @Test
    void proofOfWorkBitsRangeAsTheNativeCheckDoes() {
        PowCircuit none = powCircuit(0);
        CircuitBuilder observeOnly = new CircuitBuilder(GEOMETRY);
        RecursiveTranscript t = new RecursiveTranscript(observeOnly, "pow-test");
        for (int i = 0; i < none.prefix().size() + 1; i++) {
            t.observe(observeOnly.input());
        }
        observeOnly.publicInput(t.sample());
        assertEquals(observeOnly.build().rowsUsed(), none.circuit().rowsUsed(), "zero bits cost no rows");
        for (long nonce : new long[] {0, 1, 12345}) {
            assertTrue(nativeAfterPrefix(none.prefix()).checkPow(nonce, 0));
            assertTrue(SatisfiabilityChecker.check(none.circuit(), resolve(none, nonce)).satisfied(), "nonce " + nonce);
        }

        PowCircuit forty = powCircuit(40);
        long tenBits = nativeAfterPrefix(forty.prefix()).grind(10);
        assertFalse(nativeAfterPrefix(forty.prefix()).checkPow(tenBits, 40));
        SatisfiabilityReport report = SatisfiabilityChecker.check(forty.circuit(), resolve(forty, tenBits));
        assertTrue(report.toString().startsWith("check failed: pow ("), report.toString());

        for (int bits : new int[] {-1, 41}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> powCircuit(bits));
            assertEquals("proof-of-work bits must be in [0, 40], got " + bits, e.getMessage());
        }
    }

    /** A circuit splitting {@code v} into 32-bit halves given as inputs, with only the split's checks. */
    private static SatisfiabilityReport split(long v, long high, long low) {
        CircuitBuilder b = new CircuitBuilder(GEOMETRY);
        Variable[] in = b.inputs(3);
        // in use the value is a permutation output; here a public input gives it a cell, and so a constraint
        b.publicInput(in[0]);
        RecursiveTranscript.splitBits(b, in[0], in[1], in[2], "canonical");
        Circuit circuit = b.build();
        return SatisfiabilityChecker.check(circuit, circuit.resolve(new long[] {v, high, low}));
    }

    /**
     * At 64 bits a field element below {@code 2^32 - 1} has a second decomposition, its value plus
     * p; only the one below p is accepted, so a prover cannot choose a query index.
     */
    @Test
    void onlyTheCanonicalDecompositionIsAccepted() {
        long allOnes = 0xFFFF_FFFFL;
        for (long v : new long[] {0, 1, 12345, Goldilocks.P - 1, 0xFFFF_FFFEL << 32, allOnes}) {
            assertTrue(split(v, v >>> 32, v & allOnes).satisfied(), Long.toUnsignedString(v));
        }
        // v + p = (2^32 - 1) * 2^32 + (v + 1): the same element, a second decomposition
        for (long v : new long[] {0, 5, allOnes - 1}) {
            SatisfiabilityReport report = split(v, allOnes, v + 1);
            assertFalse(report.satisfied(), Long.toUnsignedString(v));
            assertTrue(report.toString().startsWith("check failed: canonical ("), report.toString());
        }
        assertFalse(split(5, 0, 6).satisfied(), "halves that do not sum to the value");
        assertFalse(split(5, 1L << 32, 5).satisfied(), "a half of more than 32 bits");
    }
}
