package io.proofline.plonkish.gates;

import io.proofline.field.Goldilocks;

/**
 * Zero check: cells x, inv, isZero with {@code x * inv = 1 - isZero} and {@code x * isZero = 0},
 * so isZero is 1 exactly when x is 0 (inv is x's inverse, or anything when x is 0).
 */
public final class ZeroCheckGate implements Gate {

    public static final ZeroCheckGate INSTANCE = new ZeroCheckGate();

    private ZeroCheckGate() {
    }

    @Override
    public String name() {
        return "zero_check";
    }

    @Override
    public int copyCells() {
        return 3;
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
        T x = c.copy(0);
        T isZero = c.copy(2);
        // x * inv - 1 + isZero
        out.constraint(f.add(f.addConstant(f.mul(x, c.copy(1)), Goldilocks.P - 1), isZero));
        out.constraint(f.mul(x, isZero));
    }

    @Override
    public long[] paddingCopyCells() {
        return new long[] {0, 0, 1};
    }
}
