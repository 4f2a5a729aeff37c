package io.proofline.circuits.aggregation;

import static io.proofline.circuits.aggregation.Constraints.slice;

import io.proofline.plonkish.CircuitBuilder;
import io.proofline.plonkish.Geometry;
import io.proofline.plonkish.Variable;
import io.proofline.plonkish.VerificationKey;
import io.proofline.plonkish.gates.Gate;
import java.util.Arrays;
import java.util.List;

/**
 * What leaf and node circuits share, so that one node circuit verifies proofs of both with the
 * inner key's setup cap as a witness: the same {@link Geometry#standard(int)} geometry, the same
 * gate list (every kind of {@link Gate#all()} but {@code merkle_level} and {@code range_62} is
 * placed: the recursion circuits predate them and their keys stay as pinned), the same public-input rows (the 33
 * public inputs are placed before any other gate, on rows 0..32) and the same FRI parameters.
 * The last is not part of a circuit: generate leaf and node keys with one prover configuration;
 * {@link #requireSameShape} checks keys.
 *
 * <p>Public inputs: {@code [0]} type id, {@code [1..4]} leaf key commitment, {@code [5..8]}
 * node key commitment, {@code [9..20]} the range's input chains, {@code [21..32]} its output
 * chains ({@link AggregationIo}).
 */
public final class RecursionShape {

    public static final int PUBLIC_INPUTS = 33;
    public static final int TYPE_ID = 0;
    public static final int LEAF_KEY = 1;
    public static final int NODE_KEY = 5;
    public static final int RANGE_IN = 9;
    public static final int RANGE_OUT = 21;

    private RecursionShape() {
    }

    public static Geometry geometry(int logRows) {
        return Geometry.standard(logRows);
    }

    /**
     * Requires two keys (leaf and node, or two leaves) to have the same shape, so that one
     * node circuit's verifier accepts proofs under either.
     *
     * @throws IllegalArgumentException naming the first difference
     */
    public static void requireSameShape(VerificationKey a, VerificationKey b) {
        require(a.geometry().equals(b.geometry()), "geometries differ: " + a.geometry() + " and " + b.geometry());
        require(a.fri().equals(b.fri()), "FRI parameters differ: " + a.fri() + " and " + b.fri());
        require(a.gates().equals(b.gates()), "gate lists differ: " + names(a.gates()) + " and " + names(b.gates()));
        require(Arrays.equals(a.publicInputRows(), b.publicInputRows()), "public-input rows differ: "
                + Arrays.toString(a.publicInputRows()) + " and " + Arrays.toString(b.publicInputRows()));
        require(a.setupCap().roots().size() == b.setupCap().roots().size(), "setup caps differ in size");
    }

    /** The 33 public-input variables named by their role. */
    record Io(Variable typeId, Variable[] leafKey, Variable[] nodeKey, Variable[] in, Variable[] out) {

        static Io of(Variable[] pi) {
            if (pi.length != PUBLIC_INPUTS) {
                throw new IllegalArgumentException("a leaf or node proof has " + PUBLIC_INPUTS + " public inputs, got " + pi.length);
            }
            return new Io(pi[TYPE_ID], slice(pi, LEAF_KEY, 4), slice(pi, NODE_KEY, 4),
                    slice(pi, RANGE_IN, AggregationIo.Chains.ELEMENTS), slice(pi, RANGE_OUT, AggregationIo.Chains.ELEMENTS));
        }

        Variable[] all() {
            return Constraints.concat(new Variable[] {typeId}, leafKey, nodeKey, in, out);
        }
    }

    /**
     * Makes {@code io} the circuit's public inputs, in order, then places one instance of every
     * gate kind. Called before any other gate, so the public inputs are rows 0..32 in every
     * circuit of the shape (a public input takes a row of its own).
     *
     * @throws IllegalStateException if a gate was placed before
     */
    static void begin(CircuitBuilder b, Io io) {
        if (b.rowsUsed() != 0) {
            throw new IllegalStateException("the public inputs must come before any other gate, but "
                    + b.rowsUsed() + " rows are in use");
        }
        for (Variable v : io.all()) {
            b.publicInput(v);
        }
        placeEveryGate(b);
    }

    /**
     * One instance of each gate kind but {@code merkle_level} and {@code range_62} on zeros;
     * whatever else the circuit uses, its gate list is {@link Gate#all()} without them.
     */
    private static void placeEveryGate(CircuitBuilder b) {
        Variable zero = b.constant(0);
        Variable[] pair = {zero, zero};
        b.fma(1, zero, zero, 1, zero);
        b.extFma(1, pair, pair, 1, pair);
        b.assertBoolean(zero);
        b.rangeCheck(zero, 4);
        b.select(zero, zero, zero);
        b.conditionalSwap(zero, zero, zero);
        b.isZero(zero);
        b.poseidon2(Constraints.zeros(b, 12));
    }

    private static List<String> names(List<Gate> gates) {
        return gates.stream().map(Gate::name).toList();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
