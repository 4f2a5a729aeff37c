package io.proofline.core.keys;

import io.proofline.circuits.aggregation.AggregatedProofVerifier;
import io.proofline.circuits.aggregation.AggregationKeys;
import io.proofline.circuits.base.CircuitType;
import io.proofline.circuits.base.RecursionCommitments;
import io.proofline.circuits.batch.BatchProofVerifier;
import io.proofline.plonkish.VerificationKey;
import io.proofline.poseidon2.Digest;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The verification keys the running protocol version accepts proofs against, with their
 * commitments as handed to provers (so that a prover with other keys notices before proving).
 * A version with recursion keys takes one aggregated proof per batch; one without takes the
 * bundle of base proofs.
 */
public final class ProtocolKeys {

    private final int protocolVersion;
    private final Map<CircuitType, VerificationKey> keys;
    private final BatchProofVerifier verifier;
    private final RecursionCommitments recursion;
    private final AggregatedProofVerifier aggregatedVerifier;

    /** A version whose proofs are bundles of base proofs. */
    public ProtocolKeys(int protocolVersion, Map<CircuitType, VerificationKey> keys) {
        this(protocolVersion, keys, null);
    }

    /** A version whose proofs are aggregated under {@code recursion}'s keys (null: bundles). */
    public ProtocolKeys(int protocolVersion, Map<CircuitType, VerificationKey> keys, AggregationKeys recursion) {
        this.protocolVersion = protocolVersion;
        this.keys = Collections.unmodifiableMap(new EnumMap<>(keys));
        this.verifier = new BatchProofVerifier(keys);
        this.recursion = recursion == null ? null : recursion.commitments();
        this.aggregatedVerifier = recursion == null ? null : recursion.verifier();
    }

    public int protocolVersion() {
        return protocolVersion;
    }

    /** Whether a batch proof is one aggregated proof ({@code PLBATCH2}) rather than a bundle ({@code PLBATCH1}). */
    public boolean aggregated() {
        return recursion != null;
    }

    /** The verifier of bundles of base proofs. */
    public BatchProofVerifier verifier() {
        return verifier;
    }

    /** The verifier of aggregated proofs, for a version that has recursion keys. */
    public Optional<AggregatedProofVerifier> aggregatedVerifier() {
        return Optional.ofNullable(aggregatedVerifier);
    }

    public Map<CircuitType, Digest> commitments() {
        Map<CircuitType, Digest> out = new EnumMap<>(CircuitType.class);
        keys.forEach((type, key) -> out.put(type, key.commitment()));
        return out;
    }

    /**
     * {@code {"transfer_execution": "0x...", ...}}, in circuit type order, then, for an aggregated
     * version, the recursion layers ({@code leaf_transfer_execution}, ..., {@code scheduler}).
     */
    public Map<String, String> commitmentsByLabel() {
        Map<String, String> out = new LinkedHashMap<>();
        commitments().forEach((type, digest) -> out.put(type.label, digest.toString()));
        if (recursion != null) {
            recursion.byLabel().forEach((label, digest) -> out.put(label, digest.toString()));
        }
        return out;
    }
}
