package io.proofline.plonkish;

import io.proofline.fri.FriParameters;
import io.proofline.plonkish.gates.Gate;
import java.nio.charset.StandardCharsets;

/** The canonical encoding of verification keys, the input of their commitment. */
final class VerificationKeyCodec {

    static final String MAGIC = "PLVKEY01";
    static final int VERSION = 1;

    private VerificationKeyCodec() {
    }

    /** The key as field elements: version, geometry, FRI parameters, gate names, public-input rows, setup cap. */
    static long[] canonicalWords(VerificationKey key) {
        java.util.List<Long> w = new java.util.ArrayList<>();
        w.add((long) VERSION);
        Geometry g = key.geometry();
        w.add((long) g.copyColumns());
        w.add((long) g.witnessColumns());
        w.add((long) g.constantColumns());
        w.add((long) g.logRows());
        w.add((long) g.maxDegree());
        FriParameters f = key.fri();
        w.add((long) f.logBlowup());
        w.add((long) f.numQueries());
        w.add((long) f.powBits());
        w.add((long) f.logFoldingArity());
        w.add((long) f.logFinalPolyLength());
        w.add((long) f.logCapSize());
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
        long[] cap = key.setupCap().elements();
        w.add((long) key.setupCap().roots().size());
        for (long e : cap) {
            w.add(e);
        }
        return w.stream().mapToLong(Long::longValue).toArray();
    }
}
