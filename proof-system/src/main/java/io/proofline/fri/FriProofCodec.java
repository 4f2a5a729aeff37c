package io.proofline.fri;

import io.proofline.codec.FormatException;
import io.proofline.codec.WordReader;
import io.proofline.codec.WordWriter;
import io.proofline.field.Ext2;
import io.proofline.merkle.MerkleCap;
import io.proofline.merkle.MerklePath;
import io.proofline.poseidon2.Digest;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary form of a {@link FriProof}, version 1: magic {@code PLFRIPRF}, then words:
 * layer count, each cap (root count, roots), final polynomial (length, c0/c1 pairs), nonce,
 * query count, and per query and layer: value count, values, sibling count, siblings.
 */
public final class FriProofCodec {

    static final String MAGIC = "PLFRIPRF";
    static final int VERSION = 1;
    private static final int MAX_LAYERS = 32;
    private static final int MAX_CAP = 1 << 10;
    private static final int MAX_FINAL = 1 << 16;
    private static final int MAX_QUERIES = 1024;
    private static final int MAX_VALUES = 32;
    private static final int MAX_PATH = 32;

    private FriProofCodec() {
    }

    public static byte[] encode(FriProof proof) {
        WordWriter w = new WordWriter(MAGIC, VERSION);
        w.writeWord(proof.layerCaps().size());
        for (MerkleCap cap : proof.layerCaps()) {
            w.writeWord(cap.roots().size()).writeElements(cap.elements());
        }
        w.writeWord(proof.finalPolynomial().size());
        for (Ext2 c : proof.finalPolynomial()) {
            w.writeElement(c.c0()).writeElement(c.c1());
        }
        w.writeWord(proof.powNonce());
        w.writeWord(proof.queries().size());
        for (FriProof.Query query : proof.queries()) {
            for (FriProof.LayerOpening opening : query.layers()) {
                w.writeWord(opening.values().length).writeElements(opening.values());
                w.writeWord(opening.path().siblings().size());
                for (Digest d : opening.path().siblings()) {
                    w.writeElements(d.toArray());
                }
            }
        }
        return w.toByteArray();
    }

    /** @throws FormatException if {@code bytes} is not a well-formed version-1 FRI proof */
    public static FriProof decode(byte[] bytes) {
        WordReader r = new WordReader(bytes, MAGIC, VERSION);
        int layers = r.readCount("layer count", 0, MAX_LAYERS, 2);
        List<MerkleCap> caps = new ArrayList<>(layers);
        for (int i = 0; i < layers; i++) {
            int roots = r.readCount("cap size", 1, MAX_CAP, Digest.ELEMENTS);
            if (Integer.bitCount(roots) != 1) {
                throw new FormatException(MAGIC + ": cap size " + roots + " is not a power of two");
            }
            caps.add(new MerkleCap(readDigests(r, roots)));
        }
        int finalLength = r.readCount("final polynomial length", 1, MAX_FINAL, 2);
        List<Ext2> finalPoly = new ArrayList<>(finalLength);
        for (int i = 0; i < finalLength; i++) {
            finalPoly.add(new Ext2(r.readElement(), r.readElement()));
        }
        long nonce = r.readWord();
        int queries = r.readCount("query count", 0, MAX_QUERIES, layers * 2);
        List<FriProof.Query> queryList = new ArrayList<>(queries);
        for (int q = 0; q < queries; q++) {
            List<FriProof.LayerOpening> openings = new ArrayList<>(layers);
            for (int l = 0; l < layers; l++) {
                long[] values = r.readElements(r.readCount("opened values", 1, MAX_VALUES, 1));
                int siblings = r.readCount("path length", 0, MAX_PATH, Digest.ELEMENTS);
                openings.add(new FriProof.LayerOpening(values, new MerklePath(readDigests(r, siblings))));
            }
            queryList.add(new FriProof.Query(openings));
        }
        r.requireEnd();
        return new FriProof(caps, finalPoly, nonce, queryList);
    }

    private static List<Digest> readDigests(WordReader r, int count) {
        List<Digest> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(Digest.fromArray(r.readElements(Digest.ELEMENTS), 0));
        }
        return out;
    }
}
