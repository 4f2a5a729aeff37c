package io.proofline.steps.witness;

import io.proofline.steps.SupersededRequestGuard;
import io.proofline.steps.WorkerStepNames;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.integration.partition.RemotePartitioningWorkerStepBuilder;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.messaging.MessageChannel;
import org.springframework.transaction.PlatformTransactionManager;

/** The worker side of basicWitnessGeneration: runs each partition request it receives. */
public final class BasicWitnessGenerationWorkerStep {

    private BasicWitnessGenerationWorkerStep() {
    }

    /**
     * In the given transaction manager's transaction: the instances queued in the prover tables
     * commit with the step's own update in the job repository, or neither does.
     */
    public static Step build(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                             MessageChannel requests, BeanFactory beanFactory, BasicWitnessGenerationTasklet tasklet) {
        return new RemotePartitioningWorkerStepBuilder(WorkerStepNames.BASIC_WITNESS_GENERATION, jobRepository)
                .beanFactory(beanFactory)
                .inputChannel(requests)
                .tasklet(tasklet, transactionManager)
                .listener(new SupersededRequestGuard(jobRepository))
                .build();
    }
}
