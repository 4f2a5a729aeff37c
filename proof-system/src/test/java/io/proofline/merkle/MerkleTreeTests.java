package io.proofline.merkle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.backend.ProverBackend;
import io.proofline.field.Goldilocks;
import io.proofline.poseidon2.Digest;
import io.proofline.poseidon2.Poseidon2Hash;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MerkleTreeTests {

    private static final SplittableRandom RND = new SplittableRandom(3);

    private static long[][] matrix(int width, int rows) {
        long[][] columns = new long[width][rows];
        for (long[] column : columns) {
            for (int r = 0; r < rows; r++) {
                column[r] = Goldilocks.canonical(RND.nextLong());
            }
        }
        return columns;
    }

    private static MerkleTree tree(long[][] columns, int logCap) {
        return MerkleTree.build(columns, logCap, ProverBackend.java().merkleHasher());
    }

    @Test
    void rootIsTheHashOfTheRowsByDefinition() {
        long[][] columns = matrix(3, 4);
        MerkleTree t = tree(columns, 0);
        Digest[] leaves = new Digest[4];
        for (int r = 0; r < 4; r++) {
            leaves[r] = Poseidon2Hash.hash(new long[] {columns[0][r], columns[1][r], columns[2][r]});
        }
        Digest root = Poseidon2Hash.compress(Poseidon2Hash.compress(leaves[0], leaves[1]),
                Poseidon2Hash.compress(leaves[2], leaves[3]));
        assertEquals(List.of(root), t.cap().roots());
    }

    @ParameterizedTest
    @CsvSource({"0, 6", "4, 6", "2, 1", "4, 3", "0, 0"})
    void everyPathVerifiesAndEveryTamperingIsRejected(int logCap, int logRows) {
        long[][] columns = matrix(5, 1 << logRows);
        MerkleTree t = tree(columns, logCap);
        MerkleCap cap = t.cap();
        assertEquals(Math.min(logCap, logRows), cap.logSize());
        for (int i = 0; i < t.rows(); i++) {
            long[] row = t.row(i);
            MerklePath path = t.path(i);
            assertTrue(MerkleVerifier.verify(cap, logRows, i, row, path));

            for (int c = 0; c < row.length; c++) {
                long[] bad = row.clone();
                bad[c] = Goldilocks.add(bad[c], 1);
                assertFalse(MerkleVerifier.verify(cap, logRows, i, bad, path), "changed leaf element " + c);
            }
            for (int s = 0; s < path.siblings().size(); s++) {
                for (int e = 0; e < Digest.ELEMENTS; e++) {
                    assertFalse(MerkleVerifier.verify(cap, logRows, i, row, new MerklePath(tamper(path.siblings(), s, e))),
                            "changed sibling " + s + " element " + e);
                }
            }
            for (int other = 0; other < t.rows(); other++) {
                if (other != i) {
                    assertFalse(MerkleVerifier.verify(cap, logRows, other, row, path), "index " + other + " for leaf " + i);
                }
            }
            assertFalse(MerkleVerifier.verify(cap, logRows, -1, row, path));
            assertFalse(MerkleVerifier.verify(cap, logRows, t.rows(), row, path));
        }
    }

    @Test
    void batchOpeningsVerifyAndRejectTampering() {
        // given a tree and a batch opening of unsorted, repeated and adjacent leaves
        int logRows = 8;
        MerkleTree t = tree(matrix(4, 1 << logRows), 2);
        int[] requested = {200, 3, 4, 5, 17, 3, 255, 0};
        BatchOpening opening = t.openBatch(requested);
        assertTrue(MerkleVerifier.verifyBatch(t.cap(), logRows, opening));
        // fewer siblings than separate paths: adjacent leaves 3, 4, 5 share
        assertTrue(opening.siblings().size() < opening.size() * (logRows - 2));

        // when each tampering starts from a fresh opening that verifies, then it alone is rejected
        for (int i = 0; i < opening.size(); i++) {
            for (int c = 0; c < opening.row(i).length; c++) {
                BatchOpening fresh = fresh(t, logRows, requested);
                long[][] rows = fresh.rows();
                rows[i][c] = Goldilocks.add(rows[i][c], 1);
                assertRejected(t, logRows, new BatchOpening(fresh.indices(), rows, fresh.siblings()),
                        "changed row " + i + " element " + c);
            }
        }
        for (int s = 0; s < opening.siblings().size(); s++) {
            for (int e = 0; e < Digest.ELEMENTS; e++) {
                BatchOpening fresh = fresh(t, logRows, requested);
                assertRejected(t, logRows, new BatchOpening(fresh.indices(), fresh.rows(), tamper(fresh.siblings(), s, e)),
                        "changed sibling " + s + " element " + e);
            }
        }
        int orderKept = 0;
        for (int i = 0; i < opening.size(); i++) {
            for (int delta : new int[] {-1, 1}) {
                BatchOpening fresh = fresh(t, logRows, requested);
                int[] moved = fresh.indices();
                moved[i] += delta;
                boolean inRange = moved[i] >= 0 && moved[i] < t.rows();
                if (inRange && (i == 0 || moved[i] > moved[i - 1]) && (i == moved.length - 1 || moved[i] < moved[i + 1])) {
                    orderKept++;
                }
                assertRejected(t, logRows, new BatchOpening(moved, fresh.rows(), fresh.siblings()),
                        "index " + i + " moved by " + delta);
            }
        }
        // most moves keep the indices increasing and in range, so the hashes, not those checks, refuse them
        assertTrue(orderKept >= opening.size(), "moves keeping the order: " + orderKept);
        for (int at : new int[] {0, opening.siblings().size()}) {
            BatchOpening fresh = fresh(t, logRows, requested);
            List<Digest> extra = new ArrayList<>(fresh.siblings());
            extra.add(at, extra.get(0));
            assertRejected(t, logRows, new BatchOpening(fresh.indices(), fresh.rows(), extra), "extra sibling at " + at);
        }
        for (int at : new int[] {0, opening.siblings().size() - 1}) {
            BatchOpening fresh = fresh(t, logRows, requested);
            List<Digest> missing = new ArrayList<>(fresh.siblings());
            missing.remove(at);
            assertRejected(t, logRows, new BatchOpening(fresh.indices(), fresh.rows(), missing), "missing sibling " + at);
        }

        // and the untouched opening still verifies after all of them
        assertTrue(MerkleVerifier.verifyBatch(t.cap(), logRows, opening));
    }

    @Test
    void batchOpeningsCannotBeChangedThroughTheirArrays() {
        // given a verifying batch opening and the arrays it was built from
        int logRows = 4;
        MerkleTree t = tree(matrix(3, 1 << logRows), 0);
        int[] indices = {1, 6};
        long[][] rows = {t.row(1), t.row(6)};
        BatchOpening opening = new BatchOpening(indices, rows, t.openBatch(indices).siblings());
        assertTrue(MerkleVerifier.verifyBatch(t.cap(), logRows, opening));

        // when the caller edits those arrays and the ones the getters return
        indices[0] = 2;
        rows[1][0] = Goldilocks.add(rows[1][0], 1);
        opening.indices()[1] = 7;
        opening.rows()[0][2] = Goldilocks.add(opening.rows()[0][2], 1);
        opening.row(1)[1] = Goldilocks.add(opening.row(1)[1], 1);

        // then the opening is unchanged and still verifies
        assertArrayEquals(new int[] {1, 6}, opening.indices());
        assertArrayEquals(t.row(1), opening.row(0));
        assertArrayEquals(t.row(6), opening.rows()[1]);
        assertTrue(MerkleVerifier.verifyBatch(t.cap(), logRows, opening));
    }

    @Test
    void rejectsMalformedMatrices() {
        assertThrows(IllegalArgumentException.class, () -> tree(matrix(2, 6), 0));
        assertThrows(IllegalArgumentException.class, () -> tree(new long[0][], 0));
        assertThrows(IllegalArgumentException.class, () -> tree(new long[][] {new long[4], new long[8]}, 0));
        MerkleTree t = tree(matrix(1, 4), 0);
        assertThrows(IndexOutOfBoundsException.class, () -> t.path(4));
    }

    /** A new opening of the same leaves, checked to verify before it is tampered with. */
    private static BatchOpening fresh(MerkleTree t, int logRows, int[] requested) {
        BatchOpening opening = t.openBatch(requested);
        assertTrue(MerkleVerifier.verifyBatch(t.cap(), logRows, opening), "fresh opening does not verify");
        return opening;
    }

    private static void assertRejected(MerkleTree t, int logRows, BatchOpening bad, String what) {
        assertFalse(MerkleVerifier.verifyBatch(t.cap(), logRows, bad), what + " was accepted");
    }

    private static List<Digest> tamper(List<Digest> digests, int index, int element) {
        List<Digest> out = new ArrayList<>(digests);
        long[] e = out.get(index).toArray();
        e[element] = Goldilocks.add(e[element], 1);
        out.set(index, Digest.fromArray(e, 0));
        return out;
    }
}
