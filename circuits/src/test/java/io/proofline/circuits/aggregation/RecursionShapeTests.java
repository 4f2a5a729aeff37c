package io.proofline.circuits.aggregation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.circuits.base.CircuitType;
import io.proofline.fri.FriParameters;
import io.proofline.plonkish.Circuit;
import io.proofline.plonkish.CircuitBuilder;
import io.proofline.plonkish.ProverConfig;
import io.proofline.plonkish.Setup;
import io.proofline.plonkish.VerificationKey;
import io.proofline.plonkish.gates.Gate;
import io.proofline.poseidon2.Digest;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RecursionShapeTests {

    private final Aggregation agg = Aggregation.get();

    @Test
    void leavesAndTheNodeShareGeometryGatesAndPublicInputRows() {
        int[] rows = IntStream.range(0, RecursionShape.PUBLIC_INPUTS).toArray();
        for (Circuit c : List.of(agg.leaves.get(CircuitType.TRANSFER_EXECUTION), agg.leaves.get(CircuitType.STORAGE_APPLICATION),
                agg.node)) {
            assertEquals(RecursionShape.geometry(Aggregation.LOG_ROWS), c.geometry());
            // every kind but merkle_level and range_62, which the recursion circuits do not place (RecursionShape)
            assertEquals(java.util.Arrays.stream(Gate.all()).filter(g -> g != io.proofline.plonkish.gates.MerkleLevelGate.INSTANCE
                    && g != io.proofline.plonkish.gates.Range62Gate.INSTANCE).toList(), c.gates());
            assertArrayEquals(rows, c.publicInputRows());
        }
    }

    @Test
    void keysOfOneConfigurationHaveTheSameShape() {
        for (CircuitType type : CircuitType.values()) {
            assertDoesNotThrow(() -> RecursionShape.requireSameShape(agg.leafKeys.get(type), agg.nodeKey));
        }
    }

    @Test
    void keysWithOtherFriParametersAreRefused() {
        ProverConfig other = new ProverConfig(Aggregation.CONFIG.backend(), new FriParameters(3, 9, 4, 3, 3, 2), 31);
        VerificationKey leaf = Setup.generate(agg.leaves.get(CircuitType.TRANSFER_EXECUTION), other).key();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RecursionShape.requireSameShape(leaf, agg.nodeKey));
        assertEquals("FRI parameters differ: " + other.fri() + " and " + Aggregation.CONFIG.fri(), e.getMessage());
    }

    @Test
    void keysOfAnotherGeometryAreRefused() {
        Circuit bigger = NodeCircuit.build(Aggregation.RECURSION_CHECK, Aggregation.LOG_ROWS + 1);
        VerificationKey key = Setup.generate(bigger, Aggregation.CONFIG).key();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RecursionShape.requireSameShape(agg.nodeKey, key));
        assertEquals("geometries differ: " + agg.node.geometry() + " and " + bigger.geometry(), e.getMessage());
    }

    @Test
    void publicInputsMustComeFirst() {
        CircuitBuilder b = new CircuitBuilder(RecursionShape.geometry(Aggregation.LOG_ROWS));
        b.constant(5);
        RecursionShape.Io io = RecursionShape.Io.of(Constraints.allocate(b, RecursionShape.PUBLIC_INPUTS));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> RecursionShape.begin(b, io));
        assertEquals("the public inputs must come before any other gate, but 1 rows are in use", e.getMessage());
    }

    @Test
    void theCompositionTakesFewRowsBesidesTheInnerChecks() {
        // given checks that allocate their inputs and place no gate
        InnerProofCheck recursion = b -> new CheckedProof(b.inputs(RecursionShape.PUBLIC_INPUTS), b.inputs(4));
        Digest key = new Digest(1, 2, 3, 4);

        // then leaves, nodes and the scheduler use under 64 rows of their own (leaves and nodes: 33 of them public
        // inputs; a few hold the checks' gate-less outputs, as the builder gives every equalized variable a cell):
        // the recursion shape needs the verifier's rows plus these
        for (CircuitType type : CircuitType.values()) {
            InnerProofCheck base = b -> new CheckedProof(b.inputs(type.publicInputs), b.inputs(4));
            int leaf = LeafCircuit.build(type, key, base, Aggregation.LOG_ROWS).rowsUsed();
            assertTrue(leaf > RecursionShape.PUBLIC_INPUTS && leaf < 64, "leaf rows " + leaf);
        }
        int node = NodeCircuit.build(recursion, Aggregation.LOG_ROWS).rowsUsed();
        assertTrue(node > RecursionShape.PUBLIC_INPUTS && node < 64, "node rows " + node);
        int scheduler = SchedulerCircuit.build(key, key, key, recursion, Aggregation.LOG_ROWS).rowsUsed();
        assertTrue(scheduler > SchedulerCircuit.PUBLIC_INPUTS && scheduler < 64, "scheduler rows " + scheduler);
    }
}
