package io.proofline.merkle;

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
        int logRows = 8;
        MerkleTree t = tree(matrix(4, 1 << logRows), 2);
        int[] indices = {200, 3, 4, 5, 17, 3, 255, 0};
        BatchOpening opening = t.openBatch(indices);
        assertTrue(MerkleVerifier.verifyBatch(t.cap(), logRows, opening));

        // fewer siblings than separate paths: adjacent leaves 3, 4, 5 share
        assertTrue(opening.siblings().size() < opening.indices().length * (logRows - 2));

        for (int i = 0; i < opening.rows().length; i++) {
            for (int c = 0; c < opening.rows()[i].length; c++) {
                long[][] rows = opening.rows();
                rows[i] = rows[i].clone();
                rows[i][c] = Goldilocks.add(rows[i][c], 1);
                assertFalse(MerkleVerifier.verifyBatch(t.cap(), logRows, new BatchOpening(opening.indices(), rows, opening.siblings())));
            }
        }
        for (int s = 0; s < opening.siblings().size(); s++) {
            for (int e = 0; e < Digest.ELEMENTS; e++) {
                BatchOpening bad = new BatchOpening(opening.indices(), opening.rows(), tamper(opening.siblings(), s, e));
                assertFalse(MerkleVerifier.verifyBatch(t.cap(), logRows, bad));
            }
        }
        for (int i = 0; i < opening.indices().length; i++) {
            int[] moved = opening.indices();
            moved[i] = moved[i] ^ 1;
            assertFalse(MerkleVerifier.verifyBatch(t.cap(), logRows, new BatchOpening(moved, opening.rows(), opening.siblings())));
        }
        List<Digest> extra = new ArrayList<>(opening.siblings());
        extra.add(extra.get(0));
        assertFalse(MerkleVerifier.verifyBatch(t.cap(), logRows, new BatchOpening(opening.indices(), opening.rows(), extra)));
        List<Digest> missing = opening.siblings().subList(0, opening.siblings().size() - 1);
        assertFalse(MerkleVerifier.verifyBatch(t.cap(), logRows, new BatchOpening(opening.indices(), opening.rows(), missing)));
    }

    @Test
    void rejectsMalformedMatrices() {
        assertThrows(IllegalArgumentException.class, () -> tree(matrix(2, 6), 0));
        assertThrows(IllegalArgumentException.class, () -> tree(new long[0][], 0));
        assertThrows(IllegalArgumentException.class, () -> tree(new long[][] {new long[4], new long[8]}, 0));
        MerkleTree t = tree(matrix(1, 4), 0);
        assertThrows(IndexOutOfBoundsException.class, () -> t.path(4));
    }

    private static List<Digest> tamper(List<Digest> digests, int index, int element) {
        List<Digest> out = new ArrayList<>(digests);
        long[] e = out.get(index).toArray();
        e[element] = Goldilocks.add(e[element], 1);
        out.set(index, Digest.fromArray(e, 0));
        return out;
    }
}
