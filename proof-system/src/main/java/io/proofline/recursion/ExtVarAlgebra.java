package io.proofline.recursion;

import io.proofline.plonkish.gates.Algebra;

/**
 * Gate constraints over extension-field circuit variables: evaluating a gate through it adds
 * the gates that compute the constraint's value at the out-of-domain point, from the same gate
 * code that the prover ({@code BlockAlgebra}) and the native verifier ({@code ExtAlgebra}) run.
 */
public final class ExtVarAlgebra implements Algebra<ExtVar> {

    private final CircuitExt ext;

    public ExtVarAlgebra(CircuitExt ext) {
        this.ext = ext;
    }

    @Override
    public ExtVar add(ExtVar a, ExtVar b) {
        return ext.add(a, b);
    }

    @Override
    public ExtVar sub(ExtVar a, ExtVar b) {
        return ext.sub(a, b);
    }

    @Override
    public ExtVar mul(ExtVar a, ExtVar b) {
        return ext.mul(a, b);
    }

    @Override
    public ExtVar constant(long c) {
        return ext.constant(c);
    }

    @Override
    public ExtVar scale(ExtVar a, long c) {
        return ext.scale(a, c);
    }

    @Override
    public ExtVar addConstant(ExtVar a, long c) {
        return ext.addConstant(a, c);
    }
}
