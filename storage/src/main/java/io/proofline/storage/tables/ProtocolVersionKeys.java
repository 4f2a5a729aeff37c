package io.proofline.storage.tables;

import io.proofline.circuits.base.CircuitType;
import io.proofline.circuits.base.RecursionCommitments;
import io.proofline.poseidon2.Digest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The key commitments (0x-hex) a protocol version's proofs are verified against: the base
 * circuits', and for a version whose batch proofs are aggregated the recursion layers'.
 *
 * @param recursionKeys by {@link RecursionCommitments#LABELS} label, in that order; empty for a
 *     version whose batch proofs are bundles of base proofs
 */
public record ProtocolVersionKeys(int protocolVersion, String transferExecutionKey, String storageApplicationKey,
                                  Map<String, String> recursionKeys) {

    public ProtocolVersionKeys {
        Objects.requireNonNull(transferExecutionKey, "transferExecutionKey");
        Objects.requireNonNull(storageApplicationKey, "storageApplicationKey");
        Map<String, String> ordered = new LinkedHashMap<>();
        for (String label : RecursionCommitments.LABELS) {
            if (recursionKeys.containsKey(label)) {
                ordered.put(label, Objects.requireNonNull(recursionKeys.get(label), label));
            }
        }
        if (ordered.size() != recursionKeys.size() || !(ordered.isEmpty() || ordered.size() == RecursionCommitments.LABELS.size())) {
            throw new IllegalArgumentException("recursion keys must be all or none of " + RecursionCommitments.LABELS + ", got "
                    + recursionKeys.keySet());
        }
        recursionKeys = Collections.unmodifiableMap(ordered);
    }

    /** A version's keys as the core hands them out; {@code recursion} null for bundles of base proofs. */
    public static ProtocolVersionKeys of(int protocolVersion, Map<CircuitType, Digest> base, RecursionCommitments recursion) {
        Map<String, String> layers = new LinkedHashMap<>();
        if (recursion != null) {
            recursion.byLabel().forEach((label, digest) -> layers.put(label, digest.toString()));
        }
        return new ProtocolVersionKeys(protocolVersion, base.get(CircuitType.TRANSFER_EXECUTION).toString(),
                base.get(CircuitType.STORAGE_APPLICATION).toString(), layers);
    }

    /** Every key, base circuits first: {@code transfer_execution}, {@code storage_application}, then the recursion layers. */
    public Map<String, String> all() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(CircuitType.TRANSFER_EXECUTION.label, transferExecutionKey);
        out.put(CircuitType.STORAGE_APPLICATION.label, storageApplicationKey);
        out.putAll(recursionKeys);
        return out;
    }
}
