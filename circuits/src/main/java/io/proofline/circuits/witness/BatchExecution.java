package io.proofline.circuits.witness;

import io.proofline.circuits.l2.AccessRecord;
import io.proofline.circuits.l2.BatchHeader;
import io.proofline.circuits.l2.Commitments;
import io.proofline.circuits.l2.StateTransition;
import io.proofline.circuits.l2.StateTree;
import io.proofline.circuits.l2.Transaction;
import io.proofline.poseidon2.Digest;
import java.util.ArrayList;
import java.util.List;

/**
 * Seals a batch on the core's side: applies the transactions to the state tree in order and
 * returns the batch header with the witness input data the prover will need.
 */
public final class BatchExecution {

    /** A sealed batch: its public header and the prover's witness input. */
    public record SealedBatch(BatchHeader header, WitnessInputData witnessInput) {
    }

    private BatchExecution() {
    }

    /**
     * @throws io.proofline.circuits.l2.InvalidTransactionException if a transaction is invalid in
     *     sequence; the tree is then left as it was before that transaction
     */
    public static SealedBatch seal(StateTree tree, long chainId, long batchNumber, int protocolVersion,
                                   List<Transaction> transactions) {
        Digest pre = tree.root();
        List<AccessRecord> accesses = new ArrayList<>();
        Digest txChain = Commitments.ZERO;
        Digest withdrawals = Commitments.ZERO;
        for (Transaction tx : transactions) {
            StateTransition.apply(tree, tx, accesses);
            txChain = Commitments.transaction(txChain, tx);
            if (tx.kind() == Transaction.Kind.WITHDRAW) {
                withdrawals = Commitments.withdrawal(withdrawals, tx);
            }
        }
        BatchHeader header = new BatchHeader(chainId, batchNumber, pre, tree.root(), txChain, withdrawals);
        return new SealedBatch(header, new WitnessInputData(chainId, batchNumber, protocolVersion, pre, transactions, accesses));
    }
}
