package io.proofline.plonkish;

/** A circuit needs more rows than its geometry has; {@link #rowsNeeded()} says how many, for sizing. */
public final class CircuitTooLargeException extends IllegalArgumentException {

    private final int rowsNeeded;

    CircuitTooLargeException(int rowsNeeded, Geometry geometry) {
        super("the circuit needs " + rowsNeeded + " rows but its geometry has " + geometry.rows() + " (logRows "
                + geometry.logRows() + ")");
        this.rowsNeeded = rowsNeeded;
    }

    public int rowsNeeded() {
        return rowsNeeded;
    }

    /** log2 of the smallest power-of-two row count that holds the circuit. */
    public int logRowsNeeded() {
        return 32 - Integer.numberOfLeadingZeros(Math.max(1, rowsNeeded - 1));
    }
}
