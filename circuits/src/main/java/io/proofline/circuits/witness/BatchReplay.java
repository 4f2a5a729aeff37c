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
 * Replays witness input data without the full state: each access's old account and path must
 * lead to the current root, and the new account must be what the transaction rules give. Yields
 * the batch header the proof will attest to.
 */
public final class BatchReplay {

    private BatchReplay() {
    }

    /** @throws InvalidWitnessInputException naming the first inconsistency */
    public static BatchHeader replay(WitnessInputData data) {
        Digest root = data.preStateRoot();
        Digest txChain = Commitments.ZERO;
        Digest withdrawals = Commitments.ZERO;
        int next = 0;
        List<AccessRecord> accesses = data.accesses();
        for (int t = 0; t < data.transactions().size(); t++) {
            Transaction tx = data.transactions().get(t);
            int count = tx.kind() == Transaction.Kind.TRANSFER ? 2 : 1;
            if (next + count > accesses.size()) {
                throw new InvalidWitnessInputException("transaction " + t + " has no recorded accesses");
            }
            // re-run the rules on a tree holding just the accounts this transaction touches
            StateTree scratch = new StateTree();
            for (int k = 0; k < count; k++) {
                AccessRecord a = accesses.get(next + k);
                if (k == 0 || a.account() != accesses.get(next).account()) {
                    scratch.set(a.account(), a.before());
                }
            }
            List<AccessRecord> expected = new ArrayList<>();
            try {
                StateTransition.apply(scratch, tx, expected);
            } catch (RuntimeException e) {
                throw new InvalidWitnessInputException("transaction " + t + " is invalid: " + e.getMessage());
            }
            for (int k = 0; k < count; k++) {
                AccessRecord a = accesses.get(next + k);
                AccessRecord e = expected.get(k);
                if (a.account() != e.account() || !a.before().equals(e.before()) || !a.after().equals(e.after())) {
                    throw new InvalidWitnessInputException("access " + (next + k) + " (transaction " + t
                            + ") does not follow from the transaction");
                }
                if (!StateTree.rootFrom(a.account(), a.before().leaf(), a.siblings()).equals(root)) {
                    throw new InvalidWitnessInputException("access " + (next + k) + ": account " + a.account()
                            + " and its path do not lead to the current state root");
                }
                root = StateTree.rootFrom(a.account(), a.after().leaf(), a.siblings());
            }
            next += count;
            txChain = Commitments.transaction(txChain, tx);
            if (tx.kind() == Transaction.Kind.WITHDRAW) {
                withdrawals = Commitments.withdrawal(withdrawals, tx);
            }
        }
        if (next != accesses.size()) {
            throw new InvalidWitnessInputException((accesses.size() - next) + " accesses belong to no transaction");
        }
        return new BatchHeader(data.chainId(), data.batchNumber(), data.preStateRoot(), root, txChain, withdrawals);
    }

}
