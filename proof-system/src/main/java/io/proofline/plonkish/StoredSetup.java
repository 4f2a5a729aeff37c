package io.proofline.plonkish;

import io.proofline.codec.FormatException;

/**
 * A circuit's setup as a keys directory holds it: the verification key and the setup columns at
 * once, the LDE and Merkle tree that only proving needs built on first use.
 *
 * <p>Building them is most of what loading a setup costs (seconds for a 2^15-row recursion
 * layer, Poseidon2 over eight times the rows), and most loaders never prove with a given
 * setup: the core only verifies, and a worker proves with the layers its partitions need.
 * Loading still checks the file's digest, and callers check the columns against the circuit
 * ({@link SetupCheck}) and the key against pinned commitments; whether the columns commit to the
 * key's cap is checked when the tree is built.
 */
public final class StoredSetup {

    private final VerificationKey key;
    private final long[][] columns;
    private final ProverConfig config;
    private volatile SetupData committed;

    private StoredSetup(VerificationKey key, long[][] columns, ProverConfig config, SetupData committed) {
        this.key = key;
        this.columns = columns;
        this.config = config;
        this.committed = committed;
    }

    /** A setup already built, as generation gives it. */
    public static StoredSetup of(SetupData setup) {
        return new StoredSetup(setup.key(), setup.columns(), null, setup);
    }

    /** Columns read with their key, to be extended and committed under {@code config} when first needed. */
    static StoredSetup deferred(VerificationKey key, long[][] columns, ProverConfig config) {
        return new StoredSetup(key, columns, config, null);
    }

    public VerificationKey key() {
        return key;
    }

    /** The setup columns on the trace domain: constants, selectors, sigmas. */
    public long[][] columns() {
        return columns;
    }

    /** Whether the LDE and tree have been built. */
    public boolean built() {
        return committed != null;
    }

    /**
     * The setup with its LDE and Merkle tree, built on the first call.
     *
     * @throws FormatException if the columns do not commit to the key's setup cap
     */
    public SetupData setup() {
        SetupData s = committed;
        if (s == null) {
            synchronized (this) {
                s = committed;
                if (s == null) {
                    s = Setup.commit(key.geometry(), config, key.gates(), key.publicInputRows(), columns);
                    if (!s.key().setupCap().equals(key.setupCap())) {
                        throw new FormatException(SetupCodec.MAGIC + ": setup columns do not commit to the key's setup cap");
                    }
                    committed = s;
                }
            }
        }
        return s;
    }
}
