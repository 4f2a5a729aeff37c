package io.proofline.jobs.gateway;

import io.proofline.jobs.batchproof.BatchJobLauncher;
import io.proofline.steps.data.ProverBatchesDal;
import io.proofline.steps.gateway.CoreClient;
import io.proofline.steps.store.ObjectStore;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The orchestrator's launcher and, unless disabled, the scheduled gateway poller. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${proofline.roles:orchestrator}'.toLowerCase().contains('orchestrator')")
public class GatewayConfiguration {

    @Bean(destroyMethod = "shutdown")
    BatchJobLauncher batchJobLauncher(JobOperator operator, JobRepository repository, Job batchProof, ProverBatchesDal batches) {
        return new BatchJobLauncher(operator, repository, batchProof, batches);
    }

    /** Polling, on by default; tests and manual runs switch it off. */
    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    @ConditionalOnProperty(name = "proofline.gateway.enabled", havingValue = "true", matchIfMissing = true)
    static class Polling {

        @Bean
        GatewayPoller gatewayPoller(CoreClient core, ObjectStore store, ProverBatchesDal batches, BatchJobLauncher launcher) {
            return new GatewayPoller(core, store, batches, launcher);
        }
    }
}
