package io.proofline.circuits.aggregation;

import io.proofline.codec.FormatException;
import io.proofline.codec.WordReader;
import io.proofline.codec.WordWriter;
import io.proofline.plonkish.ProofCodec;

/**
 * Aggregated batch proofs in binary, version 2 of the batch proof format: magic
 * {@code PLBATCH2}, chain id, batch number, the scheduler proof's length in words and its own
 * encoding ({@link ProofCodec}). The version-1 bundle ({@code PLBATCH1}) is a different magic,
 * so neither parser takes the other's bytes.
 */
public final class AggregatedBatchProofCodec {

    static final String MAGIC = "PLBATCH2";
    static final int VERSION = 2;

    private AggregatedBatchProofCodec() {
    }

    public static byte[] encode(AggregatedBatchProof proof) {
        byte[] scheduler = ProofCodec.encode(proof.scheduler());
        return new WordWriter(MAGIC, VERSION).writeWord(proof.chainId()).writeWord(proof.batchNumber())
                .writeWord(scheduler.length / 8).writeRaw(scheduler).toByteArray();
    }

    /** @throws FormatException if the bytes are not a well-formed aggregated batch proof */
    public static AggregatedBatchProof decode(byte[] bytes) {
        WordReader r = new WordReader(bytes, MAGIC, VERSION);
        long chainId = r.readWord();
        long batchNumber = r.readWord();
        byte[] scheduler = r.readRaw(r.readCount("scheduler proof length", 2, Integer.MAX_VALUE / 8, 1));
        r.requireEnd();
        return new AggregatedBatchProof(chainId, batchNumber, ProofCodec.decode(scheduler));
    }
}
