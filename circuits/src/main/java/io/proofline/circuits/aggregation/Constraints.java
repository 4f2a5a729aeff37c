package io.proofline.circuits.aggregation;

import io.proofline.plonkish.CircuitBuilder;
import io.proofline.plonkish.Variable;
import io.proofline.poseidon2.Digest;
import io.proofline.poseidon2.Poseidon2;
import io.proofline.poseidon2.Poseidon2Hash;
import java.util.Arrays;

/** The small in-circuit pieces the aggregation circuits share, on vectors of variables. */
final class Constraints {

    private Constraints() {
    }

    static Variable[] allocate(CircuitBuilder b, int count) {
        Variable[] out = new Variable[count];
        for (int i = 0; i < count; i++) {
            out[i] = b.allocate();
        }
        return out;
    }

    static Variable[] constants(CircuitBuilder b, Digest d) {
        Variable[] out = new Variable[Digest.ELEMENTS];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.constant(d.element(i));
        }
        return out;
    }

    static Variable[] zeros(CircuitBuilder b, int count) {
        Variable[] out = new Variable[count];
        Arrays.fill(out, b.constant(0));
        return out;
    }

    /**
     * Requires {@code x == y} element by element. {@code what} names the check; it becomes the
     * label of {@code CircuitBuilder.assertEqual(a, b, label)} once that form is available, so
     * that a refused witness says which check failed.
     */
    static void requireEqual(CircuitBuilder b, Variable[] x, Variable[] y, String what) {
        requireLength(x, y, what);
        for (int i = 0; i < x.length; i++) {
            b.assertEqual(x[i], y[i], what);
        }
    }

    static void requireEqual(CircuitBuilder b, Variable x, Variable y, String what) {
        requireEqual(b, new Variable[] {x}, new Variable[] {y}, what);
    }

    /**
     * Requires {@code x == y} where the boolean {@code when} is 1, and nothing where it is 0:
     * {@code when * (x - y) == 0} by two multiply-adds per element.
     */
    static void requireEqualWhen(CircuitBuilder b, Variable when, Variable[] x, Variable[] y, String what) {
        requireLength(x, y, what);
        Variable[] products = new Variable[x.length];
        for (int i = 0; i < x.length; i++) {
            products[i] = b.mul(when, b.sub(x[i], y[i]));
        }
        requireEqual(b, products, zeros(b, x.length), what);
    }

    static Variable not(CircuitBuilder b, Variable bit) {
        return b.sub(b.constant(1), bit);
    }

    /** {@code s ? x : y} element by element; each selection also constrains {@code s} to be boolean. */
    static Variable[] select(CircuitBuilder b, Variable s, Variable[] x, Variable[] y) {
        Variable[] out = new Variable[x.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.select(s, x[i], y[i]);
        }
        return out;
    }

    /**
     * Gives the variables {@code target}, allocated earlier without a value (public inputs placed
     * before anything else), the values of {@code value} and constrains them equal.
     */
    static void bind(CircuitBuilder b, Variable[] target, Variable[] value, String what) {
        // requireEqual refuses vectors of different lengths before the circuit is built
        b.resolver(value, target, in -> in.clone());
        requireEqual(b, target, value, what);
    }

    /** The sponge hash, exactly as {@link Poseidon2Hash#hash(long[])} computes it. */
    static Variable[] hash(CircuitBuilder b, Variable... input) {
        Variable[] state = zeros(b, Poseidon2.WIDTH);
        state[Poseidon2Hash.RATE] = b.constant(input.length);
        if (input.length == 0) {
            state = b.poseidon2(state);
        }
        for (int pos = 0; pos < input.length; pos += Poseidon2Hash.RATE) {
            int chunk = Math.min(Poseidon2Hash.RATE, input.length - pos);
            System.arraycopy(input, pos, state, 0, chunk);
            state = b.poseidon2(state);
        }
        return Arrays.copyOf(state, Digest.ELEMENTS);
    }

    static Variable[] slice(Variable[] v, int from, int length) {
        return Arrays.copyOfRange(v, from, from + length);
    }

    static Variable[] concat(Variable[]... parts) {
        return Arrays.stream(parts).flatMap(Arrays::stream).toArray(Variable[]::new);
    }

    private static void requireLength(Variable[] x, Variable[] y, String what) {
        if (x.length != y.length) {
            throw new IllegalArgumentException(what + ": " + x.length + " variables against " + y.length);
        }
    }
}
