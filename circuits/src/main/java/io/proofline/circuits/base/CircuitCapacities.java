package io.proofline.circuits.base;

/**
 * How much one instance of each base circuit holds. Small capacities keep tests fast; the
 * production ones fill just under 2^17 rows per instance.
 *
 * <p>The production size is set by recursion: verifying a proof in circuit costs about 14,000 rows
 * whatever the proof's size (it grows with the logarithm of the rows), and a leaf verifies two
 * base proofs in 2^15 rows. At 2^14 rows per base proof aggregation took two thirds of a batch's
 * proving time; at 2^17 it takes a fifth to a quarter ({@code docs/benchmarks.md}).
 *
 * @param transactionsPerInstance transaction slots of a transfer-execution instance
 * @param accessesPerInstance access-log slots of a storage-application instance
 */
public record CircuitCapacities(int transactionsPerInstance, int accessesPerInstance) {

    /**
     * The capacities every application uses unless told otherwise: the core, the prover and
     * {@code keygen} share this default, so that their keys agree out of the box. Tests and the
     * demo name {@code small} explicitly.
     */
    public static final String DEFAULT_NAME = "production";

    public CircuitCapacities {
        if (transactionsPerInstance < 1 || transactionsPerInstance > 8192) {
            throw new IllegalArgumentException("transactionsPerInstance must be in [1, 8192], got " + transactionsPerInstance);
        }
        if (accessesPerInstance < 1 || accessesPerInstance > 4096) {
            throw new IllegalArgumentException("accessesPerInstance must be in [1, 4096], got " + accessesPerInstance);
        }
    }

    /** 4 transactions and 4 accesses per instance: 2^8 and 2^9 rows. */
    public static CircuitCapacities small() {
        return new CircuitCapacities(4, 4);
    }

    /** The newest protocol version's {@link #production(int)}. */
    public static CircuitCapacities production() {
        return production(BaseCircuits.NEWEST_PROTOCOL_VERSION);
    }

    /**
     * 2^17 rows an instance. From protocol version 3 on, 7,480 transactions (130,616 rows, range
     * checks by limbs) and 2,880 accesses (130,457 rows, a Merkle level a row); before it 4,560
     * transactions (129,795 rows, range checks by bits) and 1,530 accesses (130,514 rows, two rows
     * a level).
     */
    public static CircuitCapacities production(int protocolVersion) {
        return protocolVersion >= BaseCircuits.WIDE_ROWS_SINCE ? new CircuitCapacities(7480, 2880)
                : new CircuitCapacities(4560, 1530);
    }

    /** {@code small} or {@code production}, for the newest protocol version. */
    public static CircuitCapacities named(String name) {
        return named(name, BaseCircuits.NEWEST_PROTOCOL_VERSION);
    }

    /** {@code small} or {@code production}, for a protocol version: the production sizes fill its circuits' 2^17 rows. */
    public static CircuitCapacities named(String name, int protocolVersion) {
        return switch (name) {
            case "small" -> small();
            case "production" -> production(protocolVersion);
            default -> throw new IllegalArgumentException("unknown circuit capacities '" + name + "' (use small or production)");
        };
    }
}
