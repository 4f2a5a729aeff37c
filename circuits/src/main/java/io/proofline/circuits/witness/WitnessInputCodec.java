package io.proofline.circuits.witness;

import io.proofline.circuits.l2.AccessRecord;
import io.proofline.circuits.l2.Account;
import io.proofline.circuits.l2.StateTree;
import io.proofline.circuits.l2.Transaction;
import io.proofline.codec.FormatException;
import io.proofline.codec.WordReader;
import io.proofline.codec.WordWriter;
import io.proofline.poseidon2.Digest;
import java.util.ArrayList;
import java.util.List;

/**
 * Witness input data in binary, version 1: magic {@code PLWINPT1}, then words: chain id and batch
 * number (both non-negative), protocol version, pre-state root, transaction count and
 * transactions (6 words each), access count and accesses (account, before (3), after (3), 20
 * siblings of 4).
 */
public final class WitnessInputCodec {

    static final String MAGIC = "PLWINPT1";
    static final int VERSION = 1;
    /** Far above any batch the core seals; bounds allocation on malicious input. */
    public static final int MAX_TRANSACTIONS = 1 << 20;
    private static final int ACCESS_WORDS = 7 + 4 * StateTree.DEPTH;

    private WitnessInputCodec() {
    }

    public static byte[] encode(WitnessInputData data) {
        WordWriter w = new WordWriter(MAGIC, VERSION);
        w.writeWord(data.chainId()).writeWord(data.batchNumber()).writeWord(data.protocolVersion());
        w.writeElements(data.preStateRoot().toArray());
        w.writeWord(data.transactions().size());
        for (Transaction tx : data.transactions()) {
            w.writeElements(tx.elements());
        }
        w.writeWord(data.accesses().size());
        for (AccessRecord a : data.accesses()) {
            w.writeWord(a.account()).writeElements(a.before().elements()).writeElements(a.after().elements());
            for (Digest d : a.siblings()) {
                w.writeElements(d.toArray());
            }
        }
        return w.toByteArray();
    }

    /** @throws FormatException if the bytes are not well-formed version-1 witness input data */
    public static WitnessInputData decode(byte[] bytes) {
        WordReader r = new WordReader(bytes, MAGIC, VERSION);
        // what is being read, so that a value the L2 model refuses is reported with its place
        String item = "header";
        try {
            long chainId = identifier(r, "chain id");
            long batchNumber = identifier(r, "batch number");
            int protocolVersion = r.readCount("protocol version", 0, Integer.MAX_VALUE, 0);
            Digest pre = Digest.fromArray(r.readElements(4), 0);
            int txCount = r.readCount("transaction count", 0, MAX_TRANSACTIONS, Transaction.ELEMENTS);
            List<Transaction> txs = new ArrayList<>(txCount);
            for (int i = 0; i < txCount; i++) {
                item = "transaction " + i;
                txs.add(Transaction.fromElements(r.readElements(Transaction.ELEMENTS), 0));
            }
            int accessCount = r.readCount("access count", 0, 2 * MAX_TRANSACTIONS, ACCESS_WORDS);
            List<AccessRecord> accesses = new ArrayList<>(accessCount);
            for (int i = 0; i < accessCount; i++) {
                item = "access " + i;
                long account = r.readWord();
                Account before = account(r.readElements(3));
                Account after = account(r.readElements(3));
                List<Digest> siblings = new ArrayList<>(StateTree.DEPTH);
                for (int k = 0; k < StateTree.DEPTH; k++) {
                    siblings.add(Digest.fromArray(r.readElements(4), 0));
                }
                accesses.add(new AccessRecord(account, before, after, siblings));
            }
            r.requireEnd();
            return new WitnessInputData(chainId, batchNumber, protocolVersion, pre, txs, accesses);
        } catch (IllegalArgumentException e) {
            throw new FormatException(MAGIC + ": " + item + ": " + e.getMessage());
        }
    }

    /** Chain ids and batch numbers are non-negative, hence also field elements for the batch commitment. */
    private static long identifier(WordReader r, String what) {
        long v = r.readWord();
        if (v < 0) {
            throw new FormatException(MAGIC + ": " + what + " " + Long.toUnsignedString(v) + " is not in [0, 2^63)");
        }
        return v;
    }

    private static Account account(long[] e) {
        return new Account(e[0], e[1], e[2]);
    }
}
