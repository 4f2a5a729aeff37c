package io.proofline.steps.aggregation;

import io.proofline.circuits.batch.BaseProof;
import io.proofline.circuits.batch.BatchProof;
import io.proofline.circuits.batch.BatchProofCodec;
import io.proofline.circuits.batch.BatchProofVerifier;
import io.proofline.steps.JobParametersSupport;
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
import io.proofline.storage.tables.ProverCircuitInstance;
import java.util.ArrayList;
import java.util.List;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * For a batch sealed under protocol version 1, on the orchestrator: the batch proof is the bundle
 * of its base proofs in manifest order ({@code PLBATCH1}), checked to chain into the header and
 * stored for submission. No recursion: reading and writing a few hundred kilobytes.
 */
public final class BundleBaseProofsTasklet implements Tasklet {

    private final ObjectStore store;
    private final ProverBatchesDal batches;
    private final CircuitInstancesDal instances;

    public BundleBaseProofsTasklet(ObjectStore store, ProverBatchesDal batches, CircuitInstancesDal instances) {
        this.store = store;
        this.batches = batches;
        this.instances = instances;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext context) {
        BatchId id = JobParametersSupport.batchId(context);
        ProverBatch batch = batches.find(id).orElseThrow(() -> new IllegalStateException("unknown batch " + id));
        Manifest manifest = ManifestCodec.decode(store.get(batch.manifestKey()));
        List<BaseProof> proofs = new ArrayList<>();
        for (Manifest.Instance e : manifest.instances()) {
            CircuitInstanceId instanceId = new CircuitInstanceId(id, e.type(), e.index());
            ProverCircuitInstance instance = instances.find(instanceId)
                    .orElseThrow(() -> new IllegalStateException(instanceId + " is not recorded"));
            if (instance.proofKey() == null) {
                throw new IllegalStateException(instanceId + " has no proof");
            }
            proofs.add(new BaseProof(e.type(), e.index(), e.publicInputs(), store.get(instance.proofKey(), instance.proofSha256())));
        }
        BatchProof bundle = new BatchProof(id.chainId(), id.batchNumber(), proofs);
        BatchProofVerifier.checkChaining(manifest.header(), bundle);
        StoredObject stored = store.put(ObjectKeys.batchProof(id.chainId(), id.batchNumber()), BatchProofCodec.encode(bundle));
        batches.recordBatchProof(id, stored.key(), stored.sha256Hex());
        contribution.incrementWriteCount(1);
        return RepeatStatus.FINISHED;
    }
}
