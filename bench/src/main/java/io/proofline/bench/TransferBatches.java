package io.proofline.bench;

import io.proofline.circuits.l2.StateTree;
import io.proofline.circuits.l2.Transaction;
import io.proofline.circuits.witness.BatchExecution;
import java.util.ArrayList;
import java.util.List;

/** The benchmarks' batches: transfers among 200 accounts funded in an earlier batch, spread over senders and receivers. */
final class TransferBatches {

    static final int ACCOUNTS = 200;

    private TransferBatches() {
    }

    /** Batch 2 of chain 1: {@code n} transfers, after batch 1 funded the accounts. */
    static BatchExecution.SealedBatch of(int n) {
        StateTree tree = new StateTree();
        List<Transaction> deposits = new ArrayList<>();
        for (int a = 1; a <= ACCOUNTS; a++) {
            deposits.add(Transaction.deposit(a, 1_000_000_000L, 10_000 + a));
        }
        BatchExecution.seal(tree, 1, 1, 1, deposits);
        List<Transaction> txs = new ArrayList<>();
        long[] nonces = new long[ACCOUNTS + 1];
        for (int i = 0; i < n; i++) {
            int from = 1 + (i * 7919) % ACCOUNTS;
            int to = 1 + (i * 104_729 + 13) % ACCOUNTS;
            txs.add(Transaction.transfer(from, to, 1 + i % 1000, nonces[from]++));
        }
        return BatchExecution.seal(tree, 1, 2, 1, txs);
    }
}
