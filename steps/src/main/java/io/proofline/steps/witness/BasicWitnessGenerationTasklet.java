package io.proofline.steps.witness;

import io.proofline.circuits.base.CircuitCapacities;
import io.proofline.circuits.witness.BasicWitnessGenerator;
import io.proofline.circuits.witness.CircuitInstance;
import io.proofline.circuits.witness.WitnessInputCodec;
import io.proofline.circuits.witness.WitnessInputData;
import io.proofline.steps.JobParametersSupport;
import io.proofline.storage.format.CircuitInstanceCodec;
import io.proofline.storage.format.Manifest;
import io.proofline.storage.format.ManifestCodec;
import io.proofline.storage.objects.ObjectKeys;
import io.proofline.storage.objects.ObjectStore;
import io.proofline.storage.objects.StoredObject;
import io.proofline.storage.tables.BatchId;
import io.proofline.storage.tables.CircuitInstanceId;
import io.proofline.storage.tables.CircuitInstancesDal;
import io.proofline.storage.tables.ProverBatch;
import io.proofline.storage.tables.ProverBatchesDal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Step 2, on a witness-generator worker: replays the batch, splits it into circuit instances,
 * stores each instance's inputs and the manifest listing them, and queues the instances in the
 * prover tables. Running it again for the same batch rewrites the same blobs.
 */
public final class BasicWitnessGenerationTasklet implements Tasklet {

    private final ObjectStore store;
    private final ProverBatchesDal batches;
    private final CircuitInstancesDal instances;
    private final IntFunction<CircuitCapacities> capacities;

    /** @param capacities the instances' capacities by the batch's protocol version, which sizes its circuits */
    public BasicWitnessGenerationTasklet(ObjectStore store, ProverBatchesDal batches, CircuitInstancesDal instances,
                                  IntFunction<CircuitCapacities> capacities) {
        this.store = store;
        this.batches = batches;
        this.instances = instances;
        this.capacities = capacities;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext context) {
        BatchId id = JobParametersSupport.batchId(context);
        ProverBatch batch = batches.find(id).orElseThrow(() -> new IllegalStateException("unknown batch " + id));
        WitnessInputData data = WitnessInputCodec.decode(store.get(batch.witnessInputsKey(), batch.witnessInputsSha256()));
        BasicWitnessGenerator.Result result = BasicWitnessGenerator.generate(data, capacities.apply(data.protocolVersion()));
        List<Manifest.Instance> entries = new ArrayList<>();
        for (CircuitInstance instance : result.instances()) {
            String key = ObjectKeys.circuitInput(id.chainId(), id.batchNumber(), instance.type(), instance.index());
            StoredObject stored = store.put(key, CircuitInstanceCodec.encode(instance));
            entries.add(Manifest.Instance.of(instance, stored));
        }
        Manifest manifest = new Manifest(id.chainId(), id.batchNumber(), data.protocolVersion(), result.header(), entries);
        StoredObject stored = store.put(ObjectKeys.manifest(id.chainId(), id.batchNumber()), ManifestCodec.encode(manifest));
        for (Manifest.Instance e : entries) {
            instances.insertQueued(new CircuitInstanceId(id, e.type(), e.index()), e.inputKey(), e.inputSha256());
        }
        batches.recordManifest(id, stored.key());
        contribution.incrementWriteCount(entries.size());
        return RepeatStatus.FINISHED;
    }
}
