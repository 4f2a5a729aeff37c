package io.proofline.plonkish;

import io.proofline.codec.FormatException;
import io.proofline.codec.WordReader;
import io.proofline.codec.WordWriter;
import io.proofline.field.Ext2;
import io.proofline.fri.FriProof;
import io.proofline.fri.FriProofCodec;
import io.proofline.merkle.MerkleCap;
import io.proofline.merkle.MerklePath;
import io.proofline.poseidon2.Digest;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary form of a {@link PlonkishProof}, version 1: magic {@code PLPROOF1}, then words:
 * three caps (count, roots), five opening lists (count, c0/c1 pairs), the FRI proof (word count,
 * its own encoding), and the query openings (count; per query four rows with paths).
 */
public final class ProofCodec {

    static final String MAGIC = "PLPROOF1";
    static final int VERSION = 1;
    private static final int MAX_CAP = 1 << 10;
    private static final int MAX_OPENINGS = 1 << 12;
    private static final int MAX_QUERIES = 1024;
    private static final int MAX_ROW = 1 << 12;
    private static final int MAX_PATH = 32;

    private ProofCodec() {
    }

    public static byte[] encode(PlonkishProof proof) {
        WordWriter w = new WordWriter(MAGIC, VERSION);
        for (MerkleCap cap : List.of(proof.witnessCap(), proof.productsCap(), proof.quotientCap())) {
            w.writeWord(cap.roots().size()).writeElements(cap.elements());
        }
        PlonkishProof.Openings o = proof.openings();
        for (List<Ext2> values : List.of(o.setup(), o.witness(), o.products(), o.quotient(), o.productsNext())) {
            w.writeWord(values.size());
            for (Ext2 v : values) {
                w.writeElement(v.c0()).writeElement(v.c1());
            }
        }
        byte[] fri = FriProofCodec.encode(proof.fri());
        w.writeWord(fri.length / 8).writeRaw(fri);
        w.writeWord(proof.queries().size());
        for (PlonkishProof.QueryOpenings q : proof.queries()) {
            for (PlonkishProof.TreeOpening t : q.all()) {
                w.writeWord(t.row().length).writeElements(t.row());
                w.writeWord(t.path().siblings().size());
                for (Digest d : t.path().siblings()) {
                    w.writeElements(d.toArray());
                }
            }
        }
        return w.toByteArray();
    }

    /** @throws FormatException if the bytes are not a well-formed version-1 proof */
    public static PlonkishProof decode(byte[] bytes) {
        WordReader r = new WordReader(bytes, MAGIC, VERSION);
        MerkleCap[] caps = new MerkleCap[3];
        for (int i = 0; i < 3; i++) {
            int roots = r.readCount("cap size", 1, MAX_CAP, Digest.ELEMENTS);
            if (Integer.bitCount(roots) != 1) {
                throw new FormatException(MAGIC + ": cap size " + roots + " is not a power of two");
            }
            caps[i] = new MerkleCap(digests(r, roots));
        }
        List<List<Ext2>> lists = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int count = r.readCount("opening count", 0, MAX_OPENINGS, 2);
            List<Ext2> values = new ArrayList<>(count);
            for (int k = 0; k < count; k++) {
                values.add(new Ext2(r.readElement(), r.readElement()));
            }
            lists.add(values);
        }
        int friWords = r.readCount("FRI proof length", 2, Integer.MAX_VALUE / 8, 1);
        byte[] friBytes = r.readRaw(friWords);
        FriProof fri;
        try {
            fri = FriProofCodec.decode(friBytes);
        } catch (FormatException e) {
            // say which file the nested FRI proof came from
            throw new FormatException(MAGIC + ": embedded FRI proof: " + e.getMessage());
        }
        int queries = r.readCount("query count", 0, MAX_QUERIES, 8);
        List<PlonkishProof.QueryOpenings> openings = new ArrayList<>(queries);
        for (int q = 0; q < queries; q++) {
            PlonkishProof.TreeOpening[] trees = new PlonkishProof.TreeOpening[4];
            for (int t = 0; t < 4; t++) {
                long[] row = r.readElements(r.readCount("row width", 1, MAX_ROW, 1));
                trees[t] = new PlonkishProof.TreeOpening(row, new MerklePath(digests(r, r.readCount("path length", 0, MAX_PATH, 4))));
            }
            openings.add(new PlonkishProof.QueryOpenings(trees[0], trees[1], trees[2], trees[3]));
        }
        r.requireEnd();
        var o = new PlonkishProof.Openings(lists.get(0), lists.get(1), lists.get(2), lists.get(3), lists.get(4));
        return new PlonkishProof(caps[0], caps[1], caps[2], o, fri, openings);
    }

    private static List<Digest> digests(WordReader r, int count) {
        List<Digest> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(Digest.fromArray(r.readElements(Digest.ELEMENTS), 0));
        }
        return out;
    }
}
