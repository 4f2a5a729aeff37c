package io.proofline.circuits.l2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.proofline.field.Goldilocks;
import io.proofline.poseidon2.Digest;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The batched forms that replay uses give what the one-at-a-time forms give. */
class StateTreeTests {

    @Test
    void rootsFromGivesEachPathsRootFrom() {
        // given leaves at random indices with random paths: more than one task's worth, and a
        // count that no batch of the vector kernel divides
        SplittableRandom random = new SplittableRandom(17);
        int count = 2_500 + 7;
        long[] indices = new long[count];
        Digest[] leaves = new Digest[count];
        List<List<Digest>> paths = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            indices[k] = random.nextLong(StateTree.CAPACITY);
            leaves[k] = randomDigest(random);
            List<Digest> path = new ArrayList<>();
            for (int level = 0; level < StateTree.DEPTH; level++) {
                path.add(randomDigest(random));
            }
            paths.add(path);
        }
        // when their roots are computed together
        Digest[] roots = StateTree.rootsFrom(indices, leaves, paths);
        // then each is the root rootFrom gives, so both sides of each level are taken as it takes them
        Digest[] expected = new Digest[count];
        for (int k = 0; k < count; k++) {
            expected[k] = StateTree.rootFrom(indices[k], leaves[k], paths.get(k));
        }
        assertArrayEquals(expected, roots);
    }

    @Test
    void rootsFromOfATreesPathsIsItsRoot() {
        // given a tree with a few accounts
        StateTree tree = new StateTree();
        long[] indices = {0, 1, 5, StateTree.CAPACITY - 1};
        for (long i : indices) {
            tree.set(i, new Account(100 + i, 1, 9));
        }
        // when each account's root is computed from its leaf and path
        Digest[] leaves = new Digest[indices.length];
        List<List<Digest>> paths = new ArrayList<>();
        for (int k = 0; k < indices.length; k++) {
            leaves[k] = tree.get(indices[k]).leaf();
            paths.add(tree.path(indices[k]));
        }
        // then every one is the tree's root
        for (Digest root : StateTree.rootsFrom(indices, leaves, paths)) {
            assertEquals(tree.root(), root);
        }
    }

    @Test
    void rootsFromRefusesMismatchedInputs() {
        // given two leaves but one path, or paths of different lengths
        SplittableRandom random = new SplittableRandom(3);
        Digest leaf = randomDigest(random);
        List<Digest> full = List.of(leaf, leaf, leaf);
        // then no roots are made of them
        assertThrows(IllegalArgumentException.class,
                () -> StateTree.rootsFrom(new long[] {0, 1}, new Digest[] {leaf, leaf}, List.of(full)));
        assertThrows(IllegalArgumentException.class,
                () -> StateTree.rootsFrom(new long[] {0, 1}, new Digest[] {leaf, leaf}, List.of(full, List.of(leaf))));
    }

    @Test
    void leavesAreEachAccountsLeaf() {
        // given accounts at the edges of their ranges and random ones, more than a batch's worth
        SplittableRandom random = new SplittableRandom(5);
        List<Account> accounts = new ArrayList<>(List.of(Account.EMPTY, new Account(Account.MAX_BALANCE, Integer.MAX_VALUE,
                Goldilocks.P - 1)));
        for (int k = 0; k < 101; k++) {
            accounts.add(new Account(random.nextLong(Account.MAX_BALANCE + 1), random.nextInt(Integer.MAX_VALUE),
                    Goldilocks.canonical(random.nextLong())));
        }
        // when their leaves are hashed together, then each is the account's own leaf
        Digest[] leaves = Account.leaves(accounts);
        for (int k = 0; k < accounts.size(); k++) {
            assertEquals(accounts.get(k).leaf(), leaves[k], "account " + k);
        }
    }

    private static Digest randomDigest(SplittableRandom random) {
        return new Digest(Goldilocks.canonical(random.nextLong()), Goldilocks.canonical(random.nextLong()), Goldilocks.canonical(random.nextLong()),
                Goldilocks.canonical(random.nextLong()));
    }
}
