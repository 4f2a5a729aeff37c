package io.proofline.circuits.aggregation;

import io.proofline.circuits.batch.BatchProofRejectedException;
import io.proofline.circuits.l2.BatchHeader;
import io.proofline.plonkish.PlonkishVerifier;
import io.proofline.plonkish.VerificationException;
import io.proofline.plonkish.VerificationKey;
import io.proofline.poseidon2.Digest;

/**
 * Accepts an aggregated batch proof only if its scheduler proof verifies under the registered
 * scheduler key with the public inputs this verifier computes: the header's commitment and the
 * registered leaf and node key commitments. One proof, so its cost does not depend on the
 * batch; the scheduler circuit's constraints carry every base proof, their chaining and the
 * header.
 */
public final class AggregatedProofVerifier {

    private final PlonkishVerifier scheduler;
    private final Digest transferLeafKey;
    private final Digest storageLeafKey;
    private final Digest nodeKey;

    /**
     * @throws IllegalArgumentException if the scheduler key is below the required security
     */
    public AggregatedProofVerifier(VerificationKey schedulerKey, Digest transferLeafKey, Digest storageLeafKey, Digest nodeKey,
                                   int requiredBits) {
        this.scheduler = new PlonkishVerifier(schedulerKey, requiredBits);
        this.transferLeafKey = transferLeafKey;
        this.storageLeafKey = storageLeafKey;
        this.nodeKey = nodeKey;
    }

    /** @throws BatchProofRejectedException with the reason */
    public void verify(BatchHeader header, AggregatedBatchProof proof) {
        if (proof.chainId() != header.chainId() || proof.batchNumber() != header.batchNumber()) {
            throw new BatchProofRejectedException("proof is for chain " + proof.chainId() + " batch " + proof.batchNumber()
                    + ", not chain " + header.chainId() + " batch " + header.batchNumber());
        }
        try {
            scheduler.verify(SchedulerCircuit.publicInputs(header, transferLeafKey, storageLeafKey, nodeKey), proof.scheduler());
        } catch (VerificationException e) {
            throw new BatchProofRejectedException("scheduler proof does not verify for this batch's header: " + e.getMessage());
        }
    }
}
