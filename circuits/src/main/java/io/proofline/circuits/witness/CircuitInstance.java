package io.proofline.circuits.witness;

import io.proofline.circuits.base.CircuitType;

/**
 * One base circuit instance of a batch: its type, its index among instances of that type, the
 * circuit inputs that witness vector generation resolves, and the public inputs it must yield.
 */
public record CircuitInstance(CircuitType type, int index, long[] inputs, long[] publicInputs) {

    public CircuitInstance {
        inputs = inputs.clone();
        publicInputs = publicInputs.clone();
    }

    @Override
    public long[] inputs() {
        return inputs.clone();
    }

    @Override
    public long[] publicInputs() {
        return publicInputs.clone();
    }
}
