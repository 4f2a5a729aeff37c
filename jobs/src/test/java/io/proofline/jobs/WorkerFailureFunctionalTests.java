package io.proofline.jobs;

import static io.proofline.jobs.PipelineEnvironment.BOTH_ROLES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.jobs.batchproof.BatchJobLauncher;
import io.proofline.jobs.batchproof.StalePartitionRecovery;
import io.proofline.storage.objects.ObjectStore;
import io.proofline.storage.tables.AggregationLayer;
import io.proofline.storage.tables.AggregationProofId;
import io.proofline.storage.tables.BatchStatus;
import io.proofline.storage.tables.CircuitInstanceId;
import io.proofline.storage.tables.InstanceStatus;
import io.proofline.storage.tables.ProverAggregationProof;
import io.proofline.storage.tables.ProverCircuitInstance;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

/**
 * Partitions that fail or are lost with their worker, and the restart that proves just those:
 * what was proven before (base proofs, leaves) is reused, never proven again.
 */
class WorkerFailureFunctionalTests extends PipelineTestSupport {

    private static final System.Logger LOG = System.getLogger(WorkerFailureFunctionalTests.class.getName());
    private static final int BATCH = 1;
    /** Short, so that a lost partition is declared lost soon: heartbeats come every 500 ms. */
    private static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration STAGE_TIMEOUT = Duration.ofMinutes(2);
    /** A prover's start (keys of the recursion layers) and a batch's leaves, on a loaded machine. */
    private static final Duration AGGREGATION_TIMEOUT = Duration.ofMinutes(6);
    private static final String PROVE_WORKER_STEP = "proveBaseCircuitsWorker:";
    private static final String AGGREGATION_WORKER_STEP = "aggregationProofWorker:";
    /** Transfers of the smallest batch that has leaves of both types and a round of nodes. */
    private static final int SMALL_BATCH = 3;

    @Test
    void aPartitionLostWithItsKilledWorkerIsProvenAgainByARestart() throws Exception {
        // given an orchestrator polling the core and one worker, proving one partition at a time
        Map<String, String> props = env.proverProperties("postgres");
        props.put("proofline.prover.heartbeat-timeout", HEARTBEAT_TIMEOUT.toMillis() + "ms");
        env.startOrchestrator(props, true);
        Map<String, String> oneAtATime = new LinkedHashMap<>(props);
        oneAtATime.put("proofline.prover.concurrent-partitions", "1");
        WorkerProcess w1 = env.startWorker("worker-1", BOTH_ROLES, oneAtATime);
        env.sealBatch(BATCH, SMALL_BATCH);

        // when the worker is killed (kill -9) in the middle of proving an instance, after it
        // proved at least one
        List<ProverCircuitInstance> atKill = killWhileProving(w1);
        List<ProverCircuitInstance> lost = atKill.stream().filter(i -> i.status() == InstanceStatus.IN_PROGRESS).toList();
        List<ProverCircuitInstance> provenBefore = atKill.stream().filter(i -> i.status() == InstanceStatus.SUCCESSFUL).toList();
        assertEquals(1, lost.size(), "exactly one instance in progress when worker-1 was killed\n" + env.diagnostics());
        assertEquals(w1.id(), lost.getFirst().workerId());
        CircuitInstanceId lostId = lost.getFirst().id();

        // and a second worker starts, and takes the requests worker-1 had not taken
        WorkerProcess w2 = env.startWorker("worker-2", BOTH_ROLES, props);
        env.await("every instance but the lost one proven", STAGE_TIMEOUT,
                () -> env.instances(BATCH).stream().filter(i -> !i.id().equals(lostId))
                        .allMatch(i -> i.status() == InstanceStatus.SUCCESSFUL));
        assertEquals(InstanceStatus.IN_PROGRESS, instance(lostId).status(),
                "the lost instance stays in progress: nobody else may take it\n" + env.diagnostics());

        // when the heartbeat timeout has passed and the lost partitions are marked failed (the
        // manual path; the restart command below would do it as well)
        StalePartitionRecovery recovery = env.bean(StalePartitionRecovery.class);
        List<List<CircuitInstanceId>> recovered = new ArrayList<>();
        env.await("the lost partition declared lost after " + HEARTBEAT_TIMEOUT, STAGE_TIMEOUT, () -> {
            List<CircuitInstanceId> failed = recovery.failLostPartitions(HEARTBEAT_TIMEOUT);
            recovered.add(failed);
            return !failed.isEmpty();
        });

        // then only that partition is failed, and the manager step, seeing it, fails the job
        assertEquals(List.of(lostId), recovered.getLast(), "the partitions declared lost");
        JobExecution first = awaitJobEnd();
        Map<String, StepExecution> firstSteps = assertOnlyPartitionFailed(first, lostId, atKill.size());
        assertTrue(firstSteps.get(stepName(lostId)).getExitStatus().getExitDescription().contains("worker lost"),
                "the lost partition's step says why it failed");

        // when an operator restarts the batch with the restart command
        PipelineEnvironment.RestartResult restart = env.runRestartCommand(props, BATCH);

        // then the job completes and the batch is proven at the core
        assertEquals(0, restart.exitCode(), "the restart command's exit code (job " + restart.jobStatus() + ")\n"
                + env.diagnostics());
        JobExecution restarted = env.lastJobExecution(BATCH).orElseThrow();
        assertNotEquals(first.getId(), restarted.getId(), "a new execution of the same job instance");
        assertEquals(org.springframework.batch.core.BatchStatus.COMPLETED, restarted.getStatus(), env.diagnostics());
        assertEquals("proven", env.coreStatus(BATCH), env.diagnostics());
        assertEquals(BatchStatus.SUBMITTED, env.proverStatus(BATCH).orElseThrow());

        // and only the lost partition ran again, on worker-2, as the instance's second attempt
        assertEquals(Set.of(stepName(lostId)), proveWorkerSteps(restarted).keySet(),
                "worker steps of the restarted execution\n" + env.diagnostics());
        Map<CircuitInstanceId, ProverCircuitInstance> after = byId(env.instances(BATCH));
        assertEquals(atKill.size(), after.size());
        for (ProverCircuitInstance i : after.values()) {
            assertEquals(InstanceStatus.SUCCESSFUL, i.status(), i.id() + "\n" + env.diagnostics());
            assertEquals(i.id().equals(lostId) ? 2 : 1, i.attempts(), i.id() + " attempts\n" + env.diagnostics());
        }
        assertEquals(w2.id(), after.get(lostId).workerId(), "the lost instance's second attempt");

        // and the requests worker-1 had not taken waited in the channel for worker-2
        atKill.stream().filter(i -> i.status() == InstanceStatus.QUEUED).forEach(i ->
                assertEquals(w2.id(), after.get(i.id()).workerId(), i.id() + " queued at the kill"));

        // and what worker-1 proved before it was killed was not proven again
        for (ProverCircuitInstance before : provenBefore) {
            ProverCircuitInstance now = after.get(before.id());
            assertEquals(w1.id(), now.workerId(), before.id() + " proven by worker-1");
            assertEquals(before.finishedAt(), now.finishedAt(), before.id() + " proven once, before the kill");
            assertEquals(before.proofSha256(), now.proofSha256(), before.id() + " keeps its proof");
        }
    }

    @Test
    void aRestartAfterAFailedPartitionRunsOnlyThatPartitionAgain() throws Exception {
        // given an orchestrator polling the core and a witness generator, with no prover yet
        Map<String, String> props = env.proverProperties("postgres");
        env.startOrchestrator(props, true);
        env.startWorker("witness-1", "witness-generator", props);
        env.sealBatch(BATCH, SMALL_BATCH);
        env.await("basic witness generation of batch " + BATCH + " and its proving requests", STAGE_TIMEOUT, true,
                () -> env.proverStatus(BATCH).orElse(null) == BatchStatus.PROVING);

        // and one instance's stored input overwritten with garbage
        List<ProverCircuitInstance> queued = env.instances(BATCH);
        assertTrue(queued.size() >= 3, "a batch of several instances: " + queued.size());
        ProverCircuitInstance victim = queued.get(queued.size() / 2);
        ObjectStore store = env.bean(ObjectStore.class);
        byte[] original = store.get(victim.inputKey(), victim.inputSha256());
        store.put(victim.inputKey(), "not a circuit instance".getBytes(StandardCharsets.UTF_8));

        // when a prover starts and takes the batch's partitions
        WorkerProcess prover = env.startWorker("prover-1", "circuit-prover", props);
        JobExecution first = awaitJobEnd();

        // then that partition fails on its input's hash check, the others complete, and the job fails
        assertOnlyPartitionFailed(first, victim.id(), queued.size());
        Map<CircuitInstanceId, ProverCircuitInstance> failed = byId(env.instances(BATCH));
        assertEquals(InstanceStatus.FAILED, failed.get(victim.id()).status(), env.diagnostics());
        assertEquals(1, failed.get(victim.id()).attempts());
        assertTrue(String.valueOf(failed.get(victim.id()).error()).contains(victim.inputKey()),
                "the recorded failure names the damaged input: " + failed.get(victim.id()).error());

        // when the input is repaired and the job restarted
        store.put(victim.inputKey(), original);
        JobExecution restarted = env.bean(BatchJobLauncher.class).run(PipelineEnvironment.batchId(BATCH));

        // then the job completes and the batch is proven at the core
        assertEquals(org.springframework.batch.core.BatchStatus.COMPLETED, restarted.getStatus(), env.diagnostics());
        assertEquals("proven", env.coreStatus(BATCH), env.diagnostics());

        // and the restarted execution ran only the failed partition, and the steps after it
        JobExecution reloaded = env.lastJobExecution(BATCH).orElseThrow();
        assertEquals(restarted.getId(), reloaded.getId());
        List<String> steps = List.copyOf(PipelineEnvironment.stepStatuses(reloaded).keySet());
        assertEquals(List.of("proveBaseCircuits", stepName(victim.id()), "leafAggregation"), steps.subList(0, 3),
                "steps of the restarted execution\n" + env.diagnostics());
        assertEquals("submitProof", steps.getLast(), "steps of the restarted execution\n" + env.diagnostics());
        for (ProverCircuitInstance i : env.instances(BATCH)) {
            ProverCircuitInstance before = failed.get(i.id());
            assertEquals(InstanceStatus.SUCCESSFUL, i.status(), i.id() + "\n" + env.diagnostics());
            assertEquals(i.id().equals(victim.id()) ? 2 : 1, i.attempts(), i.id() + " attempts\n" + env.diagnostics());
            assertEquals(prover.id(), i.workerId());
            if (!i.id().equals(victim.id())) {
                assertEquals(before.finishedAt(), i.finishedAt(), i.id() + " proven once, before the restart");
            }
        }
    }

    @Test
    void aRestartAfterAFailedLeafProvesOnlyThatLeafAndTheRoundsAfterIt() throws Exception {
        // given an orchestrator, a witness generator and a prover that makes one proof at a time
        Map<String, String> props = env.proverProperties("postgres");
        env.startOrchestrator(props, true);
        env.startWorker("witness-1", "witness-generator", props);
        Map<String, String> oneAtATime = new LinkedHashMap<>(props);
        oneAtATime.put("proofline.prover.concurrent-partitions", "1");
        WorkerProcess prover = env.startWorker("prover-1", "circuit-prover", oneAtATime);
        env.sealBatch(BATCH, SMALL_BATCH);

        // when, while the first leaf is being proven, a base proof that another leaf still has to
        // read is overwritten with garbage
        env.await("a leaf in progress", AGGREGATION_TIMEOUT, true, () -> env.aggregationProofs(BATCH).stream()
                .anyMatch(p -> p.id().layer() == AggregationLayer.LEAF && p.status() == InstanceStatus.IN_PROGRESS));
        List<ProverAggregationProof> plan = env.aggregationProofs(BATCH);
        assertTrue(plan.stream().anyMatch(p -> p.id().layer() == AggregationLayer.NODE),
                "a batch of " + SMALL_BATCH + " transfers has a round of nodes: " + plan);
        ProverAggregationProof victim = plan.stream()
                .filter(p -> p.id().layer() == AggregationLayer.LEAF && p.status() == InstanceStatus.QUEUED).findFirst()
                .orElseThrow(() -> new AssertionError("no leaf left queued\n" + env.diagnostics()));
        ProverCircuitInstance inner = env.instances(BATCH).stream()
                .filter(i -> i.id().type() == victim.id().type() && i.id().index() == 2 * victim.id().index()).findFirst()
                .orElseThrow();
        ObjectStore store = env.bean(ObjectStore.class);
        byte[] original = store.get(inner.proofKey(), inner.proofSha256());
        store.put(inner.proofKey(), "not a proof".getBytes(StandardCharsets.UTF_8));
        assertEquals(InstanceStatus.QUEUED, aggregationProof(victim.id()).status(),
                "the damage landed before the leaf read its inner proofs\n" + env.diagnostics());

        // then that leaf fails on its inner proof's hash check, the other leaves complete, no node
        // is proven, and the job fails
        JobExecution first = awaitJobEnd(AGGREGATION_TIMEOUT);
        assertEquals(org.springframework.batch.core.BatchStatus.FAILED, first.getStatus(), env.diagnostics());
        Map<AggregationProofId, ProverAggregationProof> failed = byProof(env.aggregationProofs(BATCH));
        for (ProverAggregationProof p : failed.values()) {
            InstanceStatus expected = p.id().equals(victim.id()) ? InstanceStatus.FAILED
                    : p.id().layer() == AggregationLayer.LEAF ? InstanceStatus.SUCCESSFUL : InstanceStatus.QUEUED;
            assertEquals(expected, p.status(), p.id() + "\n" + env.diagnostics());
        }
        assertTrue(String.valueOf(failed.get(victim.id()).error()).contains(inner.proofKey()),
                "the recorded failure names the damaged inner proof: " + failed.get(victim.id()).error());

        // when the proof is repaired and the job restarted
        store.put(inner.proofKey(), original);
        JobExecution restarted = env.bean(BatchJobLauncher.class).run(PipelineEnvironment.batchId(BATCH));

        // then the job completes and the batch is proven at the core
        assertEquals(org.springframework.batch.core.BatchStatus.COMPLETED, restarted.getStatus(), env.diagnostics());
        assertEquals("proven", env.coreStatus(BATCH), env.diagnostics());

        // and the restarted execution proved only the failed leaf, then the nodes and the scheduler
        JobExecution reloaded = env.lastJobExecution(BATCH).orElseThrow();
        Set<String> partitions = reloaded.getStepExecutions().stream().map(StepExecution::getStepName)
                .filter(n -> n.startsWith(AGGREGATION_WORKER_STEP)).collect(Collectors.toSet());
        Set<String> expected = failed.keySet().stream()
                .filter(id -> id.equals(victim.id()) || id.layer() != AggregationLayer.LEAF)
                .map(id -> AGGREGATION_WORKER_STEP + id.name()).collect(Collectors.toSet());
        assertEquals(expected, partitions, "aggregation partitions of the restarted execution\n" + env.diagnostics());
        assertTrue(reloaded.getStepExecutions().stream().noneMatch(s -> s.getStepName().startsWith(PROVE_WORKER_STEP)),
                "no base proof made again");
        for (ProverAggregationProof p : env.aggregationProofs(BATCH)) {
            assertEquals(InstanceStatus.SUCCESSFUL, p.status(), p.id() + "\n" + env.diagnostics());
            assertEquals(p.id().equals(victim.id()) ? 2 : 1, p.attempts(), p.id() + " attempts\n" + env.diagnostics());
            assertEquals(prover.id(), p.workerId());
            if (p.id().layer() == AggregationLayer.LEAF && !p.id().equals(victim.id())) {
                ProverAggregationProof before = failed.get(p.id());
                assertEquals(before.finishedAt(), p.finishedAt(), p.id() + " proven once, before the restart");
                assertEquals(before.proofSha256(), p.proofSha256(), p.id() + " keeps its proof");
            }
        }
    }

    // helpers

    private JobExecution awaitJobEnd() throws Exception {
        return awaitJobEnd(STAGE_TIMEOUT);
    }

    private JobExecution awaitJobEnd(Duration timeout) throws Exception {
        return env.awaitLastJobEnded(BATCH, timeout);
    }

    /**
     * Asserts that {@code execution} and the batch failed, with one worker step per instance, all
     * completed but the partition of {@code failed}; returns the worker steps by name.
     */
    private Map<String, StepExecution> assertOnlyPartitionFailed(JobExecution execution, CircuitInstanceId failed,
                                                                 int instances) {
        assertEquals(org.springframework.batch.core.BatchStatus.FAILED, execution.getStatus(), env.diagnostics());
        assertEquals(BatchStatus.FAILED, env.proverStatus(BATCH).orElseThrow(), "the batch's status in the prover tables");
        Map<String, StepExecution> steps = proveWorkerSteps(execution);
        assertEquals(instances, steps.size(), "one worker step per instance\n" + env.diagnostics());
        steps.forEach((name, step) -> assertEquals(
                name.equals(stepName(failed)) ? org.springframework.batch.core.BatchStatus.FAILED
                        : org.springframework.batch.core.BatchStatus.COMPLETED, step.getStatus(), name + "\n" + env.diagnostics()));
        return steps;
    }

    private long count(InstanceStatus status) {
        return env.instances(BATCH).stream().filter(i -> i.status() == status).count();
    }

    /**
     * Kills {@code worker} (proving one partition at a time) while it proves an instance, after it
     * proved one, and returns the batch's instances as it left them. A warm prover needs only a
     * few hundred milliseconds per instance, so rather than racing it the worker is frozen
     * (SIGSTOP) once an attempt is seen in progress; after its statements already sent have
     * settled, it is killed if the attempt is still in progress, and let go to try again if it
     * had finished meanwhile (a kill then could land between two partitions, a case this test is
     * not about).
     */
    private List<ProverCircuitInstance> killWhileProving(WorkerProcess worker) throws Exception {
        for (int tries = 0; tries < 20; tries++) {
            env.await(worker.id() + " proving an instance, after proving one", STAGE_TIMEOUT, true,
                    () -> count(InstanceStatus.SUCCESSFUL) >= 1 && env.instances(BATCH).stream()
                            .anyMatch(i -> i.status() == InstanceStatus.IN_PROGRESS && worker.id().equals(i.workerId())));
            worker.pause();
            Thread.sleep(300);
            List<ProverCircuitInstance> frozen = env.instances(BATCH);
            if (frozen.stream().anyMatch(i -> i.status() == InstanceStatus.IN_PROGRESS)) {
                LOG.log(System.Logger.Level.INFO, "killing " + worker.id() + " in the middle of a proof (try " + (tries + 1) + ")");
                worker.kill();
                return frozen;
            }
            worker.resume();
        }
        throw new AssertionError("never caught " + worker.id() + " in the middle of a proof\n" + env.diagnostics());
    }

    private ProverAggregationProof aggregationProof(AggregationProofId id) {
        return byProof(env.aggregationProofs(BATCH)).get(id);
    }

    private static Map<AggregationProofId, ProverAggregationProof> byProof(List<ProverAggregationProof> proofs) {
        return proofs.stream().collect(Collectors.toMap(ProverAggregationProof::id, Function.identity()));
    }

    private ProverCircuitInstance instance(CircuitInstanceId id) {
        return byId(env.instances(BATCH)).get(id);
    }

    private static Map<CircuitInstanceId, ProverCircuitInstance> byId(List<ProverCircuitInstance> instances) {
        return instances.stream().collect(Collectors.toMap(ProverCircuitInstance::id, Function.identity()));
    }

    private static String stepName(CircuitInstanceId id) {
        return PROVE_WORKER_STEP + id.type().label + "-" + id.index();
    }

    /** The execution's partition steps of proveBaseCircuits, by name. */
    private static Map<String, StepExecution> proveWorkerSteps(JobExecution execution) {
        return execution.getStepExecutions().stream().filter(s -> s.getStepName().startsWith(PROVE_WORKER_STEP))
                .collect(Collectors.toMap(StepExecution::getStepName, Function.identity()));
    }
}
