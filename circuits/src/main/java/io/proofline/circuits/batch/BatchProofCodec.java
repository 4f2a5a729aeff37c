package io.proofline.circuits.batch;

import io.proofline.circuits.base.CircuitType;
import io.proofline.codec.FormatException;
import io.proofline.codec.WordReader;
import io.proofline.codec.WordWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Batch proofs in binary, version 1: magic {@code PLBATCH1}, chain id, batch number, proof count,
 * and per proof: circuit type, instance, public input count and values, proof length in words
 * and the proof's own encoding.
 */
public final class BatchProofCodec {

    static final String MAGIC = "PLBATCH1";
    static final int VERSION = 1;
    private static final int MAX_PROOFS = 1 << 16;

    private BatchProofCodec() {
    }

    public static byte[] encode(BatchProof batch) {
        WordWriter w = new WordWriter(MAGIC, VERSION);
        w.writeWord(batch.chainId()).writeWord(batch.batchNumber()).writeWord(batch.proofs().size());
        for (BaseProof p : batch.proofs()) {
            w.writeWord(p.type().id).writeWord(p.instance()).writeWord(p.publicInputs().length).writeElements(p.publicInputs());
            byte[] proof = p.proof();
            w.writeWord(proof.length / 8).writeRaw(proof);
        }
        return w.toByteArray();
    }

    /** @throws FormatException if the bytes are not a well-formed batch proof */
    public static BatchProof decode(byte[] bytes) {
        WordReader r = new WordReader(bytes, MAGIC, VERSION);
        long chainId = r.readWord();
        long batchNumber = r.readWord();
        int count = r.readCount("proof count", 0, MAX_PROOFS, 5);
        List<BaseProof> proofs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            CircuitType type;
            try {
                type = CircuitType.ofId(r.readWord());
            } catch (IllegalArgumentException e) {
                throw new FormatException(MAGIC + ": proof " + i + ": " + e.getMessage());
            }
            int instance = r.readCount("instance", 0, MAX_PROOFS, 0);
            long[] publicInputs = r.readElements(r.readCount("public input count", 0, 1024, 1));
            byte[] proof = r.readRaw(r.readCount("proof length", 2, Integer.MAX_VALUE / 8, 1));
            proofs.add(new BaseProof(type, instance, publicInputs, proof));
        }
        r.requireEnd();
        return new BatchProof(chainId, batchNumber, proofs);
    }
}
