/**
 * The partition request channels, one per remotely partitioned step so that each worker pool
 * serves its own stage: PostgreSQL-backed (message table plus LISTEN/NOTIFY, no broker) by
 * default, RabbitMQ queues when {@code proofline.transport=rabbitmq}.
 */
package io.proofline.jobs.channels;
