package io.proofline.steps.proving;

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

/** The worker side of proveBaseCircuits: proves the one instance each partition request names. */
public final class ProveBaseCircuitsWorkerStep {

    private ProveBaseCircuitsWorkerStep() {
    }

    /**
     * Not in a database transaction: the tasklet's writes to prover_circuit_instances must commit
     * at once, so that other processes see the attempt in progress and its heartbeats (a
     * stale-partition check needs them). The job repository's updates run in their own
     * transactions either way. The tasklet's outcome listener, registered for chunks and for the
     * step, marks the instance successful or failed as the step ends.
     */
    public static Step build(JobRepository jobRepository, MessageChannel requests, BeanFactory beanFactory,
                             ProveCircuitTasklet tasklet) {
        AttemptOutcomeListener outcomes = tasklet.outcomes();
        return new RemotePartitioningWorkerStepBuilder(WorkerStepNames.PROVE_BASE_CIRCUITS, jobRepository)
                .beanFactory(beanFactory)
                .inputChannel(requests)
                .tasklet(tasklet, new ResourcelessTransactionManager())
                .listener(new SupersededRequestGuard(jobRepository))
                .listener((ChunkListener<?, ?>) outcomes)
                .listener((StepExecutionListener) outcomes)
                .build();
    }
}
