package io.proofline.core.sequencer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.circuits.l2.Account;
import io.proofline.circuits.l2.StateTransition;
import io.proofline.circuits.l2.StateTree;
import io.proofline.circuits.l2.Transaction;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RandomTransactionsTests {

    @Test
    void drawsOnlyTransactionsThatApply() {
        StateTree tree = new StateTree();
        tree.set(RandomTransactions.FIRST_ACCOUNT + 1, new Account(5, 3, 9)); // someone else's account in the range
        RandomTransactions random = new RandomTransactions(new SplittableRandom(42), 50);
        Map<Transaction.Kind, Integer> kinds = new EnumMap<>(Transaction.Kind.class);
        for (int i = 0; i < 3000; i++) {
            Transaction tx = random.next(tree::get);
            StateTransition.apply(tree, tx, new ArrayList<>()); // throws if the transaction is invalid
            random.accepted(tx);
            kinds.merge(tx.kind(), 1, Integer::sum);
        }
        assertEquals(3, kinds.size(), kinds.toString());
        assertTrue(kinds.get(Transaction.Kind.TRANSFER) > kinds.get(Transaction.Kind.WITHDRAW), kinds.toString());
        assertEquals(50, random.accounts(), "opens accounts up to its limit");
        assertEquals(new Account(5, 3, 9), tree.get(RandomTransactions.FIRST_ACCOUNT + 1), "leaves others' accounts alone");
    }

    @Test
    void opensAccountsOnlyWhenTheDepositWasAccepted() {
        StateTree tree = new StateTree();
        RandomTransactions random = new RandomTransactions(new SplittableRandom(1), 10);
        Transaction refused = random.next(tree::get);
        assertEquals(Transaction.Kind.DEPOSIT, refused.kind());
        assertEquals(0, random.accounts());
        Transaction tx = random.next(tree::get);
        StateTransition.apply(tree, tx, new ArrayList<>());
        random.accepted(tx);
        assertEquals(1, random.accounts());
    }
}
