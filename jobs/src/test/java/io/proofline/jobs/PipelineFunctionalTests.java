package io.proofline.jobs;

import static io.proofline.jobs.PipelineEnvironment.BOTH_ROLES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.circuits.base.PinnedCommitments;
import io.proofline.storage.objects.ObjectStore;
import io.proofline.storage.objects.S3ObjectStore;
import io.proofline.storage.tables.AggregationLayer;
import io.proofline.storage.tables.InstanceStatus;
import io.proofline.storage.tables.ProtocolVersionKeys;
import io.proofline.storage.tables.ProtocolVersionsDal;
import io.proofline.storage.tables.ProverAggregationProof;
import io.proofline.storage.tables.ProverBatch;
import io.proofline.storage.tables.ProverBatchesDal;
import io.proofline.storage.tables.ProverCircuitInstance;
import io.proofline.testsupport.TestS3Server;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Batches go from the core through the gateway, the orchestrator's job and two worker JVMs
 * (over the PostgreSQL channels with a local store, or RabbitMQ queues with an S3 bucket) and
 * come back to the core as verified proofs.
 */
class PipelineFunctionalTests extends PipelineTestSupport {

    private static final String RABBIT_HOST = "127.0.0.1";
    private static final int RABBIT_PORT = 5672;
    private static final String S3_BUCKET = "proofline-pipeline";

    @Test
    void severalBatchesAreProvenByTwoWorkerProcesses() throws Exception {
        // the first batch's 4 deposits and 5 transfers fill 3 transfer-execution and 4 storage-application
        // instances (small capacities): two leaves of each type, so a node of each
        severalBatchesAreProvenByTwoWorkerProcesses(env.proverProperties("postgres"), 5, 1);
    }

    /**
     * The other transport and the other store at once, each a run of its own costing minutes:
     * requests over RabbitMQ queues, every artifact in an S3 bucket.
     */
    @Test
    void severalBatchesAreProvenByTwoWorkerProcessesOverRabbitMqSharingAnS3Bucket() throws Exception {
        Assumptions.assumeTrue(reachable(RABBIT_HOST, RABBIT_PORT),
                "RabbitMQ not reachable on " + RABBIT_HOST + ":" + RABBIT_PORT + ": skipping the RabbitMQ and S3 pipeline test");
        // given RabbitMQ queues of this run only: requests left in a shared broker by earlier
        // runs name step executions of databases long dropped
        String prefix = "proofline-test-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        Map<String, String> props = env.proverProperties("rabbitmq");
        props.put("proofline.rabbitmq.queue-prefix", prefix);
        props.put("spring.rabbitmq.host", RABBIT_HOST);
        props.put("spring.rabbitmq.port", String.valueOf(RABBIT_PORT));
        // deleted once no process listens any more (a listener would declare them again)
        env.afterClose(() -> deleteQueues(prefix + ".basic-witness-generation", prefix + ".prove-base-circuits",
                prefix + ".aggregation-proofs"));
        // and an S3-compatible object store in place of the local directory
        TestS3Server s3 = TestS3Server.start(S3_BUCKET);
        env.afterClose(() -> {
            try {
                s3.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot stop the test S3 server", e);
            }
        });
        props.put("proofline.s3.bucket", S3_BUCKET);
        props.put("proofline.s3.prefix", "pipeline-test/");
        props.put("proofline.s3.endpoint", s3.endpoint());
        props.put("proofline.s3.access-key", TestS3Server.ACCESS_KEY);
        props.put("proofline.s3.secret-key", TestS3Server.SECRET_KEY);

        // two batches: every kind of request crosses the broker (nodes are the postgres variant's)
        severalBatchesAreProvenByTwoWorkerProcesses(props, 3, 1);

        // and every stage's artifacts are in the bucket, none in the local store directory
        ObjectStore store = env.bean(ObjectStore.class);
        assertTrue(store instanceof S3ObjectStore, "the orchestrator's store: " + store);
        for (String stage : List.of("witness_inputs/", "circuit_inputs/", "proofs/", "batch_proofs/")) {
            List<String> keys = store.list(stage);
            assertFalse(keys.isEmpty(), "objects under " + stage);
            assertTrue(s3.blobStore().blobExists(S3_BUCKET, "pipeline-test/" + keys.getFirst()), keys.getFirst());
        }
        assertTrue(Files.notExists(Path.of(props.get("proofline.store-dir"))) || isEmptyTree(Path.of(props.get("proofline.store-dir"))),
                "nothing written to the local store directory");
    }

    private static boolean isEmptyTree(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            return files.noneMatch(Files::isRegularFile);
        }
    }

    /** Seals a batch of each of {@code transactions} transfers, in order, and checks how they were proven. */
    private void severalBatchesAreProvenByTwoWorkerProcesses(Map<String, String> props, int... transactions) throws Exception {
        int n = transactions.length;
        // given an orchestrator polling the core and two workers with both roles, the first one on
        // the Java back end, the second one on the native CPU back end, proving through the GPU
        // prover role's pipeline (no GPU here), so that the batches' proofs come from both
        env.startOrchestrator(props, true);
        Map<String, String> onJava = new LinkedHashMap<>(props);
        onJava.put("proofline.prover.backend", "java");
        WorkerProcess w1 = env.startWorker("worker-1", BOTH_ROLES, onJava);
        Map<String, String> pipelined = new LinkedHashMap<>(props);
        pipelined.put("proofline.prover.gpu.pipeline", "on");
        pipelined.put("proofline.prover.gpu.witness-vector-threads", "1");
        pipelined.put("proofline.prover.gpu.queue-length", "1");
        WorkerProcess w2 = env.startWorker("worker-2", BOTH_ROLES, pipelined);
        // both listening before there is work: a worker up first could take every instance
        env.await("both workers started", Duration.ofMinutes(3), () -> w1.started() && w2.started());

        // when the core seals the batches
        for (int b = 1; b <= n; b++) {
            env.sealBatch(b, transactions[b - 1]);
        }

        // then all are proven, by both workers, each instance at the first attempt
        // (each batch's base proofs are aggregated into one proof: a minute or so per batch on two cores)
        env.await("proof of batches 1 to " + n + " at the core", Duration.ofMinutes(10), true,
                () -> {
                    for (int b = 1; b <= n; b++) {
                        if (!env.proven(b)) {
                            return false;
                        }
                    }
                    return true;
                });
        List<ProverCircuitInstance> all = new ArrayList<>();
        for (int b = 1; b <= n; b++) {
            all.addAll(env.instances(b));
        }
        Set<String> workers = all.stream().map(ProverCircuitInstance::workerId).collect(Collectors.toSet());
        assertTrue(workers.containsAll(Set.of(w1.id(), w2.id())), "both workers proved instances: " + workers
                + "\n" + env.diagnostics());
        assertTrue(all.stream().allMatch(i -> i.status() == InstanceStatus.SUCCESSFUL && i.attempts() == 1),
                "every instance proven at its first attempt\n" + env.diagnostics());
        // and each worker proved on the back end it was told
        assertTrue(Files.readString(w1.log).contains("prover back end: java (proofline.prover.backend=java)"), w1.logTail(40));
        assertTrue(Files.readString(w2.log).contains("prover back end: native-cpu (proofline.prover.backend=native-cpu)"),
                w2.logTail(40));
        // and the pipelined worker recorded each partition's queue wait apart, the other none
        assertTrue(all.stream().allMatch(i -> (i.queueMs() != null) == i.workerId().equals(w2.id())),
                "queue waits recorded by the pipelined worker only: " + all.stream()
                        .map(i -> i.id() + " " + i.workerId() + " " + i.queueMs()).toList());

        // and each batch was aggregated on the workers, a partition per leaf, per node of each
        // round and for the scheduler, into the one proof the core accepted
        Set<AggregationLayer> layers = EnumSet.noneOf(AggregationLayer.class);
        for (int b = 1; b <= n; b++) {
            List<ProverAggregationProof> proofs = env.aggregationProofs(b);
            assertTrue(proofs.stream().allMatch(p -> p.status() == InstanceStatus.SUCCESSFUL && p.attempts() == 1),
                    "every aggregation proof made at its first attempt\n" + env.diagnostics());
            proofs.forEach(p -> layers.add(p.id().layer()));
            assertTrue(proofs.stream().allMatch(p -> (p.queueMs() != null) == p.workerId().equals(w2.id())),
                    "aggregation proofs through the pipelined worker's prover thread record their wait: " + proofs);
            assertEquals(AggregationLayer.SCHEDULER, proofs.getLast().id().layer(), "the scheduler comes last: " + proofs);
            Set<String> steps = env.lastJobExecution(b).orElseThrow().getStepExecutions().stream()
                    .map(StepExecution::getStepName).collect(Collectors.toSet());
            for (ProverAggregationProof p : proofs) {
                assertTrue(steps.contains("aggregationProofWorker:" + p.id().name()), p.id() + " has its partition: " + steps);
            }
            ProverBatch batch = env.bean(ProverBatchesDal.class).find(PipelineEnvironment.batchId(b)).orElseThrow();
            assertEquals(proofs.getLast().proofKey(), batch.batchProofKey(), "the scheduler's proof is the batch's");
            Matcher bytes = Pattern.compile("\"proofBytes\":(\\d+)").matcher(env.get("/batches/" + b));
            assertTrue(bytes.find(), "the core shows the accepted proof's size");
            assertEquals(env.bean(ObjectStore.class).get(batch.batchProofKey(), batch.batchProofSha256()).length,
                    Integer.parseInt(bytes.group(1)), "batch " + b);
        }
        if (Arrays.stream(transactions).anyMatch(t -> t >= 5)) {
            assertEquals(EnumSet.allOf(AggregationLayer.class), layers, "leaves, nodes and schedulers among the batches");
        }

        // and the orchestrator's task execution, as Spring Cloud Data Flow would read it, is
        // linked to each batch's job execution
        JdbcClient jdbc = JdbcClient.create(env.bean(DataSource.class));
        List<Long> orchestratorTasks = jdbc.sql("SELECT task_execution_id FROM task_execution WHERE task_name = 'proofline-prover'")
                .query(Long.class).list();
        assertEquals(3, orchestratorTasks.size(), "task executions of the orchestrator and the two workers: "
                + jdbc.sql("SELECT task_execution_id, task_name, start_time FROM task_execution").query().listOfRows()
                + " in db " + jdbc.sql("select current_database()").query(String.class).single());
        for (int b = 1; b <= n; b++) {
            long jobExecution = env.lastJobExecution(b).orElseThrow().getId();
            List<Long> linked = jdbc.sql("SELECT task_execution_id FROM task_task_batch WHERE job_execution_id = ?")
                    .param(jobExecution).query(Long.class).list();
            assertEquals(1, linked.size(), "task executions linked to the job execution of batch " + b);
            assertTrue(orchestratorTasks.contains(linked.getFirst()));
        }

        // and the gateway recorded the batches' protocol version with every key the core verifies
        // against, base and recursion, as pinned; each batch row references it
        PinnedCommitments pins = PinnedCommitments.load();
        int version = pins.currentVersion();
        assertEquals(ProtocolVersionKeys.of(version, pins.require(version, "small"), pins.findRecursion(version, "small").orElseThrow()),
                env.bean(ProtocolVersionsDal.class).find(version).orElseThrow());
        assertEquals(List.of(version), jdbc.sql("SELECT DISTINCT b.protocol_version FROM prover_batches b"
                + " JOIN prover_protocol_versions v USING (protocol_version)").query(Integer.class).list());
        assertEquals(n, jdbc.sql("SELECT count(*) FROM prover_batches").query(Integer.class).single());
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
