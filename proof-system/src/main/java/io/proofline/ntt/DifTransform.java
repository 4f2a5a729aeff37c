package io.proofline.ntt;

import io.proofline.field.TwoAdicRoots;

/**
 * A cache-blocked, in-place decimation-in-frequency NTT of one power-of-two run of a column.
 *
 * <p>DIF takes coefficients in natural order to evaluations in bit-reversed order. The stages
 * run in three phases, each split over the executor without further synchronisation:
 * <ol>
 *   <li>outer stages, whose butterflies span more than one L2-sized block: the column is seen
 *       as {@code 2^outer} rows of {@code 2^blockLog} and each task carries a narrow strip of
 *       columns through all of them, so the whole array is streamed once;</li>
 *   <li>inner stages down to half-size 8, one L2-resident block per task;</li>
 *   <li>the last three stages, eight consecutive elements each, fused either into phase 2
 *       (bit-reversed output) or into a tiled bit-reversal permutation (natural output).</li>
 * </ol>
 * Stages are taken two at a time on four runs, so the second finds its inputs still in cache.
 * Vector kernels do the butterflies of half-size 8 and up; the last three stages are done on
 * transposed 8x8 tiles so that they too are lane-wise.
 */
final class DifTransform {

    /** Blocks of 2^15 elements (256 KiB) stay in L2 with their twiddles. */
    static final int BLOCK_LOG = 15;
    /** Outer-phase strips of about 2^14 elements (128 KiB). */
    private static final int STRIP_LOG = 14;
    /** Below 2^6 elements the plain scalar loop is used: there is no 8x8 tile to transpose. */
    private static final int SMALL_LOG = 6;

    private DifTransform() {
    }

    /**
     * Transforms {@code a[off, off + 2^logN)} in place.
     *
     * @param tw      a {@link Twiddles} table covering {@code 2^logN}
     * @param vec     whether to use {@link VectorKernels}
     * @param scale   factor applied to every output ({@code 1} for none)
     * @param natural natural-order output if true, bit-reversed otherwise
     */
    static void run(long[] a, int off, int logN, long[] tw, boolean vec, Exec exec, long scale, boolean natural) {
        if (logN < SMALL_LOG) {
            small(a, off, logN, tw, scale, natural);
            return;
        }
        // with several threads, smaller blocks so that phase 2 has a few per thread
        int spread = exec.threads() == 1 ? 0 : 32 - Integer.numberOfLeadingZeros(4 * exec.threads() - 1);
        int blockLog = Math.max(SMALL_LOG, Math.min(BLOCK_LOG, logN - spread));
        int outer = logN - blockLog;
        if (outer > 0) {
            int width = Math.min(1 << blockLog, Math.max(8, 1 << Math.max(0, STRIP_LOG - outer)));
            exec.forRange((1 << blockLog) / width, (from, to) -> {
                for (int s = from; s < to; s++) {
                    outerStages(a, off, logN, blockLog, s * width, width, tw, vec);
                }
            });
        }
        exec.forRange(1 << outer, (from, to) -> {
            for (int b = from; b < to; b++) {
                innerStages(a, off + (b << blockLog), blockLog, tw, vec, scale, !natural);
            }
        });
        if (natural) {
            boolean tiles = vec && VectorKernels.TILES;
            exec.forRange(1 << (logN - 6), (from, to) -> {
                if (tiles) {
                    VectorKernels.lastStagesReversed(a, off, logN, tw, from, to);
                } else {
                    lastStagesReversed(a, off, logN, tw, from, to);
                }
            });
        }
    }

    /** All stages with half-size at least {@code 2^blockLog}, on the strip {@code [r0, r0 + width)} of every row. */
    private static void outerStages(long[] a, int off, int logN, int blockLog, int r0, int width, long[] tw, boolean vec) {
        int n = 1 << logN;
        int stride = 1 << blockLog;
        int h = n >>> 1;
        while (h >= stride) {
            if ((h >>> 1) >= stride) {
                int d = h >>> 1;
                int pairs = d >>> blockLog;
                for (int g = 0; g < n; g += 2 * h) {
                    for (int m = 0; m < pairs; m++) {
                        int e = m * stride + r0; // position within the half-block: twiddle index
                        twoStages(vec, a, off + g + e, d, tw, h + e, d + e, width);
                    }
                }
                h >>>= 2;
            } else {
                for (int g = 0; g < n; g += 2 * h) {
                    dif2(vec, a, off + g + r0, h, tw, h + r0, width);
                }
                h >>>= 1;
            }
        }
    }

    /** Stages with half-size {@code 2^(blockLog-1)} down to 8 on one block, then scaling and maybe the last three. */
    private static void innerStages(long[] a, int o, int blockLog, long[] tw, boolean vec, long scale, boolean lastThree) {
        int size = 1 << blockLog;
        int h = size >>> 1;
        while (h >= 8) {
            if ((h >>> 1) >= 8) {
                int d = h >>> 1;
                for (int s = o; s < o + size; s += 2 * h) {
                    twoStages(vec, a, s, d, tw, h, d, d);
                }
                h >>>= 2;
            } else {
                for (int s = o; s < o + size; s += 2 * h) {
                    dif2(vec, a, s, h, tw, h, h);
                }
                h >>>= 1;
            }
        }
        if (scale != 1) {
            if (vec) {
                VectorKernels.scale(a, o, o + size, scale);
            } else {
                ScalarKernels.scale(a, o, o + size, scale);
            }
        }
        if (lastThree) {
            if (vec && VectorKernels.TILES) {
                VectorKernels.lastStagesInPlace(a, o, o + size, tw);
            } else {
                for (int s = o; s < o + size; s += 8) {
                    ScalarKernels.radix8(a, s, tw, a, s);
                }
            }
        }
    }

    /**
     * The last three stages fused with the bit-reversal permutation. With index bits
     * {@code (hi:3, mid, lo:3)}, reversal maps {@code (hi, m, lo)} to {@code (rev lo, rev m, rev hi)},
     * so the 8x8 tile at mid {@code m} is transposed onto the tile at {@code rev m}: each
     * tile is eight runs of eight elements on both sides, whole cache lines.
     */
    private static void lastStagesReversed(long[] a, int off, int logN, long[] tw, int from, int to) {
        int midBits = logN - 6;
        int hiShift = logN - 3;
        long[] buf = new long[128];
        for (int m = from; m < to; m++) {
            int mr = TwoAdicRoots.reverseBits(m, midBits);
            if (mr < m) {
                continue; // handled together with its partner
            }
            for (int hi = 0; hi < 8; hi++) {
                ScalarKernels.radix8(a, off + (hi << hiShift) + (m << 3), tw, buf, hi * 8);
            }
            if (mr != m) {
                for (int hi = 0; hi < 8; hi++) {
                    ScalarKernels.radix8(a, off + (hi << hiShift) + (mr << 3), tw, buf, 64 + hi * 8);
                }
                transposeInto(buf, 64, a, off + (m << 3), hiShift);
            }
            transposeInto(buf, 0, a, off + (mr << 3), hiShift);
        }
    }

    /** {@code a[base + (rev lo << hiShift) + rev hi] = buf[b + 8 hi + lo]}. */
    private static void transposeInto(long[] buf, int b, long[] a, int base, int hiShift) {
        for (int lo = 0; lo < 8; lo++) {
            int row = base + (REV3[lo] << hiShift);
            for (int hi = 0; hi < 8; hi++) {
                a[row + hi] = buf[b + 8 * REV3[hi] + lo];
            }
        }
    }

    private static final int[] REV3 = {0, 4, 2, 6, 1, 5, 3, 7};

    private static void small(long[] a, int off, int logN, long[] tw, long scale, boolean natural) {
        int n = 1 << logN;
        for (int h = n >>> 1; h >= 1; h >>>= 1) {
            for (int s = 0; s < n; s += 2 * h) {
                ScalarKernels.dif2(a, off + s, h, tw, h, h);
            }
        }
        if (natural) {
            for (int i = 0; i < n; i++) {
                int j = TwoAdicRoots.reverseBits(i, logN);
                if (i < j) {
                    long t = a[off + i];
                    a[off + i] = a[off + j];
                    a[off + j] = t;
                }
            }
        }
        if (scale != 1) {
            ScalarKernels.scale(a, off, off + n, scale);
        }
    }

    private static void dif2(boolean vec, long[] a, int x, int h, long[] tw, int t, int len) {
        if (vec && len >= VectorKernels.LANES) {
            VectorKernels.dif2(a, x, h, tw, t, len);
        } else {
            ScalarKernels.dif2(a, x, h, tw, t, len);
        }
    }

    /**
     * Two stages on the four runs {@code x + k d}: half-size {@code 2d} with twiddles
     * {@code tw[tA..]} and {@code tw[tA+d..]}, then half-size {@code d} with {@code tw[tC..]}.
     */
    private static void twoStages(boolean vec, long[] a, int x, int d, long[] tw, int tA, int tC, int len) {
        dif2(vec, a, x, 2 * d, tw, tA, len);
        dif2(vec, a, x + d, 2 * d, tw, tA + d, len);
        dif2(vec, a, x, d, tw, tC, len);
        dif2(vec, a, x + 2 * d, d, tw, tC, len);
    }
}
