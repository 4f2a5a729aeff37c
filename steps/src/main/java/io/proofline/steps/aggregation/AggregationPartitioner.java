package io.proofline.steps.aggregation;

import io.proofline.circuits.aggregation.AggregationPlan;
import io.proofline.circuits.batch.BaseProof;
import io.proofline.circuits.batch.BatchProof;
import io.proofline.circuits.batch.BatchProofVerifier;
import io.proofline.storage.format.Manifest;
import io.proofline.storage.format.ManifestCodec;
import io.proofline.storage.objects.ObjectStore;
import io.proofline.storage.tables.AggregationLayer;
import io.proofline.storage.tables.AggregationProofId;
import io.proofline.storage.tables.AggregationProofsDal;
import io.proofline.storage.tables.BatchId;
import io.proofline.storage.tables.ProverAggregationProof;
import io.proofline.storage.tables.ProverBatch;
import io.proofline.storage.tables.ProverBatchesDal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The partitions of one aggregation stage, one per recursion proof. The leaf stage first checks
 * that the manifest's public inputs chain into the batch header (cheap, and it names the instance
 * at fault before any recursion proving), then queues every row of the batch's plan. The node
 * stage takes the lowest round with a proof not yet made; the scheduler stage its one proof.
 * Partition names are the proofs' names, so a restarted job's splitter recognises the partitions
 * that completed before. Not final: step scope proxies it by subclassing.
 */
public class AggregationPartitioner implements Partitioner {

    private final AggregationLayer layer;
    private final ObjectStore store;
    private final ProverBatchesDal batches;
    private final AggregationProofsDal proofs;
    private final BatchId id;

    public AggregationPartitioner(AggregationLayer layer, ObjectStore store, ProverBatchesDal batches, AggregationProofsDal proofs,
                           BatchId id) {
        this.layer = layer;
        this.store = store;
        this.batches = batches;
        this.proofs = proofs;
        this.id = id;
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        if (layer == AggregationLayer.LEAF) {
            queuePlan();
        }
        List<ProverAggregationProof> rows = proofs.findByBatch(id);
        List<AggregationProofId> stage = switch (layer) {
            case LEAF, SCHEDULER -> rows.stream().map(ProverAggregationProof::id).filter(p -> p.layer() == layer).toList();
            case NODE -> {
                int round = NodeRoundsDecider.nextRound(rows);
                yield rows.stream().map(ProverAggregationProof::id)
                        .filter(p -> p.layer() == AggregationLayer.NODE && p.round() == round).toList();
            }
        };
        if (stage.isEmpty()) {
            throw new IllegalStateException(id + " has no " + layer.dbValue() + " proof to make: " + rows);
        }
        Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
        for (AggregationProofId p : stage) {
            partitions.put(p.name(), AggregationRounds.context(p));
        }
        return partitions;
    }

    private void queuePlan() {
        ProverBatch batch = batches.find(id).orElseThrow(() -> new IllegalStateException("unknown batch " + id));
        Manifest manifest = ManifestCodec.decode(store.get(batch.manifestKey()));
        BatchProofVerifier.checkChaining(manifest.header(), new BatchProof(id.chainId(), id.batchNumber(),
                manifest.instances().stream()
                        .map(i -> new BaseProof(i.type(), i.index(), i.publicInputs(), new byte[0])).toList()));
        AggregationPlan plan = AggregationRounds.plan(manifest);
        proofs.insertQueued(AggregationRounds.rows(id, plan));
    }
}
