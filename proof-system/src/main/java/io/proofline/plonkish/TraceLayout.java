package io.proofline.plonkish;

import io.proofline.plonkish.gates.Gate;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Where every variable lands in the trace, and the fixed columns that follow from it.
 *
 * <p>Instance {@code k} of a row's gate uses copy columns {@code [k c, (k+1) c)} for
 * {@code c = gate.copyCells()}, witness-only columns {@code [k w, (k+1) w)}, and constant
 * columns from {@code gate.rowConstants() + k * gate.instanceConstants()}. Unused instance
 * slots get the gate's padding values; unused rows are all zero with no gate.
 */
final class TraceLayout {

    /** Rows per task of {@link #trace}. */
    private static final int TRACE_BLOCK = 4096;

    private final Circuit circuit;
    private final Geometry g;
    /** Copy cell {@code column * rows + row} to its variable, or -1. */
    private final int[] copyCellVariable;

    private TraceLayout(Circuit circuit) {
        this.circuit = circuit;
        this.g = circuit.geometry();
        int n = g.rows();
        copyCellVariable = new int[g.copyColumns() * n];
        Arrays.fill(copyCellVariable, -1);
        List<GateRow> rows = circuit.rows();
        for (int r = 0; r < rows.size(); r++) {
            GateRow row = rows.get(r);
            int width = row.gate.copyCells();
            for (int k = 0; k < row.copyVariables.size(); k++) {
                int[] vars = row.copyVariables.get(k);
                for (int i = 0; i < vars.length; i++) {
                    copyCellVariable[(k * width + i) * n + r] = vars[i];
                }
            }
        }
    }

    static TraceLayout of(Circuit circuit) {
        return new TraceLayout(circuit);
    }

    /**
     * The trace for the given variable values. Rows are laid out independently, a block of them
     * per task: a full instance is over a hundred megabytes of cells, written across every column.
     */
    static WitnessVector trace(Circuit circuit, long[] values) {
        Geometry g = circuit.geometry();
        long[][] columns = new long[g.copyColumns() + g.witnessColumns()][g.rows()];
        List<GateRow> rows = circuit.rows();
        int blocks = Math.ceilDiv(rows.size(), TRACE_BLOCK);
        IntStream.range(0, blocks).parallel().forEach(b -> {
            for (int r = b * TRACE_BLOCK; r < Math.min(rows.size(), (b + 1) * TRACE_BLOCK); r++) {
                GateRow row = rows.get(r);
                Gate gate = row.gate;
                for (int k = 0; k < row.capacity; k++) {
                    boolean used = k < row.copyVariables.size();
                    long[] padding = used ? null : gate.paddingCopyCells();
                    for (int i = 0; i < gate.copyCells(); i++) {
                        columns[k * gate.copyCells() + i][r] = used ? values[row.copyVariables.get(k)[i]] : padding[i];
                    }
                    if (used) {
                        int[] witness = row.witnessVariables.get(k);
                        for (int i = 0; i < witness.length; i++) {
                            columns[g.copyColumns() + k * gate.witnessCells() + i][r] = values[witness[i]];
                        }
                    }
                }
            }
        });
        int[] piRows = circuit.publicInputRows();
        long[] publicInputs = new long[piRows.length];
        for (int i = 0; i < piRows.length; i++) {
            publicInputs[i] = columns[0][piRows[i]];
        }
        return new WitnessVector(columns, publicInputs);
    }

    /** For every variable, the first copy cell holding it ({@code column * rows + row}), or -1. */
    int[] firstCells() {
        int[] out = new int[circuit.variableCount()];
        Arrays.fill(out, -1);
        for (int c = copyCellVariable.length - 1; c >= 0; c--) {
            if (copyCellVariable[c] >= 0) {
                out[copyCellVariable[c]] = c;
            }
        }
        return out;
    }

    /** Per-row constants, {@code constantColumns x rows}. */
    long[][] constantColumns() {
        int n = g.rows();
        long[][] columns = new long[g.constantColumns()][n];
        List<GateRow> rows = circuit.rows();
        for (int r = 0; r < rows.size(); r++) {
            GateRow row = rows.get(r);
            for (int i = 0; i < row.rowConstants.length; i++) {
                columns[i][r] = row.rowConstants[i];
            }
            for (int k = 0; k < row.instanceConstants.size(); k++) {
                long[] own = row.instanceConstants.get(k);
                for (int i = 0; i < own.length; i++) {
                    columns[row.rowConstants.length + k * row.gate.instanceConstants() + i][r] = own[i];
                }
            }
        }
        return columns;
    }

    /** One 0/1 column per gate kind in use, in {@link Circuit#gates()} order. */
    long[][] selectorColumns() {
        List<Gate> gates = circuit.gates();
        long[][] columns = new long[gates.size()][g.rows()];
        List<GateRow> rows = circuit.rows();
        for (int r = 0; r < rows.size(); r++) {
            columns[gates.indexOf(rows.get(r).gate)][r] = 1;
        }
        return columns;
    }

    /**
     * The copy permutation as cell successors: cell {@code c} (index {@code column * rows + row})
     * maps to the next cell holding a variable of the same equality class, cycling; cells holding
     * no variable map to themselves.
     */
    int[] copyPermutation() {
        int cells = copyCellVariable.length;
        int[] parent = new int[circuit.variableCount()];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        for (int[] pair : circuit.copies()) {
            int a = find(parent, pair[0]);
            int b = find(parent, pair[1]);
            if (a != b) {
                parent[a] = b;
            }
        }
        int[] next = new int[cells];
        // first and last cell seen per class; link each new cell after the last, close cycles at the end
        int[] first = new int[parent.length];
        int[] last = new int[parent.length];
        Arrays.fill(first, -1);
        for (int c = 0; c < cells; c++) {
            int v = copyCellVariable[c];
            if (v < 0) {
                next[c] = c;
                continue;
            }
            int root = find(parent, v);
            if (first[root] < 0) {
                first[root] = c;
            } else {
                next[last[root]] = c;
            }
            last[root] = c;
        }
        for (int root = 0; root < parent.length; root++) {
            if (first[root] >= 0) {
                next[last[root]] = first[root];
            }
        }
        return next;
    }

    private static int find(int[] parent, int v) {
        while (parent[v] != v) {
            parent[v] = parent[parent[v]];
            v = parent[v];
        }
        return v;
    }
}
