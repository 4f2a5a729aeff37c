package io.proofline.jobs;

import static io.proofline.jobs.PipelineEnvironment.BOTH_ROLES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.storage.tables.BatchStatus;
import io.proofline.storage.tables.CircuitInstanceId;
import io.proofline.storage.tables.InstanceStatus;
import io.proofline.storage.tables.ProverCircuitInstance;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

/**
 * A worker killed (kill -9) in the middle of a proof, and the house keeper (in the orchestrator's
 * process) that heals the batch with no operator action: it declares the partition lost after
 * the heartbeat timeout, the manager fails the job, and the house keeper restarts it.
 */
class HouseKeeperFunctionalTests extends PipelineTestSupport {

    private static final int BATCH = 1;
    private static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration STAGE_TIMEOUT = Duration.ofMinutes(3);
    /** Transfers (after 4 deposits) that fill at least five instances: more than the workers take at once (1 + 2). */
    private static final int TRANSFERS = 3;

    @Test
    void aWorkerKilledMidProofLeavesABatchThatCompletesWithNoOperatorAction() throws Exception {
        // given an orchestrator that is also the house keeper, checking twice a second, and two workers
        Map<String, String> props = env.proverProperties("postgres");
        props.put("proofline.prover.heartbeat-timeout", HEARTBEAT_TIMEOUT.toMillis() + "ms");
        Map<String, String> keeper = new LinkedHashMap<>(props);
        keeper.put("proofline.roles", "orchestrator,house-keeper");
        keeper.put("proofline.house-keeper.stale-partitions.interval", "500ms");
        keeper.put("proofline.house-keeper.failed-jobs.interval", "500ms");
        keeper.put("proofline.house-keeper.failed-jobs.backoff", "500ms");
        env.startOrchestrator(keeper, true);
        Map<String, String> oneAtATime = new LinkedHashMap<>(props);
        oneAtATime.put("proofline.prover.concurrent-partitions", "1");
        WorkerProcess w1 = env.startWorker("worker-1", BOTH_ROLES, oneAtATime);
        WorkerProcess w2 = env.startWorker("worker-2", BOTH_ROLES, props);
        // both listening before there is work: a worker up first could take every instance
        env.await("both workers started", STAGE_TIMEOUT, () -> w1.started() && w2.started());
        env.sealBatch(BATCH, TRANSFERS);

        // when worker-1 is killed (kill -9) while it proves an instance
        env.await("worker-1 proving an instance", STAGE_TIMEOUT, true, () -> env.instances(BATCH).stream()
                .anyMatch(i -> i.status() == InstanceStatus.IN_PROGRESS && w1.id().equals(i.workerId())));
        w1.kill();
        Instant killedAt = Instant.now();
        List<ProverCircuitInstance> atKill = env.instances(BATCH);
        List<CircuitInstanceId> lost = atKill.stream()
                .filter(i -> i.status() == InstanceStatus.IN_PROGRESS && w1.id().equals(i.workerId()))
                .map(ProverCircuitInstance::id).toList();

        // then the batch is proven at the core, with no one calling anything
        env.await("batch " + BATCH + " proven with no operator action", STAGE_TIMEOUT, false, () -> env.proven(BATCH));
        Duration elapsed = Duration.between(killedAt, Instant.now());
        env.awaitLastJobEnded(BATCH, STAGE_TIMEOUT);

        // and the lost instance was proven again by worker-2, as its second attempt, after the house
        // keeper declared it lost
        assertTrue(!lost.isEmpty(), "an instance in progress on worker-1 at the kill");
        for (CircuitInstanceId id : lost) {
            ProverCircuitInstance after = env.instances(BATCH).stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow();
            assertEquals(InstanceStatus.SUCCESSFUL, after.status(), id + "\n" + env.diagnostics());
            assertEquals(w2.id(), after.workerId(), id + " proven again by worker-2");
            assertEquals(2, after.attempts(), id + " attempts");
            assertTrue(String.valueOf(after.error()).contains("stopped sending heartbeats"),
                    "the recorded reason: " + after.error());
        }
        List<JobExecution> executions = env.jobExecutions(BATCH);
        assertEquals(2, executions.size(), "the job failed once and the house keeper restarted it\n" + env.diagnostics());
        assertEquals(org.springframework.batch.core.BatchStatus.COMPLETED, executions.getLast().getStatus());
        assertEquals(BatchStatus.SUBMITTED, env.proverStatus(BATCH).orElseThrow());

        // and it took no longer than two heartbeat timeouts plus the proving time: the time the
        // steps that ran after the kill took, one after another (an upper bound, as worker-2
        // proves two partitions at once)
        Duration proving = Duration.ZERO;
        for (JobExecution execution : executions) {
            for (StepExecution step : execution.getStepExecutions()) {
                if (isWork(step) && step.getStartTime() != null && step.getEndTime() != null
                        && instant(step.getStartTime()).isAfter(killedAt.minusMillis(1))) {
                    proving = proving.plus(Duration.between(step.getStartTime(), step.getEndTime()));
                }
            }
        }
        Duration bound = HEARTBEAT_TIMEOUT.multipliedBy(2).plus(proving);
        System.getLogger(HouseKeeperFunctionalTests.class.getName()).log(System.Logger.Level.INFO,
                "kill to proven: " + elapsed + " (bound " + bound + ": proving time " + proving + ")");
        assertTrue(elapsed.compareTo(bound) <= 0, "kill to proven took " + elapsed + ", more than 2 x " + HEARTBEAT_TIMEOUT
                + " + proving time " + proving + "\n" + env.diagnostics());
    }

    /** Steps that do the batch's work (not the manager steps, which wait for the workers' partitions). */
    private static boolean isWork(StepExecution step) {
        String name = step.getStepName();
        return name.contains(":") || name.equals("loadWitnessInputs") || name.equals("bundleBaseProofs")
                || name.startsWith("submitProof");
    }

    private static Instant instant(LocalDateTime time) {
        return time.atZone(ZoneId.systemDefault()).toInstant();
    }
}
