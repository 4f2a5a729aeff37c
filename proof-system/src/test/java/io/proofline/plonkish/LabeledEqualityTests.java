package io.proofline.plonkish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Named equalities are reported by name, the first asserted first; unnamed ones keep the cell report. */
class LabeledEqualityTests {

    private static final Geometry GEOMETRY = Geometry.standard(4);

    /** Inputs x, y, z; asserts {@code x + 1 = y} named "first", {@code x + 2 = z} named "second", {@code y + 1 = z} unnamed. */
    private static Circuit circuit() {
        CircuitBuilder b = new CircuitBuilder(GEOMETRY);
        Variable x = b.input();
        Variable y = b.input();
        Variable z = b.input();
        Variable yy = b.add(y, b.constant(0));
        Variable zz = b.add(z, b.constant(0));
        b.assertEqual(b.add(x, b.constant(1)), yy, "first");
        b.assertEqual(b.add(x, b.constant(2)), zz, "second");
        b.assertEqual(b.add(yy, b.constant(1)), zz);
        return b.build();
    }

    private static String report(long x, long y, long z) {
        Circuit c = circuit();
        return SatisfiabilityChecker.check(c, c.resolve(new long[] {x, y, z})).toString();
    }

    @Test
    void theFirstBrokenNamedEqualityIsReportedByName() {
        assertEquals("satisfied", report(1, 2, 3));
        assertTrue(report(1, 5, 3).startsWith("check failed: first (2 at column "), report(1, 5, 3));
        assertTrue(report(1, 5, 9).startsWith("check failed: first ("), "asserted first, reported first");
        assertTrue(report(1, 2, 9).startsWith("check failed: second ("), report(1, 2, 9));
    }

    @Test
    void anUnnamedEqualityKeepsTheCellReport() {
        CircuitBuilder b = new CircuitBuilder(GEOMETRY);
        Variable x = b.input();
        b.assertEqual(b.add(x, b.constant(1)), b.add(x, b.constant(2)));
        Circuit c = b.build();
        String report = SatisfiabilityChecker.check(c, c.resolve(new long[] {4})).toString();
        assertTrue(report.startsWith("copy constraint broken: column "), report);
    }
}
