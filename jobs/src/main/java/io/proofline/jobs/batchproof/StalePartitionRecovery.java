package io.proofline.jobs.batchproof;

import io.proofline.steps.BatchProofKeys;
import io.proofline.steps.WorkerStepNames;
import io.proofline.steps.aggregation.AggregationRounds;
import io.proofline.storage.tables.AggregationProofId;
import io.proofline.storage.tables.AggregationProofsDal;
import io.proofline.storage.tables.BatchId;
import io.proofline.storage.tables.CircuitInstanceId;
import io.proofline.storage.tables.CircuitInstancesDal;
import io.proofline.storage.tables.ProverAggregationProof;
import io.proofline.storage.tables.ProverCircuitInstance;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The manual path for a worker that died mid-partition (the house keeper runs it on a
 * schedule): partitions whose heartbeat stopped longer ago than the timeout (base proving, and
 * leaf, node and scheduler proofs) are marked failed,
 * in the prover tables and in the job repository. The manager step, which polls the job
 * repository, then sees the failure and fails the job; restarting the job re-runs just those
 * partitions.
 */
public final class StalePartitionRecovery {

    private static final System.Logger LOG = System.getLogger(StalePartitionRecovery.class.getName());

    private final CircuitInstancesDal instances;
    private final AggregationProofsDal aggregationProofs;
    private final JobRepository repository;

    public StalePartitionRecovery(CircuitInstancesDal instances, AggregationProofsDal aggregationProofs, JobRepository repository) {
        this.instances = instances;
        this.aggregationProofs = aggregationProofs;
        this.repository = repository;
    }

    /** Fails every partition lost longer than {@code heartbeatTimeout}; returns the instances concerned. */
    public List<CircuitInstanceId> failLostPartitions(Duration heartbeatTimeout) {
        List<CircuitInstanceId> failed = new ArrayList<>();
        for (ProverCircuitInstance lost : instances.findStale(heartbeatTimeout)) {
            CircuitInstanceId id = lost.id();
            // only the lost worker's attempt: requeued and taken by another worker since the query, it is left alone
            if (!instances.markFailed(id, lost.workerId(), "worker " + lost.workerId() + " stopped sending heartbeats")) {
                continue;
            }
            failStepExecution(id.batch(), WorkerStepNames.PROVE_BASE_CIRCUITS, context ->
                    id.type().name().equals(context.getString(BatchProofKeys.CIRCUIT_TYPE, ""))
                            && context.containsKey(BatchProofKeys.INSTANCE_INDEX)
                            && context.getInt(BatchProofKeys.INSTANCE_INDEX) == id.index());
            failed.add(id);
            LOG.log(System.Logger.Level.WARNING, "partition of " + id + " on worker " + lost.workerId()
                    + " lost (no heartbeat for " + heartbeatTimeout + "), marked failed");
        }
        return failed;
    }

    /** The same for leaf, node and scheduler partitions; returns the proofs concerned. */
    public List<AggregationProofId> failLostAggregationPartitions(Duration heartbeatTimeout) {
        List<AggregationProofId> failed = new ArrayList<>();
        for (ProverAggregationProof lost : aggregationProofs.findStale(heartbeatTimeout)) {
            AggregationProofId id = lost.id();
            if (!aggregationProofs.markFailed(id, lost.workerId(), "worker " + lost.workerId() + " stopped sending heartbeats")) {
                continue;
            }
            failStepExecution(id.batch(), WorkerStepNames.AGGREGATION_PROOF,
                    context -> id.equals(AggregationRounds.id(id.batch(), context)));
            failed.add(id);
            LOG.log(System.Logger.Level.WARNING, "partition of " + id + " on worker " + lost.workerId()
                    + " lost (no heartbeat for " + heartbeatTimeout + "), marked failed");
        }
        return failed;
    }

    private void failStepExecution(BatchId batch, String workerStep, Predicate<ExecutionContext> partition) {
        JobInstance instance = repository.getJobInstance(BatchProofKeys.JOB, BatchProofKeys.parameters(batch));
        if (instance == null) {
            return;
        }
        JobExecution last = repository.getLastJobExecution(instance);
        if (last == null) {
            return;
        }
        JobExecution loaded = repository.getJobExecution(last.getId());
        for (StepExecution step : loaded.getStepExecutions()) {
            boolean matches = step.getStepName().startsWith(workerStep + ":") && partition.test(step.getExecutionContext());
            if (matches && (step.getStatus() == BatchStatus.STARTED || step.getStatus() == BatchStatus.STARTING)) {
                step.setStatus(BatchStatus.FAILED);
                step.setExitStatus(ExitStatus.FAILED.addExitDescription("worker lost: no heartbeat"));
                step.setEndTime(LocalDateTime.now());
                repository.update(step);
            }
        }
    }
}
