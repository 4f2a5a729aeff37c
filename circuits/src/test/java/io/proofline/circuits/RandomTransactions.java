package io.proofline.circuits;

import io.proofline.circuits.l2.Account;
import io.proofline.circuits.l2.InvalidTransactionException;
import io.proofline.circuits.l2.StateTransition;
import io.proofline.circuits.l2.StateTree;
import io.proofline.circuits.l2.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Valid random traffic against a state: deposits, transfers and withdrawals among a few accounts. */
final class RandomTransactions {

    private RandomTransactions() {
    }

    static List<Transaction> generate(StateTree state, int count, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        StateTree scratch = state.copy();
        List<Transaction> out = new ArrayList<>();
        while (out.size() < count) {
            Transaction tx = next(scratch, rnd);
            try {
                StateTransition.apply(scratch, tx, new ArrayList<>());
                out.add(tx);
            } catch (InvalidTransactionException e) {
                // drawn at random: an invalid one is simply not sent
            }
        }
        return out;
    }

    private static Transaction next(StateTree s, SplittableRandom rnd) {
        long a = 1 + rnd.nextInt(40);
        long b = 1 + rnd.nextInt(40) + (rnd.nextInt(10) == 0 ? 500_000 : 0);
        Account from = s.get(a);
        return switch (rnd.nextInt(10)) {
            case 0, 1 -> Transaction.deposit(b, 1 + rnd.nextLong(1_000_000), 1000 + b);
            case 2 -> Transaction.withdraw(a, from.balance() == 0 ? 0 : rnd.nextLong(from.balance() + 1), from.nonce(),
                    0xABCDL + rnd.nextInt(1000));
            default -> Transaction.transfer(a, rnd.nextInt(20) == 0 ? a : b,
                    from.balance() == 0 ? 0 : rnd.nextLong(from.balance() + 1), from.nonce());
        };
    }
}
