package io.proofline.storage.format;

import io.proofline.circuits.base.CircuitType;
import io.proofline.circuits.l2.BatchHeader;
import io.proofline.codec.FormatException;
import io.proofline.codec.WordReader;
import io.proofline.codec.WordWriter;
import io.proofline.poseidon2.Digest;
import io.proofline.storage.objects.ObjectKeys;
import io.proofline.storage.objects.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Batch manifests in binary, version 1: magic {@code PLMANIF1}, then words: chain id, batch
 * number, protocol version, the header's pre-state root, post-state root, transaction commitment
 * and withdrawals commitment (4 elements each), instance count, and per instance: circuit type
 * id, index, input key length in bytes and the key in ASCII zero-padded to whole words, the
 * input's SHA-256 (32 bytes), public input count and public inputs.
 */
public final class ManifestCodec {

    static final String MAGIC = "PLMANIF1";
    static final int VERSION = 1;
    /** As in {@code BatchProofCodec}: no batch proof has more base proofs. */
    public static final int MAX_INSTANCES = 1 << 16;
    /** Type, index, key length, at least one key word, SHA-256, public input count. */
    private static final int MIN_INSTANCE_WORDS = 3 + 1 + 4 + 1;

    private ManifestCodec() {
    }

    public static byte[] encode(Manifest manifest) {
        BatchHeader h = manifest.header();
        WordWriter w = new WordWriter(MAGIC, VERSION);
        w.writeWord(manifest.chainId()).writeWord(manifest.batchNumber()).writeWord(manifest.protocolVersion());
        w.writeElements(h.preStateRoot().toArray()).writeElements(h.postStateRoot().toArray())
                .writeElements(h.txCommitment().toArray()).writeElements(h.withdrawalsCommitment().toArray());
        w.writeWord(manifest.instances().size());
        for (Manifest.Instance i : manifest.instances()) {
            byte[] key = i.inputKey().getBytes(StandardCharsets.US_ASCII);
            byte[] padded = new byte[Math.ceilDiv(key.length, 8) * 8];
            System.arraycopy(key, 0, padded, 0, key.length);
            long[] publicInputs = i.publicInputs();
            w.writeWord(i.type().id).writeWord(i.index());
            w.writeWord(key.length).writeRaw(padded);
            w.writeRaw(Sha256.toBytes(i.inputSha256()));
            w.writeWord(publicInputs.length).writeElements(publicInputs);
        }
        return w.toByteArray();
    }

    /** @throws FormatException if the bytes are not a well-formed version-1 manifest */
    public static Manifest decode(byte[] bytes) {
        WordReader r = new WordReader(bytes, MAGIC, VERSION);
        long chainId = r.readWord();
        long batchNumber = r.readWord();
        int protocolVersion = r.readCount("protocol version", 0, Integer.MAX_VALUE, 0);
        BatchHeader header = new BatchHeader(chainId, batchNumber, digest(r), digest(r), digest(r), digest(r));
        int count = r.readCount("instance count", 0, MAX_INSTANCES, MIN_INSTANCE_WORDS);
        List<Manifest.Instance> instances = new ArrayList<>(count);
        for (int n = 0; n < count; n++) {
            CircuitType type;
            try {
                type = CircuitType.ofId(r.readWord());
            } catch (IllegalArgumentException e) {
                throw new FormatException(MAGIC + ": instance " + n + ": " + e.getMessage());
            }
            int index = r.readCount("instance index", 0, MAX_INSTANCES, 0);
            String key = key(r, n);
            String sha256 = Sha256.fromBytes(r.readRaw(4));
            int publicCount = r.readCount("public input count", 0, 1024, 1);
            long[] publicInputs = r.readElements(publicCount);
            try {
                instances.add(new Manifest.Instance(type, index, key, sha256, publicInputs));
            } catch (IllegalArgumentException e) {
                throw new FormatException(MAGIC + ": instance " + n + ": " + e.getMessage());
            }
        }
        r.requireEnd();
        try {
            return new Manifest(chainId, batchNumber, protocolVersion, header, instances);
        } catch (IllegalArgumentException e) {
            throw new FormatException(MAGIC + ": " + e.getMessage());
        }
    }

    private static Digest digest(WordReader r) {
        return Digest.fromArray(r.readElements(Digest.ELEMENTS), 0);
    }

    private static String key(WordReader r, int n) {
        int length = r.readCount("input key length", 1, ObjectKeys.MAX_LENGTH, 0);
        int words = Math.ceilDiv(length, 8);
        if (words > r.remainingWords()) {
            throw new FormatException(MAGIC + ": instance " + n + ": input key of " + length + " bytes exceeds the remaining input");
        }
        byte[] padded = r.readRaw(words);
        for (int i = length; i < padded.length; i++) {
            if (padded[i] != 0) {
                throw new FormatException(MAGIC + ": instance " + n + ": input key padding is not zero");
            }
        }
        String key = new String(padded, 0, length, StandardCharsets.US_ASCII);
        try {
            return ObjectKeys.requireValid(key);
        } catch (IllegalArgumentException e) {
            throw new FormatException(MAGIC + ": instance " + n + ": " + e.getMessage());
        }
    }
}
