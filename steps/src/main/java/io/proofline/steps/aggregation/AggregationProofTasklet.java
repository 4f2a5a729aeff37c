package io.proofline.steps.aggregation;

import io.proofline.circuits.aggregation.AggregatedBatchProof;
import io.proofline.circuits.aggregation.AggregatedBatchProofCodec;
import io.proofline.circuits.aggregation.AggregationPlan;
import io.proofline.circuits.aggregation.AggregationProver.Made;
import io.proofline.circuits.aggregation.AggregationProver;
import io.proofline.circuits.aggregation.PlannedProof;
import io.proofline.circuits.aggregation.ProofId;
import io.proofline.circuits.base.CircuitType;
import io.proofline.steps.AttemptOutcomeListener;
import io.proofline.steps.JobParametersSupport;
import io.proofline.steps.PartitionHeartbeat;
import io.proofline.steps.metrics.StageMetrics;
import io.proofline.steps.proving.ProverPipeline;
import io.proofline.storage.format.Manifest;
import io.proofline.storage.format.ManifestCodec;
import io.proofline.storage.format.RecursionProofCodec;
import io.proofline.storage.objects.ObjectKeys;
import io.proofline.storage.objects.ObjectStore;
import io.proofline.storage.objects.StoredObject;
import io.proofline.storage.tables.AggregationLayer;
import io.proofline.storage.tables.AggregationProofId;
import io.proofline.storage.tables.AggregationProofsDal;
import io.proofline.storage.tables.BatchId;
import io.proofline.storage.tables.CircuitInstanceId;
import io.proofline.storage.tables.CircuitInstancesDal;
import io.proofline.storage.tables.InstanceStatus;
import io.proofline.storage.tables.ProverAggregationProof;
import io.proofline.storage.tables.ProverBatch;
import io.proofline.storage.tables.ProverBatchesDal;
import io.proofline.storage.tables.ProverCircuitInstance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * One aggregation partition on a circuit-prover worker: a leaf, a node or the scheduler. It reads
 * its inner proofs from the object store (base proofs for a leaf, leaf or node proofs for a node,
 * the top proof of each type for the scheduler), proves, stores its proof and records it, with a
 * heartbeat in the prover tables while it works; the outcome is written from the step by
 * {@link #outcomes()}. The scheduler's proof is the batch's one proof
 * ({@code PLBATCH2}), stored for submission. A proof already made is not made again, so a
 * restarted job reuses every finished partition's proof. The proof itself is made through a
 * {@link ProverPipeline}: on a GPU worker by the one prover thread that makes base proofs too.
 */
public final class AggregationProofTasklet implements Tasklet {

    private static final System.Logger LOG = System.getLogger(AggregationProofTasklet.class.getName());

    private final ObjectStore store;
    private final ProverBatchesDal batches;
    private final CircuitInstancesDal instances;
    private final AggregationProofsDal proofs;
    private final IntFunction<AggregationProver> provers;
    private final String workerId;
    private final Duration heartbeat;
    private final ProverPipeline pipeline;

    /** Proves on the partition's own thread. */
    public AggregationProofTasklet(ObjectStore store, ProverBatchesDal batches, CircuitInstancesDal instances,
                            AggregationProofsDal proofs, IntFunction<AggregationProver> provers, String workerId,
                            Duration heartbeat) {
        this(store, batches, instances, proofs, provers, workerId, heartbeat, ProverPipeline.inline());
    }

    /**
     * @param provers the prover of each protocol version's recursion layers: a batch is aggregated
     *     with the keys of the version it was sealed under
     * @param pipeline whose prover thread makes the proof: on a GPU worker the one that makes base
     *     proofs, so that the device never holds two proofs at once
     */
    public AggregationProofTasklet(ObjectStore store, ProverBatchesDal batches, CircuitInstancesDal instances,
                            AggregationProofsDal proofs, IntFunction<AggregationProver> provers, String workerId,
                            Duration heartbeat, ProverPipeline pipeline) {
        this.pipeline = pipeline;
        this.store = store;
        this.batches = batches;
        this.instances = instances;
        this.proofs = proofs;
        this.provers = provers;
        this.workerId = workerId;
        this.heartbeat = heartbeat;
    }

    /** The proof that a partition of an aggregation step names. */
    public static AggregationProofId proofId(StepExecution partition) {
        AggregationProofId id = AggregationRounds.id(JobParametersSupport.batchId(partition.getJobParameters()),
                partition.getExecutionContext());
        if (id == null) {
            throw new IllegalStateException(partition.getStepName() + " names no aggregation proof");
        }
        return id;
    }

    /** Writes each partition's outcome to its proof's row, for the worker step to register. */
    public AttemptOutcomeListener outcomes() {
        return new AttemptOutcomeListener(partition -> proofs.markSuccessful(proofId(partition)),
                (partition, error) -> proofs.markFailed(proofId(partition), workerId, error));
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext context) {
        BatchId batch = JobParametersSupport.batchId(context);
        AggregationProofId id = proofId(context.getStepContext().getStepExecution());
        ProverAggregationProof existing = proofs.find(id).orElseThrow(() -> new IllegalStateException(id + " is not queued"));
        if (existing.status() == InstanceStatus.SUCCESSFUL && existing.proofKey() != null && store.exists(existing.proofKey())) {
            LOG.log(System.Logger.Level.INFO, id + " already proven, reusing its proof");
            if (id.layer() == AggregationLayer.SCHEDULER) {
                batches.recordBatchProof(batch, existing.proofKey(), existing.proofSha256());
            }
            return RepeatStatus.FINISHED;
        }
        if (existing.status() == InstanceStatus.FAILED) {
            // a restarted job: the earlier attempt failed or was declared lost
            proofs.requeue(id);
        }
        if (!proofs.startAttempt(id, workerId)) {
            throw new IllegalStateException(id + " is being proven by another worker");
        }
        // a failure below propagates: the step fails, and its outcome listener fails the attempt
        try (PartitionHeartbeat beat = new PartitionHeartbeat(id.toString(), workerId, () -> proofs.heartbeat(id, workerId),
                heartbeat)) {
            long t0 = System.nanoTime();
            ProverBatch row = batches.find(batch).orElseThrow(() -> new IllegalStateException("unknown batch " + batch));
            Manifest manifest = ManifestCodec.decode(store.get(row.manifestKey()));
            AggregationProver prover = provers.apply(row.protocolVersion());
            AggregationPlan plan = AggregationRounds.plan(manifest);
            List<String> innerKeys = new ArrayList<>();
            StoredObject stored;
            ProverPipeline.Timed<?> timed;
            long t1;
            if (id.layer() == AggregationLayer.SCHEDULER) {
                Made transfer = inner(prover, batch, manifest, plan.tops().get(CircuitType.TRANSFER_EXECUTION), innerKeys);
                Made storage = inner(prover, batch, manifest, plan.tops().get(CircuitType.STORAGE_APPLICATION), innerKeys);
                t1 = System.nanoTime();
                ProverPipeline.Timed<AggregatedBatchProof> proof = pipeline.prove(id.toString(), () -> {
                    beat.checkHeld();
                    return prover.scheduler(batch.chainId(), batch.batchNumber(), transfer, storage);
                });
                beat.checkHeld();
                stored = store.put(ObjectKeys.batchProof(batch.chainId(), batch.batchNumber()),
                        AggregatedBatchProofCodec.encode(proof.value()));
                timed = proof;
            } else {
                PlannedProof planned = AggregationRounds.planned(plan, id);
                Made first = inner(prover, batch, manifest, planned.first(), innerKeys);
                Made second = planned.active2() ? inner(prover, batch, manifest, planned.second(), innerKeys) : first;
                t1 = System.nanoTime();
                ProverPipeline.Timed<Made> made = pipeline.prove(id.toString(), () -> {
                    beat.checkHeld();
                    return prover.prove(planned, first, second);
                });
                beat.checkHeld();
                stored = store.put(ObjectKeys.aggregationProof(batch.chainId(), batch.batchNumber(), id.name()),
                        RecursionProofCodec.encode(made.value().publicInputs(), made.value().proof()));
                timed = made;
            }
            if (!proofs.recordProof(id, workerId, innerKeys, stored.key(), stored.sha256Hex(), (t1 - t0) / 1_000_000,
                    timed.queueWaitMs(), timed.proving().toMillis())) {
                throw new IllegalStateException(id + " was taken from worker " + workerId + " while it proved");
            }
            if (id.layer() == AggregationLayer.SCHEDULER) {
                batches.recordBatchProof(batch, stored.key(), stored.sha256Hex());
            }
            if (timed.queueWait() != null) {
                StageMetrics.time("queue_wait", id.layer().dbValue(), timed.queueWait());
            }
            StageMetrics.time("aggregation", id.layer().dbValue(), timed.proving());
            LOG.log(System.Logger.Level.INFO, id + " proven in " + timed.proving().toMillis() + " ms from " + innerKeys);
            contribution.incrementWriteCount(1);
            return RepeatStatus.FINISHED;
        }
    }

    /** Reads an inner proof: a base proof recorded by proving, or a leaf or node recorded by an earlier round. */
    private Made inner(AggregationProver prover, BatchId batch, Manifest manifest, ProofId inner, List<String> innerKeys) {
        if (inner.isBase()) {
            CircuitInstanceId instanceId = new CircuitInstanceId(batch, inner.type(), inner.index());
            ProverCircuitInstance instance = instances.find(instanceId)
                    .filter(i -> i.status() == InstanceStatus.SUCCESSFUL && i.proofKey() != null)
                    .orElseThrow(() -> new IllegalStateException(instanceId + " has no proof"));
            Manifest.Instance entry = manifest.instances().stream()
                    .filter(e -> e.type() == inner.type() && e.index() == inner.index()).findFirst()
                    .orElseThrow(() -> new IllegalStateException(instanceId + " is not in the manifest"));
            innerKeys.add(instance.proofKey());
            return prover.base(inner.type(), inner.index(), entry.publicInputs(),
                    store.get(instance.proofKey(), instance.proofSha256()));
        }
        AggregationProofId innerId = AggregationProofId.of(batch, inner);
        ProverAggregationProof row = proofs.find(innerId)
                .filter(p -> p.status() == InstanceStatus.SUCCESSFUL && p.proofKey() != null)
                .orElseThrow(() -> new IllegalStateException(innerId + " has no proof"));
        innerKeys.add(row.proofKey());
        RecursionProofCodec.Decoded decoded = RecursionProofCodec.decode(store.get(row.proofKey(), row.proofSha256()));
        return prover.recursion(inner, decoded.publicInputs(), decoded.proof());
    }
}
