package io.proofline.steps.aggregation;

import io.proofline.circuits.aggregation.AggregationPlan;
import io.proofline.circuits.aggregation.PlannedProof;
import io.proofline.circuits.base.CircuitType;
import io.proofline.steps.BatchProofKeys;
import io.proofline.storage.format.Manifest;
import io.proofline.storage.tables.AggregationLayer;
import io.proofline.storage.tables.AggregationProofId;
import io.proofline.storage.tables.BatchId;
import java.util.ArrayList;
import java.util.List;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * A batch's aggregation rounds as the pipeline runs them: the plan follows from the manifest's
 * instance counts (so the orchestrator and every worker derive the same tree), each of its
 * proofs is a row of {@code prover_aggregation_proofs}, and each row travels to its worker as a
 * partition's execution context.
 */
public final class AggregationRounds {

    private AggregationRounds() {
    }

    static AggregationPlan plan(Manifest manifest) {
        int transfers = (int) manifest.instances().stream().filter(i -> i.type() == CircuitType.TRANSFER_EXECUTION).count();
        int storage = (int) manifest.instances().stream().filter(i -> i.type() == CircuitType.STORAGE_APPLICATION).count();
        return AggregationPlan.of(transfers, storage);
    }

    /** Every row of the plan: leaves, each round of nodes, then the scheduler in the round after. */
    static List<AggregationProofId> rows(BatchId batch, AggregationPlan plan) {
        List<AggregationProofId> rows = new ArrayList<>();
        for (PlannedProof p : plan.proofs()) {
            rows.add(AggregationProofId.of(batch, p.id()));
        }
        rows.add(AggregationProofId.scheduler(batch, plan.rounds().size()));
        return rows;
    }

    /** The planned leaf or node of {@code id}. */
    static PlannedProof planned(AggregationPlan plan, AggregationProofId id) {
        return plan.rounds().get(id.round()).stream().filter(p -> p.id().equals(id.proofId())).findFirst()
                .orElseThrow(() -> new IllegalStateException(id + " is not in the batch's aggregation plan"));
    }

    /** The context of the partition that makes {@code id}, as the partitioner gives it. */
    public static ExecutionContext context(AggregationProofId id) {
        ExecutionContext context = new ExecutionContext();
        context.putString(BatchProofKeys.AGGREGATION_LAYER, id.layer().name());
        context.putInt(BatchProofKeys.AGGREGATION_ROUND, id.round());
        if (id.type() != null) {
            context.putString(BatchProofKeys.CIRCUIT_TYPE, id.type().name());
        }
        context.putInt(BatchProofKeys.PROOF_INDEX, id.index());
        return context;
    }

    /** The proof a partition's context names, or null if it is not an aggregation partition's. */
    public static AggregationProofId id(BatchId batch, ExecutionContext context) {
        if (!context.containsKey(BatchProofKeys.AGGREGATION_LAYER)) {
            return null;
        }
        AggregationLayer layer = AggregationLayer.valueOf(context.getString(BatchProofKeys.AGGREGATION_LAYER));
        CircuitType type = context.containsKey(BatchProofKeys.CIRCUIT_TYPE)
                ? CircuitType.valueOf(context.getString(BatchProofKeys.CIRCUIT_TYPE)) : null;
        return new AggregationProofId(batch, layer, context.getInt(BatchProofKeys.AGGREGATION_ROUND), type,
                context.getInt(BatchProofKeys.PROOF_INDEX));
    }
}
