package io.proofline.jobs.batchproof;

import io.proofline.jobs.ConditionalOnRole;
import io.proofline.jobs.Role;
import io.proofline.jobs.channels.RequestChannels;
import io.proofline.jobs.config.JobsProperties;
import io.proofline.steps.data.BatchId;
import io.proofline.steps.data.ProverBatchesDal;
import io.proofline.steps.gateway.CoreClient;
import io.proofline.steps.store.ObjectStore;
import java.util.Map;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.integration.partition.RemotePartitioningManagerStepBuilder;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.batch.autoconfigure.JobExecutionExitCodeGenerator;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.MessageChannel;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The batchProof job, on the orchestrator. Identified by {@code chainId} and
 * {@code batchNumber} with no incrementer: a failed execution is restarted as the same
 * instance, and a completed batch cannot be proven twice. The three remote steps send one
 * request per partition on their own channel and learn of completion by polling the job
 * repository.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(Role.ORCHESTRATOR)
public class BatchProofJobConfiguration {

    /** Time between the manager's looks at the job repository for finished partitions. */
    static final long POLL_INTERVAL_MS = 200;

    // step 1 configuration

    @Bean
    Step loadWitnessInputs(JobRepository jobRepository, @Qualifier("transactionManager") PlatformTransactionManager tx,
                           ObjectStore store, ProverBatchesDal batches) {
        return new StepBuilder("loadWitnessInputs", jobRepository)
                .tasklet(new LoadWitnessInputsTasklet(store, batches), tx)
                .build();
    }

    // step 2 configuration: one remote partition on a witness-generator worker

    @Bean
    Step basicWitnessGeneration(JobRepository jobRepository, JobsProperties properties, BeanFactory beanFactory,
                                @Qualifier(RequestChannels.BASIC_WITNESS_GENERATION) MessageChannel requests) {
        Partitioner single = gridSize -> Map.of("batch", new org.springframework.batch.infrastructure.item.ExecutionContext());
        return new RemotePartitioningManagerStepBuilder("basicWitnessGeneration", jobRepository)
                .beanFactory(beanFactory)
                .partitioner(WorkerStepNames.BASIC_WITNESS_GENERATION, single)
                .outputChannel(requests)
                .pollInterval(POLL_INTERVAL_MS)
                .timeout(properties.prover().partitionTimeout().toMillis())
                .build();
    }

    // step 3 configuration: one remote partition per circuit instance on circuit-prover workers

    @Bean
    @StepScope
    ProveBaseCircuitsPartitioner proveBaseCircuitsPartitioner(ObjectStore store, ProverBatchesDal batches,
            @Value("#{jobParameters['chainId']}") Long chainId, @Value("#{jobParameters['batchNumber']}") Long batchNumber) {
        return new ProveBaseCircuitsPartitioner(store, batches, new BatchId(chainId, batchNumber));
    }

    @Bean
    Step proveBaseCircuits(JobRepository jobRepository, JobsProperties properties, BeanFactory beanFactory,
                           ProveBaseCircuitsPartitioner partitioner,
                           @Qualifier(RequestChannels.PROVE_BASE_CIRCUITS) MessageChannel requests) {
        return new RemotePartitioningManagerStepBuilder("proveBaseCircuits", jobRepository)
                .beanFactory(beanFactory)
                .partitioner(WorkerStepNames.PROVE_BASE_CIRCUITS, partitioner)
                .outputChannel(requests)
                .pollInterval(POLL_INTERVAL_MS)
                .timeout(properties.prover().partitionTimeout().toMillis())
                .build();
    }

    // step 4 configuration: one remote partition on a circuit-prover worker, which proves the
    // recursion circuits (leaves, rounds of nodes, scheduler) into the batch's one proof

    @Bean
    Step aggregate(JobRepository jobRepository, JobsProperties properties, BeanFactory beanFactory,
                   @Qualifier(RequestChannels.AGGREGATE) MessageChannel requests) {
        Partitioner single = gridSize -> Map.of("batch", new org.springframework.batch.infrastructure.item.ExecutionContext());
        return new RemotePartitioningManagerStepBuilder("aggregate", jobRepository)
                .beanFactory(beanFactory)
                .partitioner(WorkerStepNames.AGGREGATE, single)
                .outputChannel(requests)
                .pollInterval(POLL_INTERVAL_MS)
                .timeout(properties.prover().partitionTimeout().toMillis())
                .build();
    }

    // step 5 configuration

    @Bean
    Step submitProof(JobRepository jobRepository, @Qualifier("transactionManager") PlatformTransactionManager tx,
                     ObjectStore store, ProverBatchesDal batches, CoreClient core) {
        return new StepBuilder("submitProof", jobRepository)
                .tasklet(new SubmitProofTasklet(store, batches, core), tx)
                .build();
    }

    /** The task mode's command line ({@code chainId=1 batchNumber=42}) as the job's parameters, for Boot's job runner. */
    @Bean
    BatchProofParametersConverter batchProofParametersConverter() {
        return new BatchProofParametersConverter();
    }

    /** The task mode's exit code, recorded by Spring Cloud Task for Spring Cloud Data Flow (see {@link JobExitCodeForTask}). */
    @Bean
    @ConditionalOnBooleanProperty("spring.batch.job.enabled")
    JobExitCodeForTask jobExitCodeForTask(JobExecutionExitCodeGenerator jobExitCode, ApplicationContext context) {
        return new JobExitCodeForTask(jobExitCode, context, context);
    }

    @Bean
    Job batchProof(JobRepository jobRepository, Step loadWitnessInputs, Step basicWitnessGeneration,
                   Step proveBaseCircuits, Step aggregate, Step submitProof, ProverBatchesDal batches) {
        return new JobBuilder(BatchProofKeys.JOB, jobRepository)
                .listener(new BatchStatusListener(batches))
                .start(loadWitnessInputs)
                .next(basicWitnessGeneration)
                .next(proveBaseCircuits)
                .next(aggregate)
                .next(submitProof)
                .build();
    }
}
