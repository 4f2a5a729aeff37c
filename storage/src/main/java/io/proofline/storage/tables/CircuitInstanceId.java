package io.proofline.storage.tables;

import io.proofline.circuits.base.CircuitType;
import java.util.Objects;

/** One base circuit instance of a batch: its type and its index among instances of that type. */
public record CircuitInstanceId(BatchId batch, CircuitType type, int index) {

    public CircuitInstanceId {
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(type, "type");
        if (index < 0) {
            throw new IllegalArgumentException("negative instance index " + index);
        }
    }

    @Override
    public String toString() {
        return batch + " " + type.label + " instance " + index;
    }
}
