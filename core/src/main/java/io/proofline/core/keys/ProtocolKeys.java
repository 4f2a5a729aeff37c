package io.proofline.core.keys;

import io.proofline.circuits.base.CircuitType;
import io.proofline.circuits.batch.BatchProofVerifier;
import io.proofline.plonkish.VerificationKey;
import io.proofline.poseidon2.Digest;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The verification keys the running protocol version accepts proofs against, with their
 * commitments as handed to provers (so that a prover with other keys notices before proving).
 */
public final class ProtocolKeys {

    private final int protocolVersion;
    private final Map<CircuitType, VerificationKey> keys;
    private final BatchProofVerifier verifier;

    public ProtocolKeys(int protocolVersion, Map<CircuitType, VerificationKey> keys) {
        this.protocolVersion = protocolVersion;
        this.keys = Collections.unmodifiableMap(new EnumMap<>(keys));
        this.verifier = new BatchProofVerifier(keys);
    }

    public int protocolVersion() {
        return protocolVersion;
    }

    public BatchProofVerifier verifier() {
        return verifier;
    }

    public Map<CircuitType, Digest> commitments() {
        Map<CircuitType, Digest> out = new EnumMap<>(CircuitType.class);
        keys.forEach((type, key) -> out.put(type, key.commitment()));
        return out;
    }

    /** {@code {"transfer_execution": "0x...", ...}}, in circuit type order. */
    public Map<String, String> commitmentsByLabel() {
        Map<String, String> out = new LinkedHashMap<>();
        commitments().forEach((type, digest) -> out.put(type.label, digest.toString()));
        return out;
    }
}
