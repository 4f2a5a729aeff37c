package io.proofline.plonkish.gates;

/**
 * Binds a cell to a public input: {@code a = PI(x)}, where {@code PI} interpolates the public
 * values at their rows and zero elsewhere; the verifier computes it from the values. One per row.
 */
public final class PublicInputGate implements Gate {

    public static final PublicInputGate INSTANCE = new PublicInputGate();

    private PublicInputGate() {
    }

    @Override
    public String name() {
        return "public_input";
    }

    @Override
    public int copyCells() {
        return 1;
    }

    @Override
    public int degree() {
        return 1;
    }

    @Override
    public int constraints() {
        return 1;
    }

    @Override
    public <T> void evaluate(Algebra<T> f, GateCells<T> c, ConstraintSink<T> out) {
        out.constraint(f.sub(c.copy(0), c.publicInput()));
    }

    @Override
    public int instancesPerRow(int copyColumns, int witnessColumns, int constantColumns) {
        return copyColumns >= 1 ? 1 : 0;
    }
}
