package io.proofline.storage.objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.proofline.circuits.base.CircuitType;
import java.util.List;
import org.junit.jupiter.api.Test;

class ObjectKeysTests {

    @Test
    void laysKeysOutByStageChainAndBatch() {
        assertEquals("witness_inputs/270/12.bin", ObjectKeys.witnessInputs(270, 12));
        assertEquals("circuit_inputs/270/12/transfer_execution/3.bin",
                ObjectKeys.circuitInput(270, 12, CircuitType.TRANSFER_EXECUTION, 3));
        assertEquals("manifests/270/12.bin", ObjectKeys.manifest(270, 12));
        assertEquals("proofs/270/12/storage_application/0.bin", ObjectKeys.proof(270, 12, CircuitType.STORAGE_APPLICATION, 0));
        assertEquals("batch_proofs/270/12.bin", ObjectKeys.batchProof(270, 12));
        assertEquals("proofs/270/12/", ObjectKeys.batchPrefix("proofs", 270, 12));
        for (String key : List.of(ObjectKeys.witnessInputs(Long.MAX_VALUE, Long.MAX_VALUE),
                ObjectKeys.proof(0, 0, CircuitType.TRANSFER_EXECUTION, Integer.MAX_VALUE))) {
            assertEquals(key, ObjectKeys.requireValid(key));
        }
    }

    @Test
    void refusesNegativeNumbers() {
        assertThrows(IllegalArgumentException.class, () -> ObjectKeys.witnessInputs(-1, 1));
        assertThrows(IllegalArgumentException.class, () -> ObjectKeys.manifest(1, -1));
        assertThrows(IllegalArgumentException.class, () -> ObjectKeys.proof(1, 1, CircuitType.TRANSFER_EXECUTION, -1));
    }

    @Test
    void explainsWhatIsWrongWithAKey() {
        assertEquals("object key may contain only lowercase letters, digits and '_-./', but has 'A' at position 0: Ab",
                assertThrows(IllegalArgumentException.class, () -> ObjectKeys.requireValid("Ab")).getMessage());
        assertEquals("object key must not contain '..': a/../b",
                assertThrows(IllegalArgumentException.class, () -> ObjectKeys.requireValid("a/../b")).getMessage());
        assertEquals("object key must be relative, not start with '/': /a",
                assertThrows(IllegalArgumentException.class, () -> ObjectKeys.requireValid("/a")).getMessage());
    }

    @Test
    void hashesAsRecorded() {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Sha256.hex(new byte[0]));
        String hex = Sha256.hex(new byte[] {1, 2, 3});
        assertEquals(hex, Sha256.fromBytes(Sha256.toBytes(hex)));
        assertThrows(IllegalArgumentException.class, () -> Sha256.requireHex(hex.toUpperCase()));
        assertThrows(IllegalArgumentException.class, () -> Sha256.requireHex(hex.substring(1)));
        assertThrows(IllegalArgumentException.class, () -> Sha256.fromBytes(new byte[31]));
    }
}
