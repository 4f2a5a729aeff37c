package io.proofline.jobs.channels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.jobs.ProoflineJobsApplication;
import io.proofline.steps.BatchProofKeys;
import io.proofline.storage.tables.BatchId;
import io.proofline.testsupport.TestDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.integration.jdbc.store.JdbcChannelMessageStore;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.support.GenericMessage;

/**
 * An orchestrator's PostgreSQL request channels on a real database, with no worker to take the
 * requests: what it sends is polled back from the message store the way a worker takes it, by
 * the higher aggregation round, then the older batch, then the order sent.
 */
class PartitionRequestPriorityIntegrationTests {

    @TempDir
    Path dir;

    @Test
    void requestsAreTakenByRoundThenOldestBatchThenOrderSent() {
        try (TestDatabase db = TestDatabase.create(); ConfigurableApplicationContext app = orchestrator(db)) {
            JobRepository repository = app.getBean(JobRepository.class);
            MessageChannel aggregation = app.getBean(RequestChannels.AGGREGATION_PROOFS, MessageChannel.class);
            JobExecution batch7 = jobExecution(repository, 7);
            JobExecution batch5 = jobExecution(repository, 5);
            // given requests sent as two jobs in flight would send them: batch 7's leaves, then
            // batch 5's second node round, then batch 5's leaves, then batch 7's first node round
            List<String> sent = new ArrayList<>();
            send(aggregation, repository, batch7, "leaf-a", 0, sent);
            send(aggregation, repository, batch7, "leaf-b", 0, sent);
            send(aggregation, repository, batch5, "node2", 2, sent);
            send(aggregation, repository, batch5, "leaf-a", 0, sent);
            send(aggregation, repository, batch7, "node1", 1, sent);
            send(aggregation, repository, batch5, "leaf-b", 0, sent);

            // then a worker takes the higher rounds first, the older batch first within a round,
            // and within a batch and round the order they were sent in
            assertEquals(List.of("5:node2", "7:node1", "5:leaf-a", "5:leaf-b", "7:leaf-a", "7:leaf-b"),
                    takeAll(app, repository, "aggregationProofs"), "requests sent in the order " + sent);

            // and base proving requests are ranked by batch alike
            MessageChannel proving = app.getBean(RequestChannels.PROVE_BASE_CIRCUITS, MessageChannel.class);
            send(proving, repository, batch7, "transfer_execution-0", -1, sent);
            send(proving, repository, batch5, "transfer_execution-0", -1, sent);
            send(proving, repository, batch5, "storage_application-0", -1, sent);
            assertEquals(List.of("5:transfer_execution-0", "5:storage_application-0", "7:transfer_execution-0"),
                    takeAll(app, repository, "proveBaseCircuits"));
        }
    }

    @Test
    void prioritiesOrderRoundsFirstAndSaturateBeyondTheirBits() {
        assertTrue(PartitionRequestPriority.priority(1, PartitionRequestPriority.MAX_BATCH)
                > PartitionRequestPriority.priority(0, 0), "any batch's node before any batch's leaf");
        assertTrue(PartitionRequestPriority.priority(0, 1) > PartitionRequestPriority.priority(0, 2), "older first");
        assertEquals(PartitionRequestPriority.priority(0, PartitionRequestPriority.MAX_BATCH),
                PartitionRequestPriority.priority(0, Long.MAX_VALUE), "batch numbers past the bits share the lowest rank");
        assertTrue(PartitionRequestPriority.priority(PartitionRequestPriority.MAX_ROUND, 0) > 0, "no overflow at the top round");
        assertEquals(PartitionRequestPriority.priority(PartitionRequestPriority.MAX_ROUND, 3),
                PartitionRequestPriority.priority(1000, 3));
        assertThrows(IllegalArgumentException.class, () -> PartitionRequestPriority.priority(-1, 0));
    }

    private ConfigurableApplicationContext orchestrator(TestDatabase db) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("spring.datasource.url", db.jdbcUrl());
        p.put("spring.datasource.username", db.user());
        p.put("spring.datasource.password", db.password());
        p.put("proofline.roles", "orchestrator");
        p.put("proofline.gateway.enabled", "false");
        p.put("proofline.store-dir", dir.resolve("store").toString());
        p.put("proofline.keys-dir", dir.resolve("keys").toString());
        p.put("proofline.capacities", "small");
        return ProoflineJobsApplication.builder()
                .run(p.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }

    private static JobExecution jobExecution(JobRepository repository, long batchNumber) {
        JobParameters parameters = BatchProofKeys.parameters(new BatchId(1, batchNumber));
        JobInstance instance = repository.createJobInstance(BatchProofKeys.JOB, parameters);
        return repository.createJobExecution(instance, parameters, new ExecutionContext());
    }

    /** Saves a partition's step execution as the splitter does, then sends its request as the partition handler does. */
    private static void send(MessageChannel channel, JobRepository repository, JobExecution job, String partition, int round,
                             List<String> sent) {
        StepExecution step = repository.createStepExecution("worker:" + partition, job);
        if (round >= 0) {
            step.getExecutionContext().putInt(BatchProofKeys.AGGREGATION_ROUND, round);
            repository.updateExecutionContext(step);
        }
        channel.send(new GenericMessage<>(new StepExecutionRequest("worker", step.getId())));
        sent.add(label(repository, step.getId()));
    }

    /** Polls the channel's messages from the store, as a worker's subscriber takes them, as batch:partition labels. */
    private static List<String> takeAll(ConfigurableApplicationContext app, JobRepository repository, String group) {
        JdbcChannelMessageStore store = app.getBean(JdbcChannelMessageStore.class);
        List<String> taken = new ArrayList<>();
        for (Message<?> m = store.pollMessageFromGroup(group); m != null; m = store.pollMessageFromGroup(group)) {
            taken.add(label(repository, ((StepExecutionRequest) m.getPayload()).getStepExecutionId()));
        }
        return taken;
    }

    private static String label(JobRepository repository, long stepExecutionId) {
        StepExecution step = repository.getStepExecution(stepExecutionId);
        long batch = step.getJobExecution().getJobParameters().getLong(BatchProofKeys.BATCH_NUMBER);
        return batch + ":" + step.getStepName().substring("worker:".length());
    }
}
