package io.proofline.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the demo passes to each worker application, from its options and capacities. */
class DemoClusterTests {

    @TempDir
    Path dir;

    @Test
    void workersProveOnTheChosenBackEnd() {
        // given the demo asked for the native CPU back end on its small circuits
        try (DemoCluster cluster = new DemoCluster(DemoOptions.parse("--backend", "native-cpu"), DemoCluster.DEMO_CAPACITIES, dir, dir)) {
            // then each worker is a witness generator and circuit prover on that back end
            assertEquals(List.of("--proofline.roles=witness-generator,circuit-prover", "--proofline.worker-id=worker-2",
                    "--proofline.prover.backend=native-cpu"), cluster.workerArguments("worker-2"));
        }
    }

    @Test
    void productionWorkersProveOnePartitionAtATimeOnTheDefaultBackEnd() {
        try (DemoCluster cluster = new DemoCluster(DemoOptions.parse(), "production", dir, dir)) {
            assertEquals(List.of("--proofline.roles=witness-generator,circuit-prover", "--proofline.worker-id=worker-1",
                    "--proofline.prover.backend=java", "--proofline.prover.concurrent-partitions=1"),
                    cluster.workerArguments("worker-1"));
        }
    }
}
