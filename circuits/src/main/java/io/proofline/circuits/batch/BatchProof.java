package io.proofline.circuits.batch;

import java.util.List;

/**
 * A batch proof, for now the set of its base proofs: transfer-execution instances in order,
 * then storage-application instances in order. Recursive aggregation will replace it by one
 * proof.
 */
public record BatchProof(long chainId, long batchNumber, List<BaseProof> proofs) {

    public BatchProof {
        proofs = List.copyOf(proofs);
    }
}
