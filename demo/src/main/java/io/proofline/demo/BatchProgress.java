package io.proofline.demo;

import io.proofline.steps.data.BatchStatus;
import java.time.Duration;

/**
 * One batch as the demo sees it at a moment: the core's view (sealed, picked, proven) and the
 * prover tables' (stage, circuit instances), so that progress and the summary read one value.
 *
 * @param number the batch number
 * @param coreStatus the core's status ({@code sealed}, {@code picked}, {@code proven}); null while not sealed
 * @param transactions transactions in the batch (0 while not sealed)
 * @param proverStatus the prover's stage; null until the gateway received the batch
 * @param circuitsDone circuit instances proven
 * @param circuitsTotal circuit instances of the batch (0 until witness generation made them)
 * @param proveMillis proving time summed over the proven instances
 * @param wall from receipt by the gateway to the core's answer to the submission; null until then
 * @param verificationMs how long the core took to verify the accepted proof; null until it is proven
 */
record BatchProgress(long number, String coreStatus, int transactions, BatchStatus proverStatus,
                     int circuitsDone, int circuitsTotal, long proveMillis, Duration wall, Double verificationMs) {

    /** Proven means the core verified the batch proof and accepted it. */
    boolean verified() {
        return "proven".equals(coreStatus);
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
            // every base proof done, the batch not aggregated yet: a circuit prover is proving the recursion layers
            case WITNESS_GENERATED, PROVING -> circuitsTotal > 0 && circuitsDone == circuitsTotal
                    ? "aggregating " + circuitsTotal + " base proofs (leaves, nodes, scheduler)"
                    : "proving circuits " + circuitsDone + "/" + circuitsTotal;
            case AGGREGATED -> "aggregated into one proof, submitting";
            case SUBMITTED -> "submitted, the core verifies";
            case FAILED -> "FAILED";
        };
    }
}
