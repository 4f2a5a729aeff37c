package io.proofline.cli;

import static io.proofline.circuits.base.CircuitType.STORAGE_APPLICATION;
import static io.proofline.circuits.base.CircuitType.TRANSFER_EXECUTION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.springframework.batch.core.BatchStatus.COMPLETED;
import static org.springframework.batch.core.BatchStatus.FAILED;
import static org.springframework.batch.core.BatchStatus.STARTED;

import io.proofline.steps.aggregation.AggregationRounds;
import io.proofline.storage.tables.AggregationLayer;
import io.proofline.storage.tables.AggregationProofId;
import io.proofline.storage.tables.AggregationProofsDal;
import io.proofline.storage.tables.BatchId;
import io.proofline.storage.tables.BatchStatus;
import io.proofline.storage.tables.CircuitInstanceId;
import io.proofline.storage.tables.InstanceStatus;
import io.proofline.testsupport.TestDatabase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.job.JobExecution;

/**
 * prover-cli's commands through its real entry point against a prover database made by the
 * prover's migrations and holding three batches as the pipeline leaves them: 1 submitted, 2
 * proving with a proven, a lost (worker gone, heartbeat 10 minutes old) and a failed instance, 3
 * failed in basic witness generation.
 */
class ProverCliTests {

    private PipelineFixture fx;
    private CircuitInstanceId lost;
    private CircuitInstanceId failed;
    private CircuitInstanceId proven;

    @BeforeEach
    void pipeline() {
        fx = PipelineFixture.create();
        LocalDateTime now = LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS);

        BatchId b1 = fx.receive(1);
        JobExecution j1 = fx.startJob(b1, now.minusMinutes(30));
        LocalDateTime t = now.minusMinutes(30);
        fx.step(j1, "loadWitnessInputs", t, 2, COMPLETED, null, null);
        fx.step(j1, "basicWitnessGeneration", t.plusSeconds(2), 10, COMPLETED, null, null);
        fx.step(j1, "proveBaseCircuits", t.plusSeconds(12), 60, COMPLETED, null, null);
        fx.step(j1, "proveBaseCircuitsWorker:transfer_execution-0", t.plusSeconds(13), 30, COMPLETED, null,
                PipelineFixture.partition(TRANSFER_EXECUTION, 0));
        fx.step(j1, "leafAggregation", t.plusSeconds(72), 12, COMPLETED, null, null);
        fx.step(j1, "scheduler", t.plusSeconds(84), 8, COMPLETED, null, null);
        fx.step(j1, "submitProof", t.plusSeconds(92), 1, COMPLETED, null, null);
        fx.prove(fx.queue(b1, TRANSFER_EXECUTION, 0), "worker-a", 120, 3000);
        fx.prove(fx.queue(b1, STORAGE_APPLICATION, 0), "worker-b", 80, 2000);
        // one leaf per type and the scheduler in round 1, no node round
        AggregationProofsDal proofs = new AggregationProofsDal(fx.jdbc);
        List<AggregationProofId> recursion = List.of(
                new AggregationProofId(b1, AggregationLayer.LEAF, 0, TRANSFER_EXECUTION, 0),
                new AggregationProofId(b1, AggregationLayer.LEAF, 0, STORAGE_APPLICATION, 0), AggregationProofId.scheduler(b1, 1));
        proofs.insertQueued(recursion);
        for (AggregationProofId p : recursion) {
            proofs.startAttempt(p, "worker-a");
            proofs.recordProof(p, "worker-a", List.of(), "aggregation_proofs/270/1/" + p.name() + ".bin",
                    "00".repeat(32), 5, null, 6000);
            proofs.markSuccessful(p);
        }
        fx.moveTo(b1, BatchStatus.WITNESS_GENERATED, BatchStatus.PROVING, BatchStatus.AGGREGATED, BatchStatus.SUBMITTED);
        fx.batches.recordSubmission(b1, 200, "{\"accepted\":true}");
        fx.endJob(j1, COMPLETED, t.plusSeconds(93), null);

        BatchId b2 = fx.receive(2);
        JobExecution j2 = fx.startJob(b2, now.minusMinutes(10));
        t = now.minusMinutes(10);
        fx.step(j2, "loadWitnessInputs", t, 2, COMPLETED, null, null);
        fx.step(j2, "basicWitnessGeneration", t.plusSeconds(2), 12, COMPLETED, null, null);
        fx.step(j2, "proveBaseCircuits", t.plusSeconds(14), null, STARTED, null, null);
        proven = fx.queue(b2, TRANSFER_EXECUTION, 0);
        lost = fx.queue(b2, TRANSFER_EXECUTION, 1);
        failed = fx.queue(b2, STORAGE_APPLICATION, 0);
        fx.step(j2, "proveBaseCircuitsWorker:transfer_execution-0", t.plusSeconds(15), 40, COMPLETED, null,
                PipelineFixture.partition(TRANSFER_EXECUTION, 0));
        fx.step(j2, "proveBaseCircuitsWorker:transfer_execution-1", t.plusSeconds(15), null, STARTED, null,
                PipelineFixture.partition(TRANSFER_EXECUTION, 1));
        fx.step(j2, "proveBaseCircuitsWorker:storage_application-0", t.plusSeconds(15), 5, FAILED,
                "java.lang.OutOfMemoryError: Java heap space", PipelineFixture.partition(STORAGE_APPLICATION, 0));
        // through a GPU worker's pipeline: 250 ms waiting for the prover thread
        fx.prove(proven, "worker-a", 150, 250L, 4000);
        fx.instances.startAttempt(lost, "worker-dead");
        fx.jdbc.sql("UPDATE prover_circuit_instances SET heartbeat_at = now() - interval '10 minutes' WHERE instance_index = 1").update();
        fx.instances.startAttempt(failed, "worker-b");
        fx.instances.markFailed(failed, "worker-b", "java.lang.OutOfMemoryError: Java heap space");
        fx.moveTo(b2, BatchStatus.WITNESS_GENERATED, BatchStatus.PROVING);

        BatchId b3 = fx.receive(3);
        JobExecution j3 = fx.startJob(b3, now.minusMinutes(5));
        t = now.minusMinutes(5);
        fx.step(j3, "loadWitnessInputs", t, 2, COMPLETED, null, null);
        fx.step(j3, "basicWitnessGeneration", t.plusSeconds(2), 3, FAILED, "witness inputs of chain 270 batch 3 fail their sha256", null);
        fx.moveTo(b3, BatchStatus.FAILED);
        fx.endJob(j3, FAILED, t.plusSeconds(5), "witness inputs of chain 270 batch 3 fail their sha256");
    }

    @AfterEach
    void drop() {
        fx.close();
    }

    @Test
    void statusBatchShowsEachStageAndInstanceWithWorkersTimingsAndErrors() {
        CliRun run = CliRun.prover(fx.db("status", "batch", "-n", "2", "1"));
        assertEquals(0, run.code(), run.toString());
        String out = run.out();
        assertTrue(out.contains("chain 270 batch 2: proving, protocol version 1"), out);
        assertTrue(out.contains("chain 270 batch 1: submitted"), out);
        String te = PipelineFixture.VERSION_1.transferExecutionKey();
        assertTrue(out.contains("  keys of protocol version 1 (bundles of base proofs): transfer_execution " + te.substring(0, 10)
                + ", storage_application "), out);
        assertTrue(out.indexOf("batch 2:") < out.indexOf("batch 1:"), "in the order asked: " + out);
        assertTrue(Pattern.compile("loadWitnessInputs\\s+COMPLETED\\s+\\S+ \\S+\\s+2.0 s").matcher(out).find(), out);
        assertTrue(Pattern.compile("proveBaseCircuits\\s+STARTED").matcher(out).find(), out);
        assertTrue(Pattern.compile("leafAggregation\\s+not run").matcher(out).find(), out);
        assertTrue(out.contains("aggregation proofs: 3 (3 successful)"), out);
        assertTrue(Pattern.compile("leaf\\s+0\\s+2\\s+2 successful\\s+12.0 s").matcher(out).find(), out);
        assertTrue(Pattern.compile("scheduler\\s+1\\s+1\\s+1 successful\\s+6.0 s").matcher(out).find(), out);
        assertTrue(out.contains("partitions: 1 COMPLETED, 1 FAILED, 1 STARTED"), out);
        assertTrue(Pattern.compile("transfer_execution\\s+1\\s+in_progress\\s+1\\s+worker-dead").matcher(out).find(), out);
        assertTrue(Pattern.compile("storage_application\\s+0\\s+failed\\s+1\\s+worker-b\\s+-\\s+-\\s+-\\s+java.lang.OutOfMemoryError")
                .matcher(out).find(), out);
        assertTrue(Pattern.compile("transfer_execution\\s+0\\s+successful\\s+1\\s+worker-a\\s+150 ms\\s+250 ms\\s+4.0 s").matcher(out).find(), out);
        assertTrue(out.contains("submitted") && out.contains("the core answered HTTP 200"), out);
        assertTrue(run.noStackTrace());
    }

    @Test
    void statusBatchSaysWhenAJobFailedOnEveryAttemptUpToTheMaximum() {
        // given a job that failed on each of its three executions (the house keeper's default maximum)
        BatchId b4 = fx.receive(4);
        LocalDateTime t = LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS).minusMinutes(3);
        for (int attempt = 0; attempt < 3; attempt++) {
            JobExecution j = fx.startJob(b4, t.plusSeconds(10L * attempt));
            fx.step(j, "loadWitnessInputs", t.plusSeconds(10L * attempt), 1, FAILED, "no witness inputs", null);
            fx.endJob(j, FAILED, t.plusSeconds(10L * attempt + 1), "no witness inputs");
        }

        // then status batch shows it at the maximum, for an operator
        CliRun atMax = CliRun.prover(fx.db("status", "batch", "-n", "4"));
        assertEquals(0, atMax.code(), atMax.toString());
        assertTrue(atMax.out().contains("3 executions, the last"), atMax.out());
        assertTrue(atMax.out().contains("at the maximum attempts (3 executions, max-attempts 3): the house keeper restarts it no more;"
                + " fix the cause, then restart -b 4"), atMax.out());
        // and, with a larger maximum, as waiting for the house keeper's restart
        CliRun below = CliRun.prover(fx.db("status", "batch", "-n", "4", "--max-attempts", "5"));
        assertTrue(below.out().contains("the house keeper restarts it after its backoff (attempt 4 of 5)"), below.out());
        assertTrue(!CliRun.prover(fx.db("status", "batch", "-n", "1")).out().contains("house keeper"), "a completed job: nothing to say");
    }

    @Test
    void verboseStatusAddsPartitionsKeysAndFullErrors() {
        CliRun run = CliRun.prover(fx.db("status", "batch", "-n", "3", "-v"));
        assertEquals(0, run.code(), run.toString());
        assertTrue(run.out().contains("witness inputs witness-inputs/270/3.bin"), run.out());
        assertTrue(run.out().contains("FAILED") && run.out().contains("witness inputs of chain 270 batch 3 fail their sha256"), run.out());
        assertTrue(run.out().contains("circuit instances: none yet"), run.out());
        CliRun two = CliRun.prover(fx.db("status", "batch", "-n", "2", "--verbose"));
        assertTrue(Pattern.compile("proveBaseCircuitsWorker:storage_application-0\\s+\\d+\\s+FAILED").matcher(two.out()).find(), two.out());
        assertTrue(two.out().contains("proofs/2/transfer_execution-0.bin"), two.out());
        assertTrue(two.out().contains("  keys of protocol version 1 (bundles of base proofs):\n    transfer_execution "
                + PipelineFixture.VERSION_1.transferExecutionKey() + "\n    storage_application "
                + PipelineFixture.VERSION_1.storageApplicationKey() + "\n"), two.out());
    }

    @Test
    void anUnknownBatchIsAClearRefusal() {
        CliRun run = CliRun.prover(fx.db("status", "batch", "-n", "2", "99"));
        assertEquals(ExitCodes.REFUSED, run.code(), run.toString());
        assertTrue(run.err().contains("prover-cli: no batch 99 in the prover's tables"), run.err());
        assertEquals("", run.out(), "nothing printed for the known batch either: " + run.out());
        assertTrue(run.noStackTrace(), run.toString());
        assertEquals(ExitCodes.REFUSED, CliRun.prover(fx.db("status", "batch", "-n", "1", "--chain-id", "5")).code());
    }

    @Test
    void anUnreachableDatabaseIsExitCodeThreeWithoutStackTrace() {
        CliRun run = CliRun.prover("status", "queue", "--database-url", "jdbc:postgresql://127.0.0.1:1/proofline_prover");
        assertEquals(ExitCodes.DATABASE, run.code(), run.toString());
        assertTrue(run.err().contains("cannot reach the prover's database at jdbc:postgresql://127.0.0.1:1/proofline_prover"), run.err());
        assertTrue(run.noStackTrace(), run.toString());
    }

    @Test
    void aDatabaseWithoutTheProverTablesIsSaidSo() {
        try (TestDatabase empty = TestDatabase.create()) {
            CliRun run = CliRun.prover("status", "batch", "-n", "1", "--database-url", empty.jdbcUrl(), "--user", empty.user(),
                    "--password", empty.password());
            assertEquals(ExitCodes.DATABASE, run.code(), run.toString());
            assertTrue(run.err().contains("has no prover tables"), run.err());
        }
    }

    @Test
    void theJobRepositoryIsLookedForUnderTheGivenTablePrefix() {
        // the fixture's job repository has Spring Batch's default names, not SCDF's
        CliRun scdf = CliRun.prover(fx.db("status", "queue", "--batch-table-prefix", "BOOT3_BATCH_"));
        assertEquals(ExitCodes.DATABASE, scdf.code(), scdf.toString());
        assertTrue(scdf.err().contains("Spring Batch's boot3_batch_job_*"), scdf.err());
        assertEquals(ExitCodes.USAGE, CliRun.prover(fx.db("status", "queue", "--batch-table-prefix", "x;y")).code());
        assertEquals(ExitCodes.OK, CliRun.prover(fx.db("status", "queue", "--batch-table-prefix", "BATCH_")).code());
    }

    @Test
    void usageErrorsAreExitCodeTwo() {
        assertEquals(ExitCodes.USAGE, CliRun.prover("status", "batch").code());
        assertEquals(ExitCodes.USAGE, CliRun.prover("frobnicate").code());
        assertEquals(ExitCodes.USAGE, CliRun.prover(fx.db("stats", "--period", "year")).code());
    }

    @Test
    void statusQueueCountsWorkPerStageAndCircuitType() {
        CliRun run = CliRun.prover(fx.db("status", "queue"));
        assertEquals(0, run.code(), run.toString());
        String out = run.out();
        assertTrue(Pattern.compile("proving\\s+1\\s").matcher(out).find(), out);
        assertTrue(Pattern.compile("submitted\\s+1\\s").matcher(out).find(), out);
        assertTrue(Pattern.compile("failed\\s+1\\s").matcher(out).find(), out);
        assertTrue(Pattern.compile("transfer_execution\\s+0\\s+1\\s+0\\s+-\\s+10m 0\\ds").matcher(out).find(), out);
        assertTrue(Pattern.compile("storage_application\\s+0\\s+0\\s+1\\s").matcher(out).find(), out);
        // the stage started 14 s into the job, 10 minutes ago
        assertTrue(Pattern.compile("proveBaseCircuits\\s+1\\s+9m 4\\ds").matcher(out).find(), out);
    }

    @Test
    void requeueFailsTheLostPartitionAndPutsLostAndFailedInstancesBackInTheQueue() {
        CliRun run = CliRun.prover(fx.db("requeue", "-b", "2"));
        assertEquals(0, run.code(), run.toString());
        assertEquals(InstanceStatus.QUEUED, fx.instances.find(lost).orElseThrow().status());
        assertEquals(InstanceStatus.QUEUED, fx.instances.find(failed).orElseThrow().status());
        assertEquals(InstanceStatus.SUCCESSFUL, fx.instances.find(proven).orElseThrow().status());
        assertEquals(1, fx.instances.find(lost).orElseThrow().attempts(), "attempts are kept");
        assertEquals("FAILED", fx.jdbc.sql("SELECT status FROM batch_step_execution WHERE step_name = "
                + "'proveBaseCircuitsWorker:transfer_execution-1'").query(String.class).single(), "the lost partition's step failed");
        assertTrue(run.out().contains("2 instances of chain 270 batch 2 back in the queue"), run.out());
        CliRun again = CliRun.prover(fx.db("requeue", "-b", "2"));
        assertEquals(ExitCodes.REFUSED, again.code(), again.toString());
        assertTrue(again.err().contains("nothing to requeue"), again.err());
    }

    @Test
    void requeuePutsLostAndFailedAggregationProofsBackInTheQueue() {
        BatchId b4 = fx.receive(4);
        LocalDateTime t = LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS).minusMinutes(8);
        JobExecution j4 = fx.startJob(b4, t);
        fx.step(j4, "leafAggregation", t, null, STARTED, null, null);
        AggregationProofsDal proofs = new AggregationProofsDal(fx.jdbc);
        AggregationProofId lostLeaf = new AggregationProofId(b4, AggregationLayer.LEAF, 0, TRANSFER_EXECUTION, 0);
        AggregationProofId failedLeaf = new AggregationProofId(b4, AggregationLayer.LEAF, 0, TRANSFER_EXECUTION, 1);
        AggregationProofId liveLeaf = new AggregationProofId(b4, AggregationLayer.LEAF, 0, STORAGE_APPLICATION, 0);
        proofs.insertQueued(List.of(lostLeaf, failedLeaf, liveLeaf));
        proofs.startAttempt(lostLeaf, "worker-dead");
        fx.step(j4, "aggregationProofWorker:" + lostLeaf.name(), t.plusSeconds(1), null, STARTED, null,
                AggregationRounds.context(lostLeaf));
        fx.jdbc.sql("UPDATE prover_aggregation_proofs SET heartbeat_at = now() - interval '10 minutes' WHERE batch_number = 4"
                + " AND circuit_type = 'transfer_execution' AND proof_index = 0").update();
        proofs.startAttempt(failedLeaf, "worker-b");
        proofs.markFailed(failedLeaf, "worker-b", "java.lang.OutOfMemoryError: Java heap space");
        proofs.startAttempt(liveLeaf, "worker-a");

        CliRun run = CliRun.prover(fx.db("requeue", "-b", "4"));
        assertEquals(0, run.code(), run.toString());
        assertEquals(InstanceStatus.QUEUED, proofs.find(lostLeaf).orElseThrow().status());
        assertEquals(InstanceStatus.QUEUED, proofs.find(failedLeaf).orElseThrow().status());
        assertEquals(InstanceStatus.IN_PROGRESS, proofs.find(liveLeaf).orElseThrow().status(), "its worker is alive");
        assertEquals("FAILED", fx.jdbc.sql("SELECT status FROM batch_step_execution WHERE step_name = :name")
                .param("name", "aggregationProofWorker:" + lostLeaf.name()).query(String.class).single(), "the lost partition's step failed");
        assertTrue(run.out().contains("0 instances and 2 aggregation proofs of chain 270 batch 4 back in the queue"), run.out());
        assertTrue(run.out().contains("left in progress, its worker is alive: " + liveLeaf.name()), run.out());
    }

    @Test
    void requeueLeavesAnInstanceWhoseWorkerIsAlive() {
        fx.jdbc.sql("UPDATE prover_circuit_instances SET heartbeat_at = now() WHERE instance_index = 1").update();
        CliRun run = CliRun.prover(fx.db("requeue", "-b", "2"));
        assertEquals(0, run.code(), run.toString());
        assertEquals(InstanceStatus.IN_PROGRESS, fx.instances.find(lost).orElseThrow().status());
        assertTrue(run.out().contains("left in progress, its worker is alive: transfer_execution 1 (worker worker-dead"), run.out());
        assertEquals(InstanceStatus.QUEUED, fx.instances.find(failed).orElseThrow().status());
    }

    @Test
    void restartIsRefusedWhileTheJobRunsAndForASubmittedBatch() {
        CliRun running = CliRun.prover(fx.db("restart", "-b", "2"));
        assertEquals(ExitCodes.REFUSED, running.code(), running.toString());
        assertTrue(running.err().contains("is STARTED") && running.err().contains("requeue -b 2"), running.err());
        CliRun submitted = CliRun.prover(fx.db("restart", "-b", "1"));
        assertEquals(ExitCodes.REFUSED, submitted.code(), submitted.toString());
        assertTrue(submitted.err().contains("is submitted"), submitted.err());
    }

    @Test
    void restartFromScratchAsksThenDiscardsTheStoredWork() {
        BatchId b3 = new BatchId(PipelineFixture.CHAIN, 3);
        fx.queue(b3, TRANSFER_EXECUTION, 0);
        // a recursion proof of the earlier run: kept, the rerun's partitioner would reuse it instead of proving again
        AggregationProofsDal proofs = new AggregationProofsDal(fx.jdbc);
        AggregationProofId leaf = new AggregationProofId(b3, AggregationLayer.LEAF, 0, TRANSFER_EXECUTION, 0);
        proofs.insertQueued(List.of(leaf));
        proofs.startAttempt(leaf, "worker-a");
        proofs.recordProof(leaf, "worker-a", List.of(), "aggregation_proofs/270/3/" + leaf.name() + ".bin", "00".repeat(32), 5,
                null, 6000);
        proofs.markSuccessful(leaf);
        CliRun no = CliRun.proverWithInput("no\n", fx.db("restart", "-b", "3", "--from-scratch", "--prepare-only"));
        assertEquals(ExitCodes.REFUSED, no.code(), no.toString());
        assertTrue(no.out().contains("Discard the stored work of chain 270 batch 3 (failed)"), no.out());
        assertTrue(no.err().contains("not confirmed, nothing changed"), no.err());
        assertEquals(1, fx.instances.findByBatch(new BatchId(PipelineFixture.CHAIN, 3)).size());
        assertEquals(1, proofs.findByBatch(b3).size());

        CliRun yes = CliRun.proverWithInput("yes\n", fx.db("restart", "-b", "3", "--from-scratch", "--prepare-only"));
        assertEquals(0, yes.code(), yes.toString());
        assertTrue(yes.out().contains("to restart: ./proofline prover --proofline.restart=270:3"), yes.out());
        assertEquals(BatchStatus.RECEIVED, fx.batches.find(new BatchId(PipelineFixture.CHAIN, 3)).orElseThrow().status());
        assertEquals(0, fx.instances.findByBatch(new BatchId(PipelineFixture.CHAIN, 3)).size());
        assertEquals(List.of(), proofs.findByBatch(b3), "the recursion proofs are proven again too");
        CliRun status = CliRun.prover(fx.db("status", "batch", "-n", "3"));
        assertTrue(status.out().contains("job: none started yet"), status.out());
        assertTrue(CliRun.prover(fx.db("status", "batch", "-n", "2")).out().contains("job batchProof"), "other batches keep theirs");
    }

    @Test
    void restartRunsTheProversRestartInThisProcess(@TempDir Path tmp) {
        // batch 3's job failed in basic witness generation; no worker serves its partition now, so
        // the restarted step times out and the job fails again, as a second execution of the same instance
        CliRun run = CliRun.prover("restart", "-b", "3", "--database-url", fx.database.jdbcUrl(), "--user", fx.database.user(),
                "--password", fx.database.password(), "--", "--proofline.keys-dir=" + tmp.resolve("keys"),
                "--proofline.store-dir=" + tmp.resolve("store"), "--proofline.prover.partition-timeout=3s",
                "--proofline.gateway.core-url=http://127.0.0.1:1");
        assertEquals(ExitCodes.REFUSED, run.code(), run.toString());
        assertTrue(run.out().contains("restarting the job of chain 270 batch 3 (--proofline.restart=270:3)"), run.out());
        assertTrue(run.out().contains("the job of chain 270 batch 3 ended without completing"), run.out());
        assertTrue(run.err().contains("the restarted job did not complete"), run.err());
        CliRun status = CliRun.prover(fx.db("status", "batch", "-n", "3"));
        assertTrue(status.out().contains("2 executions, the last"), status.out());
        assertTrue(Pattern.compile("basicWitnessGeneration\\s+FAILED").matcher(status.out()).find(), status.out());
        assertTrue(Pattern.compile("loadWitnessInputs\\s+not run").matcher(status.out()).find(), "completed before, not re-run: " + status.out());
    }

    @Test
    void deleteAsksForConfirmationUnlessYes() {
        CliRun no = CliRun.proverWithInput("n\n", fx.db("delete", "-b", "3"));
        assertEquals(ExitCodes.REFUSED, no.code(), no.toString());
        assertTrue(fx.batches.find(new BatchId(PipelineFixture.CHAIN, 3)).isPresent());

        CliRun yes = CliRun.proverWithInput("yes\n", fx.db("delete", "-b", "3"));
        assertEquals(0, yes.code(), yes.toString());
        assertTrue(yes.out().contains("deleted chain 270 batch 3 (failed, 0 circuit instances, job instance"), yes.out());
        assertFalse(fx.batches.find(new BatchId(PipelineFixture.CHAIN, 3)).isPresent());
        assertEquals(2L, fx.jdbc.sql("SELECT count(*) FROM batch_job_instance").query(Long.class).single(), "only its job went");

        CliRun direct = CliRun.prover(fx.db("delete", "-b", "1", "--yes"));
        assertEquals(0, direct.code(), direct.toString());
        assertEquals(0, fx.instances.findByBatch(new BatchId(PipelineFixture.CHAIN, 1)).size());
        assertEquals(ExitCodes.REFUSED, CliRun.prover(fx.db("delete", "-b", "1", "--yes")).code(), "gone now");
    }

    @Test
    void aJobRestartedWhileTheOperatorConfirmsStopsTheDeletionAndTheDiscard() {
        // batch 3's job failed; the house keeper restarts it while the operator reads the question
        BatchId b3 = new BatchId(PipelineFixture.CHAIN, 3);
        int instances = fx.instances.findByBatch(b3).size();
        for (String[] command : List.of(fx.db("delete", "-b", "3"), fx.db("restart", "-b", "3", "--from-scratch", "--prepare-only"))) {
            JobExecution[] restarted = new JobExecution[1];
            CliRun run = CliRun.proverReading(new BufferedReader(new StringReader("yes\n")) {
                @Override
                public String readLine() throws IOException {
                    restarted[0] = fx.startJob(b3, LocalDateTime.now());
                    return super.readLine();
                }
            }, command);
            assertEquals(ExitCodes.REFUSED, run.code(), run.toString());
            assertTrue(run.err().contains("started meanwhile") && run.err().contains("nothing changed"), run.err());
            assertTrue(fx.batches.find(b3).isPresent(), "the batch stays");
            assertEquals(instances, fx.instances.findByBatch(b3).size(), "its instances stay");
            assertTrue(restarted[0] != null && fx.jdbc.sql("SELECT count(*) FROM batch_job_execution WHERE job_execution_id = :id")
                    .param("id", restarted[0].getId()).query(Long.class).single() == 1, "the running execution stays");
            // the next command finds the job idle again at its first check
            fx.endJob(restarted[0], FAILED, LocalDateTime.now(), "java.lang.IllegalStateException: failed again");
        }
    }

    @Test
    void deleteIsRefusedWhileTheJobRuns() {
        CliRun run = CliRun.prover(fx.db("delete", "-b", "2", "--yes"));
        assertEquals(ExitCodes.REFUSED, run.code(), run.toString());
        assertTrue(run.err().contains("is STARTED"), run.err());
        assertTrue(fx.batches.find(new BatchId(PipelineFixture.CHAIN, 2)).isPresent());
    }

    @Test
    void statsGivesTimingsPerStageAndCircuitType() {
        CliRun run = CliRun.prover(fx.db("stats", "--period", "week"));
        assertEquals(0, run.code(), run.toString());
        String out = run.out();
        // loadWitnessInputs ran 2 s in each of the three jobs
        assertTrue(Pattern.compile("loadWitnessInputs\\s+3\\s+0\\s+2.0 s\\s+2.0 s\\s+2.0 s\\s+2.0 s").matcher(out).find(), out);
        assertTrue(Pattern.compile("basicWitnessGeneration\\s+2\\s+1\\s+11.0 s").matcher(out).find(), out);
        assertTrue(Pattern.compile("proveBaseCircuitsWorker\\s+2\\s+1\\s+35.0 s").matcher(out).find(), out);
        // transfer proofs: 3000 and 4000 ms; one waited 250 ms for a GPU worker's prover (the mean of those that did)
        assertTrue(Pattern.compile("transfer_execution\\s+2\\s+0\\s+135 ms\\s+250 ms\\s+3.5 s").matcher(out).find(), out);
        assertTrue(Pattern.compile("COMPLETED\\s+1\\s+1m 33s").matcher(out).find(), out);
    }
}
