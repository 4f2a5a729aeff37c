package io.proofline.jobs.channels;

import io.proofline.jobs.Role;
import io.proofline.jobs.config.JobsProperties;
import io.proofline.jobs.config.ProvingConcurrency;
import java.util.List;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.support.converter.SimpleMessageConverter;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.amqp.channel.PointToPointSubscribableAmqpChannel;

/**
 * Request channels on RabbitMQ: one durable queue per step ({@code proofline.rabbitmq.queue-prefix}
 * then the step), declared by Boot's {@code RabbitAdmin} when the first connection opens, so
 * that a request sent before any worker listens waits in its queue instead of being dropped.
 * Each request goes to one consumer; only a process with the worker role of a queue consumes
 * it (an orchestrator-only process just sends). A worker takes one request at a time per
 * partition thread (prefetch 1, acknowledged when the partition ends), so requests spread
 * over workers and those a worker had not begun stay queued for the others. For deployments
 * with many workers or no shared database for messaging.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "proofline.transport", havingValue = "rabbitmq")
public class RabbitChannelsConfiguration {

    @Bean
    Queue basicWitnessGenerationQueue(JobsProperties properties) {
        return new Queue(properties.rabbitmq().queuePrefix() + ".basic-witness-generation");
    }

    @Bean
    Queue proveBaseCircuitsQueue(JobsProperties properties) {
        return new Queue(properties.rabbitmq().queuePrefix() + ".prove-base-circuits");
    }

    @Bean
    Queue aggregationProofsQueue(JobsProperties properties) {
        return new Queue(properties.rabbitmq().queuePrefix() + ".aggregation-proofs");
    }

    @Bean(RequestChannels.BASIC_WITNESS_GENERATION)
    PointToPointSubscribableAmqpChannel basicWitnessGenerationRequests(ConnectionFactory connectionFactory,
                                                                       Queue basicWitnessGenerationQueue,
                                                                       JobsProperties properties) {
        return channel(RequestChannels.BASIC_WITNESS_GENERATION, basicWitnessGenerationQueue, connectionFactory, 1,
                properties.has(Role.WITNESS_GENERATOR));
    }

    /** Consumed by {@link ProvingConcurrency#partitions()} threads, as the PostgreSQL channel is. */
    @Bean(RequestChannels.PROVE_BASE_CIRCUITS)
    PointToPointSubscribableAmqpChannel proveBaseCircuitsRequests(ConnectionFactory connectionFactory,
                                                                  Queue proveBaseCircuitsQueue, JobsProperties properties,
                                                                  ProvingConcurrency concurrency) {
        return channel(RequestChannels.PROVE_BASE_CIRCUITS, proveBaseCircuitsQueue, connectionFactory,
                concurrency.partitions(), properties.has(Role.CIRCUIT_PROVER));
    }

    /**
     * Leaf, node and scheduler partitions: one consumer per circuit-prover, as a recursion proof
     * peaks near 3 GB of heap; a round's proofs spread over the workers.
     */
    @Bean(RequestChannels.AGGREGATION_PROOFS)
    PointToPointSubscribableAmqpChannel aggregationProofRequests(ConnectionFactory connectionFactory, Queue aggregationProofsQueue,
                                                                 JobsProperties properties) {
        return channel(RequestChannels.AGGREGATION_PROOFS, aggregationProofsQueue, connectionFactory, 1,
                properties.has(Role.CIRCUIT_PROVER));
    }

    private static PointToPointSubscribableAmqpChannel channel(String name, Queue queue, ConnectionFactory connectionFactory,
                                                               int consumers, boolean consume) {
        // Only the request itself travels (Java-serialized), and only that class may be read back:
        // Spring AMQP refuses to deserialize classes that are not allowed explicitly.
        SimpleMessageConverter converter = new SimpleMessageConverter();
        converter.setAllowedListPatterns(List.of(StepExecutionRequest.class.getName()));
        RabbitTemplate template = new RabbitTemplate(connectionFactory);
        template.setMessageConverter(converter);
        SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connectionFactory);
        container.setConcurrentConsumers(consumers);
        container.setPrefetchCount(1);
        // the channel starts (and consumes) with its container: only where a worker serves the queue
        container.setAutoStartup(consume);
        PointToPointSubscribableAmqpChannel channel = new PointToPointSubscribableAmqpChannel(name, container, template);
        channel.setQueueName(queue.getName());
        channel.setExtractPayload(true);
        return channel;
    }
}
