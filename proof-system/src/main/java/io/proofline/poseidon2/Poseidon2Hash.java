package io.proofline.poseidon2;

/**
 * The sponge and the two-to-one compression on {@link Poseidon2}.
 *
 * <p>Sponge: rate 8 (lanes 0..7), capacity 4 (lanes 8..11). The input length goes into lane 8
 * before absorbing, so inputs of different lengths never share a state; input chunks of up to 8
 * elements overwrite the rate lanes, one permutation per chunk. The digest is lanes 0..3.
 *
 * <p>Compression: {@code left || right} in lanes 0..7, lane 11 set to 1 so that a node can never
 * be confused with a leaf hash (whose lane 11 is always 0), one permutation, digest lanes 0..3.
 */
public final class Poseidon2Hash {

    public static final int RATE = 8;
    public static final int CAPACITY = 4;
    private static final int LENGTH_LANE = RATE;
    private static final int COMPRESS_DOMAIN_LANE = Poseidon2.WIDTH - 1;

    private Poseidon2Hash() {
    }

    /** Hashes a sequence of field elements to a digest. */
    public static Digest hash(long[] input) {
        return hash(input, 0, input.length);
    }

    public static Digest hash(long[] input, int offset, int length) {
        long[] state = new long[Poseidon2.WIDTH];
        hashInto(input, offset, length, state);
        return Digest.fromArray(state, 0);
    }

    /** Hashes into a caller-provided 12-element scratch state; the digest is left in lanes 0..3. */
    public static void hashInto(long[] input, int offset, int length, long[] state) {
        java.util.Arrays.fill(state, 0);
        state[LENGTH_LANE] = length;
        if (length == 0) {
            Poseidon2.permute(state);
            return;
        }
        for (int pos = 0; pos < length; pos += RATE) {
            int chunk = Math.min(RATE, length - pos);
            System.arraycopy(input, offset + pos, state, 0, chunk);
            Poseidon2.permute(state);
        }
    }

    /** Two-to-one compression of Merkle nodes. */
    public static Digest compress(Digest left, Digest right) {
        long[] state = new long[Poseidon2.WIDTH];
        left.intoArray(state, 0);
        right.intoArray(state, Digest.ELEMENTS);
        state[COMPRESS_DOMAIN_LANE] = 1;
        Poseidon2.permute(state);
        return Digest.fromArray(state, 0);
    }

    /**
     * Compresses the digests at {@code src[4*l..]} and {@code src[4*r..]} into {@code dst[4*d..]}:
     * the array form the tree builder uses, with a caller-provided scratch state.
     */
    public static void compressInto(long[] src, int left, int right, long[] dst, int d, long[] state) {
        System.arraycopy(src, 4 * left, state, 0, 4);
        System.arraycopy(src, 4 * right, state, 4, 4);
        state[8] = 0;
        state[9] = 0;
        state[10] = 0;
        state[COMPRESS_DOMAIN_LANE] = 1;
        Poseidon2.permute(state);
        System.arraycopy(state, 0, dst, 4 * d, 4);
    }
}
