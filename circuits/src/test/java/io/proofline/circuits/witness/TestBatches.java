package io.proofline.circuits.witness;

import io.proofline.circuits.base.CircuitCapacities;
import io.proofline.circuits.l2.StateTree;
import io.proofline.circuits.l2.Transaction;
import java.util.List;

/** Real batches for the tests: sealed from a few transactions, then split into circuit instances. */
public final class TestBatches {

    private TestBatches() {
    }

    /** Five transactions on small capacities: two instances of each circuit type. */
    public static BatchExecution.SealedBatch sealed(long chainId, long batchNumber) {
        List<Transaction> txs = List.of(
                Transaction.deposit(1, 1_000, 77),
                Transaction.deposit(2, 500, 88),
                Transaction.transfer(1, 2, 100, 0),
                Transaction.withdraw(2, 50, 0, 99),
                Transaction.deposit(3, 10, 5));
        return BatchExecution.seal(new StateTree(), chainId, batchNumber, 1, txs);
    }

    public static WitnessInputData witnessInput(long chainId, long batchNumber) {
        return sealed(chainId, batchNumber).witnessInput();
    }

    public static BasicWitnessGenerator.Result generated(long chainId, long batchNumber) {
        return BasicWitnessGenerator.generate(witnessInput(chainId, batchNumber), CircuitCapacities.small());
    }
}
