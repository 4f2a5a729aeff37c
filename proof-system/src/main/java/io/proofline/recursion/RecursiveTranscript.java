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
    private static final long MASK = (1L << HALF) - 1;

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
        Variable high = b.allocate();
        Variable low = b.allocate();
        b.resolver(new Variable[] {v}, new Variable[] {high, low}, in -> new long[] {in[0] >>> HALF, in[0] & MASK});
        return splitBits(b, v, high, low, label);
    }

    /**
     * The bits of {@code low} then {@code high}, each constrained to 32 bits, with
     * {@code v = high * 2^32 + low} and that sum below {@code p = 2^64 - 2^32 + 1}: if
     * {@code high} is all ones, {@code low} must be zero. The sum is below {@code 2^64}, so being
     * below {@code p} makes it the canonical value of {@code v} and the split unique.
     */
    static Variable[] splitBits(CircuitBuilder b, Variable v, Variable high, Variable low, String label) {
        Variable[] lowBits = b.bits(low, HALF);
        Variable[] highBits = b.bits(high, HALF);
        b.assertEqual(b.fma(1L << HALF, high, b.constant(1), 1, low), v);
        Variable highAllOnes = b.isZero(b.sub(high, b.constant(MASK)));
        b.assertEqual(b.mul(highAllOnes, low), b.constant(0), label);
        Variable[] bits = new Variable[WORD_BITS];
        System.arraycopy(lowBits, 0, bits, 0, HALF);
        System.arraycopy(highBits, 0, bits, HALF, HALF);
        return bits;
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
