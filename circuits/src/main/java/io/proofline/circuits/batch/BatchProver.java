package io.proofline.circuits.batch;

import io.proofline.circuits.base.BaseCircuitKeys;
import io.proofline.circuits.witness.BasicWitnessGenerator;
import io.proofline.circuits.witness.CircuitInstance;
import io.proofline.circuits.witness.WitnessInputData;
import io.proofline.plonkish.Circuit;
import io.proofline.plonkish.PlonkishProof;
import io.proofline.plonkish.PlonkishProver;
import io.proofline.plonkish.PlonkishVerifier;
import io.proofline.plonkish.ProofCodec;
import io.proofline.plonkish.ProverConfig;
import io.proofline.plonkish.ProverStages;
import io.proofline.plonkish.SatisfiabilityChecker;
import io.proofline.plonkish.SatisfiabilityReport;
import io.proofline.plonkish.UnsatisfiedCircuitException;
import io.proofline.plonkish.VerificationException;
import io.proofline.plonkish.WitnessVector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Proves base circuit instances: witness vector generation (resolving the circuit from the
 * instance's inputs), proving, and a self-check with the verifier before the proof leaves.
 * The pipeline runs {@link #prove} per partition; {@link #proveBatch} does a whole batch in
 * one process, for tests and benchmarks.
 */
public final class BatchProver {

    private final BaseCircuitKeys keys;
    private final PlonkishProver prover;
    private final int securityBits;

    public BatchProver(BaseCircuitKeys keys, ProverConfig config) {
        this.keys = keys;
        this.prover = new PlonkishProver(config);
        this.securityBits = config.securityBits();
    }

    /** Witness vector generation for one instance. */
    public WitnessVector witnessVector(CircuitInstance instance) {
        Circuit circuit = keys.circuit(instance.type());
        WitnessVector witness = circuit.resolve(instance.inputs());
        if (!Arrays.equals(witness.publicInputs(), instance.publicInputs())) {
            throw new IllegalStateException(instance.type().label + " instance " + instance.index()
                    + ": resolved public inputs differ from the witness generator's");
        }
        return witness;
    }

    /**
     * Proves one instance from its witness vector and checks the proof. The row-by-row
     * satisfiability check runs only when the proof fails, to say which gate and row are wrong.
     *
     * @throws UnsatisfiedCircuitException if the witness does not satisfy the circuit
     */
    public BaseProof prove(CircuitInstance instance, WitnessVector witness) {
        return prove(instance, witness, new ProverStages());
    }

    /** As {@link #prove(CircuitInstance, WitnessVector)}, charging each stage of the proof's making to {@code stages}. */
    public BaseProof prove(CircuitInstance instance, WitnessVector witness, ProverStages stages) {
        PlonkishProof proof = prover.proveUnchecked(keys.setup(instance.type()), witness, stages);
        try {
            // the self-check requires what the config requests, which setup made sure the key gives
            new PlonkishVerifier(keys.verificationKey(instance.type()), securityBits).verify(witness.publicInputs(), proof);
        } catch (VerificationException e) {
            SatisfiabilityReport report = SatisfiabilityChecker.check(keys.circuit(instance.type()), witness);
            if (!report.satisfied()) {
                throw new UnsatisfiedCircuitException(report);
            }
            throw new IllegalStateException(instance.type().label + " instance " + instance.index()
                    + ": a satisfied witness gave a proof that does not verify: " + e.getMessage(), e);
        }
        return new BaseProof(instance.type(), instance.index(), witness.publicInputs(), ProofCodec.encode(proof));
    }

    public BaseProof prove(CircuitInstance instance) {
        return prove(instance, witnessVector(instance));
    }

    public BatchProof proveBatch(WitnessInputData data) {
        BasicWitnessGenerator.Result generated = BasicWitnessGenerator.generate(data, keys.capacities());
        List<BaseProof> proofs = new ArrayList<>();
        for (CircuitInstance instance : generated.instances()) {
            proofs.add(prove(instance));
        }
        BatchProof batch = new BatchProof(data.chainId(), data.batchNumber(), proofs);
        BatchProofVerifier.checkChaining(generated.header(), batch);
        return batch;
    }
}
