package io.proofline.plonkish.gates;

import io.proofline.field.Goldilocks;

/** Single base-field values: for witness resolution and the row-by-row satisfiability check. */
public final class BaseAlgebra implements Algebra<Long> {

    public static final BaseAlgebra INSTANCE = new BaseAlgebra();

    private BaseAlgebra() {
    }

    @Override
    public Long add(Long a, Long b) {
        return Goldilocks.add(a, b);
    }

    @Override
    public Long sub(Long a, Long b) {
        return Goldilocks.sub(a, b);
    }

    @Override
    public Long mul(Long a, Long b) {
        return Goldilocks.mul(a, b);
    }

    @Override
    public Long constant(long c) {
        return Goldilocks.canonical(c);
    }

    @Override
    public Long scale(Long a, long c) {
        return Goldilocks.mul(a, Goldilocks.canonical(c));
    }
}
