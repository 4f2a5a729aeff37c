package io.proofline.jobs.channels;

import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.amqp.dsl.Amqp;
import org.springframework.messaging.SubscribableChannel;

/**
 * Request channels on RabbitMQ: one durable queue per step; each request goes to one
 * consumer. For deployments with many workers or no shared database for messaging.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "proofline.transport", havingValue = "rabbitmq")
public class RabbitChannelsConfiguration {

    @Bean(RequestChannels.BASIC_WITNESS_GENERATION)
    SubscribableChannel basicWitnessGenerationRequests(ConnectionFactory connectionFactory) {
        return (SubscribableChannel) Amqp.channel("proofline.basic-witness-generation", connectionFactory).getObject();
    }

    @Bean(RequestChannels.PROVE_BASE_CIRCUITS)
    SubscribableChannel proveBaseCircuitsRequests(ConnectionFactory connectionFactory) {
        return (SubscribableChannel) Amqp.channel("proofline.prove-base-circuits", connectionFactory).getObject();
    }
}
