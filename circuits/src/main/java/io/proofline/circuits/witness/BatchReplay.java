package io.proofline.circuits.witness;

import io.proofline.circuits.l2.AccessRecord;
import io.proofline.circuits.l2.Account;
import io.proofline.circuits.l2.BatchHeader;
import io.proofline.circuits.l2.Commitments;
import io.proofline.circuits.l2.StateTransition;
import io.proofline.circuits.l2.StateTree;
import io.proofline.circuits.l2.Transaction;
import io.proofline.poseidon2.Digest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Replays witness input data without the full state: each access's old account and path must
 * lead to the current root, and the new account must be what the transaction rules give. Yields
 * the batch header the proof will attest to.
 */
public final class BatchReplay {

    private BatchReplay() {
    }

    /**
     * A replayed batch: its header; for access {@code k} its account's leaf before and after and
     * the state root after it; for transaction {@code t} the transaction and withdrawal chains
     * after it. Witness generation needs them all again.
     */
    record Replayed(BatchHeader header, Digest[] leavesBefore, Digest[] leavesAfter, Digest[] rootsAfter, Digest[] txChainAfter,
                    Digest[] withdrawalsAfter) {
    }

    /** @throws InvalidWitnessInputException naming the first inconsistency */
    public static BatchHeader replay(WitnessInputData data) {
        return replayed(data).header();
    }

    /** As {@link #replay}, keeping each access's leaves and root. */
    static Replayed replayed(WitnessInputData data) {
        List<AccessRecord> accesses = data.accesses();
        // every access's leaves and the roots its path gives them, hashed together up front (in
        // batches, on every core); the checks below still take the accesses in order
        long[] indices = accesses.stream().mapToLong(AccessRecord::account).toArray();
        List<List<Digest>> paths = accesses.stream().map(AccessRecord::siblings).toList();
        Digest[] leavesBefore = Account.leaves(accesses.stream().map(AccessRecord::before).toList());
        Digest[] leavesAfter = Account.leaves(accesses.stream().map(AccessRecord::after).toList());
        Digest[] rootsBefore = StateTree.rootsFrom(indices, leavesBefore, paths);
        Digest[] rootsAfter = StateTree.rootsFrom(indices, leavesAfter, paths);

        Digest root = data.preStateRoot();
        Digest txChain = Commitments.ZERO;
        Digest withdrawals = Commitments.ZERO;
        Digest[] txChainAfter = new Digest[data.transactions().size()];
        Digest[] withdrawalsAfter = new Digest[data.transactions().size()];
        int next = 0;
        for (int t = 0; t < data.transactions().size(); t++) {
            Transaction tx = data.transactions().get(t);
            int count = tx.kind() == Transaction.Kind.TRANSFER ? 2 : 1;
            if (next + count > accesses.size()) {
                throw new InvalidWitnessInputException("transaction " + t + " has no recorded accesses");
            }
            // re-run the rules on the accounts as this transaction's first accesses found them
            Map<Long, Account> found = new HashMap<>();
            for (int k = 0; k < count; k++) {
                found.putIfAbsent(accesses.get(next + k).account(), accesses.get(next + k).before());
            }
            List<StateTransition.Update> expected;
            try {
                expected = StateTransition.updates(index -> {
                    StateTree.checkIndex(index);
                    return found.getOrDefault(index, Account.EMPTY);
                }, tx);
            } catch (RuntimeException e) {
                throw new InvalidWitnessInputException("transaction " + t + " is invalid: " + e.getMessage());
            }
            for (int k = 0; k < count; k++) {
                AccessRecord a = accesses.get(next + k);
                StateTransition.Update e = expected.get(k);
                if (a.account() != e.account() || !a.before().equals(e.before()) || !a.after().equals(e.after())) {
                    throw new InvalidWitnessInputException("access " + (next + k) + " (transaction " + t
                            + ") does not follow from the transaction");
                }
                if (!rootsBefore[next + k].equals(root)) {
                    throw new InvalidWitnessInputException("access " + (next + k) + ": account " + a.account()
                            + " and its path do not lead to the current state root");
                }
                root = rootsAfter[next + k];
            }
            next += count;
            txChain = Commitments.transaction(txChain, tx);
            if (tx.kind() == Transaction.Kind.WITHDRAW) {
                withdrawals = Commitments.withdrawal(withdrawals, tx);
            }
            txChainAfter[t] = txChain;
            withdrawalsAfter[t] = withdrawals;
        }
        if (next != accesses.size()) {
            throw new InvalidWitnessInputException((accesses.size() - next) + " accesses belong to no transaction");
        }
        BatchHeader header = new BatchHeader(data.chainId(), data.batchNumber(), data.preStateRoot(), root, txChain, withdrawals);
        return new Replayed(header, leavesBefore, leavesAfter, rootsAfter, txChainAfter, withdrawalsAfter);
    }
}
