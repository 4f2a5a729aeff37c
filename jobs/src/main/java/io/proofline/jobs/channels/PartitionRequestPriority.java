package io.proofline.jobs.channels;

import io.proofline.steps.BatchProofKeys;
import io.proofline.steps.JobParametersSupport;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.support.ChannelInterceptor;

/**
 * Gives each partition request the priority that the PostgreSQL channels' message store polls
 * by (highest first): the higher aggregation round first, then the older batch, as zkSync's
 * prover picks its jobs ({@code ORDER BY aggregation_round DESC, l1_batch_number ASC}). With
 * several batchProof jobs in flight, a worker that frees up takes the oldest batch's queued
 * proofs before a newer batch's leaves. A batch's next round is queued only once the round
 * before it has ended, so a worker freed at that moment can still take a newer batch's leaf.
 *
 * <p>The round is the partition's aggregation round (leaves 0, nodes 1 and up, the scheduler
 * last; base proving and witness generation 0), read with the batch number from the request's
 * step execution in the job repository, which the splitter saved before the request was sent.
 */
final class PartitionRequestPriority implements ChannelInterceptor {

    /** Low bits of the priority: the batch number, counted down so that older batches rank higher. */
    static final int BATCH_BITS = 26;
    /** Batches from this number on share the lowest rank of their round (over 67 million batches). */
    static final long MAX_BATCH = (1L << BATCH_BITS) - 1;
    /** Rounds above this share the highest rank (a tree of more than 2^31 base proofs would need one). */
    static final int MAX_ROUND = (1 << (31 - BATCH_BITS)) - 1;

    private final ObjectProvider<JobRepository> jobRepository;

    PartitionRequestPriority(ObjectProvider<JobRepository> jobRepository) {
        this.jobRepository = jobRepository;
    }

    /** The priority of a request for {@code round} of batch {@code batchNumber}: rounds first, then older batches. */
    static int priority(int round, long batchNumber) {
        if (round < 0 || batchNumber < 0) {
            throw new IllegalArgumentException("round and batch number are at least 0, got " + round + " and " + batchNumber);
        }
        return (Math.min(round, MAX_ROUND) << BATCH_BITS) - (int) Math.min(batchNumber, MAX_BATCH);
    }

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        if (!(message.getPayload() instanceof StepExecutionRequest request)) {
            return message;
        }
        StepExecution step = jobRepository.getObject().getStepExecution(request.getStepExecutionId());
        if (step == null) {
            return message; // no rank to give: the store takes unranked requests last, in order
        }
        ExecutionContext context = step.getExecutionContext();
        int round = context.containsKey(BatchProofKeys.AGGREGATION_ROUND) ? context.getInt(BatchProofKeys.AGGREGATION_ROUND) : 0;
        long batchNumber = JobParametersSupport.batchId(step.getJobExecution().getJobParameters()).batchNumber();
        return MessageBuilder.fromMessage(message).setPriority(priority(round, batchNumber)).build();
    }
}
