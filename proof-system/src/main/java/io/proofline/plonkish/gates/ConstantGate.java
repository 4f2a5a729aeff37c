package io.proofline.plonkish.gates;

/** Fixes a cell to a constant: {@code a = k}, with k an instance constant. */
public final class ConstantGate implements Gate {

    public static final ConstantGate INSTANCE = new ConstantGate();

    private ConstantGate() {
    }

    @Override
    public String name() {
        return "constant";
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
    public int instanceConstants() {
        return 1;
    }

    @Override
    public <T> void evaluate(Algebra<T> f, GateCells<T> c, ConstraintSink<T> out) {
        out.constraint(f.sub(c.copy(0), c.instanceConstant(0)));
    }
}
