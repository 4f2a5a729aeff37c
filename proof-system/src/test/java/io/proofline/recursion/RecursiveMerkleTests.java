package io.proofline.recursion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.backend.ProverBackend;
import io.proofline.field.Goldilocks;
import io.proofline.merkle.MerkleCap;
import io.proofline.merkle.MerklePath;
import io.proofline.merkle.MerkleTree;
import io.proofline.merkle.MerkleVerifier;
import io.proofline.plonkish.Circuit;
import io.proofline.plonkish.CircuitBuilder;
import io.proofline.plonkish.Geometry;
import io.proofline.plonkish.SatisfiabilityChecker;
import io.proofline.plonkish.SatisfiabilityReport;
import io.proofline.plonkish.Variable;
import io.proofline.plonkish.WitnessVector;
import io.proofline.poseidon2.Digest;
import io.proofline.poseidon2.Poseidon2Hash;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Hashing and Merkle paths in circuit agree with {@link Poseidon2Hash} and {@link MerkleVerifier} on real trees. */
class RecursiveMerkleTests {

    private static final Geometry GEOMETRY = Geometry.standard(8);
    private static final int LOG_ROWS = 5;
    private static final String LABEL = "merkle root";
    private final SplittableRandom random = new SplittableRandom(11);

    private long[] randomElements(int n) {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = Goldilocks.canonical(random.nextLong());
        }
        return out;
    }

    @Test
    void hashAndCompressGiveTheNativeDigests() {
        for (int length : new int[] {0, 1, 4, 7, 8, 9, 16, 17, 24}) {
            CircuitBuilder b = new CircuitBuilder(GEOMETRY);
            for (Variable v : RecursiveMerkle.hash(b, b.inputs(length))) {
                b.publicInput(v);
            }
            Circuit circuit = b.build();
            long[] input = randomElements(length);
            WitnessVector w = circuit.resolve(input);
            assertTrue(SatisfiabilityChecker.check(circuit, w).satisfied());
            assertArrayEquals(Poseidon2Hash.hash(input).toArray(), w.publicInputs(), "length " + length);
        }
        CircuitBuilder b = new CircuitBuilder(GEOMETRY);
        for (Variable v : RecursiveMerkle.compress(b, b.inputs(4), b.inputs(4))) {
            b.publicInput(v);
        }
        Circuit circuit = b.build();
        long[] input = randomElements(8);
        Digest expected = Poseidon2Hash.compress(Digest.fromArray(input, 0), Digest.fromArray(input, 4));
        assertArrayEquals(expected.toArray(), circuit.resolve(input).publicInputs());
    }

    /** An opening as native values: cap, index, row, path. */
    private record Opening(MerkleCap cap, int index, long[] row, MerklePath path) {

        boolean nativeAccepts() {
            return MerkleVerifier.verify(cap, LOG_ROWS, index, row, path);
        }

        /** Inputs in the circuit's order: cap roots, index bits, row, siblings. */
        long[] inputs() {
            List<Long> out = new ArrayList<>();
            for (long e : cap.elements()) {
                out.add(e);
            }
            for (int i = 0; i < LOG_ROWS; i++) {
                out.add((long) (index >>> i) & 1);
            }
            for (long e : row) {
                out.add(e);
            }
            for (Digest d : path.siblings()) {
                for (long e : d.toArray()) {
                    out.add(e);
                }
            }
            return out.stream().mapToLong(Long::longValue).toArray();
        }
    }

    /** The verification circuit for a tree of {@code 2^LOG_ROWS} rows of {@code width} with a cap of {@code 2^logCap}. */
    private static Circuit circuit(int width, int logCap) {
        CircuitBuilder b = new CircuitBuilder(GEOMETRY);
        Variable[][] cap = new Variable[1 << logCap][];
        for (int i = 0; i < cap.length; i++) {
            cap[i] = b.inputs(4);
        }
        Variable[] bits = b.inputs(LOG_ROWS);
        Variable[] row = b.inputs(width);
        Variable[][] siblings = new Variable[LOG_ROWS - logCap][];
        for (int i = 0; i < siblings.length; i++) {
            siblings[i] = b.inputs(4);
        }
        RecursiveMerkle.verify(b, cap, bits, row, siblings, LABEL);
        return b.build();
    }

    private static SatisfiabilityReport check(Circuit circuit, Opening opening) {
        return SatisfiabilityChecker.check(circuit, circuit.resolve(opening.inputs()));
    }

    private static Digest bump(Digest d, int element) {
        long[] e = d.toArray();
        e[element] = Goldilocks.add(e[element], 1);
        return Digest.fromArray(e, 0);
    }

    private static void refusedByBoth(Circuit circuit, Opening tampered, String what) {
        assertFalse(tampered.nativeAccepts(), what + " accepted by the native verifier");
        SatisfiabilityReport report = check(circuit, tampered);
        assertTrue(report.toString().startsWith("check failed: " + LABEL + " ("), what + ": " + report);
    }

    @Test
    void realOpeningsAreAcceptedAndEveryTamperedFieldIsRefused() {
        for (int width : new int[] {3, 8, 16, 19}) {
            int logCap = 2;
            long[][] columns = new long[width][];
            for (int c = 0; c < width; c++) {
                columns[c] = randomElements(1 << LOG_ROWS);
            }
            MerkleTree tree = MerkleTree.build(columns, logCap, ProverBackend.java().merkleHasher());
            Circuit circuit = circuit(width, logCap);
            for (int index : new int[] {0, 13, (1 << LOG_ROWS) - 1}) {
                Opening honest = new Opening(tree.cap(), index, tree.row(index), tree.path(index));
                assertTrue(honest.nativeAccepts());
                assertTrue(check(circuit, honest).satisfied(), "width " + width + ", index " + index);

                long[] row = honest.row().clone();
                int changed = random.nextInt(width);
                row[changed] = Goldilocks.add(row[changed], 7);
                refusedByBoth(circuit, new Opening(tree.cap(), index, row, honest.path()), "row element");

                for (int level = 0; level < LOG_ROWS - logCap; level++) {
                    List<Digest> siblings = new ArrayList<>(honest.path().siblings());
                    siblings.set(level, bump(siblings.get(level), level % 4));
                    refusedByBoth(circuit, new Opening(tree.cap(), index, honest.row(), new MerklePath(siblings)),
                            "sibling " + level);
                }
                for (int bit = 0; bit < LOG_ROWS; bit++) {
                    refusedByBoth(circuit, new Opening(tree.cap(), index ^ (1 << bit), honest.row(), honest.path()),
                            "index bit " + bit);
                }
                int root = index >>> (LOG_ROWS - logCap);
                List<Digest> roots = new ArrayList<>(tree.cap().roots());
                roots.set(root, bump(roots.get(root), 3));
                refusedByBoth(circuit, new Opening(new MerkleCap(roots), index, honest.row(), honest.path()), "cap root");

                // a root the index does not select is not read, natively or in circuit
                roots = new ArrayList<>(tree.cap().roots());
                roots.set(root ^ 1, bump(roots.get(root ^ 1), 0));
                Opening other = new Opening(new MerkleCap(roots), index, honest.row(), honest.path());
                assertEquals(other.nativeAccepts(), check(circuit, other).satisfied());
            }
        }
    }

    /** With a one-root cap given as constants (the caller's choice), the root is still enforced. */
    @Test
    void aPathWhoseShapeDoesNotFitTheCapIsRefusedWhenBuilt() {
        CircuitBuilder b = new CircuitBuilder(GEOMETRY);
        Variable[][] cap = new Variable[4][];
        for (int r = 0; r < cap.length; r++) {
            cap[r] = b.inputs(Digest.ELEMENTS);
        }
        Variable[][] siblings = {b.inputs(Digest.ELEMENTS), b.inputs(Digest.ELEMENTS)};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RecursiveMerkle.verify(b, cap, b.inputs(3), b.inputs(2), siblings, LABEL));
        assertEquals("a cap of 4 roots and a path of 2 siblings need 4 index bits, got 3", e.getMessage());
        Variable[][] notAPowerOfTwo = {cap[0], cap[1], cap[2]};
        e = assertThrows(IllegalArgumentException.class,
                () -> RecursiveMerkle.verify(b, notAPowerOfTwo, b.inputs(2), b.inputs(2), siblings, LABEL));
        assertTrue(e.getMessage().startsWith("a cap of 3 roots"), e.getMessage());
    }

    @Test
    void aConstantSingleRootCapIsEnforced() {
        long[][] columns = {randomElements(1 << LOG_ROWS), randomElements(1 << LOG_ROWS)};
        MerkleTree tree = MerkleTree.build(columns, 0, ProverBackend.java().merkleHasher());
        CircuitBuilder b = new CircuitBuilder(GEOMETRY);
        Variable[] root = new Variable[4];
        for (int e = 0; e < 4; e++) {
            root[e] = b.constant(tree.cap().roots().get(0).element(e));
        }
        Variable[] bits = b.inputs(LOG_ROWS);
        Variable[] row = b.inputs(2);
        Variable[][] siblings = new Variable[LOG_ROWS][];
        for (int i = 0; i < LOG_ROWS; i++) {
            siblings[i] = b.inputs(4);
        }
        RecursiveMerkle.verify(b, new Variable[][] {root}, bits, row, siblings, LABEL);
        Circuit circuit = b.build();
        for (int index : new int[] {6, 21}) {
            long[] good = inputsWithoutCap(tree, index, tree.row(index));
            assertTrue(SatisfiabilityChecker.check(circuit, circuit.resolve(good)).satisfied());
            long[] otherRow = tree.row(index ^ 1);
            SatisfiabilityReport report = SatisfiabilityChecker.check(circuit,
                    circuit.resolve(inputsWithoutCap(tree, index, otherRow)));
            assertTrue(report.toString().startsWith("check failed: " + LABEL), report.toString());
        }
    }

    private static long[] inputsWithoutCap(MerkleTree tree, int index, long[] row) {
        long[] all = new Opening(tree.cap(), index, row, tree.path(index)).inputs();
        return java.util.Arrays.copyOfRange(all, 4, all.length);
    }
}
