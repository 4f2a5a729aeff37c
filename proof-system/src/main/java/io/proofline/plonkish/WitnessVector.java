package io.proofline.plonkish;

/**
 * A circuit's full column values, the prover's input: the copy-constrained columns, then the
 * witness-only columns, each {@code 2^logRows} long; and the public input values.
 */
public record WitnessVector(long[][] columns, long[] publicInputs) {

    public long value(int column, int row) {
        return columns[column][row];
    }

    /** A copy with one cell changed, for tests of what a prover or verifier rejects. */
    public WitnessVector withCell(int column, int row, long value) {
        long[][] copy = columns.clone();
        copy[column] = copy[column].clone();
        copy[column][row] = value;
        return new WitnessVector(copy, publicInputs.clone());
    }
}
