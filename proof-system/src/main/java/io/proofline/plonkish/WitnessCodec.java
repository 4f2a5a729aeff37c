package io.proofline.plonkish;

import io.proofline.codec.FormatException;
import io.proofline.codec.WordReader;
import io.proofline.codec.WordWriter;

/**
 * Witness vectors on disk, version 1: magic {@code PLWITNS1}, column count, column length, the
 * columns, then the public inputs (count, values).
 */
public final class WitnessCodec {

    static final String MAGIC = "PLWITNS1";
    static final int VERSION = 1;

    private WitnessCodec() {
    }

    public static byte[] encode(WitnessVector witness) {
        WordWriter w = new WordWriter(MAGIC, VERSION);
        long[][] columns = witness.columns();
        w.writeWord(columns.length).writeWord(columns.length == 0 ? 0 : columns[0].length);
        for (long[] column : columns) {
            w.writeElements(column);
        }
        w.writeWord(witness.publicInputs().length).writeElements(witness.publicInputs());
        return w.toByteArray();
    }

    /** @throws FormatException if the bytes are not a well-formed witness vector */
    public static WitnessVector decode(byte[] bytes) {
        WordReader r = new WordReader(bytes, MAGIC, VERSION);
        int count = r.readCount("column count", 1, 4096, 0);
        int rows = r.readCount("column length", 4, 1 << Geometry.MAX_LOG_ROWS, 0);
        if (Integer.bitCount(rows) != 1) {
            throw new FormatException(MAGIC + ": column length " + rows + " is not a power of two");
        }
        if ((long) count * rows > r.remainingWords()) {
            throw new FormatException(MAGIC + ": " + count + " columns of " + rows + " rows exceed the input");
        }
        long[][] columns = new long[count][];
        for (int c = 0; c < count; c++) {
            columns[c] = r.readElements(rows);
        }
        long[] publicInputs = r.readElements(r.readCount("public input count", 0, 1 << 20, 1));
        r.requireEnd();
        return new WitnessVector(columns, publicInputs);
    }
}
