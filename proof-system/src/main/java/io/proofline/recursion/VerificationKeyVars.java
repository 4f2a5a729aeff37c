package io.proofline.recursion;

import io.proofline.merkle.MerkleCap;
import io.proofline.plonkish.CircuitBuilder;
import io.proofline.plonkish.Variable;
import io.proofline.plonkish.VerificationKey;
import io.proofline.plonkish.VerificationKeyCodec;
import io.proofline.poseidon2.Digest;
import io.proofline.poseidon2.Poseidon2;
import io.proofline.poseidon2.Poseidon2Hash;
import java.util.Arrays;

/**
 * A verification key in circuit: its structure (geometry, FRI parameters, gates, public-input
 * rows, cap size) is fixed when the circuit is built, its setup cap is witness. Its
 * {@link #commitment} is computed in circuit exactly as {@link VerificationKey#commitment()}
 * hashes the key's canonical words, so a circuit can verify proofs of any key of one structure,
 * its own kind included, and expose which key it used: the commitment is then checked one
 * level up, rather than the key being a constant of the circuit.
 */
public final class VerificationKeyVars {

    private final long[] structureWords;
    private final Variable[][] setupCap;

    private VerificationKeyVars(VerificationKey shape, Variable[][] setupCap) {
        this.structureWords = structureWords(shape);
        this.setupCap = setupCap;
    }

    /**
     * Allocates the setup cap as circuit inputs ({@code 4} per root, in root order) for keys of
     * {@code shape}'s structure; {@code shape}'s own cap gives only the number of roots.
     */
    public static VerificationKeyVars allocate(CircuitBuilder b, VerificationKey shape) {
        Variable[][] cap = new Variable[shape.setupCap().roots().size()][];
        for (int i = 0; i < cap.length; i++) {
            cap[i] = b.inputs(Digest.ELEMENTS);
        }
        return new VerificationKeyVars(shape, cap);
    }

    /** The setup cap's roots, four variables each. */
    public Variable[][] setupCap() {
        Variable[][] out = new Variable[setupCap.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = setupCap[i].clone();
        }
        return out;
    }

    /**
     * The input values for {@code key}, in allocation order.
     *
     * @throws IllegalArgumentException if the key's structure is not the one this circuit was built for
     */
    public long[] values(VerificationKey key) {
        long[] words = structureWords(key);
        if (!Arrays.equals(words, structureWords)) {
            throw new IllegalArgumentException("the verification key's structure (geometry, FRI parameters, gates, "
                    + "public-input rows, cap size) is not the one this circuit was built for");
        }
        return key.setupCap().elements();
    }

    /**
     * The key's commitment, four variables: the Poseidon2 sponge of {@link Poseidon2Hash#hash} over
     * the canonical words, length in lane 8, chunks of 8 overwriting the rate lanes (a partial
     * last chunk only its own). The leading chunks made of structure words alone are constants,
     * so the sponge state after them is too: it is computed here natively, and the permutations
     * from the first chunk holding a cap word on run in circuit.
     */
    public Variable[] commitment(CircuitBuilder b) {
        Variable[] cap = Arrays.stream(setupCap).flatMap(Arrays::stream).toArray(Variable[]::new);
        int total = structureWords.length + cap.length;
        int rate = Poseidon2Hash.RATE;
        long[] state = new long[Poseidon2.WIDTH];
        state[rate] = total;
        int pos = 0;
        for (; pos + rate <= structureWords.length; pos += rate) {
            System.arraycopy(structureWords, pos, state, 0, rate);
            Poseidon2.permute(state);
        }
        Variable[] s = new Variable[Poseidon2.WIDTH];
        for (int i = 0; i < s.length; i++) {
            s[i] = b.constant(state[i]);
        }
        for (; pos < total; pos += rate) {
            for (int i = 0; i < Math.min(rate, total - pos); i++) {
                int word = pos + i;
                s[i] = word < structureWords.length ? b.constant(structureWords[word]) : cap[word - structureWords.length];
            }
            s = b.poseidon2(s);
        }
        return Arrays.copyOf(s, Digest.ELEMENTS);
    }

    /** The canonical words before the cap's elements (the root count included). */
    private static long[] structureWords(VerificationKey key) {
        long[] words = VerificationKeyCodec.canonicalWords(key);
        MerkleCap cap = key.setupCap();
        return Arrays.copyOf(words, words.length - cap.elements().length);
    }
}
