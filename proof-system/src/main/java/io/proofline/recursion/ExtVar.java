package io.proofline.recursion;

import io.proofline.plonkish.Variable;

/** An extension-field element {@code c0 + c1 u} ({@code u^2 = 7}) held by two circuit variables. */
public record ExtVar(Variable c0, Variable c1) {

    /** Both coordinates, in the order the transcript observes them. */
    public Variable[] coordinates() {
        return new Variable[] {c0, c1};
    }
}
