package io.proofline.jobs.batchproof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.storage.tables.BatchId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RestartCommandTests {

    @Test
    void theBatchIsGivenAsChainColonBatchNumber() {
        assertEquals(new BatchId(1, 42), RestartCommand.parse("1:42"));
        assertEquals(new BatchId(270, 7), RestartCommand.parse(" 270:7 "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "42", "1:", ":42", "1:42:3", "a:b", "1-42"})
    void anythingElseIsRefusedWithTheExpectedForm(String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RestartCommand.parse(value));
        assertTrue(e.getMessage().contains("<chainId>:<batchNumber>"), e.getMessage());
    }
}
