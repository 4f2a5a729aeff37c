package io.proofline.circuits.witness;

import io.proofline.circuits.l2.AccessRecord;
import io.proofline.circuits.l2.Transaction;
import io.proofline.poseidon2.Digest;
import java.util.List;
import java.util.Objects;

/**
 * Everything needed to prove a batch: its identity, the state root before it, its transactions
 * in order, and every account access with the account before and after and its Merkle path.
 */
public record WitnessInputData(long chainId, long batchNumber, int protocolVersion, Digest preStateRoot,
                               List<Transaction> transactions, List<AccessRecord> accesses) {

    public WitnessInputData {
        Objects.requireNonNull(preStateRoot, "preStateRoot");
        transactions = List.copyOf(transactions);
        accesses = List.copyOf(accesses);
    }
}
