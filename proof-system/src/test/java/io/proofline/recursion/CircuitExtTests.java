package io.proofline.recursion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.field.Ext2;
import io.proofline.field.Goldilocks;
import io.proofline.plonkish.Circuit;
import io.proofline.plonkish.CircuitBuilder;
import io.proofline.plonkish.Geometry;
import io.proofline.plonkish.SatisfiabilityChecker;
import io.proofline.plonkish.SatisfiabilityReport;
import io.proofline.plonkish.Variable;
import io.proofline.plonkish.WitnessVector;
import io.proofline.plonkish.gates.ExtAlgebra;
import io.proofline.plonkish.gates.Gate;
import io.proofline.plonkish.gates.GateCells;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/** Extension arithmetic in circuit agrees with {@link Ext2}, and so does every gate evaluated through {@link ExtVarAlgebra}. */
class CircuitExtTests {

    private static final Geometry GEOMETRY = Geometry.standard(12);
    private final SplittableRandom random = new SplittableRandom(7);

    private Ext2 randomExt() {
        return new Ext2(Goldilocks.canonical(random.nextLong()), Goldilocks.canonical(random.nextLong()));
    }

    /** Builds {@code op} over two inputs, exposes the result and checks it against {@code expected}. */
    private void agrees(String name, BiFunction<CircuitExt, ExtVar[], ExtVar> op, BiFunction<Ext2, Ext2, Ext2> expected) {
        CircuitBuilder b = new CircuitBuilder(GEOMETRY);
        CircuitExt ext = new CircuitExt(b);
        ExtVar x = ext.input();
        ExtVar y = ext.input();
        ExtVar r = op.apply(ext, new ExtVar[] {x, y});
        b.publicInput(r.c0());
        b.publicInput(r.c1());
        Circuit circuit = b.build();
        for (int trial = 0; trial < 4; trial++) {
            Ext2 a = randomExt();
            Ext2 c = randomExt();
            WitnessVector w = circuit.resolve(new long[] {a.c0(), a.c1(), c.c0(), c.c1()});
            SatisfiabilityReport report = SatisfiabilityChecker.check(circuit, w);
            assertTrue(report.satisfied(), name + ": " + report);
            assertEquals(expected.apply(a, c), new Ext2(w.publicInputs()[0], w.publicInputs()[1]), name);
        }
    }

    @Test
    void arithmeticAgreesWithTheNativeExtension() {
        agrees("add", (e, v) -> e.add(v[0], v[1]), Ext2::add);
        agrees("sub", (e, v) -> e.sub(v[0], v[1]), Ext2::sub);
        agrees("mul", (e, v) -> e.mul(v[0], v[1]), Ext2::mul);
        agrees("mulAdd", (e, v) -> e.mulAdd(v[0], v[1], v[0]), (a, c) -> a.mul(c).add(a));
        agrees("scale", (e, v) -> e.scale(v[0], 12345), (a, c) -> a.mul(12345));
        agrees("mulBase", (e, v) -> e.mulBase(v[0], v[1].c0()), (a, c) -> a.mul(c.c0()));
        agrees("div", (e, v) -> e.div(v[0], v[1]), (a, c) -> a.mul(c.inverse()));
        agrees("pow", (e, v) -> e.pow(v[0], 1_000_003), (a, c) -> a.pow(1_000_003));
        agrees("pow0", (e, v) -> e.pow(v[0], 0), (a, c) -> Ext2.ONE);
        agrees("constant", (e, v) -> e.add(v[0], e.constant(new Ext2(3, 4))), (a, c) -> a.add(new Ext2(3, 4)));
    }

    /** Both forms of {@code assertEqual} hold for equal values and fail when either component alone differs. */
    @Test
    void equalityChecksBothComponents() {
        for (boolean labeled : new boolean[] {false, true}) {
            CircuitBuilder b = new CircuitBuilder(GEOMETRY);
            CircuitExt ext = new CircuitExt(b);
            ExtVar x = ext.input();
            ExtVar y = ext.input();
            if (labeled) {
                ext.assertEqual(x, y, "the two values differ");
            } else {
                ext.assertEqual(x, y);
            }
            Circuit circuit = b.build();
            assertTrue(SatisfiabilityChecker.check(circuit, circuit.resolve(new long[] {5, 6, 5, 6})).satisfied());
            for (long[] inputs : new long[][] {{5, 6, 7, 6}, {5, 6, 5, 7}}) {
                SatisfiabilityReport report = SatisfiabilityChecker.check(circuit, circuit.resolve(inputs));
                assertFalse(report.satisfied(), (labeled ? "labeled: " : "") + Arrays.toString(inputs));
                if (labeled) {
                    assertTrue(report.toString().startsWith("check failed: the two values differ"), report.toString());
                }
            }
        }
    }

    @Test
    void zeroHasNoInverse() {
        CircuitBuilder b = new CircuitBuilder(GEOMETRY);
        CircuitExt ext = new CircuitExt(b);
        ext.inverse(ext.input());
        Circuit circuit = b.build();
        SatisfiabilityReport report = SatisfiabilityChecker.check(circuit, circuit.resolve(new long[] {0, 0}));
        assertFalse(report.satisfied());
        assertTrue(report.toString().contains("copy constraint"), report.toString());
    }

    @Test
    void selectPicksByBitAndRefusesANonBoolean() {
        CircuitBuilder b = new CircuitBuilder(GEOMETRY);
        CircuitExt ext = new CircuitExt(b);
        Variable bit = b.input();
        ExtVar r = ext.select(bit, ext.constant(new Ext2(1, 2)), ext.constant(new Ext2(3, 4)));
        b.publicInput(r.c0());
        b.publicInput(r.c1());
        Circuit circuit = b.build();
        WitnessVector one = circuit.resolve(new long[] {1});
        assertTrue(SatisfiabilityChecker.check(circuit, one).satisfied());
        assertEquals(List.of(1L, 2L), List.of(one.publicInputs()[0], one.publicInputs()[1]));
        WitnessVector zero = circuit.resolve(new long[] {0});
        assertEquals(List.of(3L, 4L), List.of(zero.publicInputs()[0], zero.publicInputs()[1]));
        assertFalse(SatisfiabilityChecker.check(circuit, circuit.resolve(new long[] {2})).satisfied());
    }

    /**
     * Every gate kind's constraints, evaluated in circuit on random extension values, equal
     * the native verifier's evaluation: the recursive verifier states exactly the gates' identity.
     */
    @Test
    void everyGateEvaluatesInCircuitAsTheNativeVerifierDoes() {
        for (Gate gate : Gate.all()) {
            int cells = gate.copyCells() + gate.witnessCells() + gate.rowConstants() + gate.instanceConstants() + 1;
            List<Ext2> values = new ArrayList<>();
            for (int i = 0; i < cells; i++) {
                values.add(randomExt());
            }
            List<Ext2> nativeOut = new ArrayList<>();
            gate.evaluate(ExtAlgebra.INSTANCE, cellsOf(gate, values), nativeOut::add);

            CircuitBuilder b = new CircuitBuilder(GEOMETRY);
            CircuitExt ext = new CircuitExt(b);
            List<ExtVar> vars = new ArrayList<>();
            for (int i = 0; i < cells; i++) {
                vars.add(ext.input());
            }
            List<ExtVar> circuitOut = new ArrayList<>();
            gate.evaluate(new ExtVarAlgebra(ext), cellsOf(gate, vars), circuitOut::add);
            for (ExtVar v : circuitOut) {
                b.publicInput(v.c0());
                b.publicInput(v.c1());
            }
            Circuit circuit = b.build();
            long[] inputs = new long[2 * cells];
            for (int i = 0; i < cells; i++) {
                inputs[2 * i] = values.get(i).c0();
                inputs[2 * i + 1] = values.get(i).c1();
            }
            WitnessVector w = circuit.resolve(inputs);
            assertTrue(SatisfiabilityChecker.check(circuit, w).satisfied(), gate.name());
            assertEquals(nativeOut.size(), circuitOut.size(), gate.name());
            for (int i = 0; i < nativeOut.size(); i++) {
                assertEquals(nativeOut.get(i), new Ext2(w.publicInputs()[2 * i], w.publicInputs()[2 * i + 1]),
                        gate.name() + " constraint " + i);
            }
        }
    }

    /** Cells laid out as copy, witness, row constants, instance constants, then the public input. */
    private static <T> GateCells<T> cellsOf(Gate gate, List<T> v) {
        int witness = gate.copyCells();
        int rowConstants = witness + gate.witnessCells();
        int instanceConstants = rowConstants + gate.rowConstants();
        int publicInput = instanceConstants + gate.instanceConstants();
        return new GateCells<>() {
            @Override
            public T copy(int i) {
                return v.get(i);
            }

            @Override
            public T witness(int i) {
                return v.get(witness + i);
            }

            @Override
            public T rowConstant(int i) {
                return v.get(rowConstants + i);
            }

            @Override
            public T instanceConstant(int i) {
                return v.get(instanceConstants + i);
            }

            @Override
            public T publicInput() {
                return v.get(publicInput);
            }
        };
    }
}
