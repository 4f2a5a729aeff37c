package io.proofline.plonkish;

import io.proofline.plonkish.gates.Gate;
import java.util.List;
import java.util.Optional;

/**
 * Whether setup data belongs to a circuit: its key's geometry, gates and public-input rows and
 * its fixed columns (constants, selectors, copy-permutation sigmas) must be the ones the circuit
 * defines.
 *
 * <p>{@link SetupCodec#decode} checks a setup file only against itself (digest, columns against
 * the key's cap), so a file written by someone else passes it with a key of its own: identity
 * sigmas switch off every copy constraint, a changed constant or selector changes what a gate
 * checks, moved public-input rows bind the public values to other cells. Any of these lets false
 * statements be proven under that key. Rebuilding the expected columns needs no LDE: it costs
 * about as much as building the circuit.
 */
public final class SetupCheck {

    private SetupCheck() {
    }

    /** What differs between the setup and the circuit, first difference first; empty if nothing does. */
    public static Optional<String> difference(Circuit circuit, SetupData setup) {
        return difference(circuit, setup.key(), setup.columns());
    }

    /** As {@link #difference(Circuit, SetupData)}, for a stored setup whose LDE is not built. */
    public static Optional<String> difference(Circuit circuit, StoredSetup setup) {
        return difference(circuit, setup.key(), setup.columns());
    }

    private static Optional<String> difference(Circuit circuit, VerificationKey key, long[][] columns) {
        if (!key.geometry().equals(circuit.geometry())) {
            return Optional.of("geometry " + key.geometry() + " differs from the circuit's " + circuit.geometry());
        }
        if (!key.gates().equals(circuit.gates())) {
            return Optional.of("gates " + names(key.gates()) + " differ from the circuit's " + names(circuit.gates()));
        }
        int[] rows = key.publicInputRows();
        int[] expectedRows = circuit.publicInputRows();
        if (rows.length != expectedRows.length) {
            return Optional.of(rows.length + " public inputs differ from the circuit's " + expectedRows.length);
        }
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] != expectedRows[i]) {
                return Optional.of("public-input rows differ from the circuit's: public input " + i + " is read at row "
                        + rows[i] + ", the circuit's at row " + expectedRows[i]);
            }
        }
        return columnDifference(circuit, columns);
    }

    private static Optional<String> columnDifference(Circuit circuit, long[][] columns) {
        long[][] expected = Setup.fixedColumns(circuit);
        if (columns.length != expected.length) {
            return Optional.of(columns.length + " setup columns differ from the circuit's " + expected.length);
        }
        String first = null;
        long cells = 0;
        for (int c = 0; c < expected.length; c++) {
            for (int r = 0; r < expected[c].length; r++) {
                if (columns[c][r] != expected[c][r]) {
                    if (first == null) {
                        first = columnName(circuit, c) + " differs from the circuit's at row " + r;
                    }
                    cells++;
                }
            }
        }
        return first == null ? Optional.empty() : Optional.of(first + " (" + cells + (cells == 1 ? " cell differs)" : " cells differ)"));
    }

    /** Setup column {@code c} by kind: constants, then selectors, then copy-permutation sigmas. */
    private static String columnName(Circuit circuit, int c) {
        int constants = circuit.geometry().constantColumns();
        int selectors = circuit.gates().size();
        if (c < constants) {
            return "constant column " + c;
        }
        if (c < constants + selectors) {
            return "selector column " + (c - constants) + " (gate " + circuit.gates().get(c - constants).name() + ")";
        }
        return "sigma column " + (c - constants - selectors) + " (copy constraints)";
    }

    private static List<String> names(List<Gate> gates) {
        return gates.stream().map(Gate::name).toList();
    }
}
