package io.proofline.jobs.gateway;

import io.proofline.circuits.base.PinnedCommitments;
import io.proofline.jobs.ConditionalOnRole;
import io.proofline.jobs.Role;
import io.proofline.jobs.batchproof.BatchJobLauncher;
import io.proofline.jobs.batchproof.RestartCommand;
import io.proofline.jobs.batchproof.StalePartitionRecovery;
import io.proofline.jobs.config.JobsProperties;
import io.proofline.steps.data.AggregationProofsDal;
import io.proofline.steps.data.CircuitInstancesDal;
import io.proofline.steps.data.ProverBatchesDal;
import io.proofline.steps.gateway.CoreClient;
import io.proofline.steps.store.ObjectStore;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The orchestrator's launcher, the stale partition recovery, and either the scheduled gateway
 * poller (unless disabled) or, with {@code --proofline.restart=<chainId>:<batchNumber>}, the
 * one-off restart command.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(Role.ORCHESTRATOR)
public class GatewayConfiguration {

    @Bean(destroyMethod = "shutdown")
    BatchJobLauncher batchJobLauncher(JobOperator operator, JobRepository repository, Job batchProof, ProverBatchesDal batches,
                                      JobsProperties properties) {
        return new BatchJobLauncher(operator, repository, batchProof, batches, properties.gateway().maxJobsInFlight());
    }

    @Bean
    StalePartitionRecovery stalePartitionRecovery(CircuitInstancesDal instances, AggregationProofsDal aggregationProofs,
                                                  JobRepository repository) {
        return new StalePartitionRecovery(instances, aggregationProofs, repository);
    }

    /** The manual restart path; the process then polls no core, so that it runs just this job. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnRole(Role.ORCHESTRATOR)
    @ConditionalOnProperty(RestartCommand.PROPERTY)
    static class Restart {

        @Bean
        RestartCommand restartCommand(@Value("${" + RestartCommand.PROPERTY + "}") String batch, StalePartitionRecovery recovery,
                                      BatchJobLauncher launcher, JobRepository repository, JobsProperties properties) {
            return new RestartCommand(batch, recovery, launcher, repository, properties.prover().heartbeatTimeout(),
                    properties.prover().partitionTimeout());
        }
    }

    /** Polling, on by default; tests and manual runs switch it off, and the restart command does. */
    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    @ConditionalOnRole(Role.ORCHESTRATOR)
    @ConditionalOnBooleanProperty(name = "proofline.gateway.enabled", matchIfMissing = true)
    @ConditionalOnExpression("'${" + RestartCommand.PROPERTY + ":}'.isEmpty()")
    static class Polling {

        @Bean
        GatewayPoller gatewayPoller(CoreClient core, ObjectStore store, ProverBatchesDal batches, BatchJobLauncher launcher,
                                    JobsProperties properties) {
            return new GatewayPoller(core, store, batches, launcher,
                    new KeyHandshake(PinnedCommitments.load(), properties.capacities()));
        }
    }
}
