package io.proofline.circuits.aggregation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.proofline.circuits.base.CircuitType;
import io.proofline.field.Goldilocks;
import io.proofline.poseidon2.Digest;
import org.junit.jupiter.api.Test;

/** The circuits' input values: own inputs first, then each slot's check inputs as one block. */
class CircuitInputsTests {

    private static final Digest A = new Digest(1, 2, 3, 4);
    private static final Digest B = new Digest(5, 6, 7, 8);

    @Test
    void ownInputsComeFirstThenEachSlotsCheckInputs() {
        assertArrayEquals(new long[] {1, 2, 3, 4, 5, 6, 7, 8, 1, 10, 11, 20, 21},
                LeafCircuit.inputs(A, B, true, new long[] {10, 11}, new long[] {20, 21}));
        assertArrayEquals(new long[] {2, 1, 2, 3, 4, 5, 6, 7, 8, 0, 1, 0, 10, 20},
                NodeCircuit.inputs(2, A, B, false, true, false, new long[] {10}, new long[] {20}));
        assertArrayEquals(new long[] {7, 3, 1, 0, 10, 20},
                SchedulerCircuit.inputs(7, 3, true, false, new long[] {10}, new long[] {20}));
    }

    @Test
    void slotsWithCheckInputsOfDifferentLengthsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LeafCircuit.inputs(A, B, true, new long[] {10, 11}, new long[] {20}));
        assertEquals("check inputs of one slot have 1 values, another slot's 2", e.getMessage());
    }

    @Test
    void nonCanonicalValuesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SchedulerCircuit.inputs(Goldilocks.P, 3, true, false, new long[] {10}, new long[] {20}));
        assertEquals("input 0 is not a canonical field element: " + Long.toUnsignedString(Goldilocks.P), e.getMessage());
    }

    @Test
    void aCheckReturningAnotherNumberOfPublicInputsIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LeafCircuit.build(
                CircuitType.TRANSFER_EXECUTION, A, new UncheckedInnerProof(16), Aggregation.LOG_ROWS));
        assertEquals("transfer_execution proof has 24 public inputs, the check returned 16", e.getMessage());
        IllegalArgumentException node = assertThrows(IllegalArgumentException.class,
                () -> NodeCircuit.build(new UncheckedInnerProof(32), Aggregation.LOG_ROWS));
        assertEquals("a leaf or node proof has 33 public inputs, the check returned 32", node.getMessage());
    }
}
