package io.proofline.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.field.RandomElements;
import io.proofline.merkle.MerkleTree;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link ColumnMatrix}, the off-heap layout every back end shares, and the {@link PooledArena} a proof allocates it in. */
class OffHeapMatrixTests {

    private static final SplittableRandom RND = new SplittableRandom(17);

    private static long[][] random(int width, int rows) {
        return RandomElements.columns(RND, width, rows);
    }

    @Test
    void matricesAreFlatAndColumnMajor() {
        long[][] columns = random(3, 8);
        try (Arena arena = Arena.ofShared()) {
            ColumnMatrix m = ColumnMatrix.copyOf(arena, columns);
            assertEquals(3, m.columns());
            assertEquals(8, m.rows());
            // column c's row r at element c * rows + r: the layout the native ABI takes
            assertEquals(columns[2][5], m.segment().getAtIndex(ValueLayout.JAVA_LONG, 2 * 8 + 5));
            assertEquals(columns[1][7], m.get(1, 7));
            assertArrayEquals(new long[] {columns[0][4], columns[1][4], columns[2][4]}, m.row(4));
            long[] block = new long[3];
            m.read(1, 5, block, 3);
            assertArrayEquals(new long[] {columns[1][5], columns[1][6], columns[1][7]}, block);
            assertArrayEquals(columns, m.toArrays());
            long[] replaced = random(1, 8)[0];
            m.write(0, 0, replaced);
            assertArrayEquals(replaced, m.toArrays()[0]);
            m.write(2, 6, new long[] {5, 6});
            assertArrayEquals(new long[] {columns[2][5], 5, 6}, new long[] {m.get(2, 5), m.get(2, 6), m.get(2, 7)});
        }
    }

    @Test
    void readsStayInsideTheirColumn() {
        try (Arena arena = Arena.ofShared()) {
            ColumnMatrix m = ColumnMatrix.copyOf(arena, random(2, 4));
            // rows 3 and 4 of column 0 would be row 3 of column 0 and row 0 of column 1 in memory
            assertThrows(IndexOutOfBoundsException.class, () -> m.read(0, 3, new long[2], 2));
            assertThrows(IndexOutOfBoundsException.class, () -> m.get(2, 0));
            assertThrows(IndexOutOfBoundsException.class, () -> m.get(0, 4));
            assertThrows(IndexOutOfBoundsException.class, () -> m.get(0, -1));
            assertThrows(IndexOutOfBoundsException.class, () -> m.write(1, 2, new long[3]));
            assertThrows(IndexOutOfBoundsException.class, () -> m.write(2, 0, new long[1]));
        }
    }

    @Test
    void shapesThatHoldNothingAreRefused() {
        try (Arena arena = Arena.ofShared()) {
            assertThrows(IllegalArgumentException.class, () -> ColumnMatrix.allocate(arena, 0, 4));
            assertThrows(IllegalArgumentException.class, () -> ColumnMatrix.allocate(arena, 4, 0));
            assertThrows(IllegalArgumentException.class, () -> ColumnMatrix.copyOf(arena, new long[0][]));
            assertThrows(IllegalArgumentException.class, () -> ColumnMatrix.copyOf(arena, new long[][] {new long[4], new long[2]}));
            MemorySegment small = arena.allocate(ValueLayout.JAVA_LONG, 7);
            assertThrows(IllegalArgumentException.class, () -> ColumnMatrix.wrap(small, 2, 4));
            assertEquals(4, ColumnMatrix.wrap(arena.allocate(ValueLayout.JAVA_LONG, 9), 2, 4).rows());
        }
    }

    @Test
    void aClosedProofsMemoryIsReusedZeroedAndItsViewsDie() {
        int rows = 1 << 17; // 1 MiB a column: pooled
        ColumnMatrix first;
        long before = PooledArena.pooledBytes();
        try (Arena arena = PooledArena.shared()) {
            first = ColumnMatrix.copyOf(arena, random(2, rows));
        }
        assertTrue(PooledArena.pooledBytes() >= before + 2L * rows * Long.BYTES, "the block went back to the pool");
        assertThrows(IllegalStateException.class, () -> first.get(0, 0), "a view is dead once its arena is closed");
        try (Arena arena = PooledArena.shared()) {
            long pooled = PooledArena.pooledBytes();
            ColumnMatrix second = ColumnMatrix.allocate(arena, 2, rows);
            assertTrue(PooledArena.pooledBytes() < pooled, "the next proof takes the block from the pool");
            for (long[] column : second.toArrays()) {
                for (long v : column) {
                    assertEquals(0, v, "reused memory is handed out zeroed");
                }
            }
        }
    }

    @Test
    void extensionsWrittenOverReusedMemoryHoldNothingOfItsPast() {
        // 3 columns of 2^15 extended 8 times: 6 MiB, pooled (a size no other test here takes);
        // the block is dirtied first
        long[][] coefficients = random(3, 1 << 15);
        long bytes = 3L * (1 << 18) * Long.BYTES;
        try (PooledArena arena = PooledArena.shared()) {
            arena.allocateForOverwrite(bytes, Long.BYTES).fill((byte) 0x5A);
        }
        try (PooledArena arena = PooledArena.shared()) {
            MemorySegment zeroed = arena.allocate(bytes, Long.BYTES);
            assertEquals(-1, zeroed.mismatch(MemorySegment.ofArray(new long[(int) (bytes / Long.BYTES)])),
                    "allocate still zeroes");
        }
        try (PooledArena arena = PooledArena.shared()) {
            arena.allocateForOverwrite(bytes, Long.BYTES).fill((byte) 0x5A);
        }
        ProverBackend java = ProverBackend.java();
        try (PooledArena arena = PooledArena.shared()) {
            assertArrayEquals(java.ntt().cosetLde(coefficients, 3, 7), java.cosetLde(coefficients, 3, 7, arena).toArrays());
        }
        try (PooledArena arena = PooledArena.shared()) {
            long[][] columns = random(3, 1 << 18);
            assertArrayEquals(columns, ColumnMatrix.copyOf(arena, columns).toArrays());
        }
    }

    @Test
    void rowsHashOffHeapAsOnTheHeap() {
        MerkleHasher hasher = ProverBackend.java().merkleHasher();
        // widths around the sponge's rate, row counts around the vector lanes and the parallel blocks
        for (int width : new int[] {1, 8, 9, 130}) {
            for (int rows : new int[] {1, 7, 1024, 3000}) {
                long[][] columns = random(width, rows);
                try (Arena arena = Arena.ofShared()) {
                    assertArrayEquals(hasher.hashRows(columns), hasher.hashRows(ColumnMatrix.copyOf(arena, columns)),
                            width + " columns x " + rows + " rows");
                }
            }
        }
    }

    @Test
    void extensionsOffHeapAsOnTheHeap() {
        ProverBackend java = ProverBackend.java();
        for (int[] shape : new int[][] {{1, 0, 1}, {5, 3, 3}, {130, 6, 2}, {2, 13, 1}}) {
            long[][] coefficients = random(shape[0], 1 << shape[1]);
            try (Arena arena = Arena.ofShared()) {
                assertArrayEquals(java.ntt().cosetLde(coefficients, shape[2], 7),
                        java.cosetLde(coefficients, shape[2], 7, arena).toArrays());
            }
        }
        try (Arena arena = Arena.ofShared()) {
            assertThrows(IllegalArgumentException.class, () -> java.cosetLde(new long[0][], 1, 7, arena));
            assertThrows(IllegalArgumentException.class, () -> java.cosetLde(random(2, 3), 1, 7, arena));
            assertThrows(IllegalArgumentException.class, () -> java.cosetLde(random(2, 4), 0, 7, arena));
        }
    }

    @Test
    void pooledBlocksNeverMakeAnAllocationFail() throws Exception {
        // a JVM with 32 MiB of direct memory: the pool holds 12 MiB, and 24 MiB more only fit once it lets go
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-XX:MaxDirectMemorySize=32m", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), FillsDirectMemory.class.getName())
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes());
        assertEquals(0, child.waitFor(), output);
        assertTrue(output.contains("allocated 24 MiB"), output);
    }

    /** Run in its own JVM by {@link #pooledBlocksNeverMakeAnAllocationFail}. */
    static final class FillsDirectMemory {
        public static void main(String[] args) {
            try (Arena arena = PooledArena.shared()) {
                arena.allocate(12L << 20, 8);
            }
            try (Arena arena = PooledArena.shared()) {
                arena.allocate(24L << 20, 8);
            }
            System.out.println("allocated 24 MiB");
        }
    }

    @Test
    void treesOpenRowsOfAnOffHeapMatrix() {
        long[][] columns = random(5, 16);
        MerkleHasher hasher = ProverBackend.java().merkleHasher();
        MerkleTree onHeap = MerkleTree.build(columns, 2, hasher);
        long[][] layers = hasher.buildLayers(hasher.hashRows(columns), 2);
        try (Arena arena = Arena.ofShared()) {
            ColumnMatrix m = ColumnMatrix.copyOf(arena, columns);
            MerkleTree offHeap = MerkleTree.of(m, layers);
            assertEquals(onHeap.cap(), offHeap.cap());
            for (int r = 0; r < 16; r++) {
                assertArrayEquals(onHeap.row(r), offHeap.row(r));
                assertEquals(onHeap.path(r), offHeap.path(r));
            }
            assertThrows(IllegalArgumentException.class, () -> MerkleTree.of(m, new long[0][]));
            assertThrows(IllegalArgumentException.class, () -> MerkleTree.of(m, new long[][] {layers[0], layers[2]}));
            assertThrows(IllegalArgumentException.class,
                    () -> MerkleTree.of(ColumnMatrix.copyOf(arena, random(2, 12)), layers));
        }
    }
}
