package io.proofline.circuits.l2;

import java.util.List;

/**
 * The sequencer's rules: validates a transaction against the state, applies it, and records
 * the account accesses the circuits will replay. Deposits and withdrawals touch one account;
 * transfers touch the sender and then the receiver (the same account twice for a transfer to
 * oneself, which only advances the nonce).
 */
public final class StateTransition {

    private StateTransition() {
    }

    /**
     * Applies {@code tx} to {@code tree} and appends its accesses to {@code log}.
     *
     * @throws InvalidTransactionException if the transaction would overdraw, overflow or reuse a
     *     nonce; nothing is changed then
     */
    public static void apply(StateTree tree, Transaction tx, List<AccessRecord> log) {
        switch (tx.kind()) {
            case DEPOSIT -> {
                Account to = tree.get(tx.to());
                if (to.balance() > Account.MAX_BALANCE - tx.amount()) {
                    throw new InvalidTransactionException("deposit of " + tx.amount() + " would overflow account " + tx.to());
                }
                long owner = to.owner() == 0 ? tx.extra() : to.owner();
                update(tree, tx.to(), new Account(to.balance() + tx.amount(), to.nonce(), owner), log);
            }
            case TRANSFER -> {
                Account from = debitable(tree, tx);
                Account toBefore = tx.from() == tx.to() ? debited(from, tx) : tree.get(tx.to());
                if (toBefore.balance() > Account.MAX_BALANCE - tx.amount()) {
                    throw new InvalidTransactionException("transfer of " + tx.amount() + " would overflow account " + tx.to());
                }
                update(tree, tx.from(), debited(from, tx), log);
                Account to = tree.get(tx.to());
                update(tree, tx.to(), new Account(to.balance() + tx.amount(), to.nonce(), to.owner()), log);
            }
            case WITHDRAW -> {
                Account from = debitable(tree, tx);
                update(tree, tx.from(), debited(from, tx), log);
            }
            default -> throw new IllegalStateException();
        }
    }

    private static Account debitable(StateTree tree, Transaction tx) {
        Account from = tree.get(tx.from());
        if (tx.nonce() != from.nonce()) {
            throw new InvalidTransactionException("account " + tx.from() + " expects nonce " + from.nonce() + ", got " + tx.nonce());
        }
        if (tx.amount() > from.balance()) {
            throw new InvalidTransactionException("account " + tx.from() + " holds " + from.balance() + ", cannot send "
                    + tx.amount());
        }
        if (from.nonce() == Integer.MAX_VALUE) {
            throw new InvalidTransactionException("account " + tx.from() + " has used every nonce");
        }
        return from;
    }

    private static Account debited(Account from, Transaction tx) {
        return new Account(from.balance() - tx.amount(), from.nonce() + 1, from.owner());
    }

    private static void update(StateTree tree, long index, Account after, List<AccessRecord> log) {
        log.add(new AccessRecord(index, tree.get(index), after, tree.path(index)));
        tree.set(index, after);
    }
}
