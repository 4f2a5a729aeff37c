package io.proofline.jobs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.steps.data.BatchId;
import io.proofline.steps.data.CircuitInstancesDal;
import io.proofline.steps.data.ProverCircuitInstance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Batches go from the core through the gateway, the orchestrator's job and two worker JVMs
 * (over the PostgreSQL channels) and come back to the core as verified proofs.
 */
class PipelineFunctionalTests {

    static Path keys;
    static PipelineEnvironment env;

    @BeforeAll
    static void start() throws Exception {
        keys = Files.createTempDirectory("proofline-keys");
        env = new PipelineEnvironment(keys);
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    @Test
    void severalBatchesAreProvenByTwoWorkerProcesses() throws Exception {
        Map<String, String> props = env.proverProperties(keys, "postgres");
        env.startOrchestrator(props, true);
        try (WorkerProcess w1 = WorkerProcess.start("worker-1", "witness-generator,circuit-prover", props, env.dir);
             WorkerProcess w2 = WorkerProcess.start("worker-2", "witness-generator,circuit-prover", props, env.dir)) {
            env.sealBatch(1, 6);
            env.sealBatch(2, 10);
            env.sealBatch(3, 3);
            long deadline = System.currentTimeMillis() + 240_000;
            while (!(env.proven(1) && env.proven(2) && env.proven(3))) {
                assertTrue(w1.isAlive() && w2.isAlive(), "a worker died: see " + w1.log + " and " + w2.log);
                env.assertNoFailedBatch();
                assertTrue(System.currentTimeMillis() < deadline, "batches not proven in time; worker logs: " + w1.log + ", " + w2.log);
                Thread.sleep(500);
            }
            CircuitInstancesDal instances = env.orchestrator.getBean(CircuitInstancesDal.class);
            List<ProverCircuitInstance> all = new java.util.ArrayList<>();
            for (int b = 1; b <= 3; b++) {
                all.addAll(instances.findByBatch(new BatchId(1, b)));
            }
            Set<String> workers = all.stream().map(ProverCircuitInstance::workerId).collect(Collectors.toSet());
            assertTrue(workers.containsAll(Set.of("worker-1", "worker-2")), "both workers proved instances: " + workers);
        }
    }
}
