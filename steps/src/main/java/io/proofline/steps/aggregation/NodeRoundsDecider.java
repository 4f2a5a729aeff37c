package io.proofline.steps.aggregation;

import io.proofline.steps.JobParametersSupport;
import io.proofline.storage.tables.AggregationLayer;
import io.proofline.storage.tables.AggregationProofsDal;
import io.proofline.storage.tables.InstanceStatus;
import io.proofline.storage.tables.ProverAggregationProof;
import java.util.List;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.flow.FlowExecutionStatus;
import org.springframework.batch.core.job.flow.JobExecutionDecider;
import org.springframework.batch.core.step.StepExecution;

/**
 * After the leaves and after each round of nodes: another round of nodes while a node proof of
 * the batch's plan is not made yet, else the scheduler. A batch whose leaves are already one per
 * circuit type has no node round. Decided from the prover tables, so a restarted job resumes at
 * the first round not complete.
 */
public final class NodeRoundsDecider implements JobExecutionDecider {

    public static final String NODE_ROUND = "NODE_ROUND";
    public static final String SCHEDULER = "SCHEDULER";

    private final AggregationProofsDal proofs;

    public NodeRoundsDecider(AggregationProofsDal proofs) {
        this.proofs = proofs;
    }

    @Override
    public FlowExecutionStatus decide(JobExecution jobExecution, StepExecution stepExecution) {
        List<ProverAggregationProof> rows = proofs.findByBatch(JobParametersSupport.batchId(jobExecution.getJobParameters()));
        return new FlowExecutionStatus(nextRound(rows) < 0 ? SCHEDULER : NODE_ROUND);
    }

    /** The lowest round with a node proof not made yet; -1 when every node proof is made. */
    static int nextRound(List<ProverAggregationProof> rows) {
        return rows.stream().filter(r -> r.id().layer() == AggregationLayer.NODE && r.status() != InstanceStatus.SUCCESSFUL)
                .mapToInt(r -> r.id().round()).min().orElse(-1);
    }
}
