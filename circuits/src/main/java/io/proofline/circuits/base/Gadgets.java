package io.proofline.circuits.base;

import io.proofline.plonkish.CircuitBuilder;
import io.proofline.plonkish.Variable;
import io.proofline.poseidon2.Poseidon2;
import io.proofline.poseidon2.Poseidon2Hash;
import java.util.Arrays;

/** In-circuit versions of {@link Poseidon2Hash} and small helpers on 4-element digests. */
final class Gadgets {

    private Gadgets() {
    }

    /** The sponge hash, exactly as {@link Poseidon2Hash#hash(long[])} computes it. */
    static Variable[] hash(CircuitBuilder b, Variable... input) {
        Variable zero = b.constant(0);
        Variable[] state = new Variable[Poseidon2.WIDTH];
        Arrays.fill(state, zero);
        state[Poseidon2Hash.RATE] = b.constant(input.length);
        if (input.length == 0) {
            state = b.poseidon2(state);
        }
        for (int pos = 0; pos < input.length; pos += Poseidon2Hash.RATE) {
            int chunk = Math.min(Poseidon2Hash.RATE, input.length - pos);
            System.arraycopy(input, pos, state, 0, chunk);
            state = b.poseidon2(state);
        }
        return Arrays.copyOf(state, 4);
    }

    /** The Merkle node compression, as {@link Poseidon2Hash#compress}. */
    static Variable[] compress(CircuitBuilder b, Variable[] left, Variable[] right) {
        Variable zero = b.constant(0);
        Variable[] state = new Variable[Poseidon2.WIDTH];
        System.arraycopy(left, 0, state, 0, 4);
        System.arraycopy(right, 0, state, 4, 4);
        state[8] = zero;
        state[9] = zero;
        state[10] = zero;
        state[11] = b.constant(1);
        return Arrays.copyOf(b.poseidon2(state), 4);
    }

    /** {@code Poseidon2(previous || elements)}, one link of a hash chain. */
    static Variable[] chain(CircuitBuilder b, Variable[] previous, Variable... elements) {
        Variable[] input = Arrays.copyOf(previous, 4 + elements.length);
        System.arraycopy(elements, 0, input, 4, elements.length);
        return hash(b, input);
    }

    static Variable[] select(CircuitBuilder b, Variable s, Variable[] ifTrue, Variable[] ifFalse) {
        Variable[] out = new Variable[ifTrue.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.select(s, ifTrue[i], ifFalse[i]);
        }
        return out;
    }

    static void assertEqual(CircuitBuilder b, Variable[] x, Variable[] y) {
        for (int i = 0; i < x.length; i++) {
            b.assertEqual(x[i], y[i]);
        }
    }

    static void publicInputs(CircuitBuilder b, Variable[] values) {
        for (Variable v : values) {
            b.publicInput(v);
        }
    }

    static Variable[] concat(Variable[]... parts) {
        return Arrays.stream(parts).flatMap(Arrays::stream).toArray(Variable[]::new);
    }
}
