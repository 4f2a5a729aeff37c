package io.proofline.storage.tables;

/** A batch of a chain: the key of everything the pipeline does for it. */
public record BatchId(long chainId, long batchNumber) {

    public BatchId {
        if (chainId < 0 || batchNumber < 0) {
            throw new IllegalArgumentException("chain id and batch number must not be negative: " + chainId + ", " + batchNumber);
        }
    }

    @Override
    public String toString() {
        return "chain " + chainId + " batch " + batchNumber;
    }
}
