package io.proofline.core.batches;

/** A batch just handed out for proving: what the prover needs of it. */
record PickedBatch(long chainId, long batchNumber, int protocolVersion, String commitment, byte[] witnessInput,
                   int attempts) {
}
