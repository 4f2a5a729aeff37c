package io.proofline.storage.format;

import io.proofline.circuits.base.CircuitType;
import io.proofline.circuits.witness.CircuitInstance;
import io.proofline.codec.FormatException;
import io.proofline.codec.WordReader;
import io.proofline.codec.WordWriter;

/**
 * One circuit instance in binary, version 1: magic {@code PLCINST1}, then words: circuit type id,
 * instance index, input count and inputs, public input count and public inputs (field elements).
 * The public input count must be the type's.
 */
public final class CircuitInstanceCodec {

    static final String MAGIC = "PLCINST1";
    static final int VERSION = 1;
    /** Far above any circuit's input count; bounds allocation on malicious input. */
    public static final int MAX_INPUTS = 1 << 24;
    /** As in {@code BatchProofCodec}: no batch has more instances of a type. */
    public static final int MAX_INDEX = 1 << 16;

    private CircuitInstanceCodec() {
    }

    /** @throws IllegalArgumentException if an input is not a canonical field element */
    public static byte[] encode(CircuitInstance instance) {
        long[] inputs = instance.inputs();
        long[] publicInputs = instance.publicInputs();
        WordWriter w = new WordWriter(MAGIC, VERSION);
        w.writeWord(instance.type().id).writeWord(instance.index());
        w.writeWord(inputs.length).writeElements(inputs);
        w.writeWord(publicInputs.length).writeElements(publicInputs);
        return w.toByteArray();
    }

    /** @throws FormatException if the bytes are not a well-formed version-1 circuit instance */
    public static CircuitInstance decode(byte[] bytes) {
        WordReader r = new WordReader(bytes, MAGIC, VERSION);
        CircuitType type = type(r.readWord());
        int index = r.readCount("instance index", 0, MAX_INDEX, 0);
        long[] inputs = r.readElements(r.readCount("input count", 0, MAX_INPUTS, 1));
        int count = r.readCount("public input count", 0, MAX_INPUTS, 1);
        if (count != type.publicInputs) {
            throw new FormatException(MAGIC + ": " + type.label + " has " + type.publicInputs + " public inputs, not " + count);
        }
        long[] publicInputs = r.readElements(count);
        r.requireEnd();
        return new CircuitInstance(type, index, inputs, publicInputs);
    }

    private static CircuitType type(long id) {
        try {
            return CircuitType.ofId(id);
        } catch (IllegalArgumentException e) {
            throw new FormatException(MAGIC + ": " + e.getMessage());
        }
    }
}
