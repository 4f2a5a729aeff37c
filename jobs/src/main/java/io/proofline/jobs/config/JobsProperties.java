package io.proofline.jobs.config;

import io.proofline.circuits.base.CircuitCapacities;
import io.proofline.jobs.Role;
import io.proofline.storage.objects.S3Settings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The prover application's settings ({@code proofline.*}); every one has a default.
 *
 * @param roles the roles this process takes
 * @param workerId a name for this process in the prover tables (default: host and pid)
 * @param storeDir root of the local object store shared by all processes, unless {@code s3} names a bucket
 * @param keysDir where setup data and verification keys are cached
 * @param capacities base circuit capacities: {@code production} (the default, as the core's) or {@code small}
 * @param transport partition request transport: {@code postgres} or {@code rabbitmq}
 * @param gateway how the orchestrator talks to the core
 * @param prover proving settings
 * @param rabbitmq RabbitMQ transport settings
 * @param s3 the S3-compatible object store, used instead of {@code storeDir} when it names a bucket
 */
@ConfigurationProperties("proofline")
public record JobsProperties(
        @DefaultValue("orchestrator") Set<Role> roles,
        @DefaultValue("") String workerId,
        @DefaultValue("${user.home}/.proofline/store") Path storeDir,
        @DefaultValue("${user.home}/.proofline/keys") Path keysDir,
        @DefaultValue(CircuitCapacities.DEFAULT_NAME) String capacities,
        @DefaultValue("postgres") String transport,
        @DefaultValue Gateway gateway,
        @DefaultValue Prover prover,
        @DefaultValue Rabbitmq rabbitmq,
        @DefaultValue S3 s3) {

    /**
     * @param enabled whether to poll the core
     * @param coreUrl the core's base URL
     * @param apiToken bearer token for the core's API, if it wants one
     * @param pollInterval time between polls when the core had nothing
     * @param submitAttempts tries of a proof submission while the core is unavailable
     * @param maxJobsInFlight batchProof jobs this orchestrator runs at once; while that many run,
     *     the gateway takes no new batch, which stays sealed at the core for another prover or later
     * @param refusalPause after the gateway refused a batch (keys not this prover's, or a version
     *     the database knows with other keys) it takes none for this long: each batch it takes is
     *     held by the core for its pick timeout (10 minutes by default), and the next would most
     *     likely be refused too
     */
    public record Gateway(@DefaultValue("true") boolean enabled, @DefaultValue("http://127.0.0.1:3320") URI coreUrl,
                          @DefaultValue("") String apiToken, @DefaultValue("2s") Duration pollInterval,
                          @DefaultValue("8") int submitAttempts, @DefaultValue("2") int maxJobsInFlight,
                          @DefaultValue("10m") Duration refusalPause) {

        public Gateway {
            if (maxJobsInFlight < 1) {
                throw new IllegalArgumentException("proofline.gateway.max-jobs-in-flight must be at least 1, got " + maxJobsInFlight);
            }
            if (refusalPause.isNegative()) {
                throw new IllegalArgumentException("proofline.gateway.refusal-pause must not be negative, got " + refusalPause);
            }
        }
    }

    /**
     * Proofs use {@code ProverConfig.standard()} (100 bits, conjectured), the parameters the core verifies with.
     *
     * @param heartbeatInterval how often a proving worker records that it is alive
     * @param concurrentPartitions partitions one circuit-prover process works on at once, so
     *     that witness vector generation of one overlaps proving of another
     * @param partitionTimeout how long a manager step waits for its partitions
     * @param heartbeatTimeout how long a partition may go without a heartbeat before the restart
     *     command declares its worker lost
     * @param gpu the GPU prover role's pipeline
     */
    public record Prover(@DefaultValue("5s") Duration heartbeatInterval, @DefaultValue("2") int concurrentPartitions,
                         @DefaultValue("6h") Duration partitionTimeout, @DefaultValue("1m") Duration heartbeatTimeout,
                         @DefaultValue Gpu gpu) {
    }

    /**
     * A circuit-prover's pipeline: witness vector threads feed a bounded queue that one prover
     * thread drains ({@code io.proofline.steps.proving.GpuProverPipeline}).
     *
     * @param pipeline {@code auto} (on when the back end is {@code cuda}), {@code on} or {@code off}
     * @param witnessVectorThreads the threads generating witness vectors
     * @param queueLength the vectors that may wait for the prover
     */
    public record Gpu(@DefaultValue("auto") String pipeline, @DefaultValue("2") int witnessVectorThreads,
                      @DefaultValue("2") int queueLength) {

        public Gpu {
            if (!List.of("auto", "on", "off").contains(pipeline.strip().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("proofline.prover.gpu.pipeline must be auto, on or off, got '" + pipeline + "'");
            }
            if (witnessVectorThreads < 1) {
                throw new IllegalArgumentException("proofline.prover.gpu.witness-vector-threads must be at least 1, got "
                        + witnessVectorThreads);
            }
            if (queueLength < 1) {
                throw new IllegalArgumentException("proofline.prover.gpu.queue-length must be at least 1, got " + queueLength);
            }
        }

        /** Whether the pipeline runs on a worker proving on the back end of that name. */
        public boolean enabledFor(String backend) {
            return switch (pipeline.strip().toLowerCase(Locale.ROOT)) {
                case "on" -> true;
                case "off" -> false;
                default -> "cuda".equals(backend);
            };
        }
    }

    /**
     * @param queuePrefix prefix of the request queues' names ({@code <prefix>.prove-base-circuits}...),
     *     so that several deployments (or test runs) can share a broker
     */
    public record Rabbitmq(@DefaultValue("proofline") String queuePrefix) {
    }

    /** See {@link S3Settings} for each setting. */
    public record S3(@DefaultValue("") String bucket, @DefaultValue("") String prefix, @DefaultValue("") String endpoint,
                     @DefaultValue("us-east-1") String region, @DefaultValue("true") boolean pathStyle,
                     @DefaultValue("") String accessKey, @DefaultValue("") String secretKey) {

        public S3Settings settings() {
            return new S3Settings(bucket, prefix, endpoint, region, pathStyle, accessKey, secretKey);
        }

        @Override
        public String toString() {
            return settings().toString();
        }
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }
}
