package io.proofline.core.batches;

import java.util.Map;

/**
 * What {@code POST /proof_generation_data} hands a gateway: the batch's identity, its witness input
 * ({@code WitnessInputCodec} bytes, base64), the key commitments the proof will be checked
 * against and the batch commitment the proof must establish.
 */
record ProofGenerationData(long chainId, long batchNumber, int protocolVersion, String witnessInputData,
                           Map<String, String> verificationKeys, String batchCommitment) {
}
