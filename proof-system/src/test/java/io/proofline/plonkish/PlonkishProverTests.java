package io.proofline.plonkish;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.backend.ProverBackend;
import io.proofline.field.Goldilocks;
import io.proofline.fri.FriParameters;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PlonkishProverTests {

    /** 12 queries at LDE factor 8 and 4 proof-of-work bits: 40 conjectured bits on purpose, to keep the tests fast. */
    static final ProverConfig CONFIG = new ProverConfig(ProverBackend.java(), new FriParameters(3, 12, 4, 3, 2, 2), 40);
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
        assertDoesNotThrow(() -> new PlonkishVerifier(setup.key(), CONFIG.securityBits()).verify(witness.publicInputs(), proof));
    }

    @Test
    void changedPublicInputsFailVerification() {
        for (int i = 0; i < witness.publicInputs().length; i++) {
            long[] changed = witness.publicInputs().clone();
            changed[i] = Goldilocks.add(changed[i], 1);
            assertThrows(VerificationException.class,
                    () -> new PlonkishVerifier(setup.key(), CONFIG.securityBits()).verify(changed, proof), "public input " + i);
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
            assertThrows(VerificationException.class,
                    () -> new PlonkishVerifier(setup.key(), CONFIG.securityBits()).verify(bad.publicInputs(), forged),
                    "forged proof with a broken " + gate.name() + " gate verified");
        }
    }

    @Test
    void merkleLevelAndRange62RowsProveAndVerifyAndABrokenOneCannotVerify() {
        Circuit levels = TestCircuits.wideRowGates(GEOMETRY);
        SetupData levelsSetup = Setup.generate(levels, CONFIG);
        WitnessVector w = levels.resolve(TestCircuits.wideRowGatesInputs(3));
        PlonkishProver prover = new PlonkishProver(CONFIG);
        PlonkishVerifier verifier = new PlonkishVerifier(levelsSetup.key(), CONFIG.securityBits());
        assertDoesNotThrow(() -> verifier.verify(w.publicInputs(), prover.prove(levels, levelsSetup, w)));
        for (io.proofline.plonkish.gates.Gate gate : List.of(io.proofline.plonkish.gates.MerkleLevelGate.INSTANCE,
                io.proofline.plonkish.gates.Range62Gate.INSTANCE)) {
            WitnessVector bad = TestCircuits.breakGate(levels, w, gate);
            PlonkishProof forged = prover.proveUnchecked(levelsSetup, bad);
            assertThrows(VerificationException.class, () -> verifier.verify(bad.publicInputs(), forged), gate.name());
        }
    }

    @Test
    void aConfigWithTooFewQueriesForItsStatedSecurityIsRejected() {
        // given FRI parameters reaching 12 * 3 + 4 = 40 conjectured bits
        FriParameters fri = CONFIG.fri();
        assertEquals(40, fri.securityBits());

        // when a config states more than that, then it is refused, naming the queries that would do
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ProverConfig(ProverBackend.java(), fri, 41));
        assertTrue(e.getMessage().contains("40 bits of conjectured security, below the requested 41"), e.getMessage());
        assertTrue(e.getMessage().contains("at least 13 queries (have 12)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ProverConfig(ProverBackend.java(), fri, 100));
        assertTrue(e.getMessage().contains("at least 32 queries (have 12)"), e.getMessage());

        // and a level beyond what the field allows, or none, is refused too
        FriParameters strongest = FriParameters.forSecurity(FriParameters.MAX_SECURITY_BITS, 3, 16);
        e = assertThrows(IllegalArgumentException.class, () -> new ProverConfig(ProverBackend.java(), strongest, 128));
        assertTrue(e.getMessage().contains("requested security must be in [1, 127]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ProverConfig(ProverBackend.java(), fri, 0));

        // while the level the parameters reach, and the standard config's 100 bits, are accepted
        assertEquals(40, new ProverConfig(ProverBackend.java(), fri, 40).securityBits());
        assertEquals(FriParameters.DEFAULT_SECURITY_BITS, ProverConfig.standard().securityBits());
        assertTrue(ProverConfig.standard().fri().securityBits() >= ProverConfig.standard().securityBits());
        // the base-layer alternatives reach the same 100 bits with the queries their blowups need
        for (ProverConfig alternative : java.util.List.of(ProverConfig.ldeFactor4(), ProverConfig.ldeFactor2())) {
            assertEquals(FriParameters.DEFAULT_SECURITY_BITS, alternative.securityBits());
            assertEquals(FriParameters.DEFAULT_SECURITY_BITS, alternative.fri().securityBits());
        }
        assertEquals(4, ProverConfig.ldeFactor4().fri().ldeFactor());
        assertEquals(42, ProverConfig.ldeFactor4().fri().numQueries());
        assertEquals(84, ProverConfig.ldeFactor2().fri().numQueries());
    }

    @Test
    void everyStageOfAProofIsTimedAndTimingChangesNoByte() {
        ProverStages stages = new ProverStages();
        PlonkishProof timed = new PlonkishProver(CONFIG).proveUnchecked(setup, witness, stages);
        assertEquals(ProverStages.ALL, java.util.List.copyOf(stages.nanos().keySet()));
        stages.nanos().forEach((stage, nanos) -> assertTrue(nanos >= 0, stage + " took " + nanos + " ns"));
        assertTrue(java.util.Arrays.equals(ProofCodec.encode(proof), ProofCodec.encode(timed)));
    }

    @Test
    void assignedCellsCountTheCellsThatGatesHold() {
        // each multiply-add instance holds four variables in copy cells
        assertEquals(4, fmaChain(2).assignedCells() - fmaChain(1).assignedCells());
        assertEquals(12, fmaChain(5).assignedCells() - fmaChain(2).assignedCells());
    }

    private static Circuit fmaChain(int gates) {
        CircuitBuilder b = new CircuitBuilder(Geometry.standard(4));
        Variable[] in = b.inputs(2);
        Variable acc = in[0];
        for (int i = 0; i < gates; i++) {
            acc = b.fma(1, acc, in[1], 1, acc);
        }
        b.publicInput(acc);
        return b.build();
    }

    @Test
    void atAnLdeFactorBelowTheConstraintDegreeTheQuotientGetsItsOwnDomainAndTheProofVerifies() {
        // LDE factor 2 under degree-8 constraints: 40 queries and 4 proof-of-work bits, 44 conjectured bits
        ProverConfig lde2 = new ProverConfig(ProverBackend.java(), new FriParameters(1, 40, 4, 3, 2, 2), 44);
        SetupData setup2 = Setup.generate(circuit, lde2);
        PlonkishProof proof2 = new PlonkishProver(lde2).prove(circuit, setup2, witness);
        assertDoesNotThrow(() -> new PlonkishVerifier(setup2.key(), 44).verify(witness.publicInputs(), proof2));

        // and a witness that breaks a gate gives a quotient of too high a degree, which does not verify
        WitnessVector broken = TestCircuits.breakGate(circuit, witness, circuit.gates().get(1));
        PlonkishProof forged = new PlonkishProver(lde2).proveUnchecked(setup2, broken);
        assertThrows(VerificationException.class, () -> new PlonkishVerifier(setup2.key(), 44).verify(broken.publicInputs(), forged));
    }
}
