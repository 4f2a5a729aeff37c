package io.proofline.storage.tables;

import java.util.Locale;

/**
 * Where a unit of proving work stands (a circuit instance, an aggregation proof), stored as the
 * lowercase name. The worker's claim writes {@link #IN_PROGRESS}; the partition's step writes
 * the outcome (see {@link AttemptStatements}).
 */
public enum InstanceStatus {
    /** Waiting for a worker. */
    QUEUED,
    /** A worker holds it and sends heartbeats, until its partition's step ends. */
    IN_PROGRESS,
    /** Its partition's step completed; the proof is in the object store and recorded. */
    SUCCESSFUL,
    /** The last attempt's step failed, or its worker stopped sending heartbeats; it waits for a requeue. */
    FAILED;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static InstanceStatus fromDb(String value) {
        for (InstanceStatus s : values()) {
            if (s.dbValue().equals(value)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown circuit instance status '" + value + "'");
    }
}
