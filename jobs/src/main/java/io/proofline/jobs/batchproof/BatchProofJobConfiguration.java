package io.proofline.jobs.batchproof;

import io.proofline.jobs.ConditionalOnRole;
import io.proofline.jobs.Role;
import io.proofline.jobs.channels.RequestChannels;
import io.proofline.jobs.config.JobsProperties;
import io.proofline.steps.BatchProofKeys;
import io.proofline.steps.WorkerStepNames;
import io.proofline.steps.aggregation.AggregationPartitioner;
import io.proofline.steps.aggregation.BundleBaseProofsTasklet;
import io.proofline.steps.aggregation.NodeRoundsDecider;
import io.proofline.steps.aggregation.ProofFormatDecider;
import io.proofline.steps.gateway.CoreClient;
import io.proofline.steps.proving.ProveBaseCircuitsPartitioner;
import io.proofline.steps.submit.SubmitProofTasklet;
import io.proofline.steps.witness.LoadWitnessInputsTasklet;
import io.proofline.storage.objects.ObjectStore;
import io.proofline.storage.tables.AggregationLayer;
import io.proofline.storage.tables.AggregationProofsDal;
import io.proofline.storage.tables.BatchId;
import io.proofline.storage.tables.BatchStatus;
import io.proofline.storage.tables.CircuitInstancesDal;
import io.proofline.storage.tables.ProverBatchesDal;
import java.util.Map;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.partition.support.SimpleStepExecutionSplitter;
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
 * instance, and a completed batch cannot be proven twice. The remote steps send one request
 * per partition on their stage's channel and learn of completion by polling the job
 * repository.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(Role.ORCHESTRATOR)
public class BatchProofJobConfiguration {

    /** Time between the manager's looks at the job repository for finished partitions. */
    static final long POLL_INTERVAL_MS = 200;

    /** Writes each batch's status as its job's steps start and complete (see the class). */
    @Bean
    BatchStatusListener batchStatusListener(ProverBatchesDal batches) {
        return new BatchStatusListener(batches);
    }

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
                                @Qualifier(RequestChannels.BASIC_WITNESS_GENERATION) MessageChannel requests,
                                BatchStatusListener batchStatus) {
        Partitioner single = gridSize -> Map.of("batch", new org.springframework.batch.infrastructure.item.ExecutionContext());
        return new RemotePartitioningManagerStepBuilder("basicWitnessGeneration", jobRepository)
                .beanFactory(beanFactory)
                .partitioner(WorkerStepNames.BASIC_WITNESS_GENERATION, single)
                .listener(batchStatus.onCompletion(BatchStatus.WITNESS_GENERATED))
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
                           @Qualifier(RequestChannels.PROVE_BASE_CIRCUITS) MessageChannel requests,
                           BatchStatusListener batchStatus) {
        return new RemotePartitioningManagerStepBuilder("proveBaseCircuits", jobRepository)
                .beanFactory(beanFactory)
                .partitioner(WorkerStepNames.PROVE_BASE_CIRCUITS, partitioner)
                .listener(batchStatus.onStart(BatchStatus.PROVING))
                .outputChannel(requests)
                .pollInterval(POLL_INTERVAL_MS)
                .timeout(properties.prover().partitionTimeout().toMillis())
                .build();
    }

    // after the base proofs: the bundle of them (protocol version 1), or recursion (version 2 on)

    @Bean
    ProofFormatDecider proofFormat(ProverBatchesDal batches) {
        return new ProofFormatDecider(batches);
    }

    @Bean
    Step bundleBaseProofs(JobRepository jobRepository, @Qualifier("transactionManager") PlatformTransactionManager tx,
                          ObjectStore store, ProverBatchesDal batches, CircuitInstancesDal instances,
                          BatchStatusListener batchStatus) {
        return new StepBuilder("bundleBaseProofs", jobRepository)
                .listener(batchStatus.onCompletion(BatchStatus.AGGREGATED))
                .tasklet(new BundleBaseProofsTasklet(store, batches, instances), tx)
                .build();
    }

    // step 4 configuration: one remote partition per leaf on circuit-prover workers; queues the
    // batch's whole aggregation plan in the prover tables

    @Bean
    @StepScope
    AggregationPartitioner leafAggregationPartitioner(ObjectStore store, ProverBatchesDal batches, AggregationProofsDal proofs,
            @Value("#{jobParameters['chainId']}") Long chainId, @Value("#{jobParameters['batchNumber']}") Long batchNumber) {
        return new AggregationPartitioner(AggregationLayer.LEAF, store, batches, proofs, new BatchId(chainId, batchNumber));
    }

    @Bean
    Step leafAggregation(JobRepository jobRepository, JobsProperties properties, BeanFactory beanFactory,
                         @Qualifier("leafAggregationPartitioner") Partitioner partitioner,
                         @Qualifier(RequestChannels.AGGREGATION_PROOFS) MessageChannel requests) {
        return aggregationStep("leafAggregation", jobRepository, properties, beanFactory, partitioner, requests)
                .build();
    }

    // step 5 configuration: rounds of nodes, one remote partition per node, the step run again
    // (a loop through the decider) until one proof per circuit type is left

    @Bean
    NodeRoundsDecider nodeRounds(AggregationProofsDal proofs) {
        return new NodeRoundsDecider(proofs);
    }

    @Bean
    @StepScope
    AggregationPartitioner nodeAggregationPartitioner(ObjectStore store, ProverBatchesDal batches, AggregationProofsDal proofs,
            @Value("#{jobParameters['chainId']}") Long chainId, @Value("#{jobParameters['batchNumber']}") Long batchNumber) {
        return new AggregationPartitioner(AggregationLayer.NODE, store, batches, proofs, new BatchId(chainId, batchNumber));
    }

    /**
     * Runs once per round, so it may start again after a completed execution of itself: in the
     * same job execution Spring Batch allows it, and a restarted execution must be able to run the
     * round the decider names even if the last execution of this step completed (an orchestrator
     * that died between two rounds). Its splitter still skips partitions completed in an earlier
     * execution, so only proofs not made are sent.
     */
    @Bean
    Step nodeAggregation(JobRepository jobRepository, JobsProperties properties, BeanFactory beanFactory,
                         @Qualifier("nodeAggregationPartitioner") Partitioner partitioner,
                         @Qualifier(RequestChannels.AGGREGATION_PROOFS) MessageChannel requests) {
        return aggregationStep("nodeAggregation", jobRepository, properties, beanFactory, partitioner, requests)
                .splitter(new SimpleStepExecutionSplitter(jobRepository, WorkerStepNames.AGGREGATION_PROOF, partitioner))
                .allowStartIfComplete(true)
                .build();
    }

    // step 6 configuration: the scheduler, one remote partition, whose proof is the batch's

    @Bean
    @StepScope
    AggregationPartitioner schedulerPartitioner(ObjectStore store, ProverBatchesDal batches, AggregationProofsDal proofs,
            @Value("#{jobParameters['chainId']}") Long chainId, @Value("#{jobParameters['batchNumber']}") Long batchNumber) {
        return new AggregationPartitioner(AggregationLayer.SCHEDULER, store, batches, proofs, new BatchId(chainId, batchNumber));
    }

    @Bean
    Step scheduler(JobRepository jobRepository, JobsProperties properties, BeanFactory beanFactory,
                   @Qualifier("schedulerPartitioner") Partitioner partitioner,
                   @Qualifier(RequestChannels.AGGREGATION_PROOFS) MessageChannel requests,
                   BatchStatusListener batchStatus) {
        return aggregationStep("scheduler", jobRepository, properties, beanFactory, partitioner, requests)
                .listener(batchStatus.onCompletion(BatchStatus.AGGREGATED))
                .build();
    }

    /** The three aggregation stages partition alike, to the same worker step, over the same channel. */
    private static RemotePartitioningManagerStepBuilder aggregationStep(String name, JobRepository jobRepository,
            JobsProperties properties, BeanFactory beanFactory, Partitioner partitioner, MessageChannel requests) {
        return new RemotePartitioningManagerStepBuilder(name, jobRepository)
                .beanFactory(beanFactory)
                .partitioner(WorkerStepNames.AGGREGATION_PROOF, partitioner)
                .outputChannel(requests)
                .pollInterval(POLL_INTERVAL_MS)
                .timeout(properties.prover().partitionTimeout().toMillis());
    }

    // step 7 configuration

    @Bean
    Step submitProof(JobRepository jobRepository, @Qualifier("transactionManager") PlatformTransactionManager tx,
                     ObjectStore store, ProverBatchesDal batches, CoreClient core, BatchStatusListener batchStatus) {
        return new StepBuilder("submitProof", jobRepository)
                .listener(batchStatus.onCompletion(BatchStatus.SUBMITTED))
                .tasklet(new SubmitProofTasklet(store, batches, core, tx), tx)
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

    /**
     * loadWitnessInputs, basicWitnessGeneration, proveBaseCircuits; then, by protocol version,
     * bundleBaseProofs (version 1) or leafAggregation, nodeAggregation round after round, and
     * scheduler; then submitProof.
     */
    @Bean
    Job batchProof(JobRepository jobRepository, Step loadWitnessInputs, Step basicWitnessGeneration, Step proveBaseCircuits,
                   ProofFormatDecider proofFormat, Step bundleBaseProofs, Step leafAggregation, NodeRoundsDecider nodeRounds,
                   Step nodeAggregation, Step scheduler, Step submitProof, BatchStatusListener batchStatus) {
        return new JobBuilder(BatchProofKeys.JOB, jobRepository)
                .listener(batchStatus)
                .flow(loadWitnessInputs)
                .next(basicWitnessGeneration)
                .next(proveBaseCircuits)
                .next(proofFormat).on(ProofFormatDecider.BUNDLE).to(bundleBaseProofs).next(submitProof)
                .from(proofFormat).on(ProofFormatDecider.AGGREGATED).to(leafAggregation)
                .next(nodeRounds).on(NodeRoundsDecider.NODE_ROUND).to(nodeAggregation)
                .from(nodeAggregation).on(ExitStatus.COMPLETED.getExitCode()).to(nodeRounds)
                .from(nodeRounds).on(NodeRoundsDecider.SCHEDULER).to(scheduler).next(submitProof)
                .end()
                .build();
    }
}
