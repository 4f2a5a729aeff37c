package io.proofline.plonkish.gates;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.proofline.field.Goldilocks;
import io.proofline.poseidon2.Digest;
import io.proofline.poseidon2.Poseidon2Hash;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The Merkle level gate's constraints, each shown to be needed: for every constraint there is an
 * assignment that breaks it alone, so a gate without it would accept a level that is not
 * {@code compress(left, right)} of the node and sibling in the bit's order.
 */
class MerkleLevelGateTests {

    private static final MerkleLevelGate GATE = MerkleLevelGate.INSTANCE;
    private final SplittableRandom rnd = new SplittableRandom(42);

    @Test
    void anHonestLevelIsTheCompressionOfTheOrderedPairAndSatisfiesEveryConstraint() {
        for (long bit = 0; bit <= 1; bit++) {
            long[] node = digest();
            long[] sibling = digest();
            ArrayCells c = honest(bit, node, sibling);
            Digest expected = bit == 1 ? Poseidon2Hash.compress(Digest.fromArray(sibling, 0), Digest.fromArray(node, 0))
                    : Poseidon2Hash.compress(Digest.fromArray(node, 0), Digest.fromArray(sibling, 0));
            assertArrayEquals(expected.toArray(), Arrays.copyOfRange(c.copyCells(), MerkleLevelGate.DIGEST, MerkleLevelGate.DIGEST + 4));
            assertEquals(List.of(), violated(c), "bit " + bit);
        }
    }

    @Test
    void aPathBitOtherThanZeroOrOneBreaksTheBitsConstraintAlone() {
        long[] node = digest();
        long[] sibling = digest();
        // bit 2 with the pair its ordering formula gives and a true permutation of that pair
        long[] left = new long[4];
        long[] right = new long[4];
        for (int i = 0; i < 4; i++) {
            long delta = Goldilocks.mul(2, Goldilocks.sub(sibling[i], node[i]));
            left[i] = Goldilocks.add(node[i], delta);
            right[i] = Goldilocks.sub(sibling[i], delta);
        }
        assertEquals(List.of(0), violated(cells(2, node, sibling, left, right)));
    }

    @Test
    void eachChildCellOutOfOrderBreaksItsOrderingConstraintAlone() {
        for (long bit = 0; bit <= 1; bit++) {
            long[] node = digest();
            long[] sibling = digest();
            for (int i = 0; i < 4; i++) {
                for (int side = 0; side < 2; side++) {
                    long[] left = (bit == 1 ? sibling : node).clone();
                    long[] right = (bit == 1 ? node : sibling).clone();
                    long[] moved = side == 0 ? left : right;
                    moved[i] = Goldilocks.add(moved[i], 1 + rnd.nextInt(1000));
                    // the permutation is recomputed on the moved pair: only the ordering can tell
                    assertEquals(List.of(1 + 2 * i + side), violated(cells(bit, node, sibling, left, right)),
                            "bit " + bit + ", " + (side == 0 ? "left " : "right ") + i);
                }
            }
        }
    }

    @Test
    void swappedChildrenBreakTheOrderingConstraints() {
        long[] node = digest();
        long[] sibling = digest();
        assertEquals(IntStream.rangeClosed(1, 8).boxed().toList(), violated(cells(0, node, sibling, sibling, node)));
    }

    @Test
    void eachStoredRoundStateAndEachDigestElementIsChecked() {
        ArrayCells honest = honest(1, digest(), digest());
        for (int k = 0; k < GATE.witnessCells(); k++) {
            ArrayCells c = honest.duplicate();
            c.witnessCells()[k] = Goldilocks.add(c.witnessCells()[k], 1);
            List<Integer> bad = violated(c);
            assertEquals(MerkleLevelGate.ORDERING_CONSTRAINTS + k, bad.get(0), "witness cell " + k + ": " + bad);
        }
        for (int i = 0; i < 4; i++) {
            ArrayCells c = honest.duplicate();
            c.copyCells()[MerkleLevelGate.DIGEST + i] = Goldilocks.add(c.copyCells()[MerkleLevelGate.DIGEST + i], 1);
            assertEquals(List.of(GATE.constraints() - 4 + i), violated(c), "digest " + i);
        }
    }

    @Test
    void resolveRefusesABitThatIsNotOne() {
        assertThrows(IllegalArgumentException.class, () -> MerkleLevelGate.resolve(2, digest(), digest()));
    }

    @Test
    void theGateTakesARowOfTheStandardGeometryAndDegreeSevenAsPoseidon2() {
        assertEquals(1, GATE.instancesPerRow(24, 106, 8));
        assertEquals(0, GATE.instancesPerRow(20, 106, 8));
        assertEquals(0, GATE.instancesPerRow(24, 105, 8));
        assertEquals(Poseidon2Gate.INSTANCE.degree(), GATE.degree());
        List<Long> count = new ArrayList<>();
        GATE.evaluate(BaseAlgebra.INSTANCE, honest(0, digest(), digest()), count::add);
        assertEquals(GATE.constraints(), count.size());
    }

    private long[] digest() {
        long[] d = new long[4];
        for (int i = 0; i < 4; i++) {
            d[i] = Goldilocks.canonical(rnd.nextLong());
        }
        return d;
    }

    private static ArrayCells honest(long bit, long[] node, long[] sibling) {
        return cells(bit, node, sibling, bit == 1 ? sibling : node, bit == 1 ? node : sibling);
    }

    /** The cells of a level whose permutation is computed, truly, on (left, right), whatever the bit says. */
    private static ArrayCells cells(long bit, long[] node, long[] sibling, long[] left, long[] right) {
        // resolve(0, left, right) orders (left, right) as given and traces the permutation of that pair
        long[] resolved = MerkleLevelGate.resolve(0, left, right);
        long[] copy = new long[GATE.copyCells()];
        copy[MerkleLevelGate.BIT] = Goldilocks.canonical(bit);
        System.arraycopy(node, 0, copy, MerkleLevelGate.NODE, 4);
        System.arraycopy(sibling, 0, copy, MerkleLevelGate.SIBLING, 4);
        System.arraycopy(resolved, 0, copy, MerkleLevelGate.LEFT, 8);
        System.arraycopy(resolved, 8, copy, MerkleLevelGate.DIGEST, 4);
        return new ArrayCells(copy, Arrays.copyOfRange(resolved, 12, resolved.length));
    }

    private static List<Integer> violated(ArrayCells c) {
        return c.violated(GATE);
    }
}
