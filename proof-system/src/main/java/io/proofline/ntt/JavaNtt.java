package io.proofline.ntt;

import io.proofline.field.Goldilocks;
import io.proofline.field.VectorSupport;

/**
 * The pure Java {@link Ntt}: cache-blocked DIF butterflies ({@link DifTransform}), on the Vector
 * API where {@link VectorSupport} chose it, on the calling thread plus a private fork-join pool.
 *
 * <p>A batch whose columns share out evenly over the threads is split by column (no
 * synchronisation inside a transform); otherwise each large column is split over all threads.
 * The inverse runs the same DIF with inverse twiddles. Low-degree extensions never permute:
 * block {@code b} of the bit-reversed output is a size-{@code n} DIF of the coefficients
 * scaled by that block's coset generator. Instances are thread-safe.
 */
public final class JavaNtt implements Ntt {

    /** Below this size a single transform is not worth splitting over threads. */
    private static final int SPLIT_LOG = 12;

    private final Exec exec;
    private final boolean vec;

    /** Uses every available processor. */
    public JavaNtt() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /** Uses {@code threads} threads: the caller and {@code threads - 1} daemon workers. */
    public JavaNtt(int threads) {
        this(threads, VectorSupport.AVAILABLE);
    }

    /** {@code vectors = false} forces the scalar kernels, for comparisons. */
    JavaNtt(int threads, boolean vectors) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        if (vectors && !VectorSupport.PRESENT) {
            throw new IllegalArgumentException("the Vector API is not in the boot layer");
        }
        this.exec = threads == 1 ? Exec.SERIAL : new Exec(threads);
        this.vec = vectors;
    }

    @Override
    public void forwardBatch(long[][] columns) {
        int logN = Columns.logLength(columns);
        if (logN >= 0) {
            transformAll(columns, logN, Twiddles.forward(logN), 1, 1);
        }
    }

    @Override
    public void inverseBatch(long[][] columns) {
        int logN = Columns.logLength(columns);
        if (logN >= 0) {
            transformAll(columns, logN, Twiddles.inverse(logN), 1, Goldilocks.inverse(1L << logN));
        }
    }

    @Override
    public void cosetForwardBatch(long[][] columns, long shift) {
        int logN = Columns.logLength(columns);
        if (logN >= 0) {
            transformAll(columns, logN, Twiddles.forward(logN), shift, 1);
        }
    }

    @Override
    public long[][] cosetEvaluations(long[][] coefficients, long shift) {
        int logN = Columns.logLength(coefficients);
        return logN < 0 ? new long[0][] : extend(coefficients, logN, 0, shift, 1);
    }

    @Override
    public long[][] cosetLde(long[][] coefficients, int logBlowup, long shift) {
        int logN = Columns.logLength(coefficients);
        Columns.extendedLog(Math.max(logN, 0), logBlowup);
        return logN < 0 ? new long[0][] : extend(coefficients, logN, logBlowup, shift, 1);
    }

    @Override
    public long[][] cosetLdeFromEvaluations(long[][] evaluations, int logBlowup, long shift) {
        int logN = Columns.logLength(evaluations);
        Columns.extendedLog(Math.max(logN, 0), logBlowup);
        if (logN < 0) {
            return new long[0][];
        }
        long[][] coefficients = new long[evaluations.length][];
        for (int c = 0; c < coefficients.length; c++) {
            coefficients[c] = evaluations[c].clone();
        }
        // unscaled inverse; the 1/n is folded into the coset powers of the extension
        transformAll(coefficients, logN, Twiddles.inverse(logN), 1, 1);
        return extend(coefficients, logN, logBlowup, shift, Goldilocks.inverse(1L << logN));
    }

    /** Natural-order transforms of every column: {@code a[i] *= shift^i}, DIF, bit reversal, {@code *= scale}. */
    private void transformAll(long[][] columns, int logN, long[] tw, long shift, long scale) {
        if (byColumn(columns.length, logN)) {
            exec.forRange(columns.length, (from, to) -> {
                for (int c = from; c < to; c++) {
                    column(columns[c], logN, tw, shift, scale, Exec.SERIAL);
                }
            });
        } else {
            for (long[] col : columns) {
                column(col, logN, tw, shift, scale, exec);
            }
        }
    }

    /**
     * Whether to hand whole transforms to the threads (no synchronisation inside) rather than
     * split each one: when they share out evenly, or are too small to split.
     */
    private boolean byColumn(int transforms, int logN) {
        int t = exec.threads();
        return logN < SPLIT_LOG || transforms % t == 0 || transforms >= 4 * t;
    }

    private void column(long[] a, int logN, long[] tw, long shift, long scale, Exec inner) {
        if (shift != 1) {
            mulPowers(a, a, 0, 1 << logN, Goldilocks.ONE, shift, inner);
        }
        DifTransform.run(a, 0, logN, tw, vec, inner, scale, true);
    }

    /** Receives block {@code [row, row + values.length)} of an extension's column. */
    @FunctionalInterface
    public interface BlockSink {
        /** {@code values} is the caller's scratch, reused for its next block: copy it before returning. */
        void accept(int column, int row, long[] values);
    }

    /**
     * {@link #cosetLde}, handed out block by block instead of returned as heap columns, so that
     * the extension can be written where it will live (off heap) without a whole copy on the
     * heap first: block {@code b} of a column is rows {@code [b n, (b + 1) n)} of its bit-reversed
     * extension. Blocks of different columns arrive on several threads at once.
     *
     * @throws IllegalArgumentException as {@link #cosetLde}
     */
    public void cosetLde(long[][] coefficients, int logBlowup, long shift, BlockSink sink) {
        int logN = Columns.logLength(coefficients);
        Columns.extendedLog(Math.max(logN, 0), logBlowup);
        if (logN >= 0) {
            extend(coefficients, logN, logBlowup, shift, 1, sink);
        }
    }

    /** {@link #cosetEvaluations}, handed to {@code sink} as one block per column, as {@link #cosetLde(long[][], int, long, BlockSink)} does. */
    public void cosetEvaluations(long[][] coefficients, long shift, BlockSink sink) {
        int logN = Columns.logLength(coefficients);
        if (logN >= 0) {
            extend(coefficients, logN, 0, shift, 1, sink);
        }
    }

    /**
     * The columns' common length, 0 for no columns: to size the output of
     * {@link #cosetEvaluations(long[][], long, BlockSink)} before asking for it.
     *
     * @throws IllegalArgumentException for lengths that differ or are not a power of two
     */
    public static int columnLength(long[][] coefficients) {
        int logN = Columns.logLength(coefficients);
        return logN < 0 ? 0 : 1 << logN;
    }

    /**
     * The row count of {@code coefficients}' extension by {@code 2^logBlowup}, 0 for no columns,
     * after the checks {@link #cosetLde} makes: to size its output before asking for the blocks.
     *
     * @throws IllegalArgumentException as {@link #cosetLde}
     */
    public static int extendedRows(long[][] coefficients, int logBlowup) {
        int logN = Columns.logLength(coefficients);
        int logRows = Columns.extendedLog(Math.max(logN, 0), logBlowup);
        return logN < 0 ? 0 : 1 << logRows;
    }

    /** The bit-reversed coset LDE; {@code scale} multiplies every coefficient first. */
    private long[][] extend(long[][] coefficients, int logN, int logBlowup, long shift, long scale) {
        long[][] out = new long[coefficients.length][n(logN) << logBlowup];
        extend(coefficients, logN, logBlowup, shift, scale,
                (c, row, values) -> System.arraycopy(values, 0, out[c], row, values.length));
        return out;
    }

    private static int n(int logN) {
        return 1 << logN;
    }

    /** Each block made in a scratch array of its thread, then handed to {@code sink}. */
    private void extend(long[][] coefficients, int logN, int logBlowup, long shift, long scale, BlockSink sink) {
        int n = n(logN);
        int blocks = 1 << logBlowup;
        long[] tw = Twiddles.forward(logN);
        int tasks = coefficients.length * blocks;
        boolean byTask = byColumn(tasks, logN);
        Exec inner = byTask ? Exec.SERIAL : exec;
        Exec outer = byTask ? exec : Exec.SERIAL;
        ThreadLocal<long[]> scratch = ThreadLocal.withInitial(() -> new long[n]);
        outer.forRange(tasks, (from, to) -> {
            long[] block = scratch.get();
            for (int t = from; t < to; t++) {
                int c = t >>> logBlowup;
                int b = t & (blocks - 1);
                long g = Columns.blockShift(shift, logN, logBlowup, b);
                mulPowers(coefficients[c], block, 0, n, scale, g, inner);
                DifTransform.run(block, 0, logN, tw, vec, inner, 1, false);
                sink.accept(c, b * n, block);
            }
        });
    }

    /** {@code dst[d+i] = src[i] * start * g^i} for {@code i < n}, split into chunks over {@code inner}. */
    private void mulPowers(long[] src, long[] dst, int d, int n, long start, long g, Exec inner) {
        int pieces = inner.threads() == 1 ? 1 : Math.min(n >>> 10, Integer.highestOneBit(inner.threads() * 4));
        if (pieces <= 1) {
            mulPowersRun(src, 0, dst, d, n, start, g);
            return;
        }
        int len = n / pieces; // both powers of two
        inner.forRange(pieces, (from, to) -> {
            for (int p = from; p < to; p++) {
                long s = Goldilocks.mul(start, Goldilocks.pow(g, (long) p * len));
                mulPowersRun(src, p * len, dst, d + p * len, len, s, g);
            }
        });
    }

    private void mulPowersRun(long[] src, int s, long[] dst, int d, int len, long start, long g) {
        if (vec) {
            VectorKernels.mulPowers(src, s, dst, d, len, start, g);
        } else {
            ScalarKernels.mulPowers(src, s, dst, d, len, start, g);
        }
    }
}
