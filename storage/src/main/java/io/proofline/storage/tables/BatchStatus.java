package io.proofline.storage.tables;

import java.util.Locale;

/**
 * How far a batch got, stored as the lowercase name. Batches move forward one stage at a time;
 * any stage may fail; a failed batch may resume at any stage (a restarted job picks up where it
 * stopped); a submitted batch is done.
 */
public enum BatchStatus {
    RECEIVED,
    WITNESS_GENERATED,
    PROVING,
    AGGREGATED,
    SUBMITTED,
    FAILED;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static BatchStatus fromDb(String value) {
        for (BatchStatus s : values()) {
            if (s.dbValue().equals(value)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown batch status '" + value + "'");
    }

    /** Whether a batch in this status may move to {@code next}. */
    public boolean canMoveTo(BatchStatus next) {
        return switch (this) {
            case SUBMITTED -> false;
            case FAILED -> next != FAILED;
            default -> next == FAILED || next.ordinal() == ordinal() + 1;
        };
    }
}
