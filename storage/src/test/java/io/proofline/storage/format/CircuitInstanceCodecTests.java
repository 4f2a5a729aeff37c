package io.proofline.storage.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.circuits.base.CircuitType;
import io.proofline.circuits.witness.CircuitInstance;
import io.proofline.circuits.witness.TestBatches;
import io.proofline.codec.FormatException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CircuitInstanceCodecTests {

    private static final List<CircuitInstance> INSTANCES = TestBatches.generated(1, 3).instances();

    @Test
    void roundTripsEveryInstanceOfABatch() {
        assertEquals(4, INSTANCES.size());
        for (CircuitInstance instance : INSTANCES) {
            byte[] bytes = CircuitInstanceCodec.encode(instance);
            assertEquals("PLCINST1", new String(bytes, 0, 8, StandardCharsets.US_ASCII));
            CircuitInstance back = CircuitInstanceCodec.decode(bytes);
            assertEquals(instance.type(), back.type());
            assertEquals(instance.index(), back.index());
            assertArrayEquals(instance.inputs(), back.inputs());
            assertArrayEquals(instance.publicInputs(), back.publicInputs());
            assertArrayEquals(bytes, CircuitInstanceCodec.encode(back));
        }
    }

    @Test
    void rejectsEveryTruncation() {
        byte[] bytes = CircuitInstanceCodec.encode(INSTANCES.get(0));
        for (int length = 0; length < bytes.length; length++) {
            int n = length;
            assertThrows(FormatException.class, () -> CircuitInstanceCodec.decode(Arrays.copyOf(bytes, n)), "length " + n);
        }
    }

    @Test
    void rejectsWrongMagicVersionAndTrailingBytes() {
        byte[] bytes = CircuitInstanceCodec.encode(INSTANCES.get(0));
        byte[] magic = bytes.clone();
        magic[7] = '2';
        assertTrue(assertThrows(FormatException.class, () -> CircuitInstanceCodec.decode(magic)).getMessage()
                .contains("not a PLCINST1"));
        byte[] version = bytes.clone();
        version[8] = 2;
        assertThrows(FormatException.class, () -> CircuitInstanceCodec.decode(version));
        assertTrue(assertThrows(FormatException.class, () -> CircuitInstanceCodec.decode(Arrays.copyOf(bytes, bytes.length + 8)))
                .getMessage().contains("unexpected bytes"));
        assertThrows(FormatException.class, () -> CircuitInstanceCodec.decode(Arrays.copyOf(bytes, bytes.length + 3)));
    }

    @Test
    void rejectsUnknownTypesWrongCountsAndNonCanonicalElements() {
        CircuitInstance instance = INSTANCES.get(0);
        byte[] bytes = CircuitInstanceCodec.encode(instance);
        assertTrue(assertThrows(FormatException.class, () -> CircuitInstanceCodec.decode(withWord(bytes, 2, 9)))
                .getMessage().contains("unknown circuit type 9"));
        int inputs = instance.inputs().length;
        int publicCountWord = 5 + inputs;
        assertTrue(assertThrows(FormatException.class,
                () -> CircuitInstanceCodec.decode(withWord(bytes, publicCountWord, instance.publicInputs().length - 1)))
                .getMessage().contains("public inputs"));
        assertThrows(FormatException.class, () -> CircuitInstanceCodec.decode(withWord(bytes, 4, inputs + 1)));
        assertThrows(FormatException.class, () -> CircuitInstanceCodec.decode(withWord(bytes, 4, Long.MAX_VALUE)));
        assertTrue(assertThrows(FormatException.class, () -> CircuitInstanceCodec.decode(withWord(bytes, 5, -1L)))
                .getMessage().contains("non-canonical"));
        assertThrows(FormatException.class, () -> CircuitInstanceCodec.decode(withWord(bytes, 3, -1L)));
    }

    @Test
    void refusesToEncodeNonCanonicalInputs() {
        CircuitInstance bad = new CircuitInstance(CircuitType.TRANSFER_EXECUTION, 0, new long[] {-1L},
                new long[CircuitType.TRANSFER_EXECUTION.publicInputs]);
        assertThrows(IllegalArgumentException.class, () -> CircuitInstanceCodec.encode(bad));
    }

    /** The bytes with word {@code index} (the magic is word 0) set to {@code value}. */
    static byte[] withWord(byte[] bytes, int index, long value) {
        byte[] out = bytes.clone();
        for (int i = 0; i < 8; i++) {
            out[8 * index + i] = (byte) (value >>> (8 * i));
        }
        return out;
    }
}
