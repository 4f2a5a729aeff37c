package io.proofline.plonkish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.backend.ProverBackend;
import io.proofline.field.Goldilocks;
import io.proofline.field.TwoAdicRoots;
import io.proofline.fri.FriParameters;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each way a setup can differ from its circuit is named; an honest setup, also after a round trip to disk, passes. */
class SetupCheckTests {

    /** Few queries: these tests commit setups but never prove. */
    private static final ProverConfig CONFIG = new ProverConfig(ProverBackend.java(), new FriParameters(3, 3, 0, 3, 1, 1), 9);
    private static final Geometry GEOMETRY = Geometry.standard(6);

    private static Circuit circuit;
    private static SetupData honest;

    @BeforeAll
    static void setup() {
        circuit = TestCircuits.everyGate(GEOMETRY);
        honest = Setup.generate(circuit, CONFIG);
    }

    @Test
    void anHonestSetupMatchesItsCircuit() {
        assertEquals(Optional.empty(), SetupCheck.difference(circuit, honest));
        assertEquals(Optional.empty(), SetupCheck.difference(circuit, SetupCodec.decode(SetupCodec.encode(honest), CONFIG)));
        assertEquals(Optional.empty(), SetupCheck.difference(TestCircuits.everyGate(GEOMETRY), honest), "a rebuilt circuit");
    }

    @Test
    void anotherGeometryIsNamed() {
        SetupData larger = Setup.generate(TestCircuits.everyGate(Geometry.standard(7)), CONFIG);
        assertEquals("geometry " + Geometry.standard(7) + " differs from the circuit's " + GEOMETRY,
                SetupCheck.difference(circuit, larger).orElseThrow());
    }

    @Test
    void otherGatesAreNamed() {
        CircuitBuilder b = new CircuitBuilder(GEOMETRY);
        b.publicInput(b.mul(b.input(), b.input()));
        SetupData fewer = Setup.generate(b.build(), CONFIG);
        assertEquals("gates [fma, constant, public_input] differ from the circuit's "
                        + circuit.gates().stream().map(io.proofline.plonkish.gates.Gate::name).toList(),
                SetupCheck.difference(circuit, fewer).orElseThrow());
    }

    @Test
    void movedOrMissingPublicInputsAreNamed() {
        int[] rows = circuit.publicInputRows();
        int[] swapped = rows.clone();
        swapped[0] = rows[1];
        swapped[1] = rows[0];
        assertEquals("public-input rows differ from the circuit's: public input 0 is read at row " + rows[1]
                + ", the circuit's at row " + rows[0], SetupCheck.difference(circuit, recommit(honest.columns(), swapped)).orElseThrow());
        assertEquals((rows.length - 1) + " public inputs differ from the circuit's " + rows.length,
                SetupCheck.difference(circuit, recommit(honest.columns(), Arrays.copyOf(rows, rows.length - 1))).orElseThrow());
    }

    @Test
    void aChangedConstantIsNamed() {
        long[][] columns = copy(honest.columns());
        int row = firstNonZero(columns[1]);
        columns[1][row] = Goldilocks.add(columns[1][row], 1);
        assertEquals("constant column 1 differs from the circuit's at row " + row + " (1 cell differs)",
                SetupCheck.difference(circuit, recommit(columns, circuit.publicInputRows())).orElseThrow());
    }

    @Test
    void aChangedSelectorIsNamed() {
        long[][] columns = copy(honest.columns());
        int selector = circuit.gates().indexOf(io.proofline.plonkish.gates.BooleanGate.INSTANCE);
        long[] column = columns[GEOMETRY.constantColumns() + selector];
        int row = firstNonZero(column);
        column[row] = 0;
        assertEquals("selector column " + selector + " (gate boolean) differs from the circuit's at row " + row + " (1 cell differs)",
                SetupCheck.difference(circuit, recommit(columns, circuit.publicInputRows())).orElseThrow());
    }

    @Test
    void identitySigmasAreNamed() {
        long[][] columns = copy(honest.columns());
        int first = GEOMETRY.constantColumns() + circuit.gates().size();
        long[] omega = TwoAdicRoots.powers(GEOMETRY.logRows());
        int differing = 0;
        int firstRow = -1;
        for (int c = 0; c < GEOMETRY.copyColumns(); c++) {
            long shift = Goldilocks.pow(Goldilocks.GENERATOR, c);
            for (int r = 0; r < GEOMETRY.rows(); r++) {
                long identity = Goldilocks.mul(shift, omega[r]);
                if (columns[first + c][r] != identity) {
                    differing++;
                    firstRow = firstRow < 0 && c == 0 ? r : firstRow;
                }
                columns[first + c][r] = identity;
            }
        }
        assertTrue(firstRow >= 0, "the circuit copies a cell of column 0");
        assertEquals("sigma column 0 (copy constraints) differs from the circuit's at row " + firstRow + " (" + differing
                + " cells differ)", SetupCheck.difference(circuit, recommit(columns, circuit.publicInputRows())).orElseThrow());
    }

    @Test
    void anExtraColumnIsNamed() {
        long[][] columns = Arrays.copyOf(copy(honest.columns()), honest.columns().length + 1);
        columns[columns.length - 1] = new long[GEOMETRY.rows()];
        assertEquals(columns.length + " setup columns differ from the circuit's " + honest.columns().length,
                SetupCheck.difference(circuit, recommit(columns, circuit.publicInputRows())).orElseThrow());
    }

    /** A setup whose key commits to {@code columns} and {@code rows}: consistent in itself, as a forger would write it. */
    private static SetupData recommit(long[][] columns, int[] rows) {
        return Setup.commit(GEOMETRY, CONFIG, honest.key().gates(), rows, columns);
    }

    private static long[][] copy(long[][] columns) {
        return Arrays.stream(columns).map(long[]::clone).toArray(long[][]::new);
    }

    private static int firstNonZero(long[] column) {
        for (int r = 0; r < column.length; r++) {
            if (column[r] != 0) {
                return r;
            }
        }
        throw new AssertionError("an all-zero column");
    }
}
