package io.proofline.circuits.base;

import io.proofline.poseidon2.Digest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The key commitments of the recursion layers that turn a batch's base proofs into one proof:
 * a leaf per base circuit type, the node and the scheduler. A protocol version that pins them
 * accepts one aggregated proof per batch.
 */
public record RecursionCommitments(Digest transferLeaf, Digest storageLeaf, Digest node, Digest scheduler) {

    /** The names of the layers, in file order, as {@link #byLabel} and {@code commitments.json} write them. */
    public static final List<String> LABELS = List.of("leaf_transfer_execution", "leaf_storage_application", "node", "scheduler");

    public RecursionCommitments {
        Objects.requireNonNull(transferLeaf, "transferLeaf");
        Objects.requireNonNull(storageLeaf, "storageLeaf");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(scheduler, "scheduler");
    }

    /** @param byLabel a commitment for each of {@link #LABELS} */
    static RecursionCommitments of(Map<String, Digest> byLabel) {
        return new RecursionCommitments(byLabel.get(LABELS.get(0)), byLabel.get(LABELS.get(1)), byLabel.get(LABELS.get(2)),
                byLabel.get(LABELS.get(3)));
    }

    public Digest leaf(CircuitType type) {
        return type == CircuitType.TRANSFER_EXECUTION ? transferLeaf : storageLeaf;
    }

    /** {@code {"leaf_transfer_execution": digest, ...}} in {@link #LABELS} order. */
    public Map<String, Digest> byLabel() {
        Map<String, Digest> out = new LinkedHashMap<>();
        out.put(LABELS.get(0), transferLeaf);
        out.put(LABELS.get(1), storageLeaf);
        out.put(LABELS.get(2), node);
        out.put(LABELS.get(3), scheduler);
        return out;
    }
}
