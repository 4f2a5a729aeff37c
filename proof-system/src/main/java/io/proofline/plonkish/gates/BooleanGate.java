package io.proofline.plonkish.gates;

/** {@code a * (a - 1) = 0}: the cell is 0 or 1. */
public final class BooleanGate implements Gate {

    public static final BooleanGate INSTANCE = new BooleanGate();

    private BooleanGate() {
    }

    @Override
    public String name() {
        return "boolean";
    }

    @Override
    public int copyCells() {
        return 1;
    }

    @Override
    public int degree() {
        return 2;
    }

    @Override
    public int constraints() {
        return 1;
    }

    @Override
    public <T> void evaluate(Algebra<T> f, GateCells<T> c, ConstraintSink<T> out) {
        T a = c.copy(0);
        out.constraint(f.sub(f.square(a), a));
    }
}
