package io.proofline.plonkish;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.field.Goldilocks;
import io.proofline.plonkish.gates.Gate;
import io.proofline.plonkish.gates.MerkleLevelGate;
import io.proofline.plonkish.gates.Range62Gate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CircuitBuilderTests {

    private static final Geometry GEOMETRY = Geometry.standard(6);

    @Test
    void everyGateCircuitIsSatisfiedAndComputesTheMerkleRoot() {
        Circuit circuit = TestCircuits.everyGate(GEOMETRY);
        // every kind but merkle_level and range_62, which came after the golden proofs of this circuit (wideRowGates has them)
        assertEquals(Arrays.stream(Gate.all()).filter(g -> g != MerkleLevelGate.INSTANCE && g != Range62Gate.INSTANCE).toList(),
                circuit.gates());
        long[] inputs = TestCircuits.everyGateInputs(1);
        WitnessVector w = circuit.resolve(inputs);
        SatisfiabilityReport report = SatisfiabilityChecker.check(circuit, w);
        assertTrue(report.satisfied(), report.toString());
        assertArrayEquals(TestCircuits.expectedRoot(inputs).toArray(), Arrays.copyOf(w.publicInputs(), 4));
        long a = inputs[4 + 4 * TestCircuits.DEPTH + TestCircuits.DEPTH];
        long b = inputs[4 + 4 * TestCircuits.DEPTH + TestCircuits.DEPTH + 1];
        long c = inputs[4 + 4 * TestCircuits.DEPTH + TestCircuits.DEPTH + 2];
        assertEquals(Goldilocks.add(Goldilocks.mul(3, Goldilocks.mul(a, b)), Goldilocks.mul(5, c)), w.publicInputs()[4]);
        assertEquals(1, w.publicInputs()[6], "isZero(0)");
        assertEquals(0, w.publicInputs()[7], "isZero(y != 0)");
    }

    @Test
    void merkleLevelRowsComputeTheSameRootAsSwapsAndPermutations() {
        Circuit circuit = TestCircuits.wideRowGates(GEOMETRY);
        Circuit twoRowLevels = TestCircuits.everyGate(GEOMETRY);
        for (long seed = 1; seed <= 4; seed++) {
            long[] inputs = TestCircuits.wideRowGatesInputs(seed);
            WitnessVector w = circuit.resolve(inputs);
            SatisfiabilityReport report = SatisfiabilityChecker.check(circuit, w);
            assertTrue(report.satisfied(), report.toString());
            assertArrayEquals(TestCircuits.expectedRoot(inputs).toArray(), w.publicInputs());
            assertArrayEquals(Arrays.copyOf(twoRowLevels.resolve(TestCircuits.everyGateInputs(seed)).publicInputs(), 4),
                    w.publicInputs());
        }
        // one row a level
        assertEquals(TestCircuits.DEPTH, circuit.rows().stream().filter(r -> r.gate == MerkleLevelGate.INSTANCE).count());
        for (Gate gate : List.of(MerkleLevelGate.INSTANCE, Range62Gate.INSTANCE)) {
            WitnessVector bad = TestCircuits.breakGate(circuit, circuit.resolve(TestCircuits.wideRowGatesInputs(5)), gate);
            SatisfiabilityReport report = SatisfiabilityChecker.check(circuit, bad);
            assertTrue(report.toString().startsWith("row " + circuit.firstRowOf(gate) + ", gate " + gate.name()), report.toString());
        }
    }

    @Test
    void range62RefusesValuesThatDoNotFit() {
        CircuitBuilder b = new CircuitBuilder(GEOMETRY);
        b.rangeCheck62(b.input());
        Circuit circuit = b.build();
        assertTrue(SatisfiabilityChecker.check(circuit, circuit.resolve(new long[] {(1L << 62) - 1})).satisfied());
        for (long v : new long[] {1L << 62, Goldilocks.P - 1}) {
            SatisfiabilityReport report = SatisfiabilityChecker.check(circuit, circuit.resolve(new long[] {v}));
            assertTrue(report.toString().contains("gate range_62"), v + ": " + report);
        }
    }

    @Test
    void aWrongCellInAnyGateIsReportedWithItsRow() {
        Circuit circuit = TestCircuits.everyGate(GEOMETRY);
        WitnessVector w = circuit.resolve(TestCircuits.everyGateInputs(2));
        for (Gate gate : circuit.gates()) {
            SatisfiabilityReport report = SatisfiabilityChecker.check(circuit, TestCircuits.breakGate(circuit, w, gate));
            assertFalse(report.satisfied(), gate.name());
            String expectedRow = "row " + circuit.firstRowOf(gate);
            assertTrue(report.toString().contains(expectedRow) || report.toString().contains("copy constraint"),
                    gate.name() + ": " + report);
        }
    }

    @Test
    void aBrokenGateIsNamedInTheReport() {
        Circuit circuit = TestCircuits.everyGate(GEOMETRY);
        WitnessVector w = circuit.resolve(TestCircuits.everyGateInputs(2));
        int row = circuit.firstRowOf(io.proofline.plonkish.gates.Poseidon2Gate.INSTANCE);
        WitnessVector bad = w.withCell(GEOMETRY.copyColumns() + 50, row, 5);
        SatisfiabilityReport report = SatisfiabilityChecker.check(circuit, bad);
        assertTrue(report.toString().startsWith("row " + row + ", gate poseidon2"), report.toString());
    }

    @Test
    void rangeCheckRejectsValuesThatDoNotFit() {
        CircuitBuilder b = new CircuitBuilder(new Geometry(8, 0, 4, 4, 8));
        Variable v = b.input();
        b.rangeCheck(v, 10);
        Circuit circuit = b.build();
        assertTrue(SatisfiabilityChecker.check(circuit, circuit.resolve(new long[] {1023})).satisfied());
        SatisfiabilityReport tooBig = SatisfiabilityChecker.check(circuit, circuit.resolve(new long[] {1024}));
        assertFalse(tooBig.satisfied());
    }

    @Test
    void sixtyFourBitDecompositionsAcceptEveryFieldElement() {
        // given a 64-bit decomposition (16 chained gates, no padding bits) and a 63-bit range check
        CircuitBuilder wide = new CircuitBuilder(new Geometry(8, 0, 4, 5, 8));
        Variable v = wide.input();
        Variable[] bits = wide.bits(v, 64);
        Circuit circuit = wide.build();
        CircuitBuilder narrow = new CircuitBuilder(new Geometry(8, 0, 4, 5, 8));
        narrow.rangeCheck(narrow.input(), 63);
        Circuit narrowCircuit = narrow.build();

        // when values up to the largest field element are decomposed in 64 bits
        for (long value : new long[] {Goldilocks.P - 1, 1L << 63, 0xFFFF_FFFFL, 0}) {
            // then each satisfies the circuit and its bits, least significant first, are the value's
            assertTrue(SatisfiabilityChecker.check(circuit, circuit.resolve(new long[] {value})).satisfied(),
                    Long.toUnsignedString(value));
            long[] values = circuit.resolveVariables(new long[] {value});
            for (int i = 0; i < 64; i++) {
                assertEquals((value >>> i) & 1, values[bits[i].index()], "bit " + i + " of " + Long.toUnsignedString(value));
            }
        }
        // while 2^63, a field element, is the first value that 63 bits cannot hold
        assertTrue(SatisfiabilityChecker.check(narrowCircuit, narrowCircuit.resolve(new long[] {Long.MAX_VALUE})).satisfied());
        assertFalse(SatisfiabilityChecker.check(narrowCircuit, narrowCircuit.resolve(new long[] {1L << 63})).satisfied());
        CircuitBuilder tooWide = new CircuitBuilder(new Geometry(8, 0, 4, 5, 8));
        assertThrows(IllegalArgumentException.class, () -> tooWide.bits(tooWide.input(), 65));
    }

    @Test
    void badDefinitionsAndInputsAreRejectedClearly() {
        CircuitBuilder small = new CircuitBuilder(new Geometry(4, 0, 2, 2, 8));
        Variable x = small.input();
        for (int i = 0; i < 5; i++) {
            x = small.mul(x, x);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, small::build);
        assertTrue(e.getMessage().contains("rows"), e.getMessage());

        CircuitBuilder narrow = new CircuitBuilder(new Geometry(8, 0, 2, 4, 8));
        Variable[] state = narrow.inputs(12);
        e = assertThrows(IllegalArgumentException.class, () -> narrow.poseidon2(state));
        assertTrue(e.getMessage().contains("does not fit"), e.getMessage());

        Circuit circuit = TestCircuits.everyGate(GEOMETRY);
        e = assertThrows(IllegalArgumentException.class, () -> circuit.resolve(new long[3]));
        assertTrue(e.getMessage().contains("inputs"), e.getMessage());
        long[] nonCanonical = TestCircuits.everyGateInputs(3);
        nonCanonical[0] = Goldilocks.P;
        assertThrows(IllegalArgumentException.class, () -> circuit.resolve(nonCanonical));
    }

    @Test
    void anEqualityOverVariablesNoGateHoldsIsStillEnforced() {
        // two inputs that no gate reads: without cells of their own, their equality would bind nothing
        CircuitBuilder b = new CircuitBuilder(new Geometry(8, 0, 4, 4, 8));
        Variable x = b.input();
        Variable y = b.input();
        b.assertEqual(x, y, "x equals y");
        Circuit circuit = b.build();
        assertTrue(SatisfiabilityChecker.check(circuit, circuit.resolve(new long[] {5, 5})).satisfied());
        SatisfiabilityReport report = SatisfiabilityChecker.check(circuit, circuit.resolve(new long[] {5, 6}));
        assertFalse(report.satisfied());
        assertTrue(report.toString().contains("x equals y"), report.toString());
    }
}
