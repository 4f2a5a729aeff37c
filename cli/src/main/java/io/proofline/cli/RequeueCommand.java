package io.proofline.cli;

import io.proofline.steps.BatchProofKeys;
import io.proofline.steps.WorkerStepNames;
import io.proofline.steps.aggregation.AggregationRounds;
import io.proofline.storage.tables.AggregationProofId;
import io.proofline.storage.tables.AggregationProofsDal;
import io.proofline.storage.tables.BatchId;
import io.proofline.storage.tables.BatchStatus;
import io.proofline.storage.tables.CircuitInstanceId;
import io.proofline.storage.tables.CircuitInstancesDal;
import io.proofline.storage.tables.InstanceStatus;
import io.proofline.storage.tables.ProverAggregationProof;
import io.proofline.storage.tables.ProverBatch;
import io.proofline.storage.tables.ProverCircuitInstance;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code requeue -b N}: the batch's stuck and failed work back to the queue: base circuit
 * instances and aggregation proofs (leaves, nodes, the scheduler) alike. An instance or proof in
 * progress whose worker sent no heartbeat for {@code --heartbeat-timeout} is
 * lost: its partition's step execution is marked failed, as {@code StalePartitionRecovery} does,
 * so that the job's manager step fails the job instead of waiting for the partition timeout.
 * Lost and failed instances go back to {@code queued}, keeping their attempt count and last
 * error. Queued work runs when the batch's job runs again: {@code restart -b N} (or the house
 * keeper) restarts the job, which re-runs only the partitions that did not complete.
 */
@Command(name = "requeue", description = "Puts the batch's lost and failed circuit instances and aggregation proofs back in the queue.")
final class RequeueCommand implements Runnable {

    @Mixin
    DatabaseOptions database;

    @Mixin
    BatchOptions batchOptions;

    @Option(names = "--heartbeat-timeout", defaultValue = "PT1M", paramLabel = "DURATION",
            description = "an instance in progress without heartbeat for this long is lost (ISO-8601, default 1m as the prover's)")
    Duration heartbeatTimeout;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        ProverDatabase db = database.open();
        PrintWriter out = spec.commandLine().getOut();
        ProverBatch batch = db.batch(batchOptions.chainId, batchOptions.batchNumber);
        if (batch.status() == BatchStatus.SUBMITTED) {
            throw CliFailure.refused(batch.id() + " is submitted: nothing to requeue");
        }
        CircuitInstancesDal instances = db.instances();
        Instant lostBefore = Instant.now().minus(heartbeatTimeout);
        List<CircuitInstanceId> requeued = new ArrayList<>();
        List<String> left = new ArrayList<>();
        JobRepository repository = null;
        for (ProverCircuitInstance i : instances.findByBatch(batch.id())) {
            if (i.status() == InstanceStatus.IN_PROGRESS && i.heartbeatAt() != null && i.heartbeatAt().isBefore(lostBefore)) {
                repository = repository == null ? JobRepositories.open(db.dataSource()) : repository;
                instances.markFailed(i.id(), i.workerId(), "worker " + i.workerId() + " stopped sending heartbeats (requeued by the CLI)");
                CircuitInstanceId id = i.id();
                failStepExecution(repository, batch.id(), WorkerStepNames.PROVE_BASE_CIRCUITS,
                        context -> id.type().name().equals(context.getString(BatchProofKeys.CIRCUIT_TYPE, ""))
                                && context.containsKey(BatchProofKeys.INSTANCE_INDEX)
                                && context.getInt(BatchProofKeys.INSTANCE_INDEX) == id.index());
            } else if (i.status() == InstanceStatus.IN_PROGRESS) {
                left.add(i.id().type().label + " " + i.id().index() + " (worker " + i.workerId() + ", heartbeat "
                        + Table.time(i.heartbeatAt()) + ")");
                continue;
            }
            if (instances.requeue(i.id())) {
                requeued.add(i.id());
            }
        }
        AggregationProofsDal aggregationProofs = db.aggregationProofs();
        List<AggregationProofId> requeuedProofs = new ArrayList<>();
        for (ProverAggregationProof p : aggregationProofs.findByBatch(batch.id())) {
            if (p.status() == InstanceStatus.IN_PROGRESS && p.heartbeatAt() != null && p.heartbeatAt().isBefore(lostBefore)) {
                repository = repository == null ? JobRepositories.open(db.dataSource()) : repository;
                aggregationProofs.markFailed(p.id(), p.workerId(), "worker " + p.workerId()
                        + " stopped sending heartbeats (requeued by the CLI)");
                failStepExecution(repository, batch.id(), WorkerStepNames.AGGREGATION_PROOF,
                        context -> p.id().equals(AggregationRounds.id(batch.id(), context)));
            } else if (p.status() == InstanceStatus.IN_PROGRESS) {
                left.add(p.id().name() + " (worker " + p.workerId() + ", heartbeat " + Table.time(p.heartbeatAt()) + ")");
                continue;
            }
            if (aggregationProofs.requeue(p.id())) {
                requeuedProofs.add(p.id());
            }
        }
        requeued.forEach(id -> out.println("requeued " + id.type().label + " instance " + id.index()));
        requeuedProofs.forEach(id -> out.println("requeued aggregation proof " + id.name()));
        left.forEach(s -> out.println("left in progress, its worker is alive: " + s));
        int total = requeued.size() + requeuedProofs.size();
        if (total == 0) {
            throw CliFailure.refused("nothing to requeue in " + batch.id() + ": no failed instance or aggregation proof, and none"
                    + " in progress without heartbeat for " + heartbeatTimeout.toSeconds() + " s");
        }
        Optional<ProverDatabase.JobExecutionRow> running = db.runningExecution(batch.id());
        out.println(requeued.size() + " instance" + (requeued.size() == 1 ? "" : "s")
                + (requeuedProofs.isEmpty() ? "" : " and " + requeuedProofs.size() + " aggregation proof"
                        + (requeuedProofs.size() == 1 ? "" : "s"))
                + " of " + batch.id() + " back in the queue; "
                + (running.isPresent()
                        ? "job execution " + running.get().id() + " is " + running.get().status() + ": it fails once its manager sees"
                                + " the failed partitions, then"
                        : "the job is not running:")
                + " restart it (restart -b " + batch.id().batchNumber() + ") to prove them");
    }

    /** Marks failed the running partition of the batch's last job execution that {@code partition} picks. */
    private static void failStepExecution(JobRepository repository, BatchId batch, String workerStep,
                                          Predicate<ExecutionContext> partition) {
        JobInstance instance = repository.getJobInstance(BatchProofKeys.JOB, BatchProofKeys.parameters(batch));
        JobExecution last = instance == null ? null : repository.getLastJobExecution(instance);
        if (last == null) {
            return;
        }
        for (StepExecution step : repository.getJobExecution(last.getId()).getStepExecutions()) {
            if (step.getStepName().startsWith(workerStep) && partition.test(step.getExecutionContext()) && step.getStatus().isRunning()) {
                step.setStatus(org.springframework.batch.core.BatchStatus.FAILED);
                step.setExitStatus(ExitStatus.FAILED.addExitDescription("worker lost: no heartbeat (requeued by the CLI)"));
                step.setEndTime(LocalDateTime.now());
                repository.update(step);
            }
        }
    }
}
