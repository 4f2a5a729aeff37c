package io.proofline.jobs.housekeeper;

import io.proofline.steps.BatchProofKeys;
import io.proofline.storage.objects.ObjectKeys;
import io.proofline.storage.objects.ObjectStore;
import io.proofline.storage.tables.BatchId;
import java.util.List;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;

/** What the house keeper does to a job: recover an orphaned execution, delete a proven batch's records. */
public final class JobActions {

    private static final System.Logger LOG = System.getLogger(JobActions.class.getName());
    /** Intermediate artifacts of a batch, one folder per instance; the batch proof is kept. */
    private static final List<String> INSTANCE_FOLDERS = List.of("circuit_inputs", "proofs", "aggregation_proofs");

    private final JobRepository repository;
    private final JobOperator operator;
    private final JobRecords records;
    private final ObjectStore store;

    public JobActions(JobRepository repository, JobOperator operator, JobRecords records, ObjectStore store) {
        this.repository = repository;
        this.operator = operator;
        this.records = records;
        this.store = store;
    }

    /** Marks a running execution whose orchestrator died failed (with its running steps), so that it can be restarted. */
    public void recover(long executionId) {
        JobExecution execution = repository.getJobExecution(executionId);
        if (execution == null || !execution.isRunning()) {
            return;
        }
        JobExecution recovered = operator.recover(execution);
        LOG.log(System.Logger.Level.WARNING, "job execution " + executionId + " left running by a dead orchestrator: now "
                + recovered.getStatus());
    }

    /** Deletes the job metadata, circuit instance rows and intermediate artifacts of a submitted batch. */
    public void delete(BatchId batch) {
        JobInstance instance = repository.getJobInstance(BatchProofKeys.JOB, BatchProofKeys.parameters(batch));
        if (instance != null) {
            List<JobExecution> executions = repository.getJobExecutions(instance);
            if (executions.stream().anyMatch(JobExecution::isRunning)) {
                return;
            }
            records.deleteTaskLinks(executions.stream().map(JobExecution::getId).toList());
            repository.deleteJobInstance(instance);
        }
        for (String folder : INSTANCE_FOLDERS) {
            store.list(ObjectKeys.batchPrefix(folder, batch.chainId(), batch.batchNumber())).forEach(store::delete);
        }
        store.delete(ObjectKeys.witnessInputs(batch.chainId(), batch.batchNumber()));
        store.delete(ObjectKeys.manifest(batch.chainId(), batch.batchNumber()));
        records.deleteInstances(batch);
        records.markPruned(batch);
        LOG.log(System.Logger.Level.INFO, "pruned the job records and intermediate artifacts of " + batch);
    }
}
