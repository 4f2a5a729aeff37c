package io.proofline.jobs.config;

import io.proofline.backend.ProverBackends;
import io.proofline.circuits.aggregation.AggregationKeys;
import io.proofline.circuits.base.BaseCircuitKeys;
import io.proofline.plonkish.ProverConfig;
import io.proofline.steps.gateway.CoreClient;
import io.proofline.steps.gateway.Retry;
import io.proofline.storage.objects.LocalObjectStore;
import io.proofline.storage.objects.ObjectStore;
import io.proofline.storage.objects.S3ObjectStore;
import io.proofline.storage.objects.S3Settings;
import io.proofline.storage.tables.AggregationProofsDal;
import io.proofline.storage.tables.CircuitInstancesDal;
import io.proofline.storage.tables.ProtocolVersionsDal;
import io.proofline.storage.tables.ProverBatchesDal;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What every role shares: the object store, the prover tables, the keys, the core client. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(JobsProperties.class)
public class ProverResources {

    private static final System.Logger LOG = System.getLogger(ProverResources.class.getName());

    /** A local directory by default; an S3-compatible bucket when {@code proofline.s3.bucket} is set. */
    @Bean
    ObjectStore objectStore(JobsProperties properties) {
        S3Settings s3 = properties.s3().settings();
        ObjectStore store = s3.enabled() ? S3ObjectStore.connect(s3) : new LocalObjectStore(properties.storeDir());
        LOG.log(System.Logger.Level.INFO, "object store: " + store);
        return store;
    }

    @Bean
    ProverBatchesDal proverBatchesDal(JdbcClient jdbc) {
        return new ProverBatchesDal(jdbc);
    }

    @Bean
    ProtocolVersionsDal protocolVersionsDal(JdbcClient jdbc) {
        return new ProtocolVersionsDal(jdbc);
    }

    @Bean
    CircuitInstancesDal circuitInstancesDal(JdbcClient jdbc) {
        return new CircuitInstancesDal(jdbc);
    }

    @Bean
    AggregationProofsDal aggregationProofsDal(JdbcClient jdbc) {
        return new AggregationProofsDal(jdbc);
    }

    /**
     * The standard parameters on the back end {@code proofline.prover.backend} names ({@code java}
     * by default; {@code native-cpu}, {@code cuda}, {@code auto}): chosen and logged at start, so
     * a worker told to prove on a GPU it does not have stops there, with the reason.
     */
    @Bean
    ProverConfig proverConfig(@Value("${" + ProverBackends.SETTING + ":}") String backend) {
        ProverConfig standard = ProverConfig.standard();
        return backend.isBlank() ? standard
                : new ProverConfig(ProverBackends.select(backend), standard.fri(), standard.securityBits());
    }

    /** Base proving partitions at once and the GPU pipeline, from the settings and the chosen back end. */
    @Bean
    ProvingConcurrency provingConcurrency(JobsProperties properties, ProverConfig config) {
        return ProvingConcurrency.of(properties.prover(), config.backend().name());
    }

    /**
     * Loaded on first use (a circuit-prover's is at startup): generating keys takes seconds, and
     * the gateway alone needs none. Checked against the pinned commitments ({@link ProverKeys}).
     */
    @Bean
    ProverKeyring proverKeyring(JobsProperties properties, ProverConfig config) {
        return new ProverKeyring(properties.keysDir(), properties.capacities(), config);
    }

    /** The newest protocol version's base keys. */
    @Bean
    @Lazy
    BaseCircuitKeys baseCircuitKeys(ProverKeyring keyring) {
        return keyring.base(keyring.currentVersion());
    }

    /** The newest version's recursion layers' keys, loaded as the base keys are (a circuit-prover's at startup). */
    @Bean
    @Lazy
    AggregationKeys aggregationKeys(ProverKeyring keyring) {
        return keyring.aggregation(keyring.currentVersion());
    }

    @Bean
    CoreClient coreClient(JobsProperties properties) {
        String token = properties.gateway().apiToken();
        return new CoreClient(properties.gateway().coreUrl(), token.isBlank() ? Optional.empty() : Optional.of(token),
                Duration.ofSeconds(60), new Retry(properties.gateway().submitAttempts(), Duration.ofMillis(500), Duration.ofSeconds(30)));
    }

    @Bean
    WorkerIdentity workerIdentity(JobsProperties properties) {
        String id = properties.workerId().isBlank() ? ManagementFactory.getRuntimeMXBean().getName() : properties.workerId();
        return new WorkerIdentity(id);
    }

    /** How this process names itself in the prover tables. */
    public record WorkerIdentity(String id) {
    }
}
