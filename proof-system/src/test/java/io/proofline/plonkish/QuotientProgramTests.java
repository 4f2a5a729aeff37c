package io.proofline.plonkish;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.backend.ColumnMatrix;
import io.proofline.backend.QuotientProgram;
import io.proofline.field.Ext2;
import io.proofline.field.RandomElements;
import io.proofline.plonkish.gates.Gate;
import java.lang.foreign.Arena;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The quotient compiled into a program ({@link QuotientProgramCompiler}) against the prover's
 * own evaluator ({@link QuotientEvaluator}, whose Poseidon2 gate runs on its vector kernel where
 * the Vector API is present): the same values on random extensions, every gate kind present, so
 * that no gate constraint, selector, alpha power or permutation term can be lost or altered in
 * the program without a difference.
 */
class QuotientProgramTests {

    private final SplittableRandom rnd = new SplittableRandom(20261206);

    private Ext2 randomExt() {
        long[] e = RandomElements.elements(rnd, 2);
        return new Ext2(e[0], e[1]);
    }

    @Test
    void theProgramComputesWhatTheProversEvaluatorDoes() {
        // maximal degree 8 (7 blocks of a blowup of 8, with Poseidon2) and 4 (3 of 4, without)
        // 2^6 rows: blocks of 64 points, a multiple of the round-check kernels' lanes, so those kernels run
        for (Geometry g : List.of(Geometry.standard(6), new Geometry(9, 0, 3, 3, 4))) {
            List<Gate> gates = Arrays.stream(Gate.all())
                    .filter(gate -> GateTerms.capacity(g, gate) > 0)
                    .toList();
            int logBlowup = 32 - Integer.numberOfLeadingZeros(g.quotientChunks() - 1);
            int length = 1 << g.logRows() + logBlowup;
            int rows = g.quotientChunks() << g.logRows();
            int setupColumns = g.constantColumns() + gates.size() + g.copyColumns();
            int witnessColumns = g.copyColumns() + g.witnessColumns();
            int productColumns = 2 * g.permutationProducts();
            try (Arena arena = Arena.ofShared()) {
                // one more step of blowup than the domain: the program reads only the first rows
                ColumnMatrix setup = ColumnMatrix.copyOf(arena, RandomElements.columns(rnd, setupColumns, 2 * length));
                ColumnMatrix witness = ColumnMatrix.copyOf(arena, RandomElements.columns(rnd, witnessColumns, 2 * length));
                ColumnMatrix products = ColumnMatrix.copyOf(arena, RandomElements.columns(rnd, productColumns, 2 * length));
                long[] publicInput = RandomElements.columns(rnd, 1, length)[0];
                Ext2 alpha = randomExt();
                Ext2 beta = randomExt();
                Ext2 gamma = randomExt();

                long[][] expected = new QuotientEvaluator(g, gates, QuotientDomainColumns.of(setup, rows),
                        QuotientDomainColumns.of(witness, rows), QuotientDomainColumns.of(products, rows), publicInput,
                        logBlowup, g.quotientChunks()).evaluate(alpha, beta, gamma);
                QuotientProgram program = QuotientProgramCompiler.compile(g, gates, alpha, beta, gamma);
                long[][] actual = program.evaluate(List.of(setup, witness, products), publicInput, g.logRows(), logBlowup, rows,
                        Domains.SHIFT);
                assertArrayEquals(expected[0], actual[0], g + ": c0");
                assertArrayEquals(expected[1], actual[1], g + ": c1");
                assertEquals(setupColumns, program.columnsRead()[QuotientProgram.SETUP], g + ": every setup column read");
                assertEquals(witnessColumns, program.columnsRead()[QuotientProgram.WITNESS], g + ": every witness column read");
                assertEquals(productColumns, program.columnsRead()[QuotientProgram.PRODUCTS], g + ": every product read");
            }
        }
    }

    @Test
    void foldingLeavesNoOperationOnConstantsAlone() {
        Geometry g = Geometry.standard(4);
        List<Gate> gates = List.of(Gate.all());
        QuotientProgram program = QuotientProgramCompiler.compile(g, gates, randomExt(), randomExt(), randomExt());
        int[] counts = program.opcodeCounts();
        // constants live in the instructions that use them, so none needs a register
        assertEquals(0, counts[QuotientProgram.CONST], program.toString());
        assertEquals(1, counts[QuotientProgram.OUT], program.toString());
        assertEquals(1, counts[QuotientProgram.L0], program.toString());
        assertEquals(1, counts[QuotientProgram.X], program.toString());
        assertTrue(program.registers() <= QuotientProgram.MAX_REGISTERS, program.toString());
        // repeated loads are made once: at most one per column of each extension, and two next-row values
        int columns = g.constantColumns() + gates.size() + g.copyColumns() + g.copyColumns() + g.witnessColumns()
                + 2 * g.permutationProducts() + 1;
        assertTrue(counts[QuotientProgram.COLUMN] + counts[QuotientProgram.PUBLIC] <= columns, program.toString());
        assertEquals(2, counts[QuotientProgram.NEXT], program.toString());
    }

    @Test
    void malformedProgramsAreRefused() {
        long[] k = {5};
        int[] good = {QuotientProgram.X, 0, 0, 0, QuotientProgram.MUL_CONST, 1, 0, 0, QuotientProgram.OUT, 0, 0, 1};
        assertFalse(new QuotientProgram(good, k, 2).toString().isEmpty());
        // a register read before it is written
        assertThrows(IllegalArgumentException.class, () -> new QuotientProgram(
                new int[] {QuotientProgram.X, 0, 0, 0, QuotientProgram.ADD, 1, 0, 1, QuotientProgram.OUT, 0, 0, 1}, k, 2));
        // a constant, a register, an extension out of range
        assertThrows(IllegalArgumentException.class, () -> new QuotientProgram(
                new int[] {QuotientProgram.X, 0, 0, 0, QuotientProgram.MUL_CONST, 1, 0, 1, QuotientProgram.OUT, 0, 0, 1}, k, 2));
        assertThrows(IllegalArgumentException.class, () -> new QuotientProgram(good, k, 1));
        assertThrows(IllegalArgumentException.class, () -> new QuotientProgram(
                new int[] {QuotientProgram.COLUMN, 0, 3, 0, QuotientProgram.OUT, 0, 0, 0}, k, 1));
        // an unknown opcode, no OUT, OUT before the end, registers beyond the limit
        assertThrows(IllegalArgumentException.class, () -> new QuotientProgram(
                new int[] {99, 0, 0, 0, QuotientProgram.OUT, 0, 0, 0}, k, 1));
        assertThrows(IllegalArgumentException.class, () -> new QuotientProgram(Arrays.copyOf(good, 8), k, 2));
        assertThrows(IllegalArgumentException.class, () -> new QuotientProgram(
                new int[] {QuotientProgram.X, 0, 0, 0, QuotientProgram.OUT, 0, 0, 0, QuotientProgram.X, 0, 0, 0}, k, 1));
        assertThrows(IllegalArgumentException.class, () -> new QuotientProgram(good, k, QuotientProgram.MAX_REGISTERS + 1));
    }
}
