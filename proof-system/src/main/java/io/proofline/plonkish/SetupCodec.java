package io.proofline.plonkish;

import io.proofline.backend.ProverBackend;
import io.proofline.codec.FormatException;
import io.proofline.codec.WordReader;
import io.proofline.codec.WordWriter;
import io.proofline.merkle.MerkleTree;
import io.proofline.poseidon2.Digest;
import io.proofline.poseidon2.Poseidon2Hash;
import java.util.Arrays;

/**
 * Setup data on disk: magic {@code PLSETUP1}, the version, the verification key (word count, its
 * encoding), the setup columns (count, length, values), and a Poseidon2 digest of the columns.
 * Version 2 digests the columns as the root of a Merkle tree over their rows, which the batched
 * kernels hash side by side on every core; version 1 digested them with one sequential sponge,
 * most of what a process paid to load its keys (about 0.3 s per 2^15-row recursion setup on a
 * fast core). Version 1 files are still read. Loading checks the digest, recomputes the LDE and
 * Merkle tree, and requires the tree's cap to be the key's, so a corrupted or mismatched file is
 * refused rather than yielding bad proofs; {@link #decodeStored} leaves the LDE, the tree and that
 * last check to the setup's first use, and {@link #decodeStoredForComparison} the digest to a
 * caller that compares the columns with its circuit's.
 */
public final class SetupCodec {

    static final String MAGIC = "PLSETUP1";
    static final int VERSION = 2;
    /** The version whose digest is a sponge over the columns one after another. */
    static final int SPONGE_DIGEST_VERSION = 1;

    private SetupCodec() {
    }

    public static byte[] encode(SetupData setup) {
        return encode(setup, VERSION);
    }

    /** In {@code version}'s layout: 1 for files that readers of version 1 only must load. */
    static byte[] encode(SetupData setup, int version) {
        byte[] key = VerificationKeyCodec.encode(setup.key());
        WordWriter w = new WordWriter(MAGIC, version);
        w.writeWord(key.length / 8).writeRaw(key);
        long[][] columns = setup.columns();
        w.writeWord(columns.length).writeWord(columns[0].length);
        for (long[] column : columns) {
            w.writeElements(column);
        }
        w.writeElements(digest(columns, version).toArray());
        return w.toByteArray();
    }

    /**
     * @throws FormatException if the file is malformed, its digest does not match, or its columns
     *     do not commit to the key's setup cap
     */
    public static SetupData decode(byte[] bytes, ProverConfig config) {
        return decodeStored(bytes, config).setup();
    }

    /**
     * Reads the key and columns, checking the file's structure, its digest and its FRI
     * parameters, without extending the columns: {@link StoredSetup#setup()} does that, and
     * checks the key's cap, when the setup is first proven with.
     *
     * @throws FormatException if the file is malformed or its digest does not match
     */
    public static StoredSetup decodeStored(byte[] bytes, ProverConfig config) {
        return read(bytes, config, true);
    }

    /**
     * As {@link #decodeStored}, without hashing the columns to check the file's digest: for a
     * reader that compares every column with the ones it expects ({@link SetupCheck} against the
     * circuit, a stronger check of the same data), and that calls {@link #decodeStored} only when
     * they differ, to tell a damaged file (digest mismatch) from another circuit's. Hashing the
     * columns was half of what a process paid to load its recursion keys.
     *
     * @throws FormatException if the file is malformed
     */
    public static StoredSetup decodeStoredForComparison(byte[] bytes, ProverConfig config) {
        return read(bytes, config, false);
    }

    private static StoredSetup read(byte[] bytes, ProverConfig config, boolean checkDigest) {
        WordReader r = new WordReader(bytes, MAGIC, SPONGE_DIGEST_VERSION, VERSION);
        byte[] keyBytes = r.readRaw(r.readCount("key length", 2, 1 << 20, 1));
        VerificationKey key;
        try {
            key = VerificationKeyCodec.decode(keyBytes);
        } catch (FormatException e) {
            // say which file the nested key came from
            throw new FormatException(MAGIC + ": embedded key: " + e.getMessage());
        }
        int count = r.readCount("column count", 1, 4096, 0);
        int rows = r.readCount("column length", 4, 1 << Geometry.MAX_LOG_ROWS, 0);
        if (count != key.setupColumns() || rows != key.geometry().rows()) {
            throw new FormatException(MAGIC + ": " + count + " columns of " + rows + " rows do not match the key's geometry");
        }
        if ((long) count * rows > r.remainingWords()) {
            throw new FormatException(MAGIC + ": truncated column data");
        }
        long[][] columns = new long[count][];
        for (int c = 0; c < count; c++) {
            columns[c] = r.readElements(rows);
        }
        Digest stored = Digest.fromArray(r.readElements(Digest.ELEMENTS), 0);
        r.requireEnd();
        if (checkDigest && !stored.equals(digest(columns, r.version()))) {
            throw new FormatException(MAGIC + ": column digest mismatch, the file is corrupted");
        }
        if (!key.fri().equals(config.fri())) {
            throw new FormatException(MAGIC + ": setup made for FRI parameters " + key.fri() + ", not " + config.fri());
        }
        return StoredSetup.deferred(key, columns, config);
    }

    /**
     * The format version a setup file declares, read as decoding reads it.
     *
     * @throws FormatException if it is not a setup file of a version this codec reads
     */
    public static int version(byte[] bytes) {
        return new WordReader(bytes, MAGIC, SPONGE_DIGEST_VERSION, VERSION).version();
    }

    private static Digest digest(long[][] columns, int version) {
        if (version == SPONGE_DIGEST_VERSION) {
            long[] all = Arrays.stream(columns).flatMapToLong(Arrays::stream).toArray();
            return Poseidon2Hash.hash(all);
        }
        // the count and length are in the header, so the root binds the whole matrix
        return MerkleTree.build(columns, 0, ProverBackend.java().merkleHasher()).cap().roots().getFirst();
    }
}
