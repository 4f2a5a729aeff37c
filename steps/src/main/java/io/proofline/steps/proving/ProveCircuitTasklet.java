package io.proofline.steps.proving;

import io.proofline.circuits.base.CircuitType;
import io.proofline.circuits.batch.BaseProof;
import io.proofline.circuits.batch.BatchProver;
import io.proofline.circuits.witness.CircuitInstance;
import io.proofline.plonkish.WitnessVector;
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
import java.time.Duration;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Step 3, one partition on a circuit-prover worker: witness vector generation, proving and
 * self-verification of one instance, with a heartbeat in the prover tables while it works.
 * An instance already proven (its proof stored and recorded) is not proven again, so a
 * restarted job reuses every finished partition's artifact.
 */
public final class ProveCircuitTasklet implements Tasklet {

    private static final System.Logger LOG = System.getLogger(ProveCircuitTasklet.class.getName());

    private final ObjectStore store;
    private final CircuitInstancesDal instances;
    private final BatchProver prover;
    private final String workerId;
    private final Duration heartbeat;

    public ProveCircuitTasklet(ObjectStore store, CircuitInstancesDal instances, BatchProver prover, String workerId, Duration heartbeat) {
        this.store = store;
        this.instances = instances;
        this.prover = prover;
        this.workerId = workerId;
        this.heartbeat = heartbeat;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext context) {
        ExecutionContext partition = context.getStepContext().getStepExecution().getExecutionContext();
        CircuitType type = CircuitType.valueOf(partition.getString(BatchProofKeys.CIRCUIT_TYPE));
        int index = partition.getInt(BatchProofKeys.INSTANCE_INDEX);
        CircuitInstanceId id = new CircuitInstanceId(JobParametersSupport.batchId(context), type, index);
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
        try (PartitionHeartbeat beat = new PartitionHeartbeat(id.toString(), workerId, () -> instances.heartbeat(id, workerId),
                heartbeat)) {
            CircuitInstance instance = CircuitInstanceCodec.decode(
                    store.get(partition.getString(BatchProofKeys.INPUT_KEY), partition.getString(BatchProofKeys.INPUT_SHA256)));
            long t0 = System.nanoTime();
            WitnessVector witness = prover.witnessVector(instance);
            long t1 = System.nanoTime();
            beat.checkHeld();
            BaseProof proof = prover.prove(instance, witness);
            long t2 = System.nanoTime();
            beat.checkHeld();
            StoredObject stored = store.put(ObjectKeys.proof(id.batch().chainId(), id.batch().batchNumber(), type, index),
                    proof.proof());
            if (!instances.markSuccessful(id, workerId, stored.key(), stored.sha256Hex(), (t1 - t0) / 1_000_000,
                    (t2 - t1) / 1_000_000)) {
                throw new IllegalStateException(id + " was taken from worker " + workerId + " while it proved");
            }
            StageMetrics.time("witness_vector", type.label, Duration.ofNanos(t1 - t0));
            StageMetrics.time("proving", type.label, Duration.ofNanos(t2 - t1));
            StageMetrics.proofMade(type.label);
            contribution.incrementWriteCount(1);
            return RepeatStatus.FINISHED;
        } catch (RuntimeException e) {
            instances.markFailed(id, workerId, String.valueOf(e.getMessage()));
            throw e;
        }
    }
}
