package io.proofline.jobs;

import static io.proofline.jobs.PipelineEnvironment.BOTH_ROLES;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.steps.data.InstanceStatus;
import io.proofline.steps.data.ProverCircuitInstance;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

/**
 * Batches go from the core through the gateway, the orchestrator's job and two worker JVMs
 * (over the PostgreSQL channels, or RabbitMQ queues) and come back to the core as verified proofs.
 */
class PipelineFunctionalTests extends PipelineTestSupport {

    private static final String RABBIT_HOST = "127.0.0.1";
    private static final int RABBIT_PORT = 5672;

    @Test
    void severalBatchesAreProvenByTwoWorkerProcesses() throws Exception {
        severalBatchesAreProvenByTwoWorkerProcesses(env.proverProperties("postgres"));
    }

    @Test
    void severalBatchesAreProvenByTwoWorkerProcessesOverRabbitMq() throws Exception {
        Assumptions.assumeTrue(reachable(RABBIT_HOST, RABBIT_PORT),
                "RabbitMQ not reachable on " + RABBIT_HOST + ":" + RABBIT_PORT + ": skipping the RabbitMQ transport test");
        // queues of this run only: requests left in a shared broker by earlier runs name step
        // executions of databases long dropped
        String prefix = "proofline-test-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        Map<String, String> props = env.proverProperties("rabbitmq");
        props.put("proofline.rabbitmq.queue-prefix", prefix);
        props.put("spring.rabbitmq.host", RABBIT_HOST);
        props.put("spring.rabbitmq.port", String.valueOf(RABBIT_PORT));
        // deleted once no process listens any more (a listener would declare them again)
        env.afterClose(() -> deleteQueues(prefix + ".basic-witness-generation", prefix + ".prove-base-circuits"));
        severalBatchesAreProvenByTwoWorkerProcesses(props);
    }

    private void severalBatchesAreProvenByTwoWorkerProcesses(Map<String, String> props) throws Exception {
        // given an orchestrator polling the core and two workers with both roles
        env.startOrchestrator(props, true);
        WorkerProcess w1 = env.startWorker("worker-1", BOTH_ROLES, props);
        WorkerProcess w2 = env.startWorker("worker-2", BOTH_ROLES, props);

        // when the core seals three batches
        env.sealBatch(1, 6);
        env.sealBatch(2, 10);
        env.sealBatch(3, 3);

        // then all three are proven, by both workers, each instance at the first attempt
        env.await("proof of batches 1, 2 and 3 at the core", Duration.ofMinutes(4), true,
                () -> env.proven(1) && env.proven(2) && env.proven(3));
        List<ProverCircuitInstance> all = new ArrayList<>();
        for (int b = 1; b <= 3; b++) {
            all.addAll(env.instances(b));
        }
        Set<String> workers = all.stream().map(ProverCircuitInstance::workerId).collect(Collectors.toSet());
        assertTrue(workers.containsAll(Set.of(w1.id(), w2.id())), "both workers proved instances: " + workers
                + "\n" + env.diagnostics());
        assertTrue(all.stream().allMatch(i -> i.status() == InstanceStatus.SUCCESSFUL && i.attempts() == 1),
                "every instance proven at its first attempt\n" + env.diagnostics());
    }

    private static boolean reachable(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteQueues(String... names) {
        CachingConnectionFactory connections = new CachingConnectionFactory(RABBIT_HOST, RABBIT_PORT);
        try {
            RabbitAdmin admin = new RabbitAdmin(connections);
            for (String name : names) {
                admin.deleteQueue(name);
            }
        } finally {
            connections.destroy();
        }
    }
}
