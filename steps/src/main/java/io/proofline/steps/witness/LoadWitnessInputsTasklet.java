package io.proofline.steps.witness;

import io.proofline.circuits.witness.WitnessInputCodec;
import io.proofline.circuits.witness.WitnessInputData;
import io.proofline.steps.JobParametersSupport;
import io.proofline.storage.objects.ObjectStore;
import io.proofline.storage.tables.BatchId;
import io.proofline.storage.tables.ProverBatch;
import io.proofline.storage.tables.ProverBatchesDal;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Step 1: checks the witness inputs the gateway stored: the blob matches its recorded hash,
 * decodes, and belongs to this batch and protocol version.
 */
public final class LoadWitnessInputsTasklet implements Tasklet {

    private final ObjectStore store;
    private final ProverBatchesDal batches;

    public LoadWitnessInputsTasklet(ObjectStore store, ProverBatchesDal batches) {
        this.store = store;
        this.batches = batches;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext context) {
        BatchId id = JobParametersSupport.batchId(context);
        ProverBatch batch = batches.find(id)
                .orElseThrow(() -> new IllegalStateException("batch " + id + " was never recorded by the gateway"));
        WitnessInputData data = WitnessInputCodec.decode(store.get(batch.witnessInputsKey(), batch.witnessInputsSha256()));
        if (data.chainId() != id.chainId() || data.batchNumber() != id.batchNumber()) {
            throw new IllegalStateException("witness inputs stored for " + id + " describe chain " + data.chainId()
                    + " batch " + data.batchNumber());
        }
        if (data.protocolVersion() != batch.protocolVersion()) {
            throw new IllegalStateException("witness inputs are for protocol version " + data.protocolVersion()
                    + ", the batch for " + batch.protocolVersion());
        }
        contribution.incrementReadCount();
        return RepeatStatus.FINISHED;
    }
}
