package io.proofline.plonkish.gates;

/** Selection: cells s, a, b, out with s boolean and {@code out = s ? a : b}. */
public final class SelectionGate implements Gate {

    public static final SelectionGate INSTANCE = new SelectionGate();

    private SelectionGate() {
    }

    @Override
    public String name() {
        return "select";
    }

    @Override
    public int copyCells() {
        return 4;
    }

    @Override
    public int degree() {
        return 2;
    }

    @Override
    public int constraints() {
        return 2;
    }

    @Override
    public <T> void evaluate(Algebra<T> f, GateCells<T> c, ConstraintSink<T> out) {
        T s = c.copy(0);
        T a = c.copy(1);
        T b = c.copy(2);
        out.constraint(f.sub(f.square(s), s));
        out.constraint(f.sub(c.copy(3), f.add(b, f.mul(s, f.sub(a, b)))));
    }
}
