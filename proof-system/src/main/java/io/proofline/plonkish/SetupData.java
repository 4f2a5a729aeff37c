package io.proofline.plonkish;

import io.proofline.backend.ColumnMatrix;
import io.proofline.merkle.MerkleTree;
import java.util.List;

/**
 * The prover's fixed data for one circuit: the setup columns on the trace domain, their
 * coefficients, their low-degree extension and its Merkle tree. Written to disk by
 * {@link SetupCodec} as the columns alone; the rest is recomputed from them (on a
 * {@link StoredSetup}'s first use) and checked against the verification key's cap.
 *
 * @param lde off heap, freed when the setup is no longer reachable
 * @param quotientCosets the columns on the cosets of the trace domain that the quotient's domain
 *     reaches beyond {@code lde} (at FRI blowups below the quotient's, LDE 2 for one), made once
 *     here rather than in every proof; none where {@code lde} holds the whole domain. Off heap
 *     like {@code lde}.
 */
public record SetupData(VerificationKey key, long[][] columns, long[][] coefficients, ColumnMatrix lde, MerkleTree tree,
                        List<ColumnMatrix> quotientCosets) {

    public SetupData {
        quotientCosets = List.copyOf(quotientCosets);
    }
}
