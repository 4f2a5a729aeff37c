package io.proofline.plonkish;

import io.proofline.field.Goldilocks;
import io.proofline.plonkish.gates.BaseAlgebra;
import io.proofline.plonkish.gates.Gate;
import io.proofline.plonkish.gates.GateCells;
import java.util.List;

/**
 * Checks a witness row by row: every gate instance's constraints, then the named equalities
 * ({@link CircuitBuilder#assertEqual(Variable, Variable, String)}) in the order they were
 * asserted, then every copy constraint. Stops at the first failure and says where it is, and
 * for a named equality which check it is.
 */
public final class SatisfiabilityChecker {

    private SatisfiabilityChecker() {
    }

    public static SatisfiabilityReport check(Circuit circuit, WitnessVector witness) {
        Geometry g = circuit.geometry();
        int n = g.rows();
        if (witness.columns().length != g.copyColumns() + g.witnessColumns()) {
            return SatisfiabilityReport.failed("witness has " + witness.columns().length + " columns, the geometry "
                    + (g.copyColumns() + g.witnessColumns()));
        }
        TraceLayout layout = TraceLayout.of(circuit);
        long[][] constants = layout.constantColumns();
        List<GateRow> rows = circuit.rows();
        int[] piRows = circuit.publicInputRows();
        for (int r = 0; r < rows.size(); r++) {
            Gate gate = rows.get(r).gate;
            long pi = publicInputAt(piRows, witness.publicInputs(), r);
            for (int k = 0; k < rows.get(r).capacity; k++) {
                RowCells cells = new RowCells(witness.columns(), constants, g.copyColumns(), gate, r, k, pi);
                int[] index = {0};
                int instance = k;
                int row = r;
                String[] failure = {null};
                gate.evaluate(BaseAlgebra.INSTANCE, cells, value -> {
                    if (value != 0 && failure[0] == null) {
                        failure[0] = "row " + row + ", gate " + gate.name() + ", instance " + instance + ", constraint "
                                + index[0] + " evaluates to " + Goldilocks.toString(value) + " instead of 0";
                    }
                    index[0]++;
                });
                if (failure[0] != null) {
                    return SatisfiabilityReport.failed(failure[0]);
                }
            }
        }
        String labeled = firstBrokenLabel(circuit, layout, witness);
        if (labeled != null) {
            return SatisfiabilityReport.failed(labeled);
        }
        int[] next = layout.copyPermutation();
        for (int c = 0; c < next.length; c++) {
            long here = witness.columns()[c / n][c % n];
            long there = witness.columns()[next[c] / n][next[c] % n];
            if (here != there) {
                return SatisfiabilityReport.failed("copy constraint broken: column " + c / n + " row " + c % n + " holds "
                        + Goldilocks.toString(here) + " but column " + next[c] / n + " row " + next[c] % n + " holds "
                        + Goldilocks.toString(there));
            }
        }
        return SatisfiabilityReport.SATISFIED;
    }

    /**
     * The first named equality whose variables' first cells differ, in words, or null. A variable
     * in no copy cell is unconstrained by the trace, so its equalities cannot fail.
     */
    private static String firstBrokenLabel(Circuit circuit, TraceLayout layout, WitnessVector witness) {
        int n = circuit.geometry().rows();
        int[] cells = layout.firstCells();
        for (Circuit.LabeledEquality eq : circuit.labeledEqualities()) {
            int a = cells[eq.a()];
            int b = cells[eq.b()];
            if (a < 0 || b < 0) {
                continue;
            }
            long x = witness.columns()[a / n][a % n];
            long y = witness.columns()[b / n][b % n];
            if (x != y) {
                return "check failed: " + eq.label() + " (" + Goldilocks.toString(x) + " at column " + a / n + " row "
                        + a % n + ", expected " + Goldilocks.toString(y) + " at column " + b / n + " row " + b % n + ")";
            }
        }
        return null;
    }

    private static long publicInputAt(int[] piRows, long[] values, int row) {
        for (int i = 0; i < piRows.length; i++) {
            if (piRows[i] == row) {
                return i < values.length ? values[i] : 0;
            }
        }
        return 0;
    }

    /** The cells of one instance in a row of a base-field trace. */
    private record RowCells(long[][] trace, long[][] constants, int copyColumns, Gate gate, int row, int instance, long pi)
            implements GateCells<Long> {

        @Override
        public Long copy(int i) {
            return trace[instance * gate.copyCells() + i][row];
        }

        @Override
        public Long witness(int i) {
            return trace[copyColumns + instance * gate.witnessCells() + i][row];
        }

        @Override
        public Long rowConstant(int i) {
            return constants[i][row];
        }

        @Override
        public Long instanceConstant(int i) {
            return constants[gate.rowConstants() + instance * gate.instanceConstants() + i][row];
        }

        @Override
        public Long publicInput() {
            return pi;
        }
    }
}
