package io.proofline.circuits.aggregation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.proofline.circuits.base.CircuitType;
import io.proofline.fri.FriParameters;
import io.proofline.plonkish.Circuit;
import io.proofline.plonkish.CircuitBuilder;
import io.proofline.plonkish.ProverConfig;
import io.proofline.plonkish.Setup;
import io.proofline.plonkish.VerificationKey;
import io.proofline.plonkish.gates.Gate;
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
            assertEquals(List.of(Gate.all()), c.gates());
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
}
