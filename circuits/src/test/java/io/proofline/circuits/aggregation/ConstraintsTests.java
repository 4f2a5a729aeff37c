package io.proofline.circuits.aggregation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.plonkish.Circuit;
import io.proofline.plonkish.CircuitBuilder;
import io.proofline.plonkish.Geometry;
import io.proofline.plonkish.SatisfiabilityChecker;
import io.proofline.plonkish.Variable;
import io.proofline.poseidon2.Digest;
import io.proofline.poseidon2.Poseidon2Hash;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The shared in-circuit pieces of the aggregation circuits, on their own. */
class ConstraintsTests {

    private static final Geometry GEOMETRY = Geometry.standard(8);

    /**
     * The sponge in circuit is {@link Poseidon2Hash#hash} at every length from none to past two
     * chunks: an empty input, partial last chunks and inputs of whole chunks alike.
     */
    @Test
    void theHashInCircuitIsTheNativeOneAtEveryLength() {
        for (int length = 0; length <= 17; length++) {
            CircuitBuilder b = new CircuitBuilder(GEOMETRY);
            Variable[] input = b.inputs(length);
            Variable[] digest = Constraints.hash(b, input);
            Circuit circuit = b.build();
            long[] values = new long[length];
            for (int i = 0; i < length; i++) {
                values[i] = 1000L * length + i;
            }
            long[] resolved = circuit.resolveVariables(values);
            Digest inCircuit = new Digest(resolved[digest[0].index()], resolved[digest[1].index()], resolved[digest[2].index()],
                    resolved[digest[3].index()]);
            assertEquals(Poseidon2Hash.hash(values), inCircuit, "length " + length);
            assertTrue(SatisfiabilityChecker.check(circuit, circuit.resolve(values)).satisfied(), "length " + length);
        }
    }

    /** Vectors of different lengths are a bug in the circuit's construction, refused when building, never truncated. */
    @Test
    void vectorsOfDifferentLengthsAreRefusedWhenBuilding() {
        refused("equal", b -> Constraints.requireEqual(b, b.inputs(4), b.inputs(3), "equal"));
        refused("equal when", b -> Constraints.requireEqualWhen(b, b.input(), b.inputs(4), b.inputs(5), "equal when"));
        refused("bound", b -> Constraints.bind(b, Constraints.allocate(b, 4), b.inputs(3), "bound"));
    }

    private static void refused(String what, Consumer<CircuitBuilder> build) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> build.accept(new CircuitBuilder(GEOMETRY)));
        assertTrue(e.getMessage().startsWith(what + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(" variables against "), e.getMessage());
    }
}
