package io.proofline.circuits.batch;

import io.proofline.circuits.base.CircuitType;
import java.util.Objects;

/**
 * The proof of one circuit instance: its type, its position among instances of that type, its
 * public inputs (closed-form input and output) and the proof bytes ({@code ProofCodec} format).
 */
public record BaseProof(CircuitType type, int instance, long[] publicInputs, byte[] proof) {

    public BaseProof {
        // every proof has a known type, so the verifier's per-type lists cover the whole batch
        Objects.requireNonNull(type, "type");
        publicInputs = publicInputs.clone();
        proof = proof.clone();
    }

    @Override
    public long[] publicInputs() {
        return publicInputs.clone();
    }

    @Override
    public byte[] proof() {
        return proof.clone();
    }
}
