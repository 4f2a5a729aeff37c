package io.proofline.demo;

import io.proofline.storage.tables.BatchStatus;
import io.proofline.storage.tables.InstanceStatus;
import io.proofline.storage.tables.ProverAggregationProof;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One batch as the demo sees it at a moment: the core's view (sealed, picked, proven) and the
 * prover tables' (stage, circuit instances, aggregation rounds), so that progress and the summary
 * read one value.
 *
 * @param number the batch number
 * @param coreStatus the core's status ({@code sealed}, {@code picked}, {@code proven}); null while not sealed
 * @param transactions transactions in the batch (0 while not sealed)
 * @param proverStatus the prover's stage; null until the gateway received the batch
 * @param circuitsDone circuit instances proven
 * @param circuitsTotal circuit instances of the batch (0 until witness generation made them)
 * @param aggregationStage the aggregation round under way, e.g. {@code leaves 2/5} (see
 *     {@link #aggregationStage(List)}); null before the leaves and for a bundle of base proofs
 * @param proveMillis proving time summed over the proven instances
 * @param wall from receipt by the gateway to the core's answer to the submission; null until then
 * @param verificationMs how long the core took to verify the accepted proof; null until it is proven
 */
record BatchProgress(long number, String coreStatus, int transactions, BatchStatus proverStatus,
                     int circuitsDone, int circuitsTotal, String aggregationStage, long proveMillis, Duration wall,
                     Double verificationMs) {

    /** Proven means the core verified the batch proof and accepted it. */
    boolean verified() {
        return "proven".equals(coreStatus);
    }

    /**
     * Whether the prover has recorded the core's answer to its submission: the gateway writes it
     * just after the core marks the batch proven, so a poll can see one without the other.
     */
    boolean submissionRecorded() {
        return wall != null;
    }

    boolean failed() {
        return proverStatus == BatchStatus.FAILED;
    }

    /** The stage in words, with the circuits proven while that is the stage. */
    String stage() {
        if (verified()) {
            return "proven, verified by the core";
        }
        if (proverStatus == null) {
            return coreStatus == null ? "waiting for transactions" : "sealed, waiting for the gateway";
        }
        return switch (proverStatus) {
            case RECEIVED -> "witness generation";
            // every base proof done, the batch not aggregated yet: circuit provers are proving the recursion layers
            case WITNESS_GENERATED, PROVING -> circuitsTotal > 0 && circuitsDone == circuitsTotal
                    ? "aggregating " + circuitsTotal + " base proofs: " + (aggregationStage == null ? "leaves" : aggregationStage)
                    : "proving circuits " + circuitsDone + "/" + circuitsTotal;
            case AGGREGATED -> "aggregated into one proof, submitting";
            case SUBMITTED -> "submitted, the core verifies";
            case FAILED -> "FAILED";
        };
    }

    /**
     * The first aggregation round with a proof not made yet and how many of its proofs are made:
     * {@code leaves 2/5}, {@code node round 1 0/2}, {@code scheduler}; null when there are no rows.
     */
    static String aggregationStage(List<ProverAggregationProof> proofs) {
        Map<Integer, List<ProverAggregationProof>> rounds = proofs.stream()
                .collect(Collectors.groupingBy(p -> p.id().round(), TreeMap::new, Collectors.toList()));
        for (List<ProverAggregationProof> round : rounds.values()) {
            long made = round.stream().filter(p -> p.status() == InstanceStatus.SUCCESSFUL).count();
            if (made < round.size()) {
                ProverAggregationProof first = round.getFirst();
                return switch (first.id().layer()) {
                    case LEAF -> "leaves " + made + "/" + round.size();
                    case NODE -> "node round " + first.id().round() + " " + made + "/" + round.size();
                    case SCHEDULER -> "scheduler";
                };
            }
        }
        return rounds.isEmpty() ? null : "scheduler done";
    }
}
