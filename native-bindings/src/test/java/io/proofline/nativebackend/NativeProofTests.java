package io.proofline.nativebackend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import io.proofline.backend.ProverBackend;
import io.proofline.fri.FriParameters;
import io.proofline.plonkish.Circuit;
import io.proofline.plonkish.CircuitBuilder;
import io.proofline.plonkish.Geometry;
import io.proofline.plonkish.PlonkishProof;
import io.proofline.plonkish.PlonkishProver;
import io.proofline.plonkish.PlonkishVerifier;
import io.proofline.plonkish.ProofCodec;
import io.proofline.plonkish.ProverConfig;
import io.proofline.plonkish.SetupData;
import io.proofline.plonkish.Setup;
import io.proofline.plonkish.Variable;
import io.proofline.plonkish.WitnessVector;
import io.proofline.poseidon2.Poseidon2;
import org.junit.jupiter.api.Test;

/** A whole small Plonkish proof made with the native CPU back end: the verifier accepts it and its bytes are the Java back end's. */
class NativeProofTests {

    /** 12 queries at LDE factor 8 and 4 grinding bits: 40 bits (conjectured) on purpose, to stay fast. */
    private static ProverConfig config(ProverBackend backend) {
        return new ProverConfig(backend, new FriParameters(3, 12, 4, 3, 2, 2), 40);
    }

    /** A Poseidon2 permutation, a product, a range check and public outputs: 2^6 rows. */
    private static Circuit circuit() {
        CircuitBuilder b = new CircuitBuilder(Geometry.standard(6));
        Variable[] state = b.inputs(Poseidon2.WIDTH);
        Variable[] out = b.poseidon2(state);
        for (int i = 0; i < 4; i++) {
            b.publicInput(out[i]);
        }
        Variable x = b.input();
        Variable y = b.input();
        b.rangeCheck(x, 16);
        b.publicInput(b.fma(3, x, y, 5, state[0]));
        return b.build();
    }

    @Test
    void nativeProofEqualsJavaProofAndVerifies() {
        Circuit circuit = circuit();
        long[] inputs = new long[Poseidon2.WIDTH + 2];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = 1000 + 77L * i;
        }
        WitnessVector witness = circuit.resolve(inputs);

        ProverConfig javaConfig = config(ProverBackend.java());
        ProverConfig nativeConfig = config(NativeBackend.cpu());
        SetupData javaSetup = Setup.generate(circuit, javaConfig);
        SetupData nativeSetup = Setup.generate(circuit, nativeConfig);
        PlonkishProof javaProof = new PlonkishProver(javaConfig).prove(circuit, javaSetup, witness);
        PlonkishProof nativeProof = new PlonkishProver(nativeConfig).prove(circuit, nativeSetup, witness);

        assertArrayEquals(ProofCodec.encode(javaProof), ProofCodec.encode(nativeProof), "same proof bytes");
        assertDoesNotThrow(() -> new PlonkishVerifier(javaSetup.key(), 40).verify(witness.publicInputs(), nativeProof));
    }
}
