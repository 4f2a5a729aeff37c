package io.proofline.core.batches;

/** The body of {@code POST /submit_proof/{batchNumber}}; the proof is {@code BatchProofCodec} bytes in base64. */
record SubmitProofRequest(Integer protocolVersion, String proof) {
}
