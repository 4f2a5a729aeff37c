package io.proofline.core.batches;

import io.proofline.circuits.l2.BatchHeader;

/**
 * A batch just sealed, as the sequencer hands it to {@link BatchRepository#insert}.
 *
 * @param firstPosition position of its first transaction in the sequencer's order
 * @param lastPosition position of its last transaction
 * @param witnessInput the {@code WitnessInputCodec} bytes provers receive
 */
public record NewBatch(BatchHeader header, int protocolVersion, int transactionCount, long firstPosition,
                       long lastPosition, byte[] witnessInput) {
}
