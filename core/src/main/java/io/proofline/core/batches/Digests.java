package io.proofline.core.batches;

import io.proofline.poseidon2.Digest;

/** Digests as stored and shown: {@link Digest#toString()}'s {@code 0x} and 64 hex digits, and back. */
public final class Digests {

    private Digests() {
    }

    public static Digest parse(String hex) {
        if (hex == null || hex.length() != 2 + 64 || !hex.startsWith("0x")) {
            throw new IllegalArgumentException("not a digest (0x and 64 hex digits): " + hex);
        }
        long[] e = new long[Digest.ELEMENTS];
        for (int i = 0; i < e.length; i++) {
            e[i] = Long.parseUnsignedLong(hex, 2 + 16 * i, 2 + 16 * (i + 1), 16);
        }
        return Digest.fromArray(e, 0);
    }
}
