package io.proofline.cli;

import io.proofline.circuits.base.CircuitType;
import io.proofline.circuits.base.PinnedCommitments;
import io.proofline.jobs.schema.ProverSchema;
import io.proofline.steps.BatchProofKeys;
import io.proofline.storage.tables.BatchId;
import io.proofline.storage.tables.BatchStatus;
import io.proofline.storage.tables.CircuitInstanceId;
import io.proofline.storage.tables.CircuitInstancesDal;
import io.proofline.storage.tables.ProtocolVersionKeys;
import io.proofline.storage.tables.ProtocolVersionsDal;
import io.proofline.storage.tables.ProverBatchesDal;
import io.proofline.testsupport.TestDatabase;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A prover database made by the prover's own Flyway migrations ({@link ProverSchema}, as the
 * prover application runs them), with rows written the way the pipeline writes them: the
 * prover tables through their DALs, the job's through Spring Batch's job repository.
 */
final class PipelineFixture implements AutoCloseable {

    static final long CHAIN = 270;
    /** The protocol version the fixture's batches are received under: bundles of base proofs, as pinned for small capacities. */
    static final ProtocolVersionKeys VERSION_1 = ProtocolVersionKeys.of(1, PinnedCommitments.load().require(1, "small"), null);

    final TestDatabase database;
    final DataSource dataSource;
    final JdbcClient jdbc;
    final ProverBatchesDal batches;
    final CircuitInstancesDal instances;
    final JobRepository repository;

    private PipelineFixture(TestDatabase database) {
        this.database = database;
        this.dataSource = database.dataSource();
        ProverSchema.flyway(dataSource).migrate();
        this.jdbc = JdbcClient.create(dataSource);
        this.batches = new ProverBatchesDal(jdbc);
        this.instances = new CircuitInstancesDal(jdbc);
        this.repository = JobRepositories.open(dataSource);
        new ProtocolVersionsDal(jdbc).register(VERSION_1);
    }

    static PipelineFixture create() {
        return new PipelineFixture(TestDatabase.create());
    }

    /** The connection options of every prover-cli command on this database. */
    String[] db(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--database-url", database.jdbcUrl(), "--user", database.user(), "--password", database.password()));
        return all.toArray(String[]::new);
    }

    BatchId receive(long batchNumber) {
        BatchId id = new BatchId(CHAIN, batchNumber);
        batches.insertReceived(id, 1, "witness-inputs/" + CHAIN + "/" + batchNumber + ".bin", sha(batchNumber), "0x" + "ab".repeat(32));
        return id;
    }

    void moveTo(BatchId id, BatchStatus... path) {
        for (BatchStatus s : path) {
            batches.updateStatus(id, s);
        }
    }

    CircuitInstanceId queue(BatchId batch, CircuitType type, int index) {
        CircuitInstanceId id = new CircuitInstanceId(batch, type, index);
        instances.insertQueued(id, "circuit-inputs/" + batch.chainId() + "/" + batch.batchNumber() + "/" + type.label + "-" + index + ".bin",
                sha(batch.batchNumber() * 100 + index));
        return id;
    }

    void prove(CircuitInstanceId id, String worker, long vectorMs, long proveMs) {
        prove(id, worker, vectorMs, null, proveMs);
    }

    /** @param queueMs the wait for a GPU worker's prover thread, null for a worker without the pipeline */
    void prove(CircuitInstanceId id, String worker, long vectorMs, Long queueMs, long proveMs) {
        instances.startAttempt(id, worker);
        instances.recordProof(id, worker, "proofs/" + id.batch().batchNumber() + "/" + id.type().label + "-" + id.index() + ".bin",
                sha(id.index() + 7), vectorMs, queueMs, proveMs);
        instances.markSuccessful(id);
    }

    JobExecution startJob(BatchId batch, LocalDateTime started) {
        JobInstance instance = repository.getJobInstance(BatchProofKeys.JOB, BatchProofKeys.parameters(batch));
        if (instance == null) {
            instance = repository.createJobInstance(BatchProofKeys.JOB, BatchProofKeys.parameters(batch));
        }
        JobExecution execution = repository.createJobExecution(instance, BatchProofKeys.parameters(batch), new ExecutionContext());
        execution.setStartTime(started);
        execution.setStatus(org.springframework.batch.core.BatchStatus.STARTED);
        repository.update(execution);
        batches.attachJobExecution(batch, execution.getId());
        return execution;
    }

    void endJob(JobExecution execution, org.springframework.batch.core.BatchStatus status, LocalDateTime ended, String exit) {
        execution.setStatus(status);
        execution.setEndTime(ended);
        execution.setExitStatus(new ExitStatus(status.name(), exit == null ? "" : exit));
        repository.update(execution);
    }

    /** A stage (or, with a context, a partition) that started at {@code started} and ran {@code seconds} (null: still running). */
    StepExecution step(JobExecution job, String name, LocalDateTime started, Integer seconds,
                       org.springframework.batch.core.BatchStatus status, String exit, ExecutionContext context) {
        StepExecution step = repository.createStepExecution(name, job);
        if (context != null) {
            step.setExecutionContext(context);
            repository.updateExecutionContext(step);
        }
        step.setStartTime(started);
        step.setStatus(status);
        if (seconds != null) {
            step.setEndTime(started.plusSeconds(seconds));
            step.setExitStatus(new ExitStatus(status.name(), exit == null ? "" : exit));
        }
        repository.update(step);
        return step;
    }

    static ExecutionContext partition(CircuitType type, int index) {
        ExecutionContext c = new ExecutionContext();
        c.putString(BatchProofKeys.CIRCUIT_TYPE, type.name());
        c.putInt(BatchProofKeys.INSTANCE_INDEX, index);
        return c;
    }

    static String sha(long seed) {
        return String.format("%064x", seed + 1);
    }

    @Override
    public void close() {
        database.close();
    }
}
