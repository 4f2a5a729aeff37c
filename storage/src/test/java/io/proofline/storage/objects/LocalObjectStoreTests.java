package io.proofline.storage.objects;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocalObjectStoreTests {

    @TempDir
    Path root;

    @Test
    void roundTripsAndReportsHashAndSize() {
        LocalObjectStore store = new LocalObjectStore(root.resolve("store"));
        byte[] data = "witness input".getBytes(StandardCharsets.US_ASCII);
        String key = ObjectKeys.witnessInputs(1, 7);

        StoredObject stored = store.put(key, data);

        assertEquals(new StoredObject(key, Sha256.hex(data), data.length), stored);
        assertEquals("witness_inputs/1/7.bin", key);
        assertTrue(Files.isRegularFile(root.resolve("store/witness_inputs/1/7.bin")));
        assertTrue(store.exists(key));
        assertArrayEquals(data, store.get(key));
        assertArrayEquals(data, store.get(key, stored.sha256Hex()));
        assertArrayEquals(new byte[0], store.get("empty.bin", store.put("empty.bin", new byte[0]).sha256Hex()));
    }

    @Test
    void missingObjectsAreReportedAndDeleteIsIdempotent() {
        LocalObjectStore store = new LocalObjectStore(root);
        store.put("proofs/1/2/transfer_execution/0.bin", new byte[] {1});

        ObjectNotFoundException e = assertThrows(ObjectNotFoundException.class, () -> store.get("proofs/1/3.bin"));
        assertEquals("proofs/1/3.bin", e.key());
        assertThrows(ObjectNotFoundException.class, () -> store.get("proofs/1/2"), "a folder is not an object");
        assertFalse(store.exists("proofs/1/2"));

        store.delete("proofs/1/2/transfer_execution/0.bin");
        store.delete("proofs/1/2/transfer_execution/0.bin");
        store.delete("proofs/1/2");
        assertFalse(store.exists("proofs/1/2/transfer_execution/0.bin"));
        assertThrows(ObjectNotFoundException.class, () -> store.get("proofs/1/2/transfer_execution/0.bin"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/etc/passwd", "../outside.bin", "a/../../outside.bin", "a/..", "..", "Witness/1.bin",
            "a//b.bin", "a/", "a b.bin", "a/.hidden", ".tmp", "a\\b.bin", "caf\u00e9.bin", "tab\t.bin", "a/b:c.bin"})
    void rejectsBadKeysWithoutTouchingTheDisk(String key) throws IOException {
        LocalObjectStore store = new LocalObjectStore(root.resolve("store"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.put(key, new byte[] {1}));
        assertTrue(e.getMessage().contains("key"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> store.get(key));
        assertThrows(IllegalArgumentException.class, () -> store.exists(key));
        assertThrows(IllegalArgumentException.class, () -> store.delete(key));
        try (Stream<Path> files = Files.walk(root)) {
            assertEquals(List.of(root, root.resolve("store")), files.toList());
        }
    }

    @Test
    void rejectsNullAndOverlongKeys() {
        LocalObjectStore store = new LocalObjectStore(root);
        assertThrows(IllegalArgumentException.class, () -> store.put(null, new byte[0]));
        String key = "a/".repeat(600) + "b";
        String message = assertThrows(IllegalArgumentException.class, () -> store.put(key, new byte[0])).getMessage();
        assertTrue(message.contains("more than 1024"), message);
    }

    @Test
    void detectsCorruptedAndTruncatedObjects() throws IOException {
        LocalObjectStore store = new LocalObjectStore(root);
        byte[] data = new byte[4096];
        Arrays.fill(data, (byte) 7);
        StoredObject stored = store.put("manifests/1/5.bin", data);
        Path file = root.resolve("manifests/1/5.bin");

        byte[] altered = data.clone();
        altered[100] ^= 1;
        Files.write(file, altered);
        ObjectCorruptedException e = assertThrows(ObjectCorruptedException.class,
                () -> store.get("manifests/1/5.bin", stored.sha256Hex()));
        assertEquals(stored.sha256Hex(), e.expectedSha256());
        assertEquals(Sha256.hex(altered), e.actualSha256());
        assertTrue(e.getMessage().contains("manifests/1/5.bin"), e.getMessage());

        Files.write(file, Arrays.copyOf(data, 4000));
        assertThrows(ObjectCorruptedException.class, () -> store.get("manifests/1/5.bin", stored.sha256Hex()));
        assertThrows(IllegalArgumentException.class, () -> store.get("manifests/1/5.bin", "ABC"));
    }

    @Test
    void overwritesAtomicallyWhileOthersRead() throws Exception {
        LocalObjectStore writer = new LocalObjectStore(root);
        LocalObjectStore reader = new LocalObjectStore(root);
        List<byte[]> versions = new ArrayList<>();
        for (int v = 0; v < 4; v++) {
            byte[] data = new byte[(v + 1) * 256 * 1024];
            Arrays.fill(data, (byte) (v + 1));
            versions.add(data);
        }
        String key = "batch_proofs/1/9.bin";
        writer.put(key, versions.get(0));
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> readers = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                readers.add(pool.submit(() -> {
                    int reads = 0;
                    while (!done.get()) {
                        byte[] seen = reader.get(key);
                        assertTrue(versions.stream().anyMatch(v -> Arrays.equals(v, seen)),
                                "read a torn object of " + seen.length + " bytes");
                        reads++;
                    }
                    return reads;
                }));
            }
            for (int i = 0; i < 40; i++) {
                writer.put(key, versions.get(i % versions.size()));
            }
            done.set(true);
            for (Future<Integer> f : readers) {
                assertTrue(f.get() > 0);
            }
        } finally {
            pool.shutdownNow();
        }
        assertArrayEquals(versions.get(39 % versions.size()), reader.get(key));
        assertEquals(List.of(key), reader.list(""), "no temporary files are left or listed");
        try (Stream<Path> files = Files.list(root.resolve("batch_proofs/1"))) {
            assertEquals(List.of(root.resolve(key)), files.toList());
        }
    }

    @Test
    void listsByPrefixSortedSkippingTemporaryFiles() throws IOException {
        LocalObjectStore store = new LocalObjectStore(root);
        List<String> keys = List.of(
                "proofs/1/7/transfer_execution/1.bin",
                "proofs/1/7/transfer_execution/0.bin",
                "proofs/1/7/storage_application/0.bin",
                "proofs/1/70/transfer_execution/0.bin",
                "proofs/2/7/transfer_execution/0.bin",
                "manifests/1/7.bin");
        for (String k : keys) {
            store.put(k, k.getBytes(StandardCharsets.US_ASCII));
        }
        Files.write(root.resolve("proofs/1/7/transfer_execution/.2.bin.0123.tmp"), new byte[] {1});

        assertEquals(List.of("proofs/1/7/storage_application/0.bin", "proofs/1/7/transfer_execution/0.bin",
                "proofs/1/7/transfer_execution/1.bin"), store.list("proofs/1/7/"));
        assertEquals(List.of("proofs/1/7/storage_application/0.bin", "proofs/1/7/transfer_execution/0.bin",
                "proofs/1/7/transfer_execution/1.bin", "proofs/1/70/transfer_execution/0.bin"), store.list("proofs/1/7"));
        assertEquals(List.of("proofs/1/7/transfer_execution/0.bin", "proofs/1/7/transfer_execution/1.bin"),
                store.list("proofs/1/7/transfer"));
        assertEquals(keys.stream().sorted().toList(), store.list(""));
        assertEquals(List.of(), store.list("witness_inputs/"));
        assertEquals(List.of(), store.list("proofs/9/"));
        assertThrows(IllegalArgumentException.class, () -> store.list("../"));
        assertThrows(IllegalArgumentException.class, () -> store.list("/proofs"));
        assertThrows(IllegalArgumentException.class, () -> store.list("Proofs/"));
    }

    @Test
    void removesOnlyAbandonedTemporaryFiles() throws IOException {
        LocalObjectStore store = new LocalObjectStore(root);
        store.put("circuit_inputs/1/1/transfer_execution/0.bin", new byte[] {1});
        Path old = root.resolve("circuit_inputs/1/1/transfer_execution/.1.bin.aaaa.tmp");
        Path fresh = root.resolve("circuit_inputs/1/1/transfer_execution/.2.bin.bbbb.tmp");
        Files.write(old, new byte[] {1});
        Files.write(fresh, new byte[] {1});
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofHours(2))));

        assertEquals(1, store.deleteAbandonedTempFiles(Duration.ofHours(1)));
        assertFalse(Files.exists(old));
        assertTrue(Files.exists(fresh));
        assertTrue(store.exists("circuit_inputs/1/1/transfer_execution/0.bin"));
    }

    @Test
    void reportsAKeyWhoseFolderIsAnObject() {
        LocalObjectStore store = new LocalObjectStore(root);
        store.put("a/b", new byte[] {1});
        ObjectStoreException e = assertThrows(ObjectStoreException.class, () -> store.put("a/b/c.bin", new byte[] {2}));
        assertTrue(e.getMessage().contains("a/b/c.bin"), e.getMessage());
        assertEquals(List.of("a/b"), store.list(""));
    }
}
