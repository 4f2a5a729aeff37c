package io.proofline.core.sequencer;

import io.proofline.circuits.l2.Account;
import io.proofline.circuits.l2.Transaction;
import io.proofline.core.batches.BatchRepository;
import io.proofline.core.batches.NewBatch;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sequencer's durable state: committed accounts ({@code core_accounts}) and accepted
 * transactions not sealed yet ({@code core_pending_transactions}). Sealing writes the accounts,
 * the batch row and the removal of its pending transactions in one database transaction, so a
 * crash leaves either the batch entirely or not at all.
 */
@Component
final class SequencerStore {

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final TransactionTemplate transactions;
    private final BatchRepository batches;

    SequencerStore(JdbcClient jdbc, JdbcTemplate jdbcTemplate, TransactionTemplate transactions, BatchRepository batches) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.transactions = transactions;
        this.batches = batches;
    }

    Map<Integer, Account> loadAccounts() {
        Map<Integer, Account> accounts = new HashMap<>();
        jdbc.sql("SELECT account_index, balance, nonce, owner FROM core_accounts")
                .query(rs -> {
                    accounts.put(rs.getInt(1), new Account(rs.getLong(2), rs.getLong(3), rs.getLong(4)));
                });
        return accounts;
    }

    List<PendingTransaction> loadPending() {
        List<PendingTransaction> pending = new ArrayList<>();
        jdbc.sql("""
                SELECT position, kind, from_account, to_account, amount, nonce, extra, received_at
                FROM core_pending_transactions ORDER BY position""")
                .query(rs -> {
                    Transaction tx = new Transaction(Transaction.Kind.valueOf(rs.getString(2).toUpperCase(Locale.ROOT)),
                            rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7));
                    pending.add(new PendingTransaction(rs.getLong(1), tx, rs.getTimestamp(8).toInstant()));
                });
        return pending;
    }

    PendingTransaction insertPending(Transaction tx, Instant receivedAt) {
        long position = jdbc.sql("""
                INSERT INTO core_pending_transactions (kind, from_account, to_account, amount, nonce, extra, received_at)
                VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING position""")
                .params(kindName(tx.kind()), tx.from(), tx.to(), tx.amount(), tx.nonce(), tx.extra(), Timestamp.from(receivedAt))
                .query(Long.class)
                .single();
        return new PendingTransaction(position, tx, receivedAt);
    }

    void deletePending(long position) {
        jdbc.sql("DELETE FROM core_pending_transactions WHERE position = ?").param(position).update();
    }

    /** Commits a sealed batch: its accounts' new state, its row, and the end of its transactions' pending life. */
    void commitBatch(NewBatch batch, Map<Long, Account> changedAccounts) {
        List<Object[]> upserts = new ArrayList<>();
        List<Object[]> deletes = new ArrayList<>();
        changedAccounts.forEach((index, account) -> {
            if (account.equals(Account.EMPTY)) {
                deletes.add(new Object[] {index});
            } else {
                upserts.add(new Object[] {index, account.balance(), account.nonce(), account.owner()});
            }
        });
        transactions.executeWithoutResult(status -> {
            jdbcTemplate.batchUpdate("""
                    INSERT INTO core_accounts (account_index, balance, nonce, owner) VALUES (?, ?, ?, ?)
                    ON CONFLICT (account_index) DO UPDATE
                    SET balance = EXCLUDED.balance, nonce = EXCLUDED.nonce, owner = EXCLUDED.owner""", upserts);
            jdbcTemplate.batchUpdate("DELETE FROM core_accounts WHERE account_index = ?", deletes);
            batches.insert(batch);
            int removed = jdbc.sql("DELETE FROM core_pending_transactions WHERE position BETWEEN ? AND ?")
                    .params(batch.firstPosition(), batch.lastPosition())
                    .update();
            if (removed != batch.transactionCount()) {
                throw new IllegalStateException("batch " + batch.header().batchNumber() + " seals " + batch.transactionCount()
                        + " transactions but " + removed + " were pending in positions " + batch.firstPosition() + ".."
                        + batch.lastPosition());
            }
        });
    }

    static String kindName(Transaction.Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
