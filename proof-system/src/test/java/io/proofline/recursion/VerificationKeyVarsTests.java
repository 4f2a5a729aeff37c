package io.proofline.recursion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.field.Goldilocks;
import io.proofline.fri.FriParameters;
import io.proofline.merkle.MerkleCap;
import io.proofline.plonkish.Circuit;
import io.proofline.plonkish.CircuitBuilder;
import io.proofline.plonkish.Geometry;
import io.proofline.plonkish.NativeVerifierReplay;
import io.proofline.plonkish.SatisfiabilityChecker;
import io.proofline.plonkish.Variable;
import io.proofline.plonkish.VerificationKey;
import io.proofline.plonkish.gates.Gate;
import io.proofline.poseidon2.Digest;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The key's commitment computed in circuit from its structure and its cap as witness equals {@link VerificationKey#commitment()}. */
class VerificationKeyVarsTests {

    private static final Geometry CIRCUIT_GEOMETRY = Geometry.standard(8);
    private final SplittableRandom random = new SplittableRandom(11);

    private MerkleCap randomCap(int roots) {
        List<Digest> digests = new ArrayList<>();
        for (int i = 0; i < roots; i++) {
            digests.add(new Digest(element(), element(), element(), element()));
        }
        return new MerkleCap(digests);
    }

    private long element() {
        return Goldilocks.canonical(random.nextLong());
    }

    /** The commitment the circuit computes for {@code key}'s cap, with the circuit built for {@code shape}. */
    private static Digest commitmentInCircuit(VerificationKey shape, VerificationKey key) {
        CircuitBuilder b = new CircuitBuilder(CIRCUIT_GEOMETRY);
        VerificationKeyVars vars = VerificationKeyVars.allocate(b, shape);
        Variable[] commitment = vars.commitment(b);
        Circuit circuit = b.build();
        long[] inputs = vars.values(key);
        assertTrue(SatisfiabilityChecker.check(circuit, circuit.resolve(inputs)).satisfied());
        long[] values = circuit.resolveVariables(inputs);
        return new Digest(values[commitment[0].index()], values[commitment[1].index()], values[commitment[2].index()],
                values[commitment[3].index()]);
    }

    @Test
    void theCommitmentOfARealKeyIsTheNativeOne() {
        VerificationKey key = NativeVerifierReplay.fixture().key();
        assertEquals(key.commitment(), commitmentInCircuit(key, key));
    }

    /**
     * Public-input counts 0 to 8 move the cap's first word through every position of a sponge
     * chunk, and cap sizes 1 to 16 make the last chunk full or partial: the natively absorbed
     * constant prefix and the chunks absorbed in circuit meet at every possible offset.
     */
    @Test
    void theCommitmentMatchesAtEveryChunkOffsetAndCapSize() {
        for (int publicInputs = 0; publicInputs <= 8; publicInputs++) {
            for (int logCap = 0; logCap <= 4; logCap++) {
                int[] rows = new int[publicInputs];
                for (int i = 0; i < rows.length; i++) {
                    rows[i] = 3 * i + 1;
                }
                VerificationKey key = new VerificationKey(Geometry.standard(10), new FriParameters(3, 28, 16, 3, 5, logCap),
                        List.of(Gate.all()), rows, randomCap(1 << logCap));
                assertEquals(key.commitment(), commitmentInCircuit(key, key), publicInputs + " public inputs, cap 2^" + logCap);
            }
        }
    }

    @Test
    void anotherCapOfTheSameStructureGivesThatKeysCommitment() {
        VerificationKey shape = NativeVerifierReplay.fixture().key();
        for (int root = 0; root < shape.setupCap().roots().size(); root++) {
            List<Digest> roots = new ArrayList<>(shape.setupCap().roots());
            Digest d = roots.get(root);
            roots.set(root, new Digest(d.e0(), d.e1(), Goldilocks.add(d.e2(), 1), d.e3()));
            VerificationKey other = new VerificationKey(shape.geometry(), shape.fri(), shape.gates(), shape.publicInputRows(),
                    new MerkleCap(roots));
            Digest inCircuit = commitmentInCircuit(shape, other);
            assertEquals(other.commitment(), inCircuit, "root " + root);
            assertNotEquals(shape.commitment(), inCircuit, "root " + root);
        }
    }

    @Test
    void aKeyOfAnotherStructureIsRefused() {
        VerificationKey shape = NativeVerifierReplay.fixture().key();
        CircuitBuilder b = new CircuitBuilder(CIRCUIT_GEOMETRY);
        VerificationKeyVars vars = VerificationKeyVars.allocate(b, shape);
        List<VerificationKey> others = List.of(
                new VerificationKey(Geometry.standard(7), shape.fri(), shape.gates(), shape.publicInputRows(), shape.setupCap()),
                new VerificationKey(shape.geometry(), new FriParameters(3, 13, 4, 3, 2, 2), shape.gates(),
                        shape.publicInputRows(), shape.setupCap()),
                new VerificationKey(shape.geometry(), shape.fri(), shape.gates().subList(1, shape.gates().size()),
                        shape.publicInputRows(), shape.setupCap()),
                new VerificationKey(shape.geometry(), shape.fri(), shape.gates(), new int[] {1, 2}, shape.setupCap()),
                new VerificationKey(shape.geometry(), shape.fri(), shape.gates(), shape.publicInputRows(), randomCap(2)));
        for (VerificationKey other : others) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> vars.values(other));
            assertTrue(e.getMessage().contains("is not the one this circuit was built for"), e.getMessage());
        }
        assertEquals(4 * shape.setupCap().roots().size(), vars.values(shape).length);
    }
}
