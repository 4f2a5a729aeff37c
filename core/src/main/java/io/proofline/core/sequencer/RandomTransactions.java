package io.proofline.core.sequencer;

import io.proofline.circuits.l2.Account;
import io.proofline.circuits.l2.StateTree;
import io.proofline.circuits.l2.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import java.util.random.RandomGenerator;

/**
 * Random transactions that are valid against the state they are drawn from: deposits that open
 * new accounts (in the upper half of the account space, away from hand-made ones) or top them up,
 * and transfers and withdrawals among the funded accounts it opened. Not thread-safe.
 */
final class RandomTransactions {

    static final long FIRST_ACCOUNT = StateTree.CAPACITY / 2;
    private static final long MIN_DEPOSIT = 1_000;
    private static final long MAX_DEPOSIT = 1_000_000;

    private final RandomGenerator random;
    private final int maxAccounts;
    private final List<Long> accounts = new ArrayList<>();
    private long nextAccount = FIRST_ACCOUNT;
    /** The account the last deposit drawn would open, if it opens one. */
    private long opening = -1;

    RandomTransactions(RandomGenerator random, int maxAccounts) {
        this.random = random;
        this.maxAccounts = maxAccounts;
    }

    /** A transaction valid against {@code state} (account index to pending account). */
    Transaction next(LongFunction<Account> state) {
        opening = -1;
        boolean open = accounts.size() < 2 || (accounts.size() < maxAccounts && random.nextInt(10) == 0);
        if (open) {
            Long fresh = freshAccount(state);
            if (fresh != null) {
                opening = fresh;
                return deposit(fresh);
            }
        }
        long from = accounts.get(random.nextInt(accounts.size()));
        Account sender = state.apply(from);
        int roll = random.nextInt(100);
        boolean canDeposit = sender.balance() <= Account.MAX_BALANCE - MAX_DEPOSIT;
        if (canDeposit && (roll < 10 || sender.balance() == 0 || sender.nonce() == Integer.MAX_VALUE)) {
            return deposit(from);
        }
        long amount = 1 + random.nextLong(Math.max(1, sender.balance() / 2));
        if (roll < 85) {
            long to = accounts.get(random.nextInt(accounts.size()));
            Account receiver = state.apply(to);
            if (to == from || receiver.balance() <= Account.MAX_BALANCE - amount) {
                return Transaction.transfer(from, to, amount, sender.nonce());
            }
        }
        return Transaction.withdraw(from, amount, sender.nonce(), ownerOrRecipient());
    }

    /** Records an accepted transaction, so that the accounts it opened join the traffic. */
    void accepted(Transaction tx) {
        if (tx.kind() == Transaction.Kind.DEPOSIT && tx.to() == opening) {
            accounts.add(tx.to());
            opening = -1;
        }
    }

    int accounts() {
        return accounts.size();
    }

    private Long freshAccount(LongFunction<Account> state) {
        while (nextAccount < StateTree.CAPACITY) {
            long index = nextAccount++;
            if (state.apply(index).equals(Account.EMPTY)) {
                return index;
            }
        }
        return null;
    }

    private Transaction deposit(long to) {
        return Transaction.deposit(to, MIN_DEPOSIT + random.nextLong(MAX_DEPOSIT - MIN_DEPOSIT + 1), ownerOrRecipient());
    }

    /** A non-zero field element (below 2^62, so canonical). */
    private long ownerOrRecipient() {
        return 1 + random.nextLong(Account.MAX_BALANCE);
    }
}
