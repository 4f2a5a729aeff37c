package io.proofline.storage.format;

import static io.proofline.storage.format.CircuitInstanceCodecTests.withWord;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.circuits.base.CircuitType;
import io.proofline.circuits.l2.BatchHeader;
import io.proofline.circuits.witness.BasicWitnessGenerator;
import io.proofline.circuits.witness.CircuitInstance;
import io.proofline.circuits.witness.TestBatches;
import io.proofline.codec.FormatException;
import io.proofline.storage.objects.ObjectKeys;
import io.proofline.storage.objects.Sha256;
import io.proofline.storage.objects.StoredObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class ManifestCodecTests {

    /** Words before the first instance: magic, version, chain, batch, protocol version, 4 digests, count. */
    private static final int FIRST_INSTANCE_WORD = 2 + 3 + 16 + 1;

    static Manifest manifest(long chainId, long batchNumber) {
        BasicWitnessGenerator.Result generated = TestBatches.generated(chainId, batchNumber);
        List<Manifest.Instance> instances = new ArrayList<>();
        for (CircuitInstance i : generated.instances()) {
            byte[] input = CircuitInstanceCodec.encode(i);
            StoredObject stored = new StoredObject(ObjectKeys.circuitInput(chainId, batchNumber, i.type(), i.index()),
                    Sha256.hex(input), input.length);
            instances.add(Manifest.Instance.of(i, stored));
        }
        return new Manifest(chainId, batchNumber, 1, generated.header(), instances);
    }

    @Test
    void roundTrips() {
        Manifest manifest = manifest(270, 41);
        byte[] bytes = ManifestCodec.encode(manifest);
        assertEquals("PLMANIF1", new String(bytes, 0, 8, StandardCharsets.US_ASCII));

        Manifest back = ManifestCodec.decode(bytes);

        assertEquals(manifest, back);
        assertEquals(manifest.header().commitment(), back.header().commitment());
        assertArrayEquals(bytes, ManifestCodec.encode(back));
        assertEquals(List.of(CircuitType.TRANSFER_EXECUTION, CircuitType.TRANSFER_EXECUTION,
                CircuitType.STORAGE_APPLICATION, CircuitType.STORAGE_APPLICATION),
                back.instances().stream().map(Manifest.Instance::type).toList());
        assertEquals("circuit_inputs/270/41/storage_application/1.bin",
                back.instance(CircuitType.STORAGE_APPLICATION, 1).inputKey());
        assertEquals(2, back.instancesOf(CircuitType.TRANSFER_EXECUTION).size());
        assertThrows(NoSuchElementException.class, () -> back.instance(CircuitType.STORAGE_APPLICATION, 2));
    }

    @Test
    void rejectsTruncationWrongMagicAndTrailingBytes() {
        byte[] bytes = ManifestCodec.encode(manifest(1, 2));
        for (int length = 0; length < bytes.length; length += 3) {
            int n = length;
            assertThrows(FormatException.class, () -> ManifestCodec.decode(Arrays.copyOf(bytes, n)), "length " + n);
        }
        byte[] magic = bytes.clone();
        magic[0] = 'X';
        assertThrows(FormatException.class, () -> ManifestCodec.decode(magic));
        assertThrows(FormatException.class, () -> ManifestCodec.decode(Arrays.copyOf(bytes, bytes.length + 8)));
    }

    @Test
    void rejectsInstancesOutOfOrderOrWithBadKeys() {
        byte[] bytes = ManifestCodec.encode(manifest(1, 2));
        int index = FIRST_INSTANCE_WORD + 1;
        int keyLength = FIRST_INSTANCE_WORD + 2;
        int keyStart = 8 * (FIRST_INSTANCE_WORD + 3);

        assertTrue(assertThrows(FormatException.class, () -> ManifestCodec.decode(withWord(bytes, index, 1))).getMessage()
                .contains("out of order"));
        assertTrue(assertThrows(FormatException.class, () -> ManifestCodec.decode(withWord(bytes, FIRST_INSTANCE_WORD, 7)))
                .getMessage().contains("unknown circuit type"));

        byte[] upper = bytes.clone();
        upper[keyStart] = 'C';
        assertTrue(assertThrows(FormatException.class, () -> ManifestCodec.decode(upper)).getMessage().contains("object key"));

        // "circuit_inputs/1/2/transfer_execution/0.bin" is 43 bytes: one byte of padding follows it.
        byte[] padding = bytes.clone();
        padding[keyStart + 43] = 'x';
        assertTrue(assertThrows(FormatException.class, () -> ManifestCodec.decode(padding)).getMessage().contains("padding"));
        assertThrows(FormatException.class, () -> ManifestCodec.decode(withWord(bytes, keyLength, 44)));
        assertThrows(FormatException.class, () -> ManifestCodec.decode(withWord(bytes, keyLength, 0)));
        assertThrows(FormatException.class, () -> ManifestCodec.decode(withWord(bytes, keyLength, 1 << 20)));
    }

    @Test
    void manifestChecksItsOwnConsistency() {
        Manifest m = manifest(1, 2);
        BatchHeader h = m.header();
        List<Manifest.Instance> all = m.instances();

        assertThrows(IllegalArgumentException.class, () -> new Manifest(1, 3, 1, h, all));
        assertThrows(IllegalArgumentException.class, () -> new Manifest(1, 2, -1, h, all));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Manifest(1, 2, 1, h, all.subList(0, 2)))
                .getMessage().contains("storage_application"));
        List<Manifest.Instance> swapped = new ArrayList<>(all);
        swapped.set(0, all.get(1));
        swapped.set(1, all.get(0));
        assertThrows(IllegalArgumentException.class, () -> new Manifest(1, 2, 1, h, swapped));
        List<Manifest.Instance> storageFirst = new ArrayList<>(all.subList(2, 4));
        storageFirst.addAll(all.subList(0, 2));
        assertThrows(IllegalArgumentException.class, () -> new Manifest(1, 2, 1, h, storageFirst));

        Manifest.Instance first = all.get(0);
        assertThrows(IllegalArgumentException.class, () -> new Manifest.Instance(first.type(), 0, first.inputKey(),
                "not a hash", first.publicInputs()));
        assertThrows(IllegalArgumentException.class, () -> new Manifest.Instance(first.type(), 0, "../x",
                first.inputSha256(), first.publicInputs()));
        assertThrows(IllegalArgumentException.class, () -> new Manifest.Instance(CircuitType.STORAGE_APPLICATION, 0,
                first.inputKey(), first.inputSha256(), first.publicInputs()));
    }
}
