package io.proofline.steps.submit;

import io.proofline.steps.JobParametersSupport;
import io.proofline.steps.gateway.CoreClient;
import io.proofline.steps.gateway.SubmitResult;
import io.proofline.storage.objects.ObjectStore;
import io.proofline.storage.tables.BatchId;
import io.proofline.storage.tables.ProverBatch;
import io.proofline.storage.tables.ProverBatchesDal;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Step 5: hands the batch proof to the core. While the core is unavailable the client retries
 * with exponential backoff; an answer, accepted or refused, is recorded. A refusal fails the step
 * with the core's reason, so the job can be restarted after the cause is fixed; it is recorded in
 * a transaction of its own, since the step's is rolled back when the step fails. The core
 * accepts a repeated valid submission, so re-running this step is safe.
 */
public final class SubmitProofTasklet implements Tasklet {

    private final ObjectStore store;
    private final ProverBatchesDal batches;
    private final CoreClient core;
    private final TransactionTemplate ownTransaction;

    /** @param tx the step's transaction manager, on the database of {@code batches} */
    public SubmitProofTasklet(ObjectStore store, ProverBatchesDal batches, CoreClient core, PlatformTransactionManager tx) {
        this.store = store;
        this.batches = batches;
        this.core = core;
        this.ownTransaction = new TransactionTemplate(tx);
        ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext context) throws InterruptedException {
        BatchId id = JobParametersSupport.batchId(context);
        ProverBatch batch = batches.find(id).orElseThrow(() -> new IllegalStateException("unknown batch " + id));
        byte[] proof = store.get(batch.batchProofKey(), batch.batchProofSha256());
        // the client retries with backoff while the core is unavailable; CoreUnavailableException fails the step
        SubmitResult result = core.submitProof(id.batchNumber(), batch.protocolVersion(), proof);
        if (result.accepted()) {
            batches.recordSubmission(id, result.httpStatus(), result.body());
        } else {
            ownTransaction.executeWithoutResult(status -> batches.recordSubmission(id, result.httpStatus(), result.error()));
            throw new IllegalStateException("the core refused the proof of " + id + " (" + result.httpStatus() + "): "
                    + result.error());
        }
        return RepeatStatus.FINISHED;
    }
}
