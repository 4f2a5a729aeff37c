package io.proofline.circuits.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.circuits.l2.Account;
import io.proofline.circuits.l2.StateTree;
import io.proofline.circuits.l2.Transaction;
import io.proofline.codec.FormatException;
import io.proofline.field.Goldilocks;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class WitnessInputCodecTests {

    /** Word positions in the encoding of {@link #DATA}, which has 3 transactions. */
    private static final int VERSION_WORD = 1;
    private static final int CHAIN_ID = 2;
    private static final int BATCH_NUMBER = 3;
    private static final int PROTOCOL_VERSION = 4;
    private static final int PRE_ROOT = 5;
    private static final int TX_COUNT = 9;
    private static final int FIRST_TX = 10;
    private static final int ACCESS_COUNT = FIRST_TX + 3 * Transaction.ELEMENTS;
    private static final int FIRST_ACCESS = ACCESS_COUNT + 1;
    private static final int FIRST_SIBLING = FIRST_ACCESS + 7;

    private static final WitnessInputData DATA = sample();
    private static final byte[] BYTES = WitnessInputCodec.encode(DATA);

    private static WitnessInputData sample() {
        StateTree tree = new StateTree();
        BatchExecution.seal(tree, 7, 1, 1, List.of(Transaction.deposit(1, 1000, 11)));
        return BatchExecution.seal(tree, 7, 2, 1, List.of(Transaction.transfer(1, 2, 250, 0),
                Transaction.withdraw(1, 100, 1, 4242), Transaction.deposit(3, 70, 33))).witnessInput();
    }

    @Test
    void wellFormedInputRoundTrips() {
        // given the encoding of a batch with every kind of transaction
        // when it is decoded
        WitnessInputData decoded = WitnessInputCodec.decode(BYTES);
        // then it is the same data, and its layout is the one the other tests patch
        assertEquals(DATA, decoded);
        assertEquals(4, DATA.accesses().size());
        assertEquals(8 * (FIRST_ACCESS + 4 * (7 + 4 * StateTree.DEPTH)), BYTES.length);
    }

    @Test
    void aBadMagicOrVersionIsRejected() {
        // given inputs of another format, too short to hold a header, or of another version
        byte[] otherFormat = BYTES.clone();
        System.arraycopy("PLBATCH1".getBytes(StandardCharsets.US_ASCII), 0, otherFormat, 0, 8);
        // when decoded, then each is refused saying why
        assertRejected(otherFormat, "not a PLWINPT1 file: header reads 'PLBATCH1'");
        assertRejected(new byte[0], "PLWINPT1: input of 0 bytes is shorter than the 16-byte header");
        assertRejected(Arrays.copyOf(BYTES, 8), "PLWINPT1: input of 8 bytes is shorter than the 16-byte header");
        assertRejected(withWord(BYTES, VERSION_WORD, 2), "PLWINPT1: version 2 is not supported (expected 1)");
        assertRejected(withWord(BYTES, VERSION_WORD, 0), "PLWINPT1: version 0 is not supported (expected 1)");
    }

    @Test
    void everyTruncationIsRejected() {
        for (int length = 0; length < BYTES.length; length++) {
            // given the input cut short at any byte
            byte[] cut = Arrays.copyOf(BYTES, length);
            // when decoded, then it is refused as incomplete
            FormatException e = assertThrows(FormatException.class, () -> WitnessInputCodec.decode(cut), "length " + length);
            // too short for a header or not whole words, a word missing, or a count beyond what is left
            boolean incomplete = e.getMessage().startsWith("PLWINPT1: input of " + length + " bytes is ")
                    || e.getMessage().contains("truncated at byte") || e.getMessage().contains("exceeds the remaining input");
            assertTrue(e.getMessage().startsWith("PLWINPT1: ") && incomplete, "length " + length + ": " + e.getMessage());
        }
    }

    @Test
    void trailingBytesAreRejected() {
        // given the input followed by a whole word, or by a part of one
        byte[] extraWord = Arrays.copyOf(BYTES, BYTES.length + 8);
        byte[] extraByte = Arrays.copyOf(BYTES, BYTES.length + 1);
        // when decoded, then both are refused
        assertRejected(extraWord, "PLWINPT1: 8 unexpected bytes after the end");
        assertRejected(extraByte, "is not a whole number of words");
    }

    @Test
    void nonCanonicalFieldElementsAreRejected() {
        // given p or 2^64 - 1 where field elements belong: root, transaction, account, sibling
        int firstAfter = FIRST_ACCESS + 4;
        // when decoded, then each is refused with its position
        assertRejected(withWord(BYTES, PRE_ROOT, Goldilocks.P), "PLWINPT1: non-canonical field element at byte " + 8 * PRE_ROOT);
        assertRejected(withWord(BYTES, FIRST_TX + 5, -1), "non-canonical field element at byte " + 8 * (FIRST_TX + 5));
        assertRejected(withWord(BYTES, firstAfter + 2, Goldilocks.P), "non-canonical field element at byte " + 8 * (firstAfter + 2));
        assertRejected(withWord(BYTES, FIRST_SIBLING + 3, -1), "non-canonical field element at byte " + 8 * (FIRST_SIBLING + 3));
    }

    @Test
    void valuesOutsideTheirRangeAreRejected() {
        int secondTx = FIRST_TX + Transaction.ELEMENTS;
        int firstBefore = FIRST_ACCESS + 1;
        // given header, transaction and access values that are words or field elements but not valid
        // when decoded, then each is refused naming the value and where it is
        assertRejected(withWord(BYTES, CHAIN_ID, -1), "PLWINPT1: chain id 18446744073709551615 is not in [0, 2^63)");
        assertRejected(withWord(BYTES, BATCH_NUMBER, Long.MIN_VALUE), "PLWINPT1: batch number 9223372036854775808 is not in");
        assertRejected(withWord(BYTES, PROTOCOL_VERSION, 1L << 31), "protocol version = 2147483648 at byte 32 outside");
        assertRejected(withWord(BYTES, secondTx, 9), "PLWINPT1: transaction 1: unknown transaction kind 9");
        assertRejected(withWord(BYTES, secondTx, 0), "PLWINPT1: transaction 1: unknown transaction kind 0");
        assertRejected(withWord(BYTES, FIRST_TX + 1, StateTree.CAPACITY), "transaction 0: account 1048576 outside [0, 2^20)");
        assertRejected(withWord(BYTES, FIRST_TX + 3, Account.MAX_BALANCE + 1), "transaction 0: amount 4611686018427387904 outside");
        assertRejected(withWord(BYTES, FIRST_TX + 4, 1L << 31), "transaction 0: nonce 2147483648 outside [0, 2^31)");
        assertRejected(withWord(BYTES, FIRST_ACCESS, StateTree.CAPACITY), "PLWINPT1: access 0: account 1048576 outside");
        assertRejected(withWord(BYTES, FIRST_ACCESS, -1), "PLWINPT1: access 0: account -1 outside");
        assertRejected(withWord(BYTES, firstBefore, Account.MAX_BALANCE + 1), "access 0: balance 4611686018427387904 outside");
        assertRejected(withWord(BYTES, firstBefore + 1, 1L << 31), "access 0: nonce 2147483648 outside");
    }

    @Test
    void absurdDeclaredCountsAreRejectedWithoutAllocating() {
        long accesses = 4;
        // given counts beyond their limits, negative as a signed word, or beyond what the input holds
        // when decoded, then each is refused at once
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertRejected(withWord(BYTES, TX_COUNT, -1), "transaction count = -1 at byte 72 outside [0, 1048576]");
            assertRejected(withWord(BYTES, TX_COUNT, Long.MAX_VALUE), "transaction count = 9223372036854775807 at byte 72 outside");
            assertRejected(withWord(BYTES, TX_COUNT, WitnessInputCodec.MAX_TRANSACTIONS + 1), "transaction count = 1048577");
            assertRejected(withWord(BYTES, TX_COUNT, WitnessInputCodec.MAX_TRANSACTIONS), "exceeds the remaining input");
            assertRejected(withWord(BYTES, ACCESS_COUNT, Integer.MAX_VALUE), "access count = 2147483647 at byte "
                    + 8 * ACCESS_COUNT + " outside [0, 2097152]");
            assertRejected(withWord(BYTES, ACCESS_COUNT, accesses + 1), "access count = 5 at byte " + 8 * ACCESS_COUNT
                    + " exceeds the remaining input");
        });
        // and a count smaller than the items present leaves bytes over, which are refused too
        assertRejected(withWord(BYTES, ACCESS_COUNT, accesses - 1), "unexpected bytes after the end");
        assertRejected(withWord(BYTES, TX_COUNT, 2), "PLWINPT1: ");
    }

    private static void assertRejected(byte[] bytes, String reason) {
        FormatException e = assertThrows(FormatException.class, () -> WitnessInputCodec.decode(bytes));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    private static byte[] withWord(byte[] bytes, int word, long value) {
        byte[] out = bytes.clone();
        for (int i = 0; i < 8; i++) {
            out[8 * word + i] = (byte) (value >>> (8 * i));
        }
        return out;
    }
}
