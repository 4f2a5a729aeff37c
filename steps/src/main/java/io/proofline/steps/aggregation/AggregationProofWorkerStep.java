package io.proofline.steps.aggregation;

import io.proofline.steps.AttemptOutcomeListener;
import io.proofline.steps.SupersededRequestGuard;
import io.proofline.steps.WorkerStepNames;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.batch.integration.partition.RemotePartitioningWorkerStepBuilder;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.messaging.MessageChannel;

/** The worker side of the leaf, node and scheduler steps: makes the one proof each partition names. */
public final class AggregationProofWorkerStep {

    private AggregationProofWorkerStep() {
    }

    /**
     * Like base proving, not in a database transaction, so that attempts and heartbeats in
     * prover_aggregation_proofs commit at once.
     */
    public static Step build(JobRepository jobRepository, MessageChannel requests, BeanFactory beanFactory,
                             AggregationProofTasklet tasklet) {
        AttemptOutcomeListener outcomes = tasklet.outcomes();
        return new RemotePartitioningWorkerStepBuilder(WorkerStepNames.AGGREGATION_PROOF, jobRepository)
                .beanFactory(beanFactory)
                .inputChannel(requests)
                .tasklet(tasklet, new ResourcelessTransactionManager())
                .listener(new SupersededRequestGuard(jobRepository))
                .listener((ChunkListener<?, ?>) outcomes)
                .listener((StepExecutionListener) outcomes)
                .build();
    }
}
