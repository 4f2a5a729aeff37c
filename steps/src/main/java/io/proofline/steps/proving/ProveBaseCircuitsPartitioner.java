package io.proofline.steps.proving;

import io.proofline.steps.BatchProofKeys;
import io.proofline.storage.format.Manifest;
import io.proofline.storage.format.ManifestCodec;
import io.proofline.storage.objects.ObjectStore;
import io.proofline.storage.tables.BatchId;
import io.proofline.storage.tables.ProverBatch;
import io.proofline.storage.tables.ProverBatchesDal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * One partition per circuit instance of the batch's manifest. Per-partition overhead (a
 * message and a step execution, a few milliseconds) is far below a proof's seconds, so
 * instances are not grouped. Not final: step scope proxies it by subclassing.
 */
public class ProveBaseCircuitsPartitioner implements Partitioner {

    private final ObjectStore store;
    private final ProverBatchesDal batches;
    private final BatchId id;

    public ProveBaseCircuitsPartitioner(ObjectStore store, ProverBatchesDal batches, BatchId id) {
        this.store = store;
        this.batches = batches;
        this.id = id;
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        ProverBatch batch = batches.find(id).orElseThrow(() -> new IllegalStateException("unknown batch " + id));
        if (batch.manifestKey() == null) {
            throw new IllegalStateException("batch " + id + " has no manifest: basic witness generation has not run");
        }
        Manifest manifest = ManifestCodec.decode(store.get(batch.manifestKey()));
        Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
        for (Manifest.Instance e : manifest.instances()) {
            ExecutionContext context = new ExecutionContext();
            context.putString(BatchProofKeys.CIRCUIT_TYPE, e.type().name());
            context.putInt(BatchProofKeys.INSTANCE_INDEX, e.index());
            context.putString(BatchProofKeys.INPUT_KEY, e.inputKey());
            context.putString(BatchProofKeys.INPUT_SHA256, e.inputSha256());
            partitions.put(e.type().label + "-" + e.index(), context);
        }
        return partitions;
    }
}
