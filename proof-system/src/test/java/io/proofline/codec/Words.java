package io.proofline.codec;

/** Reading and writing single little-endian words of an encoding, for tamper tests. */
public final class Words {

    private Words() {
    }

    public static long read(byte[] b, int word) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v |= (b[8 * word + i] & 0xFFL) << (8 * i);
        }
        return v;
    }

    public static void write(byte[] b, int word, long v) {
        for (int i = 0; i < 8; i++) {
            b[8 * word + i] = (byte) (v >>> (8 * i));
        }
    }
}
