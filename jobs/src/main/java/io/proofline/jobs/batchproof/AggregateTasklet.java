package io.proofline.jobs.batchproof;

import io.proofline.circuits.aggregation.AggregatedBatchProofCodec;
import io.proofline.circuits.aggregation.AggregationProver;
import io.proofline.circuits.batch.BaseProof;
import io.proofline.circuits.batch.BatchProof;
import io.proofline.circuits.batch.BatchProofCodec;
import io.proofline.circuits.batch.BatchProofVerifier;
import io.proofline.steps.data.BatchId;
import io.proofline.steps.data.BatchStatus;
import io.proofline.steps.data.CircuitInstanceId;
import io.proofline.steps.data.CircuitInstancesDal;
import io.proofline.steps.data.ProverBatch;
import io.proofline.steps.data.ProverBatchesDal;
import io.proofline.steps.data.ProverCircuitInstance;
import io.proofline.steps.format.Manifest;
import io.proofline.steps.format.ManifestCodec;
import io.proofline.steps.store.ObjectKeys;
import io.proofline.steps.store.ObjectStore;
import io.proofline.steps.store.StoredObject;
import java.util.ArrayList;
import java.util.List;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Step 4, on a circuit-prover worker: collects the base proofs in manifest order, checks that
 * they chain into the batch's header (a cheap check that names the instance at fault before any
 * recursion proving), aggregates them through leaves, rounds of nodes and the scheduler into the
 * batch's one proof ({@code PLBATCH2}) and stores it for submission. The partition's execution
 * context records the recursion proofs' count and times and the final proof's size.
 */
final class AggregateTasklet implements Tasklet {

    static final String RECURSION_PROOFS = "recursionProofs";
    static final String LEAF_NANOS = "leafNanos";
    static final String NODE_NANOS = "nodeNanos";
    static final String SCHEDULER_NANOS = "schedulerNanos";
    static final String PROOF_BYTES = "proofBytes";
    /** Protocol version 1 proves a batch by the bundle of its base proofs; from version 2 on, by one aggregated proof. */
    static final int AGGREGATED_SINCE_VERSION = 2;

    private static final System.Logger LOG = System.getLogger(AggregateTasklet.class.getName());

    private final ObjectStore store;
    private final ProverBatchesDal batches;
    private final CircuitInstancesDal instances;
    private final AggregationProver aggregator;

    AggregateTasklet(ObjectStore store, ProverBatchesDal batches, CircuitInstancesDal instances, AggregationProver aggregator) {
        this.store = store;
        this.batches = batches;
        this.instances = instances;
        this.aggregator = aggregator;
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
        if (batch.protocolVersion() < AGGREGATED_SINCE_VERSION) {
            // sealed under a version whose proofs are the bundle of base proofs: no recursion
            StoredObject stored = store.put(ObjectKeys.batchProof(id.chainId(), id.batchNumber()), BatchProofCodec.encode(bundle));
            LOG.log(System.Logger.Level.INFO, id + ": protocol version " + batch.protocolVersion() + " takes the bundle of "
                    + proofs.size() + " base proofs, not aggregated");
            batches.recordBatchProof(id, stored.key(), stored.sha256Hex());
            batches.updateStatus(id, BatchStatus.AGGREGATED);
            contribution.incrementWriteCount(1);
            return RepeatStatus.FINISHED;
        }

        AggregationProver.Result result = aggregator.prove(bundle);
        byte[] encoded = AggregatedBatchProofCodec.encode(result.proof());
        StoredObject stored = store.put(ObjectKeys.batchProof(id.chainId(), id.batchNumber()), encoded);
        int recursionProofs = result.plan().proofs().size() + 1;
        ExecutionContext timings = context.getStepContext().getStepExecution().getExecutionContext();
        timings.putInt(RECURSION_PROOFS, recursionProofs);
        timings.putLong(LEAF_NANOS, result.leafNanos());
        timings.putLong(NODE_NANOS, result.nodeNanos());
        timings.putLong(SCHEDULER_NANOS, result.schedulerNanos());
        timings.putInt(PROOF_BYTES, encoded.length);
        LOG.log(System.Logger.Level.INFO, id + ": " + proofs.size() + " base proofs aggregated into one proof of "
                + encoded.length + " bytes (" + AggregationProver.describe(result.plan()) + ", " + recursionProofs
                + " recursion proofs: leaves " + result.leafNanos() / 1_000_000 + " ms, nodes " + result.nodeNanos() / 1_000_000
                + " ms, scheduler " + result.schedulerNanos() / 1_000_000 + " ms)");
        batches.recordBatchProof(id, stored.key(), stored.sha256Hex());
        batches.updateStatus(id, BatchStatus.AGGREGATED);
        contribution.incrementWriteCount(1);
        return RepeatStatus.FINISHED;
    }
}
