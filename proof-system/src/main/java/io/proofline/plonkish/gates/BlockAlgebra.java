package io.proofline.plonkish.gates;

import io.proofline.field.Goldilocks;
import java.util.ArrayList;
import java.util.List;

/**
 * Blocks of base-field values, one per evaluation point: the prover evaluates every constraint
 * over a block of LDE points at a time, so each operation is a tight loop the JIT can vectorize.
 * Result arrays come from a pool that {@link #reset()} recycles between blocks; one instance
 * per thread.
 */
public final class BlockAlgebra implements Algebra<long[]> {

    private final int size;
    private final List<long[]> pool = new ArrayList<>();
    private int used;

    public BlockAlgebra(int size) {
        this.size = size;
    }

    public int size() {
        return size;
    }

    /** Makes every array handed out so far reusable. */
    public void reset() {
        used = 0;
    }

    /** A scratch array for the current block. */
    public long[] next() {
        if (used == pool.size()) {
            pool.add(new long[size]);
        }
        return pool.get(used++);
    }

    @Override
    public long[] add(long[] a, long[] b) {
        long[] out = next();
        Goldilocks.addBatch(a, b, out);
        return out;
    }

    @Override
    public long[] sub(long[] a, long[] b) {
        long[] out = next();
        Goldilocks.subBatch(a, b, out);
        return out;
    }

    @Override
    public long[] mul(long[] a, long[] b) {
        long[] out = next();
        Goldilocks.mulBatch(a, b, out);
        return out;
    }

    @Override
    public long[] constant(long c) {
        long[] out = next();
        java.util.Arrays.fill(out, Goldilocks.canonical(c));
        return out;
    }

    @Override
    public long[] scale(long[] a, long c) {
        long[] out = next();
        Goldilocks.scaleBatch(a, Goldilocks.canonical(c), out);
        return out;
    }

    @Override
    public long[] addConstant(long[] a, long c) {
        long k = Goldilocks.canonical(c);
        long[] out = next();
        for (int i = 0; i < size; i++) {
            out[i] = Goldilocks.add(a[i], k);
        }
        return out;
    }
}
