package io.proofline.steps.proving;

import io.proofline.circuits.base.CircuitType;
import io.proofline.circuits.batch.BaseProof;
import io.proofline.circuits.batch.BatchProver;
import io.proofline.circuits.witness.CircuitInstance;
import io.proofline.plonkish.WitnessVector;
import io.proofline.steps.AttemptOutcomeListener;
import io.proofline.steps.BatchProofKeys;
import io.proofline.steps.JobParametersSupport;
import io.proofline.steps.PartitionHeartbeat;
import io.proofline.steps.metrics.StageMetrics;
import io.proofline.storage.format.CircuitInstanceCodec;
import io.proofline.storage.objects.ObjectKeys;
import io.proofline.storage.objects.ObjectStore;
import io.proofline.storage.objects.StoredObject;
import io.proofline.storage.tables.CircuitInstanceId;
import io.proofline.storage.tables.CircuitInstancesDal;
import io.proofline.storage.tables.InstanceStatus;
import io.proofline.storage.tables.ProverBatchesDal;
import java.time.Duration;
import java.util.function.IntFunction;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Step 3, one partition on a circuit-prover worker: witness vector generation, proving and
 * self-verification of one instance, with a heartbeat in the prover tables while it works. It
 * holds the instance's claim (attempt, heartbeat, recorded proof); the outcome is written from
 * the step by {@link #outcomes()}. The two phases run through a {@link ProverPipeline}: on this
 * thread, or on a GPU worker's vector threads and its one prover thread, with the wait between
 * them recorded apart.
 * An instance already proven (its proof stored and recorded) is not proven again, so a
 * restarted job reuses every finished partition's artifact.
 */
public final class ProveCircuitTasklet implements Tasklet {

    private static final System.Logger LOG = System.getLogger(ProveCircuitTasklet.class.getName());

    private final ObjectStore store;
    private final CircuitInstancesDal instances;
    private final ProverBatchesDal batches;
    private final IntFunction<BatchProver> provers;
    private final String workerId;
    private final Duration heartbeat;
    private final ProverPipeline pipeline;

    /** Both phases on the partition's thread. */
    public ProveCircuitTasklet(ObjectStore store, CircuitInstancesDal instances, ProverBatchesDal batches,
                               IntFunction<BatchProver> provers, String workerId, Duration heartbeat) {
        this(store, instances, batches, provers, workerId, heartbeat, ProverPipeline.inline());
    }

    /**
     * @param provers the prover of each protocol version's base circuits: an instance is proven with
     *     the keys of the version its batch was sealed under, as its row in {@code batches} records it
     * @param pipeline where the witness vector is generated and the proof made
     */
    public ProveCircuitTasklet(ObjectStore store, CircuitInstancesDal instances, ProverBatchesDal batches,
                               IntFunction<BatchProver> provers, String workerId, Duration heartbeat, ProverPipeline pipeline) {
        this.store = store;
        this.instances = instances;
        this.batches = batches;
        this.provers = provers;
        this.workerId = workerId;
        this.heartbeat = heartbeat;
        this.pipeline = pipeline;
    }

    /** The instance that a partition of proveBaseCircuits names. */
    public static CircuitInstanceId instanceId(StepExecution partition) {
        ExecutionContext context = partition.getExecutionContext();
        return new CircuitInstanceId(JobParametersSupport.batchId(partition.getJobParameters()),
                CircuitType.valueOf(context.getString(BatchProofKeys.CIRCUIT_TYPE)), context.getInt(BatchProofKeys.INSTANCE_INDEX));
    }

    /** Writes each partition's outcome to its instance's row, for the worker step to register. */
    public AttemptOutcomeListener outcomes() {
        return new AttemptOutcomeListener(partition -> instances.markSuccessful(instanceId(partition)),
                (partition, error) -> instances.markFailed(instanceId(partition), workerId, error));
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext context) {
        CircuitInstanceId id = instanceId(context.getStepContext().getStepExecution());
        CircuitType type = id.type();
        int index = id.index();
        var existing = instances.find(id);
        if (existing.isPresent() && existing.get().status() == InstanceStatus.SUCCESSFUL
                && existing.get().proofKey() != null && store.exists(existing.get().proofKey())) {
            LOG.log(System.Logger.Level.INFO, id + " already proven, reusing its proof");
            return RepeatStatus.FINISHED;
        }
        if (existing.isPresent() && existing.get().status() == InstanceStatus.FAILED) {
            // a restarted job: the earlier attempt failed or was declared lost
            instances.requeue(id);
        }
        if (!instances.startAttempt(id, workerId)) {
            throw new IllegalStateException(id + " is being proven by another worker");
        }
        // a failure below propagates: the step fails, and its outcome listener fails the attempt
        try (PartitionHeartbeat beat = new PartitionHeartbeat(id.toString(), workerId, () -> instances.heartbeat(id, workerId),
                heartbeat)) {
            ExecutionContext partition = context.getStepContext().getStepExecution().getExecutionContext();
            BatchProver prover = provers.apply(batches.find(id.batch())
                    .orElseThrow(() -> new IllegalStateException("unknown batch " + id.batch())).protocolVersion());
            CircuitInstance instance = CircuitInstanceCodec.decode(
                    store.get(partition.getString(BatchProofKeys.INPUT_KEY), partition.getString(BatchProofKeys.INPUT_SHA256)));
            // the prover checks the partition is still this worker's before it spends the GPU on it
            ProverPipeline.Timed<BaseProof> made = pipeline.run(id.toString(), () -> prover.witnessVector(instance),
                    (WitnessVector witness) -> {
                        beat.checkHeld();
                        return prover.prove(instance, witness);
                    });
            beat.checkHeld();
            StoredObject stored = store.put(ObjectKeys.proof(id.batch().chainId(), id.batch().batchNumber(), type, index),
                    made.value().proof());
            if (!instances.recordProof(id, workerId, stored.key(), stored.sha256Hex(), made.vectors().toMillis(),
                    made.queueWaitMs(), made.proving().toMillis())) {
                throw new IllegalStateException(id + " was taken from worker " + workerId + " while it proved");
            }
            StageMetrics.time("witness_vector", type.label, made.vectors());
            if (made.queueWait() != null) {
                StageMetrics.time("queue_wait", type.label, made.queueWait());
            }
            StageMetrics.time("proving", type.label, made.proving());
            StageMetrics.proofMade(type.label);
            contribution.incrementWriteCount(1);
            return RepeatStatus.FINISHED;
        }
    }
}
