package io.proofline.storage.tables;

import java.util.Locale;

/** Where a circuit instance's proving stands, stored as the lowercase name. */
public enum InstanceStatus {
    /** Waiting for a worker. */
    QUEUED,
    /** A worker is on it and sends heartbeats. */
    IN_PROGRESS,
    /** Proven; the proof is in the object store. */
    SUCCESSFUL,
    /** The last attempt failed; the instance waits for a requeue. */
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
