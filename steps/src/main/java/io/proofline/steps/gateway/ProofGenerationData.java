package io.proofline.steps.gateway;

import io.proofline.circuits.base.CircuitType;
import io.proofline.circuits.base.RecursionCommitments;
import io.proofline.poseidon2.Digest;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * A batch handed out by the core for proving: its identity, its witness input
 * ({@code WitnessInputCodec} bytes, already checked to decode and to name this batch), the key
 * commitments the proof will be verified against (the base circuits', and for a version whose
 * proofs are aggregated the recursion layers', else null) and the batch commitment it must establish.
 */
public record ProofGenerationData(long chainId, long batchNumber, int protocolVersion, byte[] witnessInputData,
                                  Map<CircuitType, Digest> verificationKeys, RecursionCommitments recursionKeys,
                                  Digest batchCommitment) {

    /** A batch of a version whose proofs are bundles of base proofs. */
    public ProofGenerationData(long chainId, long batchNumber, int protocolVersion, byte[] witnessInputData,
                               Map<CircuitType, Digest> verificationKeys, Digest batchCommitment) {
        this(chainId, batchNumber, protocolVersion, witnessInputData, verificationKeys, null, batchCommitment);
    }

    public ProofGenerationData {
        witnessInputData = witnessInputData.clone();
        verificationKeys = Collections.unmodifiableMap(new EnumMap<>(verificationKeys));
        Objects.requireNonNull(batchCommitment, "batchCommitment");
    }

    @Override
    public byte[] witnessInputData() {
        return witnessInputData.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProofGenerationData d && chainId == d.chainId && batchNumber == d.batchNumber
                && protocolVersion == d.protocolVersion && Arrays.equals(witnessInputData, d.witnessInputData)
                && verificationKeys.equals(d.verificationKeys) && Objects.equals(recursionKeys, d.recursionKeys)
                && batchCommitment.equals(d.batchCommitment);
    }

    @Override
    public int hashCode() {
        return Objects.hash(chainId, batchNumber, protocolVersion, Arrays.hashCode(witnessInputData), verificationKeys,
                recursionKeys, batchCommitment);
    }

    @Override
    public String toString() {
        return "ProofGenerationData[chain " + chainId + " batch " + batchNumber + ", protocol version " + protocolVersion
                + ", witness input " + witnessInputData.length + " bytes, keys " + verificationKeys
                + (recursionKeys == null ? "" : ", recursion keys " + recursionKeys) + ", commitment "
                + batchCommitment + "]";
    }
}
