package io.proofline.core.sequencer;

import io.proofline.circuits.l2.AccessRecord;
import io.proofline.circuits.l2.Account;
import io.proofline.circuits.l2.InvalidTransactionException;
import io.proofline.circuits.l2.StateTransition;
import io.proofline.circuits.l2.StateTree;
import io.proofline.circuits.l2.Transaction;
import io.proofline.circuits.witness.BatchExecution;
import io.proofline.circuits.witness.WitnessInputCodec;
import io.proofline.core.CoreProperties;
import io.proofline.core.batches.BatchRepository;
import io.proofline.core.batches.NewBatch;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongFunction;
import org.springframework.stereotype.Component;

/**
 * Orders transactions and seals them into batches.
 *
 * <p>Two state trees: the committed one (after the last sealed batch, as stored in
 * {@code core_accounts}) and the pending one (committed plus every accepted transaction, in
 * order). A transaction is accepted only if it applies to the pending tree, so every accepted
 * sequence is valid when sealed. Sealing replays the oldest pending transactions on a copy of the
 * committed tree with {@link BatchExecution#seal}, stores the result in one database transaction
 * and only then adopts the copy. Everything runs under this object's lock: one sequencer per database.
 */
@Component
public final class Sequencer {

    private static final System.Logger LOG = System.getLogger(Sequencer.class.getName());

    private final SequencerStore store;
    private final BatchRepository batches;
    private final long chainId;
    private final int protocolVersion;
    private final int maxTransactions;
    private final Duration maxAge;

    private final ArrayDeque<PendingTransaction> queue = new ArrayDeque<>();
    private StateTree committed;
    private StateTree pending;
    private long nextBatchNumber;

    Sequencer(SequencerStore store, BatchRepository batches, CoreProperties properties) {
        this.store = store;
        this.batches = batches;
        this.chainId = properties.chainId();
        this.protocolVersion = properties.protocolVersion();
        this.maxTransactions = properties.batch().maxTransactions();
        this.maxAge = properties.batch().maxAge();
        load();
    }

    /** An accepted transaction: its position in the global order and how many wait with it. */
    public record Accepted(long position, int pendingTransactions) {
    }

    /** A batch just sealed. */
    public record Sealed(long batchNumber, int transactionCount, String stateRoot, String commitment) {
    }

    /** The sequencer's state in brief, for {@code GET /status}. */
    public record Status(long nextBatchNumber, int pendingTransactions, int accounts, String committedStateRoot) {
    }

    private synchronized void load() {
        long start = System.nanoTime();
        committed = new StateTree();
        store.loadAccounts().forEach(committed::set);
        String root = committed.root().toString();
        Optional<String> expected = batches.lastPostStateRoot();
        if (expected.isPresent() && !expected.get().equals(root)) {
            throw new IllegalStateException("core_accounts gives state root " + root + " but the last sealed batch ends at "
                    + expected.get() + "; the database is inconsistent");
        }
        nextBatchNumber = batches.lastBatchNumber() + 1;
        pending = committed.copy();
        for (PendingTransaction p : store.loadPending()) {
            try {
                StateTransition.apply(pending, p.transaction(), new ArrayList<>());
                queue.add(p);
            } catch (InvalidTransactionException e) {
                // Cannot happen unless the table was edited by hand; the transaction could never be sealed.
                LOG.log(System.Logger.Level.WARNING, "Dropping pending transaction " + p.position() + ": " + e.getMessage());
                store.deletePending(p.position());
            }
        }
        LOG.log(System.Logger.Level.INFO, "Sequencer ready: " + committed.size() + " accounts, state root " + root
                + ", next batch " + nextBatchNumber + ", " + queue.size() + " pending transactions (loaded in "
                + (System.nanoTime() - start) / 1_000_000 + " ms)");
    }

    /**
     * Accepts a transaction if it applies to the pending state, and stores it.
     *
     * @throws InvalidTransactionException if it does not apply (overdraft, overflow, wrong nonce);
     *     nothing changes then
     */
    public synchronized Accepted submit(Transaction tx) {
        StateTransition.apply(pending, tx, new ArrayList<>());
        PendingTransaction p;
        try {
            p = store.insertPending(tx, Instant.now());
        } catch (RuntimeException e) {
            pending = replayPending();
            throw e;
        }
        queue.add(p);
        return new Accepted(p.position(), queue.size());
    }

    /**
     * Draws a transaction from the pending state and submits it, atomically, so that a generator
     * never races a concurrent client for a nonce.
     */
    public synchronized Accepted submitGenerated(Function<LongFunction<Account>, Transaction> generator) {
        return submit(generator.apply(pending::get));
    }

    /** Seals every full batch waiting, then a partial one if its oldest transaction waited {@code max-age}. */
    public synchronized List<Sealed> sealDue(Instant now) {
        List<Sealed> sealed = new ArrayList<>();
        while (queue.size() >= maxTransactions) {
            sealed.add(sealNext());
        }
        if (!queue.isEmpty() && !queue.peekFirst().receivedAt().plus(maxAge).isAfter(now)) {
            sealed.add(sealNext());
        }
        return sealed;
    }

    /** Seals the waiting transactions now (at most {@code max-transactions}), if there are any. */
    public synchronized Optional<Sealed> sealNow() {
        return queue.isEmpty() ? Optional.empty() : Optional.of(sealNext());
    }

    public synchronized Account pendingAccount(long index) {
        return pending.get(index);
    }

    public synchronized Account committedAccount(long index) {
        return committed.get(index);
    }

    public synchronized Status status() {
        return new Status(nextBatchNumber, queue.size(), committed.size(), committed.root().toString());
    }

    private Sealed sealNext() {
        List<PendingTransaction> taken = new ArrayList<>();
        for (PendingTransaction p : queue) {
            if (taken.size() == maxTransactions) {
                break;
            }
            taken.add(p);
        }
        List<Transaction> txs = taken.stream().map(PendingTransaction::transaction).toList();
        StateTree next = committed.copy();
        BatchExecution.SealedBatch sealed = BatchExecution.seal(next, chainId, nextBatchNumber, protocolVersion, txs);
        Map<Long, Account> changed = new LinkedHashMap<>();
        for (AccessRecord access : sealed.witnessInput().accesses()) {
            changed.put(access.account(), next.get(access.account()));
        }
        NewBatch batch = new NewBatch(sealed.header(), protocolVersion, txs.size(), taken.getFirst().position(),
                taken.getLast().position(), WitnessInputCodec.encode(sealed.witnessInput()));
        store.commitBatch(batch, changed);

        committed = next;
        for (int i = 0; i < taken.size(); i++) {
            queue.removeFirst();
        }
        nextBatchNumber++;
        Sealed result = new Sealed(batch.header().batchNumber(), txs.size(), sealed.header().postStateRoot().toString(),
                sealed.header().commitment().toString());
        LOG.log(System.Logger.Level.INFO, "Sealed batch " + result.batchNumber() + ": " + result.transactionCount()
                + " transactions, state root " + result.stateRoot() + ", " + queue.size() + " still pending");
        return result;
    }

    /** The pending tree rebuilt from the committed one, after a failed store left it ahead of the queue. */
    private StateTree replayPending() {
        StateTree tree = committed.copy();
        for (PendingTransaction p : queue) {
            StateTransition.apply(tree, p.transaction(), new ArrayList<>());
        }
        return tree;
    }
}
