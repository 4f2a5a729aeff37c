package io.proofline.jobs.channels;

import io.proofline.jobs.config.ProvingConcurrency;
import java.sql.DriverManager;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.postgresql.jdbc.PgConnection;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.jdbc.channel.PostgresChannelMessageTableSubscriber;
import org.springframework.integration.jdbc.channel.PostgresSubscribableChannel;
import org.springframework.integration.jdbc.store.JdbcChannelMessageStore;
import org.springframework.integration.jdbc.store.channel.PostgresChannelMessageStoreQueryProvider;

/**
 * Request channels in PostgreSQL: messages are rows of the channel message table, and the
 * table's trigger (migration V102) wakes subscribers in every process through LISTEN/NOTIFY.
 * Each message is taken by exactly one subscriber; it is removed when taken, so a worker that
 * dies mid-partition loses the request and the partition is recovered by restarting the job.
 * Requests are taken by priority ({@link PartitionRequestPriority}: the higher aggregation round,
 * then the older batch), in the order sent among equals.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "proofline.transport", havingValue = "postgres", matchIfMissing = true)
public class PostgresChannelsConfiguration {

    static final String REGION = "proofline";

    @Bean
    JdbcChannelMessageStore channelMessageStore(DataSource dataSource) {
        JdbcChannelMessageStore store = new JdbcChannelMessageStore(dataSource);
        store.setChannelMessageStoreQueryProvider(new PostgresChannelMessageStoreQueryProvider());
        store.setRegion(REGION);
        store.setPriorityEnabled(true); // polls by the message_priority column (index: migration V104)
        return store;
    }

    /** Ranks every request sent on the channels below; only the orchestrator sends. */
    @Bean
    PartitionRequestPriority partitionRequestPriority(ObjectProvider<JobRepository> jobRepository) {
        return new PartitionRequestPriority(jobRepository);
    }

    /** One LISTEN connection per process, outside the pool, as the subscriber requires. */
    @Bean
    PostgresChannelMessageTableSubscriber channelMessageTableSubscriber(DataSourceProperties properties) {
        return new PostgresChannelMessageTableSubscriber(() -> DriverManager
                .getConnection(properties.determineUrl(), properties.determineUsername(), properties.determinePassword())
                .unwrap(PgConnection.class));
    }

    @Bean(RequestChannels.BASIC_WITNESS_GENERATION)
    PostgresSubscribableChannel basicWitnessGenerationRequests(JdbcChannelMessageStore store,
                                                               PostgresChannelMessageTableSubscriber subscriber,
                                                               PartitionRequestPriority priority) {
        PostgresSubscribableChannel channel = new PostgresSubscribableChannel(store, "basicWitnessGeneration", subscriber);
        channel.addInterceptor(priority);
        return channel;
    }

    /**
     * Delivered on a pool of {@code proofline.prover.concurrent-partitions} threads (with the GPU
     * pipeline, at least one per place in it: {@link ProvingConcurrency}), so a prover generates
     * one partition's witness vector while it proves another.
     */
    @Bean(RequestChannels.PROVE_BASE_CIRCUITS)
    PostgresSubscribableChannel proveBaseCircuitsRequests(JdbcChannelMessageStore store,
                                                          PostgresChannelMessageTableSubscriber subscriber,
                                                          ProvingConcurrency concurrency, PartitionRequestPriority priority) {
        PostgresSubscribableChannel channel = new PostgresSubscribableChannel(store, "proveBaseCircuits", subscriber);
        channel.addInterceptor(priority);
        channel.setDispatcherExecutor(Executors.newFixedThreadPool(concurrency.partitions(),
                Thread.ofPlatform().name("prove-partition-", 0).daemon().factory()));
        return channel;
    }

    /**
     * Leaf, node and scheduler proofs, one partition each, one at a time per process: a recursion
     * proof (2^15 rows) peaks near 3 GB of heap, so a round's proofs spread over the workers
     * rather than over one worker's threads. On a thread of its own, so that it holds up neither
     * the subscriber that wakes the other channels nor base proving.
     */
    @Bean(RequestChannels.AGGREGATION_PROOFS)
    PostgresSubscribableChannel aggregationProofRequests(JdbcChannelMessageStore store,
                                                         PostgresChannelMessageTableSubscriber subscriber,
                                                         PartitionRequestPriority priority) {
        PostgresSubscribableChannel channel = new PostgresSubscribableChannel(store, "aggregationProofs", subscriber);
        channel.addInterceptor(priority);
        channel.setDispatcherExecutor(Executors.newSingleThreadExecutor(Thread.ofPlatform().name("aggregation-partition-", 0)
                .daemon().factory()));
        return channel;
    }
}
