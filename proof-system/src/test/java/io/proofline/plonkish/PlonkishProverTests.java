package io.proofline.plonkish;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.backend.ProverBackend;
import io.proofline.field.Goldilocks;
import io.proofline.fri.FriParameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PlonkishProverTests {

    static final ProverConfig CONFIG = new ProverConfig(ProverBackend.java(), new FriParameters(3, 12, 4, 3, 2, 2));
    static final Geometry GEOMETRY = Geometry.standard(6);

    static Circuit circuit;
    static SetupData setup;
    static long[] inputs;
    static WitnessVector witness;
    static PlonkishProof proof;

    @BeforeAll
    static void proveOnce() {
        circuit = TestCircuits.everyGate(GEOMETRY);
        setup = Setup.generate(circuit, CONFIG);
        inputs = TestCircuits.everyGateInputs(7);
        witness = circuit.resolve(inputs);
        proof = new PlonkishProver(CONFIG).prove(circuit, setup, witness);
    }

    @Test
    void satisfiedCircuitProvesAndVerifies() {
        assertDoesNotThrow(() -> PlonkishVerifier.verify(setup.key(), witness.publicInputs(), proof));
    }

    @Test
    void changedPublicInputsFailVerification() {
        for (int i = 0; i < witness.publicInputs().length; i++) {
            long[] changed = witness.publicInputs().clone();
            changed[i] = Goldilocks.add(changed[i], 1);
            assertThrows(VerificationException.class, () -> PlonkishVerifier.verify(setup.key(), changed, proof), "public input " + i);
        }
    }

    @Test
    void oneWrongCellInAnyGateIsRefusedByTheProverAndCannotVerify() {
        PlonkishProver prover = new PlonkishProver(CONFIG);
        for (io.proofline.plonkish.gates.Gate gate : circuit.gates()) {
            WitnessVector bad = TestCircuits.breakGate(circuit, witness, gate);
            UnsatisfiedCircuitException e = assertThrows(UnsatisfiedCircuitException.class,
                    () -> prover.prove(circuit, setup, bad), gate.name());
            assertTrue(e.getMessage().contains("row") || e.getMessage().contains("copy"), e.getMessage());
            PlonkishProof forged = prover.proveUnchecked(setup, bad);
            assertThrows(VerificationException.class, () -> PlonkishVerifier.verify(setup.key(), bad.publicInputs(), forged),
                    "forged proof with a broken " + gate.name() + " gate verified");
        }
    }
}
