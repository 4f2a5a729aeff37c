package io.proofline.jobs.batchproof;

import io.proofline.circuits.aggregation.AggregationProver;
import io.proofline.circuits.batch.BatchProver;
import io.proofline.jobs.ConditionalOnRole;
import io.proofline.jobs.Role;
import io.proofline.jobs.channels.RequestChannels;
import io.proofline.jobs.config.JobsProperties;
import io.proofline.jobs.config.ProverKeyring;
import io.proofline.jobs.config.ProverResources.WorkerIdentity;
import io.proofline.jobs.config.ProvingConcurrency;
import io.proofline.plonkish.ProverConfig;
import io.proofline.steps.WorkerStepNames;
import io.proofline.steps.aggregation.AggregationProofTasklet;
import io.proofline.steps.aggregation.AggregationProofWorkerStep;
import io.proofline.steps.proving.ProveBaseCircuitsWorkerStep;
import io.proofline.steps.proving.ProveCircuitTasklet;
import io.proofline.steps.proving.ProverPipeline;
import io.proofline.steps.witness.BasicWitnessGenerationTasklet;
import io.proofline.steps.witness.BasicWitnessGenerationWorkerStep;
import io.proofline.storage.objects.ObjectStore;
import io.proofline.storage.tables.AggregationProofsDal;
import io.proofline.storage.tables.CircuitInstancesDal;
import io.proofline.storage.tables.ProverBatchesDal;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.MessageChannel;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The worker sides of the remote steps, each enabled by its role: the steps themselves are the
 * stages' (steps module); this wires them to the process's channels, stores and keys.
 */
public class WorkerConfiguration {

    private WorkerConfiguration() {
    }

    /** Serves basic witness generation requests. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnRole(Role.WITNESS_GENERATOR)
    public static class WitnessGenerator {

        @Bean(WorkerStepNames.BASIC_WITNESS_GENERATION)
        Step basicWitnessGenerationWorker(JobRepository jobRepository,
                                          @Qualifier("transactionManager") PlatformTransactionManager tx,
                                          @Qualifier(RequestChannels.BASIC_WITNESS_GENERATION) MessageChannel requests,
                                          ObjectStore store, ProverBatchesDal batches, CircuitInstancesDal instances,
                                          ProverKeyring keys, BeanFactory beanFactory) {
            return BasicWitnessGenerationWorkerStep.build(jobRepository, tx, requests, beanFactory,
                    new BasicWitnessGenerationTasklet(store, batches, instances, keys::capacities));
        }
    }

    /** Serves circuit proving requests. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnRole(Role.CIRCUIT_PROVER)
    public static class CircuitProver {

        /**
         * Witness vectors and proofs of this worker's partitions: on a GPU worker a pool of vector
         * threads feeding one prover thread, which makes the aggregation proofs too; otherwise each
         * partition's own thread. Closed with the context.
         */
        @Bean
        ProverPipeline proverPipeline(ProvingConcurrency concurrency) {
            return concurrency.newPipeline();
        }

        @Bean(WorkerStepNames.PROVE_BASE_CIRCUITS)
        Step proveBaseCircuitsWorker(JobRepository jobRepository,
                                     @Qualifier(RequestChannels.PROVE_BASE_CIRCUITS) MessageChannel requests,
                                     ObjectStore store, CircuitInstancesDal instances, ProverBatchesDal batches, ProverKeyring keys,
                                     ProverConfig config, WorkerIdentity worker, JobsProperties properties,
                                     ProverPipeline pipeline, BeanFactory beanFactory) {
            return ProveBaseCircuitsWorkerStep.build(jobRepository, requests, beanFactory,
                    new ProveCircuitTasklet(store, instances, batches, version -> new BatchProver(keys.base(version), config),
                            worker.id(), properties.prover().heartbeatInterval(), pipeline));
        }

        /** Proves one leaf, node or scheduler proof of a batch. */
        @Bean(WorkerStepNames.AGGREGATION_PROOF)
        Step aggregationProofWorker(JobRepository jobRepository,
                                    @Qualifier(RequestChannels.AGGREGATION_PROOFS) MessageChannel requests,
                                    ObjectStore store, ProverBatchesDal batches, CircuitInstancesDal instances,
                                    AggregationProofsDal proofs, ProverKeyring keys,
                                    WorkerIdentity worker, JobsProperties properties, ProverPipeline pipeline,
                                    BeanFactory beanFactory) {
            return AggregationProofWorkerStep.build(jobRepository, requests, beanFactory,
                    new AggregationProofTasklet(store, batches, instances, proofs,
                            version -> new AggregationProver(keys.base(version), keys.aggregation(version)),
                            worker.id(), properties.prover().heartbeatInterval(), pipeline));
        }
    }
}
