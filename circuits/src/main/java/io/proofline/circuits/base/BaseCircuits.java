package io.proofline.circuits.base;

import io.proofline.plonkish.Circuit;
import io.proofline.plonkish.CircuitBuilder;
import io.proofline.plonkish.Geometry;
import java.util.function.BiConsumer;

/**
 * Builds the base circuits for given capacities, each in the smallest power-of-two number of
 * rows of the standard geometry that holds it.
 */
public final class BaseCircuits {

    private BaseCircuits() {
    }

    public static Circuit build(CircuitType type, CircuitCapacities caps) {
        return switch (type) {
            case TRANSFER_EXECUTION -> fit((b, n) -> TransferExecutionCircuit.define(b, n), caps.transactionsPerInstance());
            case STORAGE_APPLICATION -> fit((b, n) -> StorageApplicationCircuit.define(b, n), caps.accessesPerInstance());
        };
    }

    private static Circuit fit(BiConsumer<CircuitBuilder, Integer> definition, int slots) {
        CircuitBuilder probe = new CircuitBuilder(Geometry.standard(Geometry.MAX_LOG_ROWS));
        definition.accept(probe, slots);
        int logRows = Math.max(4, 32 - Integer.numberOfLeadingZeros(Math.max(1, probe.rowsUsed() - 1)));
        CircuitBuilder b = new CircuitBuilder(Geometry.standard(logRows));
        definition.accept(b, slots);
        return b.build();
    }
}
