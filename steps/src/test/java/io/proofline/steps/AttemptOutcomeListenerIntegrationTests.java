package io.proofline.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.circuits.base.CircuitType;
import io.proofline.steps.aggregation.AggregationProofTasklet;
import io.proofline.steps.aggregation.AggregationRounds;
import io.proofline.steps.proving.ProveCircuitTasklet;
import io.proofline.storage.objects.ObjectKeys;
import io.proofline.storage.objects.Sha256;
import io.proofline.storage.tables.AggregationLayer;
import io.proofline.storage.tables.AggregationProofId;
import io.proofline.storage.tables.AggregationProofsDal;
import io.proofline.storage.tables.BatchId;
import io.proofline.storage.tables.CircuitInstanceId;
import io.proofline.storage.tables.CircuitInstancesDal;
import io.proofline.storage.tables.InstanceStatus;
import io.proofline.storage.tables.ProtocolVersionKeys;
import io.proofline.storage.tables.ProtocolVersionsDal;
import io.proofline.storage.tables.ProverBatchesDal;
import io.proofline.storage.tables.ProverCircuitInstance;
import io.proofline.storage.tables.ProverMigrations;
import io.proofline.testsupport.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.support.ResourcelessJobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A partition's row gets its outcome from the partition's step, through the listener that the
 * worker steps register: run here on real Spring Batch steps against a real PostgreSQL, with a
 * job repository that notes what the row said each time the step's end was saved.
 */
class AttemptOutcomeListenerIntegrationTests {

    private static final BatchId BATCH = new BatchId(270, 12);
    private static final CircuitInstanceId INSTANCE = new CircuitInstanceId(BATCH, CircuitType.TRANSFER_EXECUTION, 1);
    private static final String SHA = Sha256.hex(new byte[] {7});
    private static final String WORKER = "worker-a";

    private static TestDatabase database;
    private static JdbcClient jdbc;
    private static CircuitInstancesDal instances;
    private static AggregationProofsDal proofs;

    @BeforeAll
    static void start() {
        database = TestDatabase.create();
        ProverMigrations.migrate(database.dataSource());
        jdbc = JdbcClient.create(database.dataSource());
        instances = new CircuitInstancesDal(jdbc);
        proofs = new AggregationProofsDal(jdbc);
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @BeforeEach
    void queueOneInstance() {
        database.execute("TRUNCATE prover_aggregation_proofs, prover_circuit_instances, prover_batches, prover_protocol_versions");
        new ProtocolVersionsDal(jdbc).register(new ProtocolVersionKeys(1, "0x" + "11".repeat(32), "0x" + "12".repeat(32), Map.of()));
        new ProverBatchesDal(jdbc).insertReceived(BATCH, 1, ObjectKeys.witnessInputs(270, 12), SHA, "0x00");
        instances.insertQueued(INSTANCE, ObjectKeys.circuitInput(270, 12, INSTANCE.type(), INSTANCE.index()), SHA);
    }

    /** The real wiring: the tasklet's own listener, with this test's worker id. */
    private static AttemptOutcomeListener instanceOutcomes() {
        return new ProveCircuitTasklet(null, instances, null, null, WORKER, Duration.ofSeconds(1)).outcomes();
    }

    private static boolean claim() {
        return instances.startAttempt(INSTANCE, WORKER);
    }

    private static void recordProof() {
        assertTrue(instances.recordProof(INSTANCE, WORKER, ObjectKeys.proof(270, 12, INSTANCE.type(), INSTANCE.index()), SHA,
                3, null, 40));
    }

    private static InstanceStatus status() {
        return instances.find(INSTANCE).orElseThrow().status();
    }

    @Test
    void aCompletedPartitionIsSuccessfulBeforeItsEndIsSaved() {
        Run run = runPartition(instanceContext(), instanceOutcomes(), (contribution, context) -> {
            assertTrue(claim());
            recordProof();
            return RepeatStatus.FINISHED;
        }, AttemptOutcomeListenerIntegrationTests::status);

        assertEquals(BatchStatus.COMPLETED, run.step.getStatus());
        assertEquals(InstanceStatus.SUCCESSFUL, run.rowWhenEndSaved,
                "a manager that sees the partition complete must see its instance proven");
        ProverCircuitInstance row = instances.find(INSTANCE).orElseThrow();
        assertEquals(1, row.attempts());
        assertEquals(40L, row.proveMs());
    }

    @Test
    void aRequestOfAReplacedJobExecutionRunsNothingAndLeavesTheRowAlone() {
        // given the row held by this worker's attempt for the job's newer execution (2), and a
        // request of execution 1 still queued, as the house keeper's orphan recovery leaves them
        assertTrue(claim());
        ResourcelessJobRepository repository = new ResourcelessJobRepository() {
            @Override
            public JobExecution getLastJobExecution(JobInstance instance) {
                return new JobExecution(2L, instance, BatchProofKeys.parameters(BATCH));
            }
        };
        boolean[] ran = {false};

        // when a worker takes the stale request
        StepExecution stale = execute(repository, instanceContext(), instanceOutcomes(), (contribution, context) -> {
            ran[0] = true;
            return RepeatStatus.FINISHED;
        });

        // then its step fails without running, and the newer attempt keeps the row
        assertEquals(BatchStatus.FAILED, stale.getStatus());
        assertFalse(ran[0], "the tasklet ran");
        String error = AttemptOutcomeListener.error(stale);
        assertTrue(error.contains("a request of job execution 1, which execution 2 has replaced"), error);
        assertEquals(InstanceStatus.IN_PROGRESS, status());
    }

    @Test
    void aFailedPartitionFailsItsAttemptWithTheStepsFailure() {
        Run run = runPartition(instanceContext(), instanceOutcomes(), (contribution, context) -> {
            assertTrue(claim());
            throw new IllegalStateException("proofs/270/12/input.bin does not match its SHA-256");
        }, AttemptOutcomeListenerIntegrationTests::status);

        assertEquals(BatchStatus.FAILED, run.step.getStatus());
        ProverCircuitInstance row = instances.find(INSTANCE).orElseThrow();
        assertEquals(InstanceStatus.FAILED, row.status());
        assertEquals("proofs/270/12/input.bin does not match its SHA-256", row.error());
        assertTrue(instances.requeue(INSTANCE), "a failed attempt can be tried again");
    }

    @Test
    void anErrorThatIsNoExceptionFailsTheAttemptToo() {
        Run run = runPartition(instanceContext(), instanceOutcomes(), (contribution, context) -> {
            assertTrue(claim());
            throw new OutOfMemoryError("Java heap space");
        }, AttemptOutcomeListenerIntegrationTests::status);

        assertEquals(BatchStatus.FAILED, run.step.getStatus());
        assertEquals(InstanceStatus.FAILED, status());
        assertEquals("Java heap space", instances.find(INSTANCE).orElseThrow().error());
    }

    @Test
    void aPartitionThatFinishesWithoutAProofFails() {
        Run run = runPartition(instanceContext(), instanceOutcomes(), (contribution, context) -> {
            assertTrue(claim());
            return RepeatStatus.FINISHED;
        }, AttemptOutcomeListenerIntegrationTests::status);

        assertEquals(BatchStatus.FAILED, run.step.getStatus());
        ProverCircuitInstance row = instances.find(INSTANCE).orElseThrow();
        assertEquals(InstanceStatus.FAILED, row.status());
        assertTrue(row.error().contains("without a recorded proof"), row.error());
    }

    @Test
    void aPartitionRefusedItsInstanceLeavesTheOtherWorkersClaimAlone() {
        assertTrue(instances.startAttempt(INSTANCE, "worker-b"));
        Run run = runPartition(instanceContext(), instanceOutcomes(), (contribution, context) -> {
            if (!claim()) {
                throw new IllegalStateException(INSTANCE + " is being proven by another worker");
            }
            return RepeatStatus.FINISHED;
        }, AttemptOutcomeListenerIntegrationTests::status);

        assertEquals(BatchStatus.FAILED, run.step.getStatus());
        ProverCircuitInstance row = instances.find(INSTANCE).orElseThrow();
        assertEquals(InstanceStatus.IN_PROGRESS, row.status());
        assertEquals("worker-b", row.workerId());
        assertTrue(instances.heartbeat(INSTANCE, "worker-b"), "worker-b still holds it");
    }

    @Test
    void aReusedProofMakesARestartedPartitionSuccessful() {
        // an earlier attempt recorded its proof, then its step failed before completing
        assertTrue(claim());
        recordProof();
        assertTrue(instances.markFailed(INSTANCE, WORKER, "stopped"));

        Run run = runPartition(instanceContext(), instanceOutcomes(), (contribution, context) -> RepeatStatus.FINISHED,
                AttemptOutcomeListenerIntegrationTests::status);

        assertEquals(BatchStatus.COMPLETED, run.step.getStatus());
        assertEquals(InstanceStatus.SUCCESSFUL, run.rowWhenEndSaved);
    }

    @Test
    void aggregationPartitionsGetTheirOutcomeTheSameWay() {
        AggregationProofId leaf = new AggregationProofId(BATCH, AggregationLayer.LEAF, 0, CircuitType.STORAGE_APPLICATION, 0);
        proofs.insertQueued(List.of(leaf));
        AttemptOutcomeListener outcomes = new AggregationProofTasklet(null, null, instances, proofs, null, WORKER,
                Duration.ofSeconds(1)).outcomes();
        Supplier<InstanceStatus> leafStatus = () -> proofs.find(leaf).orElseThrow().status();

        Run run = runPartition(AggregationRounds.context(leaf), outcomes, (contribution, context) -> {
            assertTrue(proofs.startAttempt(leaf, WORKER));
            assertTrue(proofs.recordProof(leaf, WORKER, List.of(), ObjectKeys.aggregationProof(270, 12, leaf.name()), SHA,
                    1, null, 2));
            return RepeatStatus.FINISHED;
        }, leafStatus);
        assertEquals(BatchStatus.COMPLETED, run.step.getStatus());
        assertEquals(InstanceStatus.SUCCESSFUL, run.rowWhenEndSaved);

        jdbc.sql("UPDATE prover_aggregation_proofs SET status = 'queued', proof_key = NULL, proof_sha256 = NULL").update();
        Run failed = runPartition(AggregationRounds.context(leaf), outcomes, (contribution, context) -> {
            assertTrue(proofs.startAttempt(leaf, WORKER));
            throw new IllegalStateException("inner proof unreadable");
        }, leafStatus);
        assertEquals(BatchStatus.FAILED, failed.step.getStatus());
        assertEquals(InstanceStatus.FAILED, leafStatus.get());
        assertEquals("inner proof unreadable", proofs.find(leaf).orElseThrow().error());
    }

    private static ExecutionContext instanceContext() {
        ExecutionContext context = new ExecutionContext();
        context.putString(BatchProofKeys.CIRCUIT_TYPE, INSTANCE.type().name());
        context.putInt(BatchProofKeys.INSTANCE_INDEX, INSTANCE.index());
        return context;
    }

    /** @param rowWhenEndSaved the row's status when the step's end was first saved, which a polling manager can see */
    private record Run(StepExecution step, InstanceStatus rowWhenEndSaved) {
    }

    /** Runs one partition as a worker does, noting what the row said when the step's end was saved. */
    private static Run runPartition(ExecutionContext partition, AttemptOutcomeListener outcomes, Tasklet tasklet,
                                    Supplier<InstanceStatus> row) {
        List<InstanceStatus> atEndSaved = new ArrayList<>();
        ResourcelessJobRepository repository = new ResourcelessJobRepository() {
            @Override
            public void update(StepExecution stepExecution) {
                if (stepExecution.getEndTime() != null) {
                    atEndSaved.add(row.get());
                }
                super.update(stepExecution);
            }
        };
        StepExecution step = execute(repository, partition, outcomes, tasklet);
        return new Run(step, atEndSaved.isEmpty() ? null : atEndSaved.getFirst());
    }

    /**
     * One partition's step in a job execution of {@code repository}, built as the worker steps
     * are: a tasklet step outside a database transaction, the superseded-request guard first,
     * then the outcome listener.
     */
    private static StepExecution execute(ResourcelessJobRepository repository, ExecutionContext partition,
                                         AttemptOutcomeListener outcomes, Tasklet tasklet) {
        JobInstance instance = repository.createJobInstance(BatchProofKeys.JOB, BatchProofKeys.parameters(BATCH));
        JobExecution job = repository.createJobExecution(instance, BatchProofKeys.parameters(BATCH), new ExecutionContext());
        StepExecution step = repository.createStepExecution(WorkerStepNames.PROVE_BASE_CIRCUITS + ":partition0", job);
        step.setExecutionContext(partition);
        Step worker = new StepBuilder(WorkerStepNames.PROVE_BASE_CIRCUITS, repository)
                .tasklet(tasklet, new ResourcelessTransactionManager())
                .listener(new SupersededRequestGuard(repository))
                .listener((ChunkListener<?, ?>) outcomes)
                .listener((StepExecutionListener) outcomes)
                .build();
        try {
            worker.execute(step);
        } catch (Exception e) {
            throw new AssertionError("the step itself could not run", e);
        }
        return step;
    }
}
