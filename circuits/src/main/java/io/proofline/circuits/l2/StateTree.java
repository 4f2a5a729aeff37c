package io.proofline.circuits.l2;

import io.proofline.poseidon2.Digest;
import io.proofline.poseidon2.Poseidon2Hash;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The sparse Merkle tree of accounts: depth 20, leaf {@code i} is account {@code i}'s
 * {@link Account#leaf()}, inner nodes are Poseidon2 compressions. Only non-empty subtrees are
 * stored; empty ones hash to precomputed defaults. Not thread-safe.
 */
public final class StateTree {

    public static final int DEPTH = 20;
    public static final int CAPACITY = 1 << DEPTH;

    private static final Digest[] EMPTY = new Digest[DEPTH + 1];
    /** Paths per task of {@link #rootsFrom}: many batches of the vector kernel, few tasks. */
    private static final int ROOTS_CHUNK = 1024;

    static {
        EMPTY[0] = Account.EMPTY.leaf();
        for (int level = 1; level <= DEPTH; level++) {
            EMPTY[level] = Poseidon2Hash.compress(EMPTY[level - 1], EMPTY[level - 1]);
        }
    }

    private final Map<Integer, Account> accounts = new HashMap<>();
    /** Non-default nodes per level (0 = leaves), keyed by index within the level. */
    private final List<Map<Integer, Digest>> nodes = new ArrayList<>();

    public StateTree() {
        for (int level = 0; level <= DEPTH; level++) {
            nodes.add(new HashMap<>());
        }
    }

    /** A deep copy, for executing a batch without touching the original. */
    public StateTree copy() {
        StateTree t = new StateTree();
        t.accounts.putAll(accounts);
        for (int level = 0; level <= DEPTH; level++) {
            t.nodes.get(level).putAll(nodes.get(level));
        }
        return t;
    }

    public static void checkIndex(long index) {
        if (index < 0 || index >= CAPACITY) {
            throw new IllegalArgumentException("account " + index + " outside [0, 2^" + DEPTH + ")");
        }
    }

    public Account get(long index) {
        checkIndex(index);
        return accounts.getOrDefault((int) index, Account.EMPTY);
    }

    public Digest root() {
        return node(DEPTH, 0);
    }

    /** Number of accounts that are not empty. */
    public int size() {
        return accounts.size();
    }

    public Map<Integer, Account> accounts() {
        return Map.copyOf(accounts);
    }

    public void set(long index, Account account) {
        checkIndex(index);
        int i = (int) index;
        if (account.equals(Account.EMPTY)) {
            accounts.remove(i);
        } else {
            accounts.put(i, account);
        }
        Digest node = account.leaf();
        for (int level = 0; level <= DEPTH; level++) {
            if (node.equals(EMPTY[level])) {
                nodes.get(level).remove(i);
            } else {
                nodes.get(level).put(i, node);
            }
            if (level == DEPTH) {
                break;
            }
            Digest sibling = node(level, i ^ 1);
            node = (i & 1) == 0 ? Poseidon2Hash.compress(node, sibling) : Poseidon2Hash.compress(sibling, node);
            i >>>= 1;
        }
    }

    /** The siblings of leaf {@code index}, bottom first. */
    public List<Digest> path(long index) {
        checkIndex(index);
        List<Digest> siblings = new ArrayList<>(DEPTH);
        int i = (int) index;
        for (int level = 0; level < DEPTH; level++) {
            siblings.add(node(level, i ^ 1));
            i >>>= 1;
        }
        return siblings;
    }

    /** The root obtained from a leaf and its path. */
    public static Digest rootFrom(long index, Digest leaf, List<Digest> siblings) {
        Digest node = leaf;
        long i = index;
        for (Digest sibling : siblings) {
            node = (i & 1) == 0 ? Poseidon2Hash.compress(node, sibling) : Poseidon2Hash.compress(sibling, node);
            i >>>= 1;
        }
        return node;
    }

    /**
     * {@link #rootFrom} of many leaves at once: {@code roots[k]} from {@code indices[k]},
     * {@code leaves[k]} and {@code paths.get(k)}, all paths of one length. The same roots, with
     * each level's compressions batched ({@link Poseidon2Hash#compressPairs}) and the leaves
     * shared among the cores: what checking a batch's access log costs.
     */
    public static Digest[] rootsFrom(long[] indices, Digest[] leaves, List<List<Digest>> paths) {
        int count = indices.length;
        if (leaves.length != count || paths.size() != count) {
            throw new IllegalArgumentException(count + " indices, " + leaves.length + " leaves and " + paths.size() + " paths");
        }
        Digest[] roots = new Digest[count];
        if (count == 0) {
            return roots;
        }
        int depth = paths.get(0).size();
        int chunks = Math.ceilDiv(count, ROOTS_CHUNK);
        IntStream.range(0, chunks).parallel().forEach(c -> {
            int from = c * ROOTS_CHUNK;
            int n = Math.min(count, from + ROOTS_CHUNK) - from;
            long[] nodes = new long[Digest.ELEMENTS * n];
            long[] pairs = new long[2 * Digest.ELEMENTS * n];
            for (int k = 0; k < n; k++) {
                leaves[from + k].intoArray(nodes, Digest.ELEMENTS * k);
                if (paths.get(from + k).size() != depth) {
                    throw new IllegalArgumentException("path " + (from + k) + " has " + paths.get(from + k).size()
                            + " siblings, path 0 has " + depth);
                }
            }
            for (int level = 0; level < depth; level++) {
                for (int k = 0; k < n; k++) {
                    // the node goes left when its index's bit at this level is 0, as rootFrom
                    boolean right = ((indices[from + k] >>> level) & 1) != 0;
                    int node = 2 * Digest.ELEMENTS * k + (right ? Digest.ELEMENTS : 0);
                    int sibling = 2 * Digest.ELEMENTS * k + (right ? 0 : Digest.ELEMENTS);
                    System.arraycopy(nodes, Digest.ELEMENTS * k, pairs, node, Digest.ELEMENTS);
                    paths.get(from + k).get(level).intoArray(pairs, sibling);
                }
                Poseidon2Hash.compressPairs(pairs, 0, n, nodes);
            }
            for (int k = 0; k < n; k++) {
                roots[from + k] = Digest.fromArray(nodes, Digest.ELEMENTS * k);
            }
        });
        return roots;
    }

    private Digest node(int level, int index) {
        return nodes.get(level).getOrDefault(index, EMPTY[level]);
    }
}
