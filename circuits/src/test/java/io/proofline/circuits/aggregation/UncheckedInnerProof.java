package io.proofline.circuits.aggregation;

import io.proofline.plonkish.CircuitBuilder;
import io.proofline.plonkish.Variable;
import io.proofline.poseidon2.Digest;
import io.proofline.poseidon2.Poseidon2;
import java.util.Arrays;

/**
 * A test double for {@link InnerProofCheck}: it verifies nothing. It allocates an inner proof's
 * public inputs and key commitment as circuit inputs (its check inputs: {@link #checkInputs})
 * and absorbs them into a Poseidon2 sponge, as the real verifier observes them in its
 * transcript, so that they occupy trace cells and the aggregation circuits' constraints on them
 * are really checked. It stands for an inner proof that verifies with those public inputs under
 * that key: a legitimate double for testing the composition (keys, type ids, chaining, ranges),
 * never for testing that inner proofs are verified.
 */
final class UncheckedInnerProof implements InnerProofCheck {

    private final int publicInputs;

    UncheckedInnerProof(int publicInputs) {
        this.publicInputs = publicInputs;
    }

    @Override
    public CheckedProof check(CircuitBuilder b) {
        Variable[] pi = b.inputs(publicInputs);
        Variable[] key = b.inputs(Digest.ELEMENTS);
        Variable[] absorbed = Arrays.copyOf(pi, pi.length + key.length);
        System.arraycopy(key, 0, absorbed, pi.length, key.length);
        Variable[] state = new Variable[Poseidon2.WIDTH];
        Arrays.fill(state, b.constant(0));
        for (int pos = 0; pos < absorbed.length; pos += 8) {
            System.arraycopy(absorbed, pos, state, 0, Math.min(8, absorbed.length - pos));
            state = b.poseidon2(state);
        }
        return new CheckedProof(pi, key);
    }

    /** The check inputs of a proof with these public inputs under this key. */
    static long[] checkInputs(long[] publicInputs, Digest key) {
        long[] out = Arrays.copyOf(publicInputs, publicInputs.length + Digest.ELEMENTS);
        key.intoArray(out, publicInputs.length);
        return out;
    }
}
