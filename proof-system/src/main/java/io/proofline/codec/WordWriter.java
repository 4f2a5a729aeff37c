package io.proofline.codec;

import io.proofline.field.Goldilocks;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes a magic header, a version and then 64-bit little-endian words. */
public final class WordWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final byte[] word = new byte[8];

    /** @param magic exactly 8 ASCII characters naming the format */
    public WordWriter(String magic, int version) {
        byte[] m = magic.getBytes(StandardCharsets.US_ASCII);
        if (m.length != 8) {
            throw new IllegalArgumentException("magic must be 8 ASCII bytes: " + magic);
        }
        out.writeBytes(m);
        writeWord(version);
    }

    /** A count, index or other non-field integer. */
    public WordWriter writeWord(long value) {
        for (int i = 0; i < 8; i++) {
            word[i] = (byte) (value >>> (8 * i));
        }
        out.writeBytes(word);
        return this;
    }

    /** A canonical field element. */
    public WordWriter writeElement(long element) {
        if (!Goldilocks.isCanonical(element)) {
            throw new IllegalArgumentException("non-canonical element 0x" + Long.toHexString(element));
        }
        return writeWord(element);
    }

    public WordWriter writeElements(long[] elements) {
        for (long e : elements) {
            writeElement(e);
        }
        return this;
    }

    /** Raw bytes, a whole number of words (e.g. a nested format). */
    public WordWriter writeRaw(byte[] bytes) {
        if (bytes.length % 8 != 0) {
            throw new IllegalArgumentException("raw data must be whole words, got " + bytes.length + " bytes");
        }
        out.writeBytes(bytes);
        return this;
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }
}
