package io.proofline.core.sequencer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.circuits.l2.Transaction;
import io.proofline.core.api.ApiException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class TransactionRequestTests {

    @Test
    void mapsEachKind() {
        assertEquals(Transaction.deposit(2, 10, 7), new TransactionRequest("deposit", null, 2L, 10L, null, 7L, null).toTransaction());
        assertEquals(Transaction.transfer(1, 2, 10, 0), new TransactionRequest("transfer", 1L, 2L, 10L, 0L, null, null).toTransaction());
        assertEquals(Transaction.withdraw(1, 10, 3, 99), new TransactionRequest("WITHDRAW", 1L, null, 10L, 3L, null, 99L).toTransaction());
    }

    @Test
    void namesWhatIsWrong() {
        assertRefused("missing: nonce", new TransactionRequest("transfer", 1L, 2L, 10L, null, null, null));
        assertRefused("missing: to, owner", new TransactionRequest("deposit", null, null, 10L, null, null, null));
        assertRefused("remove: to", new TransactionRequest("withdraw", 1L, 2L, 10L, 0L, null, 5L));
        assertRefused("unknown transaction kind 'swap'", new TransactionRequest("swap", 1L, 2L, 10L, 0L, null, null));
        assertRefused("missing field 'kind'", new TransactionRequest(null, 1L, 2L, 10L, 0L, null, null));
        assertRefused("amount -1 outside", new TransactionRequest("transfer", 1L, 2L, -1L, 0L, null, null));
        assertRefused("account 2000000 outside", new TransactionRequest("transfer", 1L, 2_000_000L, 1L, 0L, null, null));
    }

    private static void assertRefused(String fragment, TransactionRequest request) {
        ApiException e = assertThrows(ApiException.class, request::toTransaction);
        assertEquals(HttpStatus.BAD_REQUEST, e.status());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
}
