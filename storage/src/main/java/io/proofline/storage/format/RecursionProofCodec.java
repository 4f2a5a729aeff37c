package io.proofline.storage.format;

import io.proofline.codec.FormatException;
import io.proofline.codec.WordReader;
import io.proofline.codec.WordWriter;
import io.proofline.plonkish.PlonkishProof;
import io.proofline.plonkish.ProofCodec;

/**
 * One leaf or node proof as the aggregation partitions store it for the next round, version 1:
 * magic {@code PLRECUR1}, then words: public input count and public inputs (field elements), the
 * proof's length in words and its own encoding ({@link ProofCodec}). A recursion proof's public
 * inputs are part of what the next layer verifies, so they travel with it.
 */
public final class RecursionProofCodec {

    static final String MAGIC = "PLRECUR1";
    static final int VERSION = 1;
    /** Far above any recursion circuit's public input count; bounds allocation on malicious input. */
    static final int MAX_PUBLIC_INPUTS = 1 << 12;

    /** A decoded proof with its public inputs. */
    public record Decoded(long[] publicInputs, PlonkishProof proof) {
    }

    private RecursionProofCodec() {
    }

    /** @throws IllegalArgumentException if a public input is not a canonical field element */
    public static byte[] encode(long[] publicInputs, PlonkishProof proof) {
        byte[] encoded = ProofCodec.encode(proof);
        return new WordWriter(MAGIC, VERSION).writeWord(publicInputs.length).writeElements(publicInputs)
                .writeWord(encoded.length / 8).writeRaw(encoded).toByteArray();
    }

    /** @throws FormatException if the bytes are not a well-formed version-1 recursion proof */
    public static Decoded decode(byte[] bytes) {
        WordReader r = new WordReader(bytes, MAGIC, VERSION);
        long[] publicInputs = r.readElements(r.readCount("public input count", 0, MAX_PUBLIC_INPUTS, 1));
        byte[] proof = r.readRaw(r.readCount("proof length", 2, Integer.MAX_VALUE / 8, 1));
        r.requireEnd();
        return new Decoded(publicInputs, ProofCodec.decode(proof));
    }
}
