package io.proofline.plonkish.gates;

import io.proofline.field.Ext2;
import io.proofline.field.Goldilocks;

/** Extension-field values: the verifier evaluates constraints at the out-of-domain point. */
public final class ExtAlgebra implements Algebra<Ext2> {

    public static final ExtAlgebra INSTANCE = new ExtAlgebra();

    private ExtAlgebra() {
    }

    @Override
    public Ext2 add(Ext2 a, Ext2 b) {
        return a.add(b);
    }

    @Override
    public Ext2 sub(Ext2 a, Ext2 b) {
        return a.sub(b);
    }

    @Override
    public Ext2 mul(Ext2 a, Ext2 b) {
        return a.mul(b);
    }

    @Override
    public Ext2 constant(long c) {
        return Ext2.of(Goldilocks.canonical(c));
    }

    @Override
    public Ext2 scale(Ext2 a, long c) {
        return a.mul(Goldilocks.canonical(c));
    }

    @Override
    public Ext2 addConstant(Ext2 a, long c) {
        return a.add(Goldilocks.canonical(c));
    }
}
