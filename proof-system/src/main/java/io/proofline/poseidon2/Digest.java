package io.proofline.poseidon2;

import io.proofline.field.Goldilocks;

/** A Poseidon2 hash output: four field elements (about 256 bits). */
public record Digest(long e0, long e1, long e2, long e3) {

    public static final int ELEMENTS = 4;
    public static final int BYTES = ELEMENTS * 8;

    public static Digest fromArray(long[] src, int offset) {
        return new Digest(src[offset], src[offset + 1], src[offset + 2], src[offset + 3]);
    }

    public void intoArray(long[] dst, int offset) {
        dst[offset] = e0;
        dst[offset + 1] = e1;
        dst[offset + 2] = e2;
        dst[offset + 3] = e3;
    }

    public long[] toArray() {
        return new long[] {e0, e1, e2, e3};
    }

    public long element(int i) {
        return switch (i) {
            case 0 -> e0;
            case 1 -> e1;
            case 2 -> e2;
            case 3 -> e3;
            default -> throw new IndexOutOfBoundsException(i);
        };
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("0x");
        for (long e : toArray()) {
            sb.append(String.format("%016x", e));
        }
        return sb.toString();
    }

    /** Reads a digest of canonical elements from {@code ELEMENTS * 8} little-endian bytes. */
    public static Digest decode(byte[] src, int offset) {
        long[] e = new long[ELEMENTS];
        for (int i = 0; i < ELEMENTS; i++) {
            e[i] = Goldilocks.decode(src, offset + 8 * i);
        }
        return fromArray(e, 0);
    }

    public void encode(byte[] dst, int offset) {
        long[] e = toArray();
        for (int i = 0; i < ELEMENTS; i++) {
            Goldilocks.encode(e[i], dst, offset + 8 * i);
        }
    }
}
