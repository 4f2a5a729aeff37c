package io.proofline.plonkish.gates;

/** Multiply-add in the base field: {@code k0 * a * b + k1 * c = d}, cells a, b, c, d; k0, k1 are row constants. */
public final class FmaGate implements Gate {

    public static final FmaGate INSTANCE = new FmaGate();

    private FmaGate() {
    }

    @Override
    public String name() {
        return "fma";
    }

    @Override
    public int copyCells() {
        return 4;
    }

    @Override
    public int degree() {
        return 3;
    }

    @Override
    public int constraints() {
        return 1;
    }

    @Override
    public int rowConstants() {
        return 2;
    }

    @Override
    public <T> void evaluate(Algebra<T> f, GateCells<T> c, ConstraintSink<T> out) {
        T ab = f.mul(f.mul(c.rowConstant(0), c.copy(0)), c.copy(1));
        out.constraint(f.sub(f.add(ab, f.mul(c.rowConstant(1), c.copy(2))), c.copy(3)));
    }
}
