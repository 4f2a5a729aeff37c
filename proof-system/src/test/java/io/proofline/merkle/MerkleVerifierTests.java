package io.proofline.merkle;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.backend.ProverBackend;
import io.proofline.poseidon2.Digest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shape checks of {@link MerkleVerifier#verifyBatch}: what it refuses before and besides hashing. */
class MerkleVerifierTests {

    /** A tree of {@code 2^logRows} rows of width 2, with a cap of {@code 2^logCap} roots. */
    private static MerkleTree tree(int logRows, int logCap) {
        long[][] columns = new long[2][1 << logRows];
        for (int r = 0; r < 1 << logRows; r++) {
            columns[0][r] = r;
            columns[1][r] = 1000 + r;
        }
        return MerkleTree.build(columns, logCap, ProverBackend.java().merkleHasher());
    }

    @Test
    void aCapAsLargeAsTheTreeNeedsNoSiblings() {
        // given a tree of 8 rows whose cap holds all 8 leaf hashes
        MerkleTree t = tree(3, 3);
        BatchOpening opening = t.openBatch(new int[] {2, 5});

        // then the opened rows verify against the cap directly
        assertTrue(opening.siblings().isEmpty());
        assertTrue(MerkleVerifier.verifyBatch(t.cap(), 3, opening));
        assertTrue(MerkleVerifier.verify(t.cap(), 3, 5, t.row(5), t.path(5)));
    }

    @Test
    void aCapLargerThanTheClaimedTreeOrAnEmptyOpeningIsRefused() {
        // given a tree of 4 rows with its 4 leaf hashes as cap
        MerkleTree t = tree(2, 2);
        BatchOpening opening = t.openBatch(new int[] {0, 1});
        assertTrue(MerkleVerifier.verifyBatch(t.cap(), 2, opening));

        // when the same rows are claimed to be all of a tree of 2 rows, or nothing is opened
        // then both are refused (the hashes alone would match the first)
        assertFalse(MerkleVerifier.verifyBatch(t.cap(), 1, opening));
        assertFalse(MerkleVerifier.verify(t.cap(), 1, 0, t.row(0), t.path(0)));
        assertFalse(MerkleVerifier.verifyBatch(t.cap(), 2, new BatchOpening(new int[0], new long[0][], List.of())));
    }

    @Test
    void aPathShorterOrLongerThanTheTreeIsRefused() {
        // given a tree of 16 rows under a cap of 4 roots: a path of 2 siblings
        MerkleTree t = tree(4, 2);
        List<Digest> path = t.path(13).siblings();
        assertTrue(MerkleVerifier.verify(t.cap(), 4, 13, t.row(13), t.path(13)));

        // one sibling short would end at node 6 of a cap of 4, one too many past the cap's level:
        // both are refused, neither read outside the cap
        assertFalse(MerkleVerifier.verify(t.cap(), 4, 13, t.row(13), new MerklePath(path.subList(0, 1))));
        List<Digest> longer = new ArrayList<>(path);
        longer.add(t.cap().roots().get(3));
        assertFalse(MerkleVerifier.verify(t.cap(), 4, 13, t.row(13), new MerklePath(longer)));
    }

    @Test
    void indicesOutOfRangeRepeatedOrOutOfOrderAreRefused() {
        // given a tree of 16 rows under one root, and the path of leaf 3
        MerkleTree t = tree(4, 0);
        List<Digest> path = t.path(3).siblings();

        // an index past the end or below zero, with a full set of siblings
        assertFalse(MerkleVerifier.verifyBatch(t.cap(), 4, new BatchOpening(new int[] {16}, new long[][] {t.row(3)}, path)));
        assertFalse(MerkleVerifier.verifyBatch(t.cap(), 4, new BatchOpening(new int[] {-1}, new long[][] {t.row(3)}, path)));

        // the same leaf twice, with its siblings given twice so that each copy hashes to the root
        List<Digest> doubled = new ArrayList<>();
        for (Digest d : path) {
            doubled.add(d);
            doubled.add(d);
        }
        assertFalse(MerkleVerifier.verifyBatch(t.cap(), 4,
                new BatchOpening(new int[] {3, 3}, new long[][] {t.row(3), t.row(3)}, doubled)));

        // two leaves in decreasing order, each with the siblings it needs
        BatchOpening sorted = t.openBatch(new int[] {3, 12});
        assertTrue(MerkleVerifier.verifyBatch(t.cap(), 4, sorted));
        assertFalse(MerkleVerifier.verifyBatch(t.cap(), 4,
                new BatchOpening(new int[] {12, 3}, new long[][] {t.row(12), t.row(3)}, sorted.siblings())));
    }
}
