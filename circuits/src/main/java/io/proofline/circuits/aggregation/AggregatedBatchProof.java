package io.proofline.circuits.aggregation;

import io.proofline.plonkish.PlonkishProof;

/**
 * A batch's proof after aggregation: one scheduler proof, whatever the batch's size. Its public
 * inputs are not carried: the verifier derives them from the batch header and the registered
 * keys ({@link SchedulerCircuit#publicInputs}), so a proof can only ever claim that header.
 */
public record AggregatedBatchProof(long chainId, long batchNumber, PlonkishProof scheduler) {
}
