package io.proofline.circuits.l2;

import java.util.List;
import java.util.function.LongFunction;

/**
 * The sequencer's rules: validates a transaction against the state, applies it, and records
 * the account accesses the circuits will replay. Deposits and withdrawals touch one account;
 * transfers touch the sender and then the receiver (the same account twice for a transfer to
 * oneself, which only advances the nonce).
 */
public final class StateTransition {

    private StateTransition() {
    }

    /** A change the transaction makes to one account. */
    public record Update(long account, Account before, Account after) {
    }

    /**
     * Applies {@code tx} to {@code tree} and appends its accesses to {@code log}.
     *
     * @throws InvalidTransactionException if the transaction would overdraw, overflow or reuse a
     *     nonce; nothing is changed then
     */
    public static void apply(StateTree tree, Transaction tx, List<AccessRecord> log) {
        for (Update u : updates(tree::get, tx)) {
            log.add(new AccessRecord(u.account(), u.before(), u.after(), tree.path(u.account())));
            tree.set(u.account(), u.after());
        }
    }

    /**
     * The rules alone: what {@code tx} changes, in access order, given the accounts as
     * {@code accounts} reads them before it. No tree is needed, so a replay can check a
     * transaction's recorded accesses without hashing paths it has in hand.
     *
     * @throws InvalidTransactionException if the transaction would overdraw, overflow or reuse a nonce
     */
    public static List<Update> updates(LongFunction<Account> accounts, Transaction tx) {
        return switch (tx.kind()) {
            case DEPOSIT -> {
                Account to = accounts.apply(tx.to());
                if (to.balance() > Account.MAX_BALANCE - tx.amount()) {
                    throw new InvalidTransactionException("deposit of " + tx.amount() + " would overflow account " + tx.to());
                }
                long owner = to.owner() == 0 ? tx.extra() : to.owner();
                yield List.of(new Update(tx.to(), to, new Account(to.balance() + tx.amount(), to.nonce(), owner)));
            }
            case TRANSFER -> {
                Account from = debitable(accounts, tx);
                Account debited = debited(from, tx);
                // a transfer to oneself credits the account it has just debited
                Account to = tx.from() == tx.to() ? debited : accounts.apply(tx.to());
                if (to.balance() > Account.MAX_BALANCE - tx.amount()) {
                    throw new InvalidTransactionException("transfer of " + tx.amount() + " would overflow account " + tx.to());
                }
                yield List.of(new Update(tx.from(), from, debited),
                        new Update(tx.to(), to, new Account(to.balance() + tx.amount(), to.nonce(), to.owner())));
            }
            case WITHDRAW -> {
                Account from = debitable(accounts, tx);
                yield List.of(new Update(tx.from(), from, debited(from, tx)));
            }
        };
    }

    private static Account debitable(LongFunction<Account> accounts, Transaction tx) {
        Account from = accounts.apply(tx.from());
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
}
