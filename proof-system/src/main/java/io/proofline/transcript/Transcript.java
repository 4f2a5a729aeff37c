package io.proofline.transcript;

import io.proofline.field.Ext2;
import io.proofline.field.Goldilocks;
import io.proofline.merkle.MerkleCap;
import io.proofline.poseidon2.Digest;
import io.proofline.poseidon2.Poseidon2;
import io.proofline.poseidon2.Poseidon2Hash;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * A Fiat-Shamir transcript on the Poseidon2 sponge, used identically by prover and verifier.
 *
 * <p>Duplex construction in overwrite mode: observed elements are buffered and written over the
 * rate lanes 8 at a time, each full chunk followed by a permutation. Sampling first flushes
 * pending input (always permuting, so a sample depends on everything observed), then hands out
 * the rate lanes one by one, permuting again when they run out. Observing after sampling
 * discards the unused outputs.
 *
 * <p>Not thread-safe; {@link #fork()} gives an independent copy.
 */
public final class Transcript {

    private static final int RATE = Poseidon2Hash.RATE;
    /** Nonces tried per task and round of grinding: about a millisecond of hashing. */
    private static final long GRIND_CHUNK = 1 << 10;
    /** Nonces hashed side by side, a multiple of the vector kernel's lanes that divides the chunk. */
    private static final int GRIND_BATCH = 64;

    private final long[] state;
    private final long[] input = new long[RATE];
    private int inputLength;
    private int outputRemaining;

    /** Starts a transcript bound to a domain separator (e.g. {@code "proofline-fri-v1"}). */
    public Transcript(String domain) {
        state = new long[Poseidon2.WIDTH];
        for (byte b : domain.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            observe(b & 0xFF);
        }
        observe(domain.length());
    }

    private Transcript(Transcript other) {
        state = other.state.clone();
        System.arraycopy(other.input, 0, input, 0, RATE);
        inputLength = other.inputLength;
        outputRemaining = other.outputRemaining;
    }

    public Transcript fork() {
        return new Transcript(this);
    }

    /** Absorbs one canonical field element. */
    public void observe(long element) {
        if (!Goldilocks.isCanonical(element)) {
            throw new IllegalArgumentException("transcript input must be canonical: 0x" + Long.toHexString(element));
        }
        outputRemaining = 0;
        input[inputLength++] = element;
        if (inputLength == RATE) {
            absorbPending();
        }
    }

    public void observe(long[] elements) {
        for (long e : elements) {
            observe(e);
        }
    }

    public void observe(Ext2 e) {
        observe(e.c0());
        observe(e.c1());
    }

    public void observe(Digest d) {
        observe(d.toArray());
    }

    public void observe(MerkleCap cap) {
        observe(cap.elements());
    }

    /** A base-field challenge. */
    public long sample() {
        if (inputLength > 0 || outputRemaining == 0) {
            absorbPending();
            outputRemaining = RATE;
        }
        return state[--outputRemaining];
    }

    /** An extension-field challenge from two base samples. */
    public Ext2 sampleExt() {
        return new Ext2(sample(), sample());
    }

    /** A challenge index in {@code [0, 2^bits)}, from the low bits of a sample. */
    public int sampleBits(int bits) {
        if (bits < 0 || bits > 30) {
            throw new IllegalArgumentException("index bits must be in [0, 30], got " + bits);
        }
        return (int) (sample() & ((1L << bits) - 1));
    }

    private void absorbPending() {
        System.arraycopy(input, 0, state, 0, inputLength);
        inputLength = 0;
        Poseidon2.permute(state);
    }

    /**
     * Finds a nonce whose {@link #powHash} has {@code bits} leading zero bits, searching on every
     * core; then observes it. Expected work: {@code 2^bits} permutations.
     */
    public long grind(int bits) {
        checkPowBits(bits);
        long[] seed = powSeed();
        int tasks = Runtime.getRuntime().availableProcessors();
        long nonce = -1;
        // rounds of one chunk per core; the smallest hit of the first round with one wins, so the
        // nonce does not depend on thread timing
        for (long base = 0; nonce < 0; base += (long) tasks * GRIND_CHUNK) {
            long roundBase = base;
            nonce = IntStream.range(0, tasks).parallel()
                    .mapToLong(t -> firstNonce(seed, bits, roundBase + (long) t * GRIND_CHUNK))
                    .filter(n -> n >= 0)
                    .min()
                    .orElse(-1);
        }
        observe(nonce);
        return nonce;
    }

    /** The first nonce of {@code [from, from + GRIND_CHUNK)} that meets the work, or -1; hashes a batch of states at a time. */
    private static long firstNonce(long[] seed, int bits, long from) {
        long[] states = new long[GRIND_BATCH * Poseidon2.WIDTH];
        for (long base = from; base < from + GRIND_CHUNK; base += GRIND_BATCH) {
            for (int k = 0; k < GRIND_BATCH; k++) {
                powState(seed, base + k, states, k * Poseidon2.WIDTH);
            }
            Poseidon2.permuteBatch(states, GRIND_BATCH);
            for (int k = 0; k < GRIND_BATCH; k++) {
                if (meetsWork(states[k * Poseidon2.WIDTH], bits)) {
                    return base + k;
                }
            }
        }
        return -1;
    }

    private static boolean meetsWork(long hash, int bits) {
        return bits == 0 || hash >>> (64 - bits) == 0;
    }

    /** Checks a prover's nonce and observes it; {@code false} if it does not meet {@code bits}. */
    public boolean checkPow(long nonce, int bits) {
        checkPowBits(bits);
        if (!Goldilocks.isCanonical(nonce)) {
            return false;
        }
        boolean ok = meetsWork(powHash(powSeed(), nonce), bits);
        observe(nonce);
        return ok;
    }

    private long[] powSeed() {
        Transcript t = fork();
        return new long[] {t.sample(), t.sample(), t.sample(), t.sample()};
    }

    /** The hash of the current transcript seed and a nonce, whose leading zeros count as work. */
    static long powHash(long[] seed, long nonce) {
        long[] s = new long[Poseidon2.WIDTH];
        powState(seed, nonce, s, 0);
        Poseidon2.permute(s);
        return s[0];
    }

    /** The state that {@link #powHash} permutes, written at {@code out[at ..]}. */
    private static void powState(long[] seed, long nonce, long[] out, int at) {
        Arrays.fill(out, at, at + Poseidon2.WIDTH, 0);
        System.arraycopy(seed, 0, out, at, seed.length);
        out[at + 4] = nonce;
        out[at + Poseidon2.WIDTH - 2] = 1; // domain separation from the sponge and compression
    }

    private static void checkPowBits(int bits) {
        if (bits < 0 || bits > 40) {
            throw new IllegalArgumentException("proof-of-work bits must be in [0, 40], got " + bits);
        }
    }
}
