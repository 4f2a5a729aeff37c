package io.proofline.circuits.base;

/** The base circuit types, with their ids in formats and key commitments. */
public enum CircuitType {
    /** Applies transactions: balances, nonces, owners; extends the transaction, withdrawal and access-log chains. */
    TRANSFER_EXECUTION(1, "transfer_execution", 24),
    /** Applies the access log to the state tree: checks each old leaf's path, computes the new root. */
    STORAGE_APPLICATION(2, "storage_application", 16);

    public final int id;
    public final String label;
    /** Number of public inputs: the instance's closed-form input and output. */
    public final int publicInputs;

    CircuitType(int id, String label, int publicInputs) {
        this.id = id;
        this.label = label;
        this.publicInputs = publicInputs;
    }

    public static CircuitType ofId(long id) {
        for (CircuitType t : values()) {
            if (t.id == id) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown circuit type " + id);
    }
}
