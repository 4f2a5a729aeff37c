package io.proofline.circuits.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.circuits.base.CircuitCapacities;
import io.proofline.circuits.l2.AccessRecord;
import io.proofline.circuits.l2.Account;
import io.proofline.circuits.l2.StateTree;
import io.proofline.circuits.l2.Transaction;
import io.proofline.field.Goldilocks;
import io.proofline.poseidon2.Digest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Witness input that is well-formed (it survives the codec) but does not describe the batch's
 * execution: replay must name the first inconsistency.
 */
class BatchReplayTests {

    private static final BatchExecution.SealedBatch SEALED = sealed();
    /** Accesses: 0 account 1 (transfer), 1 account 2 (transfer), 2 account 2 (withdraw), 3 account 3 (deposit). */
    private static final WitnessInputData DATA = SEALED.witnessInput();

    private static BatchExecution.SealedBatch sealed() {
        StateTree tree = new StateTree();
        BatchExecution.seal(tree, 7, 1, 1, List.of(Transaction.deposit(1, 1000, 11), Transaction.deposit(2, 500, 22)));
        return BatchExecution.seal(tree, 7, 2, 1, List.of(Transaction.transfer(1, 2, 250, 0),
                Transaction.withdraw(2, 100, 0, 4242), Transaction.deposit(3, 70, 33)));
    }

    @Test
    void honestInputReplaysToTheSealedHeader() {
        // given the witness input of a sealed batch, through the codec
        // when it is replayed
        // then it yields the header the core sealed
        assertEquals(SEALED.header(), BatchReplay.replay(viaCodec(DATA)));
    }

    @Test
    void aBadMerklePathIsRejected() {
        // given the receiver's path with one sibling changed
        AccessRecord a = DATA.accesses().get(1);
        List<Digest> siblings = new ArrayList<>(a.siblings());
        long[] e = siblings.get(5).toArray();
        e[0] = Goldilocks.add(e[0], 1);
        siblings.set(5, Digest.fromArray(e, 0));
        WitnessInputData forged = withAccess(DATA, 1, new AccessRecord(a.account(), a.before(), a.after(), siblings));
        // when it is replayed, or handed to witness generation
        // then both refuse it at that access
        assertReplayRejected(forged, "access 1: account 2 and its path do not lead to the current state root");
        InvalidWitnessInputException e2 = assertThrows(InvalidWitnessInputException.class,
                () -> BasicWitnessGenerator.generate(viaCodec(forged), CircuitCapacities.small()));
        assertTrue(e2.getMessage().contains("access 1: account 2 and its path"), e2.getMessage());
    }

    @Test
    void anotherPreStateRootIsRejected() {
        // given the input claiming to start from the post-state root
        WitnessInputData forged = new WitnessInputData(DATA.chainId(), DATA.batchNumber(), DATA.protocolVersion(),
                SEALED.header().postStateRoot(), DATA.transactions(), DATA.accesses());
        // when it is replayed, then the first path does not lead to it
        assertReplayRejected(forged, "access 0: account 1 and its path do not lead to the current state root");
    }

    @Test
    void aWrongAfterStateIsRejected() {
        // given the receiver credited one more than the transfer's amount
        AccessRecord a = DATA.accesses().get(1);
        Account after = new Account(a.after().balance() + 1, a.after().nonce(), a.after().owner());
        WitnessInputData forged = withAccess(DATA, 1, new AccessRecord(a.account(), a.before(), after, a.siblings()));
        // when it is replayed, then that access does not follow from its transaction
        assertReplayRejected(forged, "access 1 (transaction 0) does not follow from the transaction");
    }

    @Test
    void aWrongBeforeStateIsRejected() {
        // given the sender recorded as holding less than it sends
        AccessRecord a = DATA.accesses().get(0);
        Account before = new Account(100, a.before().nonce(), a.before().owner());
        WitnessInputData forged = withAccess(DATA, 0, new AccessRecord(a.account(), before, a.after(), a.siblings()));
        // when it is replayed, then the transaction is invalid on that state
        assertReplayRejected(forged, "transaction 0 is invalid: account 1 holds 100, cannot send 250");
    }

    @Test
    void anAccessToAnotherAccountIsRejected() {
        // given the deposit's access recorded on account 4 instead of 3
        AccessRecord a = DATA.accesses().get(3);
        WitnessInputData forged = withAccess(DATA, 3, new AccessRecord(4, a.before(), a.after(), a.siblings()));
        // when it is replayed, then that access does not follow from the deposit
        assertReplayRejected(forged, "access 3 (transaction 2) does not follow from the transaction");
    }

    @Test
    void missingAccessesAreRejected() {
        // given the input without the deposit's access
        WitnessInputData forged = withAccesses(DATA, DATA.accesses().subList(0, 3));
        // when it is replayed, then the deposit has none
        assertReplayRejected(forged, "transaction 2 has no recorded accesses");
    }

    @Test
    void accessesThatBelongToNoTransactionAreRejected() {
        // given the deposit's access recorded twice, and accesses in a batch without transactions
        List<AccessRecord> doubled = new ArrayList<>(DATA.accesses());
        doubled.add(DATA.accesses().getLast());
        WitnessInputData extra = withAccesses(DATA, doubled);
        WitnessInputData noTransactions = new WitnessInputData(DATA.chainId(), DATA.batchNumber(), DATA.protocolVersion(),
                DATA.preStateRoot(), List.of(), DATA.accesses());
        // when they are replayed, then the left-over accesses are counted
        assertReplayRejected(extra, "1 accesses belong to no transaction");
        assertReplayRejected(noTransactions, "4 accesses belong to no transaction");
    }

    /** The data after encoding and decoding: the forgeries are well-formed, only replay can tell. */
    private static WitnessInputData viaCodec(WitnessInputData data) {
        return WitnessInputCodec.decode(WitnessInputCodec.encode(data));
    }

    private static void assertReplayRejected(WitnessInputData data, String reason) {
        WitnessInputData decoded = viaCodec(data);
        InvalidWitnessInputException e = assertThrows(InvalidWitnessInputException.class, () -> BatchReplay.replay(decoded));
        assertEquals(reason, e.getMessage());
    }

    private static WitnessInputData withAccess(WitnessInputData data, int index, AccessRecord access) {
        List<AccessRecord> accesses = new ArrayList<>(data.accesses());
        accesses.set(index, access);
        return withAccesses(data, accesses);
    }

    private static WitnessInputData withAccesses(WitnessInputData data, List<AccessRecord> accesses) {
        return new WitnessInputData(data.chainId(), data.batchNumber(), data.protocolVersion(), data.preStateRoot(),
                data.transactions(), accesses);
    }
}
