package io.proofline.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.circuits.aggregation.AggregationPlan;
import io.proofline.circuits.aggregation.PlannedProof;
import io.proofline.storage.tables.AggregationProofId;
import io.proofline.storage.tables.BatchId;
import io.proofline.storage.tables.BatchStatus;
import io.proofline.storage.tables.InstanceStatus;
import io.proofline.storage.tables.ProverAggregationProof;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The demo's progress line names the aggregation round under way. */
class BatchProgressTests {

    private static final BatchId BATCH = new BatchId(270, 1);

    /** 3 transfer-execution and 2 storage-application base proofs: 3 leaves, one node round, the scheduler. */
    private static List<ProverAggregationProof> rows(Predicate<AggregationProofId> made) {
        AggregationPlan plan = AggregationPlan.of(3, 2);
        List<AggregationProofId> ids = new ArrayList<>();
        for (PlannedProof p : plan.proofs()) {
            ids.add(AggregationProofId.of(BATCH, p.id()));
        }
        ids.add(AggregationProofId.scheduler(BATCH, plan.rounds().size()));
        return ids.stream().map(id -> new ProverAggregationProof(id, made.test(id) ? InstanceStatus.SUCCESSFUL : InstanceStatus.QUEUED,
                0, null, null, null, null, null, null, null, null, null, null, null, null, null)).toList();
    }

    @Test
    void namesTheFirstRoundNotComplete() {
        assertNull(BatchProgress.aggregationStage(List.of()), "no aggregation rows: no stage");
        assertEquals("leaves 0/3", BatchProgress.aggregationStage(rows(id -> false)));
        assertEquals("leaves 2/3", BatchProgress.aggregationStage(rows(id -> id.round() == 0 && id.index() == 0)));
        assertEquals("node round 1 0/1", BatchProgress.aggregationStage(rows(id -> id.round() == 0)));
        assertEquals("scheduler", BatchProgress.aggregationStage(rows(id -> id.round() < 2)));
    }

    @Test
    void aVerifiedBatchIsRecordedOnceTheProverHasItsSubmissionTime() {
        BatchProgress verifiedOnly = new BatchProgress(3, "proven", 16, BatchStatus.PROVING, 11, 11, "scheduler", 0, null, 12.0);
        assertTrue(verifiedOnly.verified());
        assertFalse(verifiedOnly.submissionRecorded(), "the core's verdict is in, the prover's record not yet");
        BatchProgress recorded = new BatchProgress(3, "proven", 16, BatchStatus.SUBMITTED, 11, 11, "scheduler", 0,
                Duration.ofSeconds(36), 12.0);
        assertTrue(recorded.submissionRecorded());
    }

    @Test
    void theStageShowsTheRoundOnceEveryBaseProofIsMade() {
        BatchProgress proving = new BatchProgress(1, "picked", 16, BatchStatus.PROVING, 3, 5, null, 0, null, null);
        assertEquals("proving circuits 3/5", proving.stage());
        BatchProgress aggregating = new BatchProgress(1, "picked", 16, BatchStatus.PROVING, 5, 5, "node round 1 0/1", 0, null, null);
        assertEquals("aggregating 5 base proofs: node round 1 0/1", aggregating.stage());
    }
}
