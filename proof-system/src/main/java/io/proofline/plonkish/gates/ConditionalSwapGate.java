package io.proofline.plonkish.gates;

/** Conditional swap: cells s, a, b, out0, out1 with s boolean; {@code (out0, out1) = s ? (b, a) : (a, b)}. */
public final class ConditionalSwapGate implements Gate {

    public static final ConditionalSwapGate INSTANCE = new ConditionalSwapGate();

    private ConditionalSwapGate() {
    }

    @Override
    public String name() {
        return "conditional_swap";
    }

    @Override
    public int copyCells() {
        return 5;
    }

    @Override
    public int degree() {
        return 2;
    }

    @Override
    public int constraints() {
        return 3;
    }

    @Override
    public <T> void evaluate(Algebra<T> f, GateCells<T> c, ConstraintSink<T> out) {
        T s = c.copy(0);
        T a = c.copy(1);
        T b = c.copy(2);
        T delta = f.mul(s, f.sub(b, a));
        out.constraint(f.sub(f.square(s), s));
        out.constraint(f.sub(c.copy(3), f.add(a, delta)));
        out.constraint(f.sub(c.copy(4), f.sub(b, delta)));
    }
}
