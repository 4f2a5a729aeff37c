package io.proofline.storage.tables;

import java.util.Locale;

/** The recursion layers of a batch's aggregation, stored as the lowercase name. */
public enum AggregationLayer {
    /** Round 0: each leaf verifies base proofs of one circuit type. */
    LEAF,
    /** Rounds 1 and up: each node verifies leaf or node proofs of one circuit type. */
    NODE,
    /** The last round: verifies the top proof of every type against the batch header. */
    SCHEDULER;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AggregationLayer fromDb(String value) {
        for (AggregationLayer l : values()) {
            if (l.dbValue().equals(value)) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown aggregation layer '" + value + "'");
    }
}
