package io.proofline.backend;

import io.proofline.field.Ext2;
import io.proofline.fri.CosetFolding;
import java.util.stream.IntStream;

/** FRI folding in Java, one coset per task, cosets spread over the common fork-join pool. */
final class JavaFriFolder implements FriFolder {

    @Override
    public long[][] fold(long[] c0, long[] c1, long[] xInverses, int logArity, Ext2 beta) {
        int arity = 1 << logArity;
        if (c0.length != c1.length || c0.length % arity != 0 || xInverses.length != c0.length / arity) {
            throw new IllegalArgumentException("fold: codeword of " + c0.length + "/" + c1.length
                    + " elements does not split into " + xInverses.length + " cosets of " + arity);
        }
        int cosets = xInverses.length;
        long[] out0 = new long[cosets];
        long[] out1 = new long[cosets];
        IntStream.range(0, cosets).parallel().forEach(j -> {
            long[] v = CosetFolding.foldCoset(c0, c1, j * arity, xInverses[j], logArity, beta);
            out0[j] = v[0];
            out1[j] = v[1];
        });
        return new long[][] {out0, out1};
    }
}
