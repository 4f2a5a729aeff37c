package io.proofline.plonkish.gates;

/** Receives a gate's constraint values, in a fixed order; each must vanish on a satisfied row. */
@FunctionalInterface
public interface ConstraintSink<T> {

    void constraint(T value);
}
