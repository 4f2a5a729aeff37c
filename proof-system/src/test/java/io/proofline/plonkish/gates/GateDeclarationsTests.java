package io.proofline.plonkish.gates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What each gate declares about itself against what its constraints do. The declarations are
 * what the rest of the system trusts: the degree sizes the quotient's domain and is checked
 * against the geometry, the cell and constant counts lay out rows, and the names are written in
 * verification keys.
 */
class GateDeclarationsTests {

    @Test
    void everyGateDeclaresTheDegreeAndCountOfItsConstraints() {
        for (Gate gate : Gate.all()) {
            int[] constraints = {0};
            int[] degree = {0};
            gate.evaluate(DegreeAlgebra.INSTANCE, new DeclaredCells(gate), d -> {
                constraints[0]++;
                degree[0] = Math.max(degree[0], d);
            });
            assertEquals(gate.degree(), degree[0], gate.name() + ": the largest total degree of its constraints");
            assertEquals(gate.constraints(), constraints[0], gate.name() + ": constraints per instance");
        }
    }

    @Test
    void everyGateReadsEachCellAndConstantItDeclaresAndNoOther() {
        for (Gate gate : Gate.all()) {
            DeclaredCells cells = new DeclaredCells(gate);
            gate.evaluate(DegreeAlgebra.INSTANCE, cells, d -> { });
            cells.assertAllRead();
        }
    }

    @Test
    void theGateNamesAreTheOnesVerificationKeysHold() {
        assertEquals(List.of("fma", "ext_fma", "constant", "public_input", "boolean", "bit_decomposition", "select",
                        "conditional_swap", "zero_check", "poseidon2", "merkle_level", "range_62"),
                Arrays.stream(Gate.all()).map(Gate::name).toList());
        for (Gate gate : Gate.all()) {
            assertEquals(gate, Gate.byName(gate.name()));
        }
    }

    @Test
    void aRowHoldsAGateExactlyWhenItsCellsAndConstantsFit() {
        assertEquals(1, PublicInputGate.INSTANCE.instancesPerRow(1, 0, 1));
        assertEquals(1, MerkleLevelGate.INSTANCE.instancesPerRow(MerkleLevelGate.INSTANCE.copyCells(),
                MerkleLevelGate.INSTANCE.witnessCells(), 1));
        assertEquals(1, Poseidon2Gate.INSTANCE.instancesPerRow(Poseidon2Gate.INSTANCE.copyCells(),
                Poseidon2Gate.INSTANCE.witnessCells(), 1));
        // a gate with row constants needs that many constant columns
        assertEquals(12, FmaGate.INSTANCE.instancesPerRow(48, 0, 2));
        assertEquals(0, FmaGate.INSTANCE.instancesPerRow(48, 0, 1));
        assertEquals(0, ExtFmaGate.INSTANCE.instancesPerRow(48, 0, 1));
        // one constant column per instance, after the row's
        assertEquals(3, ConstantGate.INSTANCE.instancesPerRow(24, 0, 3));
    }

    /** Polynomial degree in the cells, constants and public input, each of degree 1; literals are 0. */
    private enum DegreeAlgebra implements Algebra<Integer> {
        INSTANCE;

        @Override
        public Integer add(Integer a, Integer b) {
            return Math.max(a, b);
        }

        @Override
        public Integer sub(Integer a, Integer b) {
            return Math.max(a, b);
        }

        @Override
        public Integer mul(Integer a, Integer b) {
            return a + b;
        }

        @Override
        public Integer constant(long c) {
            return 0;
        }

        @Override
        public Integer scale(Integer a, long c) {
            return a;
        }
    }

    /** Cells of degree 1 that refuse an index beyond the gate's declaration and remember which were read. */
    private static final class DeclaredCells implements GateCells<Integer> {

        private final Gate gate;
        private final boolean[] copy;
        private final boolean[] witness;
        private final boolean[] rowConstant;
        private final boolean[] instanceConstant;

        DeclaredCells(Gate gate) {
            this.gate = gate;
            copy = new boolean[gate.copyCells()];
            witness = new boolean[gate.witnessCells()];
            rowConstant = new boolean[gate.rowConstants()];
            instanceConstant = new boolean[gate.instanceConstants()];
        }

        @Override
        public Integer copy(int i) {
            return read(copy, i, "copy cell");
        }

        @Override
        public Integer witness(int i) {
            return read(witness, i, "witness cell");
        }

        @Override
        public Integer rowConstant(int i) {
            return read(rowConstant, i, "row constant");
        }

        @Override
        public Integer instanceConstant(int i) {
            return read(instanceConstant, i, "instance constant");
        }

        @Override
        public Integer publicInput() {
            return 1;
        }

        private Integer read(boolean[] declared, int i, String what) {
            assertTrue(i >= 0 && i < declared.length, gate.name() + " reads " + what + " " + i + " of " + declared.length + " declared");
            declared[i] = true;
            return 1;
        }

        void assertAllRead() {
            check(copy, "copy cell");
            check(witness, "witness cell");
            check(rowConstant, "row constant");
            check(instanceConstant, "instance constant");
        }

        private void check(boolean[] read, String what) {
            for (int i = 0; i < read.length; i++) {
                assertTrue(read[i], gate.name() + " declares " + what + " " + i + " but its constraints never read it");
            }
        }
    }
}
