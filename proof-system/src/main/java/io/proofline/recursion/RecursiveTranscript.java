package io.proofline.recursion;

import io.proofline.plonkish.CircuitBuilder;
import io.proofline.plonkish.Variable;
import io.proofline.poseidon2.Poseidon2;
import io.proofline.poseidon2.Poseidon2Hash;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link io.proofline.transcript.Transcript} over circuit variables: the same duplex sponge in
 * overwrite mode, with the same buffering and sampling, so that the same observations give the
 * same challenges. Every permutation is one Poseidon2 gate.
 *
 * <p>The domain separator is public, so the sponge state it leads to is computed here and enters
 * the circuit as constants; like the native constructor, the separator's last partial chunk is
 * left pending in the input buffer, not absorbed.
 */
public final class RecursiveTranscript {

    private static final int RATE = Poseidon2Hash.RATE;
    private static final int WORD_BITS = 64;
    private static final int HALF = 32;

    private final CircuitBuilder b;
    private Variable[] state;
    private final List<Variable> input;
    private int outputRemaining;

    public RecursiveTranscript(CircuitBuilder builder, String domain) {
        this.b = builder;
        byte[] bytes = domain.getBytes(StandardCharsets.UTF_8);
        long[] elements = new long[bytes.length + 1];
        for (int i = 0; i < bytes.length; i++) {
            elements[i] = bytes[i] & 0xFF;
        }
        // the native constructor observes the length in characters, not bytes
        elements[bytes.length] = domain.length();
        long[] start = new long[Poseidon2.WIDTH];
        int full = elements.length / RATE * RATE;
        for (int pos = 0; pos < full; pos += RATE) {
            System.arraycopy(elements, pos, start, 0, RATE);
            Poseidon2.permute(start);
        }
        state = new Variable[Poseidon2.WIDTH];
        for (int i = 0; i < state.length; i++) {
            state[i] = b.constant(start[i]);
        }
        input = new ArrayList<>();
        for (int i = full; i < elements.length; i++) {
            input.add(b.constant(elements[i]));
        }
    }

    private RecursiveTranscript(RecursiveTranscript other) {
        b = other.b;
        state = other.state.clone();
        input = new ArrayList<>(other.input);
        outputRemaining = other.outputRemaining;
    }

    /** An independent copy, as {@code Transcript.fork()}. */
    public RecursiveTranscript fork() {
        return new RecursiveTranscript(this);
    }

    public CircuitBuilder builder() {
        return b;
    }

    /** Absorbs one element; the circuit inputs it comes from are canonical by construction. */
    public void observe(Variable element) {
        outputRemaining = 0;
        input.add(element);
        if (input.size() == RATE) {
            absorbPending();
        }
    }

    public void observe(Variable[] elements) {
        for (Variable e : elements) {
            observe(e);
        }
    }

    public void observe(ExtVar e) {
        observe(e.c0());
        observe(e.c1());
    }

    /** A Merkle cap, roots in order, each a digest of four variables. */
    public void observeCap(Variable[][] roots) {
        for (Variable[] root : roots) {
            observe(root);
        }
    }

    public Variable sample() {
        if (!input.isEmpty() || outputRemaining == 0) {
            absorbPending();
            outputRemaining = RATE;
        }
        return state[--outputRemaining];
    }

    public ExtVar sampleExt() {
        Variable c0 = sample();
        Variable c1 = sample();
        return new ExtVar(c0, c1);
    }

    /**
     * The low {@code bits} bits, least significant first, of the canonical form of a sample: the
     * index {@code Transcript.sampleBits} returns, as boolean variables.
     */
    public Variable[] sampleBits(int bits) {
        if (bits < 0 || bits > 30) {
            throw new IllegalArgumentException("index bits must be in [0, 30], got " + bits);
        }
        Variable[] all = canonicalBits(b, sample(), "transcript: sample has a canonical bit decomposition");
        Variable[] out = new Variable[bits];
        System.arraycopy(all, 0, out, 0, bits);
        return out;
    }

    /**
     * Requires {@code nonce} to meet {@code powBits} bits of proof of work for the current state,
     * as {@code Transcript.checkPow} computes it (seed from a fork, one permutation, leading zeros
     * of the canonical first lane), then observes it. A failure is reported as {@code label}.
     */
    public void checkPow(Variable nonce, int powBits, String label) {
        if (powBits < 0 || powBits > 40) {
            throw new IllegalArgumentException("proof-of-work bits must be in [0, 40], got " + powBits);
        }
        if (powBits > 0) {
            RecursiveTranscript seedSource = fork();
            Variable[] s = new Variable[Poseidon2.WIDTH];
            for (int i = 0; i < 4; i++) {
                s[i] = seedSource.sample();
            }
            s[4] = nonce;
            for (int i = 5; i < Poseidon2.WIDTH; i++) {
                s[i] = b.constant(0);
            }
            s[Poseidon2.WIDTH - 2] = b.constant(1);
            Variable hash = b.poseidon2(s)[0];
            Variable[] bits = canonicalBits(b, hash, label + " (canonical hash)");
            Variable zero = b.constant(0);
            for (int i = WORD_BITS - powBits; i < WORD_BITS; i++) {
                b.assertEqual(bits[i], zero, label);
            }
        }
        observe(nonce);
    }

    /**
     * The 64-bit decomposition of {@code v}, least significant bit first, constrained to be the
     * canonical one ({@code < p}): at 64 bits values below {@code 2^64 - p} have a second
     * decomposition, which would let a prover choose the bits.
     */
    static Variable[] canonicalBits(CircuitBuilder b, Variable v, String label) {
        Variable[] bits = b.bits(v, WORD_BITS);
        assertCanonical(b, bits, label);
        return bits;
    }

    /**
     * Requires 64 boolean variables (least significant first) to spell a value below
     * {@code p = 2^64 - 2^32 + 1}: if the high 32 bits are all ones, the low 32 must be zero.
     */
    static void assertCanonical(CircuitBuilder b, Variable[] bits, String label) {
        if (bits.length != WORD_BITS) {
            throw new IllegalArgumentException("a canonical decomposition has 64 bits, got " + bits.length);
        }
        Variable high = b.constant(0);
        Variable low = b.constant(0);
        for (int i = 0; i < HALF; i++) {
            low = b.add(low, bits[i]);
            high = b.add(high, bits[HALF + i]);
        }
        // sums of 32 bits stay far below p: high is 32 exactly when all are ones, low is 0 exactly when all are zeros
        Variable allOnes = b.isZero(b.sub(high, b.constant(HALF)));
        b.assertEqual(b.mul(allOnes, low), b.constant(0), label);
    }

    private void absorbPending() {
        Variable[] next = state.clone();
        for (int i = 0; i < input.size(); i++) {
            next[i] = input.get(i);
        }
        input.clear();
        state = b.poseidon2(next);
    }
}
