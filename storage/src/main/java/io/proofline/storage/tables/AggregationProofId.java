package io.proofline.storage.tables;

import io.proofline.circuits.aggregation.ProofId;
import io.proofline.circuits.base.CircuitType;
import java.util.Objects;

/**
 * One recursion proof of a batch: a leaf (round 0), a node of round 1 and up, or the scheduler.
 * Leaf and node ids are the aggregation plan's {@link ProofId} at level {@code round + 1}.
 *
 * @param type the base circuit type below the proof; null for the scheduler, which takes every type
 */
public record AggregationProofId(BatchId batch, AggregationLayer layer, int round, CircuitType type, int index) {

    /** The circuit type column of the scheduler's row. */
    static final String SCHEDULER_TYPE = "batch";

    public AggregationProofId {
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(layer, "layer");
        if (round < 0 || index < 0) {
            throw new IllegalArgumentException("round and index are at least 0, got " + round + " and " + index);
        }
        if ((layer == AggregationLayer.LEAF) != (round == 0)) {
            throw new IllegalArgumentException("leaves, and only leaves, are round 0: " + layer + " round " + round);
        }
        if ((layer == AggregationLayer.SCHEDULER) != (type == null)) {
            throw new IllegalArgumentException("the scheduler, and only the scheduler, has no circuit type");
        }
        if (layer == AggregationLayer.SCHEDULER && index != 0) {
            throw new IllegalArgumentException("a batch has one scheduler proof, not index " + index);
        }
    }

    /** The row of a leaf or node of the plan. */
    public static AggregationProofId of(BatchId batch, ProofId id) {
        if (id.isBase()) {
            throw new IllegalArgumentException("a base proof is a circuit instance, not an aggregation proof: " + id);
        }
        return new AggregationProofId(batch, id.isLeaf() ? AggregationLayer.LEAF : AggregationLayer.NODE, id.level() - 1,
                id.type(), id.index());
    }

    /** The scheduler's row; it comes in the round after the last round of nodes. */
    public static AggregationProofId scheduler(BatchId batch, int round) {
        return new AggregationProofId(batch, AggregationLayer.SCHEDULER, round, null, 0);
    }

    /** The plan's id of a leaf or node. */
    public ProofId proofId() {
        if (layer == AggregationLayer.SCHEDULER) {
            throw new IllegalStateException("the scheduler proof has no id in the plan");
        }
        return new ProofId(type, round + 1, index);
    }

    String typeColumn() {
        return type == null ? SCHEDULER_TYPE : type.label;
    }

    /** A name for partitions and logs, e.g. {@code leaf-transfer_execution-0}, {@code node1-storage_application-0}, {@code scheduler}. */
    public String name() {
        return switch (layer) {
            case LEAF -> "leaf-" + type.label + "-" + index;
            case NODE -> "node" + round + "-" + type.label + "-" + index;
            case SCHEDULER -> "scheduler";
        };
    }

    @Override
    public String toString() {
        return batch + " " + name();
    }
}
