package io.proofline.plonkish;

import io.proofline.field.Goldilocks;
import io.proofline.plonkish.gates.Gate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * A built circuit: its rows of placed gates, copy constraints, public inputs and witness
 * resolvers. Immutable; {@link #resolve} turns input values into a {@link WitnessVector}.
 */
public final class Circuit {

    /** A registered resolver with the variables it reads and writes. */
    record Resolution(int[] inputs, int[] outputs, WitnessResolver resolver) {
    }

    /** A copy constraint with a name for reports. */
    record LabeledEquality(String label, int a, int b) {
    }

    private final Geometry geometry;
    private final List<GateRow> rows;
    private final int variables;
    private final int[] inputs;
    private final List<Resolution> resolvers;
    private final List<int[]> copies;
    private final List<LabeledEquality> labeled;
    private final int[] publicInputRows;
    private final List<Gate> gates;

    Circuit(Geometry geometry, List<GateRow> rows, int variables, int[] inputs, List<Resolution> resolvers,
            List<int[]> copies, List<LabeledEquality> labeled, int[] publicInputRows) {
        this.geometry = geometry;
        this.rows = rows;
        this.variables = variables;
        this.inputs = inputs;
        this.resolvers = resolvers;
        this.copies = copies;
        this.labeled = labeled;
        this.publicInputRows = publicInputRows;
        List<Gate> used = new ArrayList<>();
        for (Gate g : Gate.all()) {
            if (rows.stream().anyMatch(r -> r.gate == g)) {
                used.add(g);
            }
        }
        this.gates = List.copyOf(used);
    }

    public Geometry geometry() {
        return geometry;
    }

    /** The gate kinds in use, in {@link Gate#all()} order: selector column {@code i} belongs to gate {@code i}. */
    public List<Gate> gates() {
        return gates;
    }

    public int rowsUsed() {
        return rows.size();
    }

    /**
     * The trace cells that hold a variable of some gate instance: what the circuit assigns, against
     * the rows times columns that the prover commits to whether used or not.
     */
    public long assignedCells() {
        long cells = 0;
        for (GateRow row : rows) {
            for (int[] copy : row.copyVariables) {
                cells += copy.length;
            }
            for (int[] witness : row.witnessVariables) {
                cells += witness.length;
            }
        }
        return cells;
    }

    public int inputCount() {
        return inputs.length;
    }

    public int variableCount() {
        return variables;
    }

    /** The rows of the public inputs, in public-input order. */
    public int[] publicInputRows() {
        return publicInputRows.clone();
    }

    List<GateRow> rows() {
        return rows;
    }

    /** The first row holding {@code gate}, or -1. */
    int firstRowOf(Gate gate) {
        for (GateRow row : rows) {
            if (row.gate == gate) {
                return row.index;
            }
        }
        return -1;
    }

    List<int[]> copies() {
        return copies;
    }

    /** The named equalities, in the order they were asserted (all are also in {@link #copies()}). */
    List<LabeledEquality> labeledEqualities() {
        return labeled;
    }

    /**
     * Runs the resolvers on the inputs and lays the values out as a trace.
     *
     * @throws IllegalArgumentException for a wrong number of inputs or a non-canonical input
     * @throws IllegalStateException if the circuit reads a variable before it has a value
     */
    public WitnessVector resolve(long[] inputValues) {
        return TraceLayout.trace(this, resolveVariables(inputValues));
    }

    /** The value of every variable. */
    public long[] resolveVariables(long[] inputValues) {
        if (inputValues.length != inputs.length) {
            throw new IllegalArgumentException("the circuit takes " + inputs.length + " inputs, got " + inputValues.length);
        }
        long[] values = new long[variables];
        BitSet known = new BitSet(variables);
        for (int i = 0; i < inputs.length; i++) {
            if (!Goldilocks.isCanonical(inputValues[i])) {
                throw new IllegalArgumentException("input " + i + " is not a canonical field element: "
                        + Long.toUnsignedString(inputValues[i]));
            }
            values[inputs[i]] = inputValues[i];
            known.set(inputs[i]);
        }
        for (int r = 0; r < resolvers.size(); r++) {
            Resolution res = resolvers.get(r);
            long[] in = new long[res.inputs().length];
            for (int i = 0; i < in.length; i++) {
                int v = res.inputs()[i];
                if (!known.get(v)) {
                    throw new IllegalStateException("resolver " + r + " reads variable " + v + " before it has a value");
                }
                in[i] = values[v];
            }
            long[] out = res.resolver().resolve(in);
            if (out.length != res.outputs().length) {
                throw new IllegalStateException("resolver " + r + " returned " + out.length + " values for "
                        + res.outputs().length + " variables");
            }
            for (int i = 0; i < out.length; i++) {
                values[res.outputs()[i]] = Goldilocks.canonical(out[i]);
                known.set(res.outputs()[i]);
            }
        }
        int missing = known.nextClearBit(0);
        if (missing < variables) {
            throw new IllegalStateException("variable " + missing + " has no value: no input or resolver sets it");
        }
        return values;
    }

    @Override
    public String toString() {
        return "Circuit[" + geometry + ", rows used " + rows.size() + ", variables " + variables + ", gates "
                + gates.stream().map(Gate::name).toList() + ", public inputs " + Arrays.toString(publicInputRows) + "]";
    }
}
