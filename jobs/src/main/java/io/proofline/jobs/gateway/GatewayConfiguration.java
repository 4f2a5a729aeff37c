package io.proofline.jobs.gateway;

import io.proofline.circuits.base.PinnedCommitments;
import io.proofline.jobs.ConditionalOnRole;
import io.proofline.jobs.Role;
import io.proofline.jobs.batchproof.BatchJobLauncher;
import io.proofline.jobs.batchproof.BatchLauncher;
import io.proofline.jobs.batchproof.RestartCommand;
import io.proofline.jobs.batchproof.StalePartitionRecovery;
import io.proofline.jobs.config.JobsProperties;
import io.proofline.jobs.housekeeper.HouseKeeperProperties;
import io.proofline.jobs.housekeeper.JobRecords;
import io.proofline.jobs.schema.BatchTables;
import io.proofline.steps.gateway.CoreClient;
import io.proofline.storage.objects.ObjectStore;
import io.proofline.storage.tables.AggregationProofsDal;
import io.proofline.storage.tables.CircuitInstancesDal;
import io.proofline.storage.tables.ProtocolVersionsDal;
import io.proofline.storage.tables.ProverBatchesDal;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The orchestrator's launcher, the stale partition recovery, and either the scheduled gateway
 * poller (unless disabled), the one-off poll ({@code proofline.gateway.poll-once}) or, with
 * {@code --proofline.restart=<chainId>:<batchNumber>}, the one-off restart command. The gateway
 * launches batches in this process unless {@code proofline.gateway.launcher=scdf} sends them to
 * Spring Cloud Data Flow.
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

    /** Launching through Spring Cloud Data Flow's REST API instead of in this process. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnRole(Role.ORCHESTRATOR)
    @ConditionalOnProperty(name = LAUNCHER, havingValue = "scdf")
    @EnableConfigurationProperties(ScdfLaunchProperties.class)
    static class Scdf {

        @Bean
        ScdfBatchLauncher scdfBatchLauncher(ScdfLaunchProperties settings) {
            return new ScdfBatchLauncher(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(), settings);
        }
    }

    /** The property that chooses the gateway's launcher: {@code in-process} (the default) or {@code scdf}. */
    static final String LAUNCHER = "proofline.gateway.launcher";

    static BatchLauncher launcher(BatchJobLauncher inProcess, ObjectProvider<ScdfBatchLauncher> scdf) {
        ScdfBatchLauncher viaScdf = scdf.getIfAvailable();
        return viaScdf != null ? viaScdf : inProcess;
    }

    @Bean
    FailedJobLimit failedJobLimit(JdbcClient jdbc, BatchTables tables, HouseKeeperProperties houseKeeper) {
        return new FailedJobLimit(new JobRecords(jdbc, tables), houseKeeper.failedJobs().maxAttempts());
    }

    static GatewayPoller poller(CoreClient core, ObjectStore store, ProtocolVersionsDal versions, ProverBatchesDal batches,
                                BatchLauncher launcher, JobsProperties properties, FailedJobLimit limit) {
        return new GatewayPoller(core, store, versions, batches, launcher,
                new KeyHandshake(PinnedCommitments.load(), properties.capacities()), limit, properties.gateway().refusalPause(),
                Clock.systemUTC());
    }

    /** Polling, on by default; tests and manual runs switch it off, and the one-off commands do. */
    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    @ConditionalOnRole(Role.ORCHESTRATOR)
    @ConditionalOnBooleanProperty(name = "proofline.gateway.enabled", matchIfMissing = true)
    @ConditionalOnExpression("'${" + RestartCommand.PROPERTY + ":}'.isEmpty() and !${" + POLL_ONCE + ":false}")
    static class Polling {

        @Bean
        GatewayPoller gatewayPoller(CoreClient core, ObjectStore store, ProtocolVersionsDal versions, ProverBatchesDal batches,
                                    BatchJobLauncher inProcess, ObjectProvider<ScdfBatchLauncher> scdf, JobsProperties properties,
                                    FailedJobLimit limit) {
            return poller(core, store, versions, batches, launcher(inProcess, scdf), properties, limit);
        }
    }

    /** The property that makes the process one poll of the core (see {@link GatewayPollTask}). */
    public static final String POLL_ONCE = "proofline.gateway.poll-once";

    /** One poll as a task, with no scheduling at all. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnRole(Role.ORCHESTRATOR)
    @ConditionalOnBooleanProperty(POLL_ONCE)
    static class PollOnce {

        @Bean
        GatewayPollTask gatewayPollTask(CoreClient core, ObjectStore store, ProtocolVersionsDal versions, ProverBatchesDal batches,
                                        BatchJobLauncher inProcess, ObjectProvider<ScdfBatchLauncher> scdf, JobsProperties properties,
                                        FailedJobLimit limit) {
            BatchLauncher launcher = launcher(inProcess, scdf);
            return new GatewayPollTask(poller(core, store, versions, batches, launcher, properties, limit), launcher);
        }
    }
}
