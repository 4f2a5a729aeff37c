package io.proofline.plonkish;

import io.proofline.codec.FormatException;
import io.proofline.codec.WordReader;
import io.proofline.codec.WordWriter;
import io.proofline.fri.FriParameters;
import io.proofline.merkle.MerkleCap;
import io.proofline.plonkish.gates.Gate;
import io.proofline.poseidon2.Digest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Verification keys in binary (magic {@code PLVKEY01}, version 1) and in JSON. The binary words
 * after the magic are the canonical encoding that the key's commitment hashes: version,
 * geometry, FRI parameters, gate names (length, ASCII codes), public-input rows, setup cap.
 */
public final class VerificationKeyCodec {

    static final String MAGIC = "PLVKEY01";
    static final int VERSION = 1;

    private VerificationKeyCodec() {
    }

    public static byte[] encode(VerificationKey key) {
        long[] words = canonicalWords(key);
        WordWriter w = new WordWriter(MAGIC, VERSION);
        for (int i = 1; i < words.length; i++) {
            w.writeWord(words[i]);
        }
        return w.toByteArray();
    }

    /** @throws FormatException if the bytes are not a well-formed key */
    public static VerificationKey decode(byte[] bytes) {
        WordReader r = new WordReader(bytes, MAGIC, VERSION);
        try {
            Geometry g = new Geometry(r.readCount("copy columns", 1, 256, 0), r.readCount("witness columns", 0, 1024, 0),
                    r.readCount("constant columns", 1, 64, 0), r.readCount("log rows", 2, Geometry.MAX_LOG_ROWS, 0),
                    r.readCount("max degree", 4, 8, 0));
            FriParameters fri = new FriParameters(r.readCount("log blowup", 1, 10, 0), r.readCount("queries", 1, 1024, 0),
                    r.readCount("pow bits", 0, 40, 0), r.readCount("log arity", 1, 4, 0), r.readCount("log final length", 0, 16, 0),
                    r.readCount("log cap size", 0, 10, 0));
            int gateCount = r.readCount("gate count", 0, Gate.all().length, 1);
            List<Gate> gates = new ArrayList<>(gateCount);
            for (int i = 0; i < gateCount; i++) {
                int length = r.readCount("gate name length", 1, 64, 1);
                byte[] name = new byte[length];
                for (int k = 0; k < length; k++) {
                    name[k] = (byte) r.readCount("gate name character", 32, 126, 0);
                }
                gates.add(Gate.byName(new String(name, StandardCharsets.US_ASCII)));
            }
            int piCount = r.readCount("public input count", 0, 1 << 20, 1);
            int[] rows = new int[piCount];
            for (int i = 0; i < piCount; i++) {
                rows[i] = r.readCount("public input row", 0, g.rows() - 1, 0);
            }
            int roots = r.readCount("cap size", 1, 1 << 10, Digest.ELEMENTS);
            List<Digest> cap = new ArrayList<>(roots);
            for (int i = 0; i < roots; i++) {
                cap.add(Digest.fromArray(r.readElements(Digest.ELEMENTS), 0));
            }
            r.requireEnd();
            return new VerificationKey(g, fri, gates, rows, new MerkleCap(cap));
        } catch (IllegalArgumentException e) {
            throw new FormatException(MAGIC + ": " + e.getMessage());
        }
    }

    /** The key as field elements: version, geometry, FRI parameters, gate names, public-input rows, setup cap. */
    public static long[] canonicalWords(VerificationKey key) {
        List<Long> w = new ArrayList<>();
        w.add((long) VERSION);
        Geometry g = key.geometry();
        for (int v : new int[] {g.copyColumns(), g.witnessColumns(), g.constantColumns(), g.logRows(), g.maxDegree()}) {
            w.add((long) v);
        }
        FriParameters f = key.fri();
        for (int v : new int[] {f.logBlowup(), f.numQueries(), f.powBits(), f.logFoldingArity(), f.logFinalPolyLength(),
            f.logCapSize()}) {
            w.add((long) v);
        }
        w.add((long) key.gates().size());
        for (Gate gate : key.gates()) {
            byte[] name = gate.name().getBytes(StandardCharsets.US_ASCII);
            w.add((long) name.length);
            for (byte b : name) {
                w.add((long) b);
            }
        }
        int[] rows = key.publicInputRows();
        w.add((long) rows.length);
        for (int r : rows) {
            w.add((long) r);
        }
        w.add((long) key.setupCap().roots().size());
        for (long e : key.setupCap().elements()) {
            w.add(e);
        }
        return w.stream().mapToLong(Long::longValue).toArray();
    }

    /**
     * A readable JSON form: every field by name, digests as hex, plus the commitment and two
     * bit counts: the conjectured security (capped by the field at the key's size, as verifiers
     * count it) and the proven security of the FRI query phase alone (see {@link FriParameters}).
     */
    public static String toJson(VerificationKey key) {
        Geometry g = key.geometry();
        FriParameters f = key.fri();
        StringBuilder sb = new StringBuilder("{\n");
        sb.append("  \"format\": \"proofline-verification-key\",\n  \"version\": ").append(VERSION).append(",\n");
        sb.append("  \"commitment\": \"").append(key.commitment()).append("\",\n");
        sb.append("  \"geometry\": {\"copyColumns\": ").append(g.copyColumns()).append(", \"witnessColumns\": ")
                .append(g.witnessColumns()).append(", \"constantColumns\": ").append(g.constantColumns())
                .append(", \"logRows\": ").append(g.logRows()).append(", \"maxDegree\": ").append(g.maxDegree()).append("},\n");
        sb.append("  \"fri\": {\"logBlowup\": ").append(f.logBlowup()).append(", \"numQueries\": ").append(f.numQueries())
                .append(", \"powBits\": ").append(f.powBits()).append(", \"logFoldingArity\": ").append(f.logFoldingArity())
                .append(", \"logFinalPolyLength\": ").append(f.logFinalPolyLength()).append(", \"logCapSize\": ")
                .append(f.logCapSize()).append(", \"conjecturedSecurityBits\": ").append(Soundness.conjecturedBits(key))
                .append(", \"provenQuerySecurityBits\": ").append(f.provenQueryBits()).append("},\n");
        sb.append("  \"gates\": [").append(String.join(", ", key.gates().stream().map(x -> "\"" + x.name() + "\"").toList()))
                .append("],\n");
        sb.append("  \"publicInputRows\": ").append(java.util.Arrays.toString(key.publicInputRows())).append(",\n");
        sb.append("  \"setupCap\": [").append(String.join(", ", key.setupCap().roots().stream().map(d -> "\"" + d + "\"").toList()))
                .append("]\n}\n");
        return sb.toString();
    }
}
