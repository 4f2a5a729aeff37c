package io.proofline.codec;

import io.proofline.field.Goldilocks;
import java.nio.charset.StandardCharsets;

/**
 * Reads what {@link WordWriter} wrote, refusing anything else: wrong magic or version, a
 * truncated input, a count beyond its limit or beyond the remaining bytes, a non-canonical
 * element, or bytes left over at the end.
 */
public final class WordReader {

    private final byte[] data;
    private final String format;
    private final int version;
    private int position;

    public WordReader(byte[] data, String magic, int version) {
        this(data, magic, version, version);
    }

    /** A reader of any version from {@code oldest} to {@code newest}; {@link #version()} says which. */
    public WordReader(byte[] data, String magic, int oldest, int newest) {
        this.data = data;
        this.format = magic;
        if (data.length < 16) {
            throw new FormatException(magic + ": input of " + data.length + " bytes is shorter than the 16-byte header");
        }
        if (data.length % 8 != 0) {
            throw new FormatException(magic + ": input of " + data.length + " bytes is not a whole number of words");
        }
        String found = new String(data, 0, 8, StandardCharsets.US_ASCII);
        if (!found.equals(magic)) {
            throw new FormatException("not a " + magic + " file: header reads '" + found.replaceAll("\\P{Print}", "?") + "'");
        }
        position = 8;
        long v = readWord();
        if (v < oldest || v > newest) {
            throw new FormatException(magic + ": version " + v + " is not supported (expected "
                    + (oldest == newest ? String.valueOf(newest) : oldest + " to " + newest) + ")");
        }
        version = (int) v;
    }

    /** The format version the input declares. */
    public int version() {
        return version;
    }

    public long readWord() {
        if (position + 8 > data.length) {
            throw new FormatException(format + ": truncated at byte " + position);
        }
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v |= (data[position + i] & 0xFFL) << (8 * i);
        }
        position += 8;
        return v;
    }

    /**
     * A count of items that each take at least {@code wordsPerItem} words: it must lie in
     * {@code [min, max]} and fit in what is left of the input.
     */
    public int readCount(String what, int min, int max, int wordsPerItem) {
        int at = position;
        long v = readWord();
        if (v < min || v > max) {
            throw new FormatException(format + ": " + what + " = " + v + " at byte " + at + " outside [" + min + ", " + max + "]");
        }
        if (v * wordsPerItem > remainingWords()) {
            throw new FormatException(format + ": " + what + " = " + v + " at byte " + at + " exceeds the remaining input");
        }
        return (int) v;
    }

    public long readElement() {
        int at = position;
        long v = readWord();
        if (!Goldilocks.isCanonical(v)) {
            throw new FormatException(format + ": non-canonical field element at byte " + at);
        }
        return v;
    }

    public long[] readElements(int count) {
        long[] out = new long[count];
        for (int i = 0; i < count; i++) {
            out[i] = readElement();
        }
        return out;
    }

    /** The next {@code words} words as raw bytes, e.g. a nested format. */
    public byte[] readRaw(int words) {
        if ((long) words * 8 > data.length - position) {
            throw new FormatException(format + ": truncated at byte " + position);
        }
        byte[] out = java.util.Arrays.copyOfRange(data, position, position + 8 * words);
        position += 8 * words;
        return out;
    }

    public long remainingWords() {
        return (data.length - position) / 8;
    }

    /** @throws FormatException if anything is left unread */
    public void requireEnd() {
        if (position != data.length) {
            throw new FormatException(format + ": " + (data.length - position) + " unexpected bytes after the end");
        }
    }
}
