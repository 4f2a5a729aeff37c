package io.proofline.circuits.base;

import io.proofline.plonkish.Circuit;
import io.proofline.plonkish.CircuitBuilder;
import io.proofline.plonkish.Geometry;
import java.util.function.BiConsumer;

/**
 * Builds the base circuits of a protocol version for given capacities, each in the smallest
 * power-of-two number of rows of the standard geometry that holds it. A protocol version fixes
 * the circuits, so their keys: versions 1 and 2 share one set; from version 3 on
 * ({@link #WIDE_ROWS_SINCE}) storage application hashes each Merkle level in one row and
 * transfer execution range-checks with base-4 limbs in the witness columns.
 */
public final class BaseCircuits {

    /** The newest protocol version whose circuits this build defines; {@code commitments.json} pins it last. */
    public static final int NEWEST_PROTOCOL_VERSION = 3;
    /** The first protocol version whose circuits use {@code MerkleLevelGate} and {@code Range62Gate}. */
    public static final int WIDE_ROWS_SINCE = 3;

    private BaseCircuits() {
    }

    /** The circuit of {@code type} for the newest protocol version. */
    public static Circuit build(CircuitType type, CircuitCapacities caps) {
        return build(type, caps, NEWEST_PROTOCOL_VERSION);
    }

    /** @throws IllegalArgumentException for a protocol version this build does not define */
    public static Circuit build(CircuitType type, CircuitCapacities caps, int protocolVersion) {
        boolean wideRows = circuitSet(protocolVersion) > 1;
        return switch (type) {
            case TRANSFER_EXECUTION -> fit((b, n) -> TransferExecutionCircuit.define(b, n, wideRows),
                    caps.transactionsPerInstance());
            case STORAGE_APPLICATION -> fit((b, n) -> StorageApplicationCircuit.define(b, n, wideRows),
                    caps.accessesPerInstance());
        };
    }

    /**
     * Which set of circuit definitions a protocol version uses, counted from 1: 1 for versions 1
     * and 2, 2 from {@link #WIDE_ROWS_SINCE} on. Key files carry it from 2 on ({@code -c2}), so
     * that versions with different circuits never share a file.
     *
     * @throws IllegalArgumentException for a protocol version this build does not define
     */
    public static int circuitSet(int protocolVersion) {
        if (protocolVersion < 1 || protocolVersion > NEWEST_PROTOCOL_VERSION) {
            throw new IllegalArgumentException("protocol version " + protocolVersion + " is not one this build defines circuits for"
                    + " (1 to " + NEWEST_PROTOCOL_VERSION + ")");
        }
        return protocolVersion >= WIDE_ROWS_SINCE ? 2 : 1;
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
