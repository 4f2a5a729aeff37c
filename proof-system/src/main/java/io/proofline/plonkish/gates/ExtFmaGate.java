package io.proofline.plonkish.gates;

import io.proofline.field.Ext2;

/**
 * Multiply-add in the extension field {@code F[x]/(x^2 - 7)}: {@code k0 * a * b + k1 * c = d}
 * with {@code a = (a0, a1)} and so on in cells a0, a1, b0, b1, c0, c1, d0, d1; k0, k1 are base
 * field row constants.
 */
public final class ExtFmaGate implements Gate {

    public static final ExtFmaGate INSTANCE = new ExtFmaGate();

    private ExtFmaGate() {
    }

    @Override
    public String name() {
        return "ext_fma";
    }

    @Override
    public int copyCells() {
        return 8;
    }

    @Override
    public int degree() {
        return 3;
    }

    @Override
    public int constraints() {
        return 2;
    }

    @Override
    public int rowConstants() {
        return 2;
    }

    @Override
    public <T> void evaluate(Algebra<T> f, GateCells<T> c, ConstraintSink<T> out) {
        T a0 = c.copy(0);
        T a1 = c.copy(1);
        T b0 = c.copy(2);
        T b1 = c.copy(3);
        T ab0 = f.add(f.mul(a0, b0), f.scale(f.mul(a1, b1), Ext2.W));
        T ab1 = f.add(f.mul(a0, b1), f.mul(a1, b0));
        T k0 = c.rowConstant(0);
        T k1 = c.rowConstant(1);
        out.constraint(f.sub(f.add(f.mul(k0, ab0), f.mul(k1, c.copy(4))), c.copy(6)));
        out.constraint(f.sub(f.add(f.mul(k0, ab1), f.mul(k1, c.copy(5))), c.copy(7)));
    }
}
