/*
 * The CPU implementation of proofline_native.h: OpenMP threads, scalar 128-bit multiplies,
 * and vector kernels for the DIF butterflies, coset powers, Poseidon2 and Merkle hashing
 * (avx512.c, eight lanes; avx2.c, four lanes; Merkle hashing two vectors of states per call)
 * where the CPU has them, on x86-64 (elsewhere, as on ARM, the portable loops alone). Same algorithms as
 * io.proofline.ntt.JavaNtt (DIF butterflies, blocked LDE), io.proofline.poseidon2.Poseidon2Hash
 * and io.proofline.fri.CosetFolding.
 */
#include "proofline_native.h"
#include "../common/pl_field.h"
#include "../common/pl_error.h"
#include "../common/pl_checks.h"
#if defined(__x86_64__)
#include "avx2.h"
#include "avx512.h"
#endif
#include "p2_layers.h"

#include <omp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *pl_backend_name(void) { return "native-cpu"; }

/*
 * The vector kernels in use, chosen once per process: AVX-512F where the CPU has it, else
 * AVX2, else (and on every machine but x86-64) none, the portable loops. PROOFLINE_NATIVE_ISA=portable|avx2|avx512 asks for one
 * (the tests run the differential tests on each); a request the CPU cannot serve falls back to
 * the best set it has below the one asked for, with a line on stderr.
 */
struct kernels {
    const char *name;
    size_t lanes; /* 0 for the portable loops */
    void (*dif_run)(uint64_t *x, size_t h, const uint64_t *t, size_t from, size_t to);
    void (*dif_last3)(uint64_t *a, size_t size, const uint64_t *tw);
    void (*mul_powers)(const uint64_t *src, uint64_t *dst, size_t n, uint64_t start, uint64_t g);
    void (*permute)(uint64_t *states); /* lanes states */
    size_t tree_lanes; /* rows per hash_rows call, parents per compress call */
    void (*hash_rows)(const uint64_t *matrix, uint64_t width, uint64_t rows, uint64_t r, uint64_t *digests);
    void (*compress)(const uint64_t *below, uint64_t i, uint64_t *layer);
    /* the limbs of two sums of products: l0, h0 += w0 v and l1, h1 += w1 v, n a multiple of 2 lanes */
    void (*add_scaled2_limbs)(uint64_t *l0, uint64_t *h0, uint64_t *l1, uint64_t *h1, const uint64_t *v, uint64_t w0,
                              uint64_t w1, size_t n);
    /* one quotient-program instruction over a block of rows, a multiple of lanes */
    void (*block_op)(uint32_t op, uint64_t *d, const uint64_t *a, const uint64_t *b, uint64_t k, size_t n);
};

static const struct kernels PORTABLE = {"portable", 0, NULL, NULL, NULL, NULL, 0, NULL, NULL, NULL, NULL};
#if defined(__x86_64__)
static const struct kernels AVX2 = {"avx2", 4, pl_avx2_dif_run, pl_avx2_dif_last3, pl_avx2_mul_powers,
                                    pl_avx2_permute4, 8, pl_avx2_hash_rows8, pl_avx2_compress8, pl_avx2_add_scaled2_limbs,
                                    pl_avx2_block_op};
static const struct kernels AVX512 = {"avx512", 8, pl_avx512_dif_run, pl_avx512_dif_last3, pl_avx512_mul_powers,
                                      pl_avx512_permute8, 16, pl_avx512_hash_rows16, pl_avx512_compress16,
                                      pl_avx512_add_scaled2_limbs, pl_avx512_block_op};
#endif

static struct kernels vec;

__attribute__((constructor)) static void choose_isa(void) {
    /* the best set this build and CPU run, and the best below AVX-512 */
    const struct kernels *best = &PORTABLE, *avx2 = &PORTABLE;
#if defined(__x86_64__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx2")) avx2 = &AVX2;
    best = __builtin_cpu_supports("avx512f") ? &AVX512 : avx2;
#endif
    const char *asked = getenv("PROOFLINE_NATIVE_ISA");
    const struct kernels *chosen = best;
    if (asked && *asked) {
        int known = 1;
        if (strcmp(asked, "portable") == 0) chosen = &PORTABLE;
        else if (strcmp(asked, "avx2") == 0) chosen = avx2;
        else if (strcmp(asked, "avx512") == 0) chosen = best;
        else known = 0;
        if (!known)
            fprintf(stderr, "proofline native-cpu: PROOFLINE_NATIVE_ISA=%s is not one of portable, avx2, avx512; "
                            "using the %s kernels\n", asked, chosen->name);
        else if (strcmp(asked, chosen->name) != 0)
            fprintf(stderr, "proofline native-cpu: PROOFLINE_NATIVE_ISA=%s, but this CPU lacks it; using the %s kernels\n",
                    asked, chosen->name);
    }
    vec = *chosen;
    p2_fill_external_constants();
}

const char *pl_kernel_set(void) { return vec.name; }

uint64_t p2_external_lo[9][12], p2_external_hi[9][12];

void p2_fill_external_constants(void) {
    for (int layer = 0; layer < 9; layer++) {
        /* partial rounds follow the layer after round 3, and nothing the layer after round 7 */
        int next = layer == 4 || layer == 8 ? -1 : layer;
        for (int i = 0; i < 12; i++) {
            /* each output's weight: M4's row sum (16 or 12) times four, the weight of an input in its column sum and block */
            uint64_t weight = i % 2 == 0 ? 64 : 48;
            uint64_t lo = layer == 0 ? 0 : weight * P2_LIMB_OFFSET_LO;
            uint64_t hi = layer == 0 ? 0 : weight * P2_LIMB_OFFSET_HI;
            if (next >= 0) {
                lo += PL_P2_FULL_RC[12 * next + i] & 0xFFFFFFFFULL;
                hi += PL_P2_FULL_RC[12 * next + i] >> 32;
            }
            p2_external_lo[layer][i] = lo;
            p2_external_hi[layer][i] = hi;
        }
    }
}

const char *pl_last_error(void) { return pl_error_text; }

int32_t pl_device_count(int32_t *count) {
    pl_clear_error();
    if (!count) return pl_fail(PL_ERR_ARGUMENT, "pl_device_count: null pointer");
    *count = 1;
    return PL_OK;
}

int32_t pl_memory_info(uint64_t *free_bytes, uint64_t *total_bytes) {
    pl_clear_error();
    if (!free_bytes || !total_bytes) return pl_fail(PL_ERR_ARGUMENT, "pl_memory_info: null pointer");
    long page = sysconf(_SC_PAGESIZE);
    *free_bytes = (uint64_t) sysconf(_SC_AVPHYS_PAGES) * (uint64_t) page;
    *total_bytes = (uint64_t) sysconf(_SC_PHYS_PAGES) * (uint64_t) page;
    return PL_OK;
}

/* ---- twiddles: t[h + j] = w_{2h}^j for every half-size h, as io.proofline.ntt.Twiddles ---- */

static uint64_t *tw_table[2];
static uint32_t tw_log[2];
static pthread_mutex_t tw_lock = PTHREAD_MUTEX_INITIALIZER;

/* A forward (inv = 0) or inverse (inv = 1) table covering 2^log_n; NULL if out of memory. */
static const uint64_t *twiddles(uint32_t log_n, int inv) {
    pthread_mutex_lock(&tw_lock);
    if (!tw_table[inv] || tw_log[inv] < log_n) {
        uint32_t log = log_n < 1 ? 1 : log_n;
        size_t n = (size_t) 1 << log;
        uint64_t *t = malloc(n * sizeof(uint64_t));
        if (!t) {
            pthread_mutex_unlock(&tw_lock);
            return NULL;
        }
        uint64_t w = pl_root_of_unity(log);
        if (inv) w = pl_inverse(w);
        size_t half = n >> 1;
        t[0] = 0;
        uint64_t acc = 1;
        for (size_t j = 0; j < half; j++) {
            t[half + j] = acc;
            acc = pl_mul(acc, w);
        }
        for (size_t h = half >> 1; h >= 1; h >>= 1) {
            for (size_t j = 0; j < h; j++) t[h + j] = t[2 * h + 2 * j];
        }
        /* old tables stay allocated: another thread may still be reading one */
        tw_table[inv] = t;
        tw_log[inv] = log;
    }
    const uint64_t *t = tw_table[inv];
    pthread_mutex_unlock(&tw_lock);
    return t;
}

/* ---- one column ---- */

/* Blocks of 2^14 elements (128 KiB) stay in L2 while the small stages run on them. */
#define BLOCK_LOG 14

/* Butterflies q in [from, to) of the group at g: (u, v) -> (u + v, (u - v) w_{2h}^q). */
static void dif_run(uint64_t *a, size_t g, size_t h, const uint64_t *tw, size_t from, size_t to) {
    uint64_t *x = a + g;
    const uint64_t *t = tw + h;
    if (vec.lanes && (to - from) % vec.lanes == 0) {
        vec.dif_run(x, h, t, from, to);
        return;
    }
    for (size_t q = from; q < to; q++) {
        uint64_t u = x[q];
        uint64_t v = x[h + q];
        x[q] = pl_add(u, v);
        x[h + q] = pl_mul(pl_sub(u, v), t[q]);
    }
}

/* One stage of half-size h over the column, in runs of at most RUN butterflies. */
#define RUN 4096
static void dif_stage(uint64_t *a, size_t n, size_t h, const uint64_t *tw, int parallel) {
    size_t runs_per_group = h < RUN ? 1 : h / RUN;
    size_t run = h / runs_per_group;
    size_t runs = (n / (2 * h)) * runs_per_group;
    #pragma omp parallel for schedule(dynamic, 1) if (parallel)
    for (size_t r = 0; r < runs; r++) {
        size_t g = (r / runs_per_group) * 2 * h;
        size_t q = (r % runs_per_group) * run;
        dif_run(a, g, h, tw, q, q + run);
    }
}

/* All stages of half-size below 2^block_log on the block a[0, 2^block_log). */
static void dif_block(uint64_t *a, size_t size, const uint64_t *tw) {
    for (size_t h = size >> 1; h >= 1; h >>= 1) {
        /* the last three stages work on 2 * lanes elements at a time (tested first: with AVX2's
           four lanes, half-size 4 is also a whole vector, and the last two stages would be scalar) */
        if (vec.lanes && h == 4 && size >= 2 * vec.lanes) {
            vec.dif_last3(a, size, tw);
            return;
        }
        if (vec.lanes && h >= vec.lanes) {
            for (size_t g = 0; g < size; g += 2 * h) vec.dif_run(a + g, h, tw + h, 0, h);
            continue;
        }
        for (size_t g = 0; g < size; g += 2 * h) {
            uint64_t *x = a + g;
            const uint64_t *t = tw + h;
            for (size_t q = 0; q < h; q++) {
                uint64_t u = x[q];
                uint64_t v = x[h + q];
                x[q] = pl_add(u, v);
                x[h + q] = pl_mul(pl_sub(u, v), t[q]);
            }
        }
    }
}

/*
 * In-place DIF of a[0, 2^log_n): natural-order input, bit-reversed output. Large stages span
 * the whole column, the rest run block by block; `parallel` spreads both over the threads.
 */
static void dif(uint64_t *a, uint32_t log_n, const uint64_t *tw, int parallel) {
    size_t n = (size_t) 1 << log_n;
    if (n == 1) return;
    uint32_t block_log = log_n < BLOCK_LOG ? log_n : BLOCK_LOG;
    size_t block = (size_t) 1 << block_log;
    for (size_t h = n >> 1; h >= block; h >>= 1) dif_stage(a, n, h, tw, parallel);
    size_t blocks = n >> block_log;
    if (parallel && blocks > 1) {
        #pragma omp parallel for schedule(dynamic, 1)
        for (size_t b = 0; b < blocks; b++) dif_block(a + b * block, block, tw);
    } else {
        for (size_t b = 0; b < blocks; b++) dif_block(a + b * block, block, tw);
    }
}

/* 32-bit reversal by bytes, shifted down to log_n bits */
static uint32_t reverse_fast(uint32_t i, uint32_t log_n) {
    static const uint8_t rev8[256] = {
#define R2(n) n, n + 2 * 64, n + 1 * 64, n + 3 * 64
#define R4(n) R2(n), R2(n + 2 * 16), R2(n + 1 * 16), R2(n + 3 * 16)
#define R6(n) R4(n), R4(n + 2 * 4), R4(n + 1 * 4), R4(n + 3 * 4)
        R6(0), R6(2), R6(1), R6(3)
#undef R2
#undef R4
#undef R6
    };
    uint32_t r = ((uint32_t) rev8[i & 255] << 24) | ((uint32_t) rev8[(i >> 8) & 255] << 16)
               | ((uint32_t) rev8[(i >> 16) & 255] << 8) | rev8[i >> 24];
    return log_n == 0 ? 0 : r >> (32 - log_n);
}

/* log2 of the tiles' side: 8 elements, one 64-byte cache line */
#define TILE_LOG 3

/*
 * Index i = (hi, mid, lo) with TILE_LOG bits at each end reverses to (rev lo, rev mid, rev hi):
 * the 8 x 8 tile of a middle value `mid` swaps, transposed, with the tile of rev mid. A tile is
 * eight whole cache lines, so every line is fetched about once, where swapping element by element
 * fetched a line for almost every element (19 ms against a few for 2^20 elements here). Tile
 * pairs are disjoint, so they can be spread over the threads.
 */
static void bit_reverse(uint64_t *a, uint32_t log_n, int parallel) {
    size_t n = (size_t) 1 << log_n;
    if (log_n < 2 * TILE_LOG) {
        for (size_t i = 0; i < n; i++) {
            size_t j = reverse_fast((uint32_t) i, log_n);
            if (i < j) {
                uint64_t t = a[i];
                a[i] = a[j];
                a[j] = t;
            }
        }
        return;
    }
    uint32_t mid_log = log_n - 2 * TILE_LOG;
    size_t side = (size_t) 1 << TILE_LOG;
    #pragma omp parallel for schedule(dynamic, 256) if (parallel)
    for (size_t mid = 0; mid < ((size_t) 1 << mid_log); mid++) {
        size_t rmid = reverse_fast((uint32_t) mid, mid_log);
        if (rmid < mid) continue;
        for (size_t hi = 0; hi < side; hi++) {
            for (size_t lo = 0; lo < side; lo++) {
                size_t i = (hi << (mid_log + TILE_LOG)) | (mid << TILE_LOG) | lo;
                size_t j = ((size_t) reverse_fast((uint32_t) lo, TILE_LOG) << (mid_log + TILE_LOG)) | (rmid << TILE_LOG)
                           | reverse_fast((uint32_t) hi, TILE_LOG);
                if (rmid != mid || i < j) {
                    uint64_t t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                }
            }
        }
    }
}

/* dst[i] = src[i] * start * g^i */
static void mul_powers(const uint64_t *src, uint64_t *dst, size_t n, uint64_t start, uint64_t g) {
    if (vec.lanes && n % vec.lanes == 0) {
        vec.mul_powers(src, dst, n, start, g);
        return;
    }
    uint64_t acc = start;
    for (size_t i = 0; i < n; i++) {
        dst[i] = pl_mul(src[i], acc);
        acc = pl_mul(acc, g);
    }
}

/* dst[i] = src[i] * t[i] */
static void mul_table(const uint64_t *src, const uint64_t *t, uint64_t *dst, size_t n) {
    if (vec.block_op && n % vec.lanes == 0) {
        vec.block_op(PL_Q_MUL, dst, src, t, 0, n);
        return;
    }
    for (size_t i = 0; i < n; i++) dst[i] = pl_mul(src[i], t[i]);
}

static void scale(uint64_t *a, size_t n, uint64_t k) {
    for (size_t i = 0; i < n; i++) a[i] = pl_mul(a[i], k);
}

/* a *= shift^i, DIF, bit reversal, *= k: one natural-order transform. */
static void transform_column(uint64_t *a, uint32_t log_n, const uint64_t *tw, uint64_t shift, uint64_t k, int parallel) {
    size_t n = (size_t) 1 << log_n;
    if (shift != 1) mul_powers(a, a, n, 1, shift);
    dif(a, log_n, tw, parallel);
    bit_reverse(a, log_n, parallel);
    if (k != 1) scale(a, n, k);
}

/*
 * Below this many elements a call stays on the calling thread: waking the OpenMP team costs
 * more than it saves, and on a loaded machine a team member that is not scheduled stalls
 * every barrier.
 */
#define PARALLEL_MIN ((uint64_t) 1 << 17)
/*
 * Loops are scheduled dynamically in small chunks, so that a thread that runs takes over the
 * share of one that the OS has not scheduled, as work stealing does in the Java back end.
 */

/*
 * Whole transforms per thread when there are enough of them, otherwise each split over the
 * threads from 2^16 elements, half of PARALLEL_MIN: one column of 2^16 took 0.50 ms on one Zen 4
 * core and 0.28 to 0.33 on two, where the Java back end's fork-join split took 0.33 to 0.43
 * (JMH nttForward, docs/benchmarks.md, "Zen 4 with today's kernels").
 */
static int by_column(uint64_t transforms, uint32_t log_n) {
    return ((uint64_t) 1 << log_n) < PARALLEL_MIN / 2 || transforms >= (uint64_t) omp_get_max_threads();
}

static int32_t check_columns(const char *fn, const void *p, uint32_t log_n) {
    if (!p) return pl_fail(PL_ERR_ARGUMENT, "%s: null pointer", fn);
    if (log_n > PL_MAX_LOG_LENGTH) return pl_fail(PL_ERR_ARGUMENT, "%s: column length 2^%u exceeds 2^%d", fn, log_n, PL_MAX_LOG_LENGTH);
    return PL_OK;
}

static int32_t transform_all(const char *fn, uint64_t *data, uint64_t columns, uint32_t log_n, int inv, uint64_t shift, uint64_t k) {
    pl_clear_error();
    int32_t st = check_columns(fn, data, log_n);
    if (!st) st = pl_check_elements(fn, columns, log_n);
    if (st) return st;
    const uint64_t *tw = twiddles(log_n, inv);
    if (!tw) return pl_fail(PL_ERR_MEMORY, "%s: no memory for the twiddles of 2^%u", fn, log_n);
    size_t n = (size_t) 1 << log_n;
    if (by_column(columns, log_n)) {
        #pragma omp parallel for schedule(dynamic, 1) if (columns * n >= PARALLEL_MIN && columns > 1)
        for (uint64_t c = 0; c < columns; c++) transform_column(data + c * n, log_n, tw, shift, k, 0);
    } else {
        for (uint64_t c = 0; c < columns; c++) transform_column(data + c * n, log_n, tw, shift, k, 1);
    }
    return PL_OK;
}

int32_t pl_ntt_forward(uint64_t *data, uint64_t columns, uint32_t log_n) {
    return transform_all("pl_ntt_forward", data, columns, log_n, 0, 1, 1);
}

int32_t pl_ntt_inverse(uint64_t *data, uint64_t columns, uint32_t log_n) {
    /* 1/n only for a length transform_all accepts: no shift by 64 or more */
    uint64_t k = log_n > PL_MAX_LOG_LENGTH ? 1 : pl_inverse((uint64_t) 1 << log_n);
    return transform_all("pl_ntt_inverse", data, columns, log_n, 1, 1, k);
}

int32_t pl_ntt_coset_forward(uint64_t *data, uint64_t columns, uint32_t log_n, uint64_t shift) {
    return transform_all("pl_ntt_coset_forward", data, columns, log_n, 0, shift, 1);
}

/*
 * Columns from which an extension multiplies by tables of each block's powers, made once for the
 * call, rather than by powers made column by column, which cost a second product per element;
 * and the most elements such tables may hold (64 MiB).
 */
#define POWER_TABLES_MIN_COLUMNS 4
#define POWER_TABLES_MAX ((uint64_t) 1 << 23)

/* g_b = shift * W^rev(b), the shift of block b of an extension of blowup 2^log_blowup, W = w */
static uint64_t block_shift(uint64_t shift, uint64_t w, uint32_t b, uint32_t log_blowup) {
    return pl_mul(shift, pl_pow(w, pl_reverse_bits(b, log_blowup)));
}

/*
 * Block b of the bit-reversed extension is a size-n DIF (bit-reversed output) of the
 * coefficients times scale * g_b^i, g_b = shift * W^rev(b): no permutation needed.
 */
static int32_t extend(const char *fn, const uint64_t *coefficients, uint64_t columns, uint32_t log_n, uint32_t log_blowup,
                      uint64_t shift, uint64_t k, uint64_t *out) {
    size_t n = (size_t) 1 << log_n;
    uint32_t blocks = 1u << log_blowup;
    const uint64_t *tw = twiddles(log_n, 0);
    if (!tw) return pl_fail(PL_ERR_MEMORY, "%s: no memory for the twiddles of 2^%u", fn, log_n);
    uint64_t w = pl_root_of_unity(log_n + log_blowup);
    uint64_t tasks = columns * blocks;
    int outer = by_column(tasks, log_n);
    /* tables of k g_b^i for every block, shared by the columns; none where they do not pay */
    uint64_t *powers = NULL;
    if (columns >= POWER_TABLES_MIN_COLUMNS && (uint64_t) blocks * n <= POWER_TABLES_MAX) {
        powers = malloc((size_t) blocks * n * sizeof(uint64_t));
    }
    if (powers) {
        #pragma omp parallel for schedule(dynamic, 1) if ((uint64_t) blocks * n >= PARALLEL_MIN)
        for (uint32_t b = 0; b < blocks; b++) {
            uint64_t *t = powers + (size_t) b * n;
            for (size_t i = 0; i < n; i++) t[i] = 1;
            mul_powers(t, t, n, k, block_shift(shift, w, b, log_blowup));
        }
    }
    #pragma omp parallel for schedule(dynamic, 1) if (outer && tasks * n >= PARALLEL_MIN)
    for (uint64_t t = 0; t < tasks; t++) {
        uint64_t c = t >> log_blowup;
        uint32_t b = (uint32_t) (t & (blocks - 1));
        uint64_t *dst = out + (c << (log_n + log_blowup)) + (size_t) b * n;
        if (powers) {
            mul_table(coefficients + c * n, powers + (size_t) b * n, dst, n);
        } else {
            mul_powers(coefficients + c * n, dst, n, k, block_shift(shift, w, b, log_blowup));
        }
        dif(dst, log_n, tw, !outer);
    }
    free(powers);
    return PL_OK;
}

int32_t pl_coset_lde(const uint64_t *coefficients, uint64_t columns, uint32_t log_n, uint32_t log_blowup, uint64_t shift,
                     uint64_t *out) {
    pl_clear_error();
    int32_t st = pl_check_coset_lde("pl_coset_lde", coefficients, out, columns, log_n, log_blowup);
    if (st) return st;
    return extend("pl_coset_lde", coefficients, columns, log_n, log_blowup, shift, 1, out);
}

int32_t pl_coset_lde_from_evaluations(const uint64_t *evaluations, uint64_t columns, uint32_t log_n, uint32_t log_blowup,
                                      uint64_t shift, uint64_t *out) {
    pl_clear_error();
    int32_t st = pl_check_lde("pl_coset_lde_from_evaluations", evaluations, out, columns, log_n, log_blowup);
    if (st) return st;
    size_t n = (size_t) 1 << log_n;
    uint64_t *coefficients = malloc(columns * n * sizeof(uint64_t) + 1);
    if (!coefficients) return pl_fail(PL_ERR_MEMORY, "pl_coset_lde_from_evaluations: no memory for %llu columns of 2^%u",
                                      (unsigned long long) columns, log_n);
    memcpy(coefficients, evaluations, columns * n * sizeof(uint64_t));
    /* unscaled inverse; the 1/n goes into the coset powers of the extension */
    st = transform_all("pl_coset_lde_from_evaluations", coefficients, columns, log_n, 1, 1, 1);
    if (!st) st = extend("pl_coset_lde_from_evaluations", coefficients, columns, log_n, log_blowup, shift,
                         pl_inverse((uint64_t) n), out);
    free(coefficients);
    return st;
}

/* ---- Poseidon2 and Merkle trees ---- */

static void permute(uint64_t *s) { pl_p2_permute_with(s, PL_P2_FULL_RC, PL_P2_PARTIAL_RC, PL_P2_DIAG); }

int32_t pl_poseidon2_permute(uint64_t *states, uint64_t count) {
    pl_clear_error();
    if (!states && count) return pl_fail(PL_ERR_ARGUMENT, "pl_poseidon2_permute: null pointer");
    uint64_t lanes = vec.lanes, groups = lanes ? count / lanes : 0;
    #pragma omp parallel for schedule(dynamic, 64) if (count >= PARALLEL_MIN / 16)
    for (uint64_t b = 0; b < groups; b++) vec.permute(states + 12 * lanes * b);
    #pragma omp parallel for schedule(dynamic, 64) if (count - lanes * groups >= PARALLEL_MIN / 16)
    for (uint64_t i = lanes * groups; i < count; i++) permute(states + 12 * i);
    return PL_OK;
}

int32_t pl_hash_rows(const uint64_t *matrix, uint64_t width, uint64_t rows, uint64_t *digests) {
    pl_clear_error();
    if (!matrix || !digests) return pl_fail(PL_ERR_ARGUMENT, "pl_hash_rows: null pointer");
    if (width == 0) return pl_fail(PL_ERR_ARGUMENT, "pl_hash_rows: cannot hash the rows of a matrix with no columns");
    uint64_t lanes = vec.tree_lanes, groups = lanes ? rows / lanes : 0;
    #pragma omp parallel for schedule(dynamic, 64) if (rows * width >= PARALLEL_MIN / 2)
    for (uint64_t b = 0; b < groups; b++) vec.hash_rows(matrix, width, rows, lanes * b, digests);
    #pragma omp parallel for schedule(dynamic, 64) if ((rows - lanes * groups) * width >= PARALLEL_MIN / 2)
    for (uint64_t r = lanes * groups; r < rows; r++) {
        uint64_t s[12] = {0};
        s[8] = width;
        for (uint64_t pos = 0; pos < width; pos += 8) {
            uint64_t chunk = width - pos < 8 ? width - pos : 8;
            for (uint64_t c = 0; c < chunk; c++) s[c] = matrix[(pos + c) * rows + r];
            permute(s);
        }
        memcpy(digests + 4 * r, s, 4 * sizeof(uint64_t));
    }
    return PL_OK;
}

int32_t pl_merkle_layers(const uint64_t *leaf_digests, uint32_t log_leaves, uint32_t log_cap, uint64_t *layers) {
    pl_clear_error();
    if (!leaf_digests || !layers) return pl_fail(PL_ERR_ARGUMENT, "pl_merkle_layers: null pointer");
    if (log_leaves > PL_MAX_LOG_LENGTH) return pl_fail(PL_ERR_ARGUMENT, "pl_merkle_layers: 2^%u leaves", log_leaves);
    if (log_cap > log_leaves) return pl_fail(PL_ERR_ARGUMENT, "pl_merkle_layers: cap log size %u outside [0, %u]", log_cap, log_leaves);
    const uint64_t *below = leaf_digests;
    uint64_t *layer = layers;
    for (uint32_t k = 1; k <= log_leaves - log_cap; k++) {
        uint64_t nodes = (uint64_t) 1 << (log_leaves - k);
        uint64_t lanes = vec.tree_lanes, groups = lanes ? nodes / lanes : 0;
        #pragma omp parallel for schedule(dynamic, 64) if (nodes >= PARALLEL_MIN / 16)
        for (uint64_t b = 0; b < groups; b++) vec.compress(below, lanes * b, layer);
        #pragma omp parallel for schedule(dynamic, 64) if (nodes - lanes * groups >= PARALLEL_MIN / 16)
        for (uint64_t i = lanes * groups; i < nodes; i++) {
            uint64_t s[12] = {0};
            memcpy(s, below + 8 * i, 8 * sizeof(uint64_t));
            s[11] = 1;
            permute(s);
            memcpy(layer + 4 * i, s, 4 * sizeof(uint64_t));
        }
        below = layer;
        layer += 4 * nodes;
    }
    return PL_OK;
}

/* The CPU build has nothing to keep anywhere: the three steps one after the other. */
int32_t pl_commit_lde(const uint64_t *coefficients, uint64_t columns, uint32_t log_n, uint32_t log_blowup, uint64_t shift,
                      uint32_t log_cap, uint64_t *out, uint64_t *digests, uint64_t *layers, uint64_t *keep) {
    pl_clear_error();
    int32_t st = pl_check_lde("pl_commit_lde", coefficients, out, columns, log_n, log_blowup);
    uint32_t log_rows = log_n + log_blowup;
    if (!st) st = pl_check_commit("pl_commit_lde", digests, layers, columns, log_rows, log_cap);
    if (st) return st;
    if ((st = extend("pl_commit_lde", coefficients, columns, log_n, log_blowup, shift, 1, out))) return st;
    if ((st = pl_hash_rows(out, columns, (uint64_t) 1 << log_rows, digests))) return st;
    if ((st = pl_merkle_layers(digests, log_rows, log_cap, layers))) return st;
    /* the extension is already where it stays: the handle is `out` */
    if (keep) *keep = (uint64_t) (uintptr_t) out;
    return PL_OK;
}

/* The values copied to `coefficients`, transformed there, then pl_commit_lde from them. */
int32_t pl_commit_evaluations(const uint64_t *evaluations, uint64_t columns, uint32_t log_n, uint32_t log_blowup,
                              uint64_t shift, uint32_t log_cap, uint64_t *coefficients, uint64_t *out, uint64_t *digests,
                              uint64_t *layers, uint64_t *keep) {
    const char *fn = "pl_commit_evaluations";
    pl_clear_error();
    int32_t st = pl_check_lde(fn, evaluations, out, columns, log_n, log_blowup);
    if (!st) st = pl_check_commit(fn, digests, layers, columns, log_n + log_blowup, log_cap);
    if (!st && !coefficients) st = pl_fail(PL_ERR_ARGUMENT, "%s: null pointer", fn);
    if (st) return st;
    if (coefficients != evaluations) memcpy(coefficients, evaluations, (columns << log_n) * sizeof(uint64_t));
    if ((st = pl_ntt_inverse(coefficients, columns, log_n))) return st;
    return pl_commit_lde(coefficients, columns, log_n, log_blowup, shift, log_cap, out, digests, layers, keep);
}

int32_t pl_release(uint64_t handle) {
    pl_clear_error();
    return handle ? PL_OK : pl_fail(PL_ERR_ARGUMENT, "pl_release: no handle");
}

/*
 * L + H 2^32 mod p, canonical, for limbs summed by add_scaled2_limbs: L is read as a signed
 * number, and a negative one is subtracted from H 2^32.
 */
static inline uint64_t from_limbs(uint64_t L, uint64_t H) {
    int64_t l = (int64_t) L;
    return l >= 0 ? pl_combine(H, L) : pl_sub(pl_combine(H, 0), pl_canonical((uint64_t) -l));
}

/*
 * Rows a block; the distance between a block's four limb arrays, not a multiple of 4 KiB (at
 * 4,096 rows apart they share cache sets, and the AVX-512 sums took 100 ms where 65 to 67 with
 * this); and below 2^28 columns no sum of limbs (each below 2^33) can overflow.
 */
#define COMBINE_BLOCK 4096
#define COMBINE_STRIDE (COMBINE_BLOCK + 72)
#define COMBINE_LIMBS_MAX_COLUMNS ((uint64_t) 1 << 28)

/*
 * Rows in blocks over the threads; within a block, column by column, so that reads run along
 * columns. The vector kernels sum each product as two limbs, L + H 2^32 with L = lo mod 2^32 -
 * hi mod 2^32 - hi div 2^32 and H = lo div 2^32 + hi mod 2^32 for the product hi 2^64 + lo
 * (p2_layers.h), and reduce once per row at the end, where a canonical sum of products had cost a
 * reduction and a modular addition per product: 2.7 cycles of the time stamp counter per element
 * and column against 4.0 with AVX2 on a Zen 4 core, in cache (docs/benchmarks.md, "Zen 4: the
 * DEEP sums in limbs").
 */
int32_t pl_combine_columns(const uint64_t *handles, const uint64_t *columns, uint64_t count, uint64_t rows,
                           const uint64_t *weights0, const uint64_t *weights1, uint64_t *out0, uint64_t *out1) {
    pl_clear_error();
    int32_t st = pl_check_sums("pl_combine_columns", handles, columns, count, weights0, weights1, out0, out1);
    if (st) return st;
    uint64_t total = 0;
    for (uint64_t i = 0; i < count; i++) total += columns[i];
    const uint64_t block = COMBINE_BLOCK;
    uint64_t blocks = (rows + block - 1) / block;
    int limbs = vec.add_scaled2_limbs && total < COMBINE_LIMBS_MAX_COLUMNS;
    uint64_t step = 2 * vec.lanes;
    int failed = 0;
    #pragma omp parallel reduction(| : failed) if (rows * total >= PARALLEL_MIN)
    {
        uint64_t *sums = limbs ? malloc(4 * COMBINE_STRIDE * sizeof(uint64_t)) : NULL;
        if (limbs && !sums) failed = 1;
        /* l0, h0, l1, h1 */
        uint64_t *limb[4] = {NULL, NULL, NULL, NULL};
        for (int s = 0; sums && s < 4; s++) limb[s] = sums + s * COMBINE_STRIDE;
        #pragma omp for schedule(dynamic, 1)
        for (uint64_t b = 0; b < blocks; b++) {
            if (limbs && !sums) continue;
            uint64_t from = b * block, to = from + block < rows ? from + block : rows;
            uint64_t whole = limbs ? (to - from) / step * step : 0;
            for (int s = 0; s < 4 && whole; s++) memset(limb[s], 0, whole * sizeof(uint64_t));
            for (uint64_t r = from + whole; r < to; r++) out0[r] = out1[r] = 0;
            uint64_t k = 0;
            for (uint64_t i = 0; i < count; i++) {
                const uint64_t *m = (const uint64_t *) (uintptr_t) handles[i];
                for (uint64_t c = 0; c < columns[i]; c++, k++) {
                    const uint64_t *v = m + c * rows;
                    uint64_t w0 = weights0[k], w1 = weights1[k];
                    if (whole) vec.add_scaled2_limbs(limb[0], limb[1], limb[2], limb[3], v + from, w0, w1, whole);
                    for (uint64_t r = from + whole; r < to; r++) {
                        out0[r] = pl_add(out0[r], pl_mul(w0, v[r]));
                        out1[r] = pl_add(out1[r], pl_mul(w1, v[r]));
                    }
                }
            }
            for (uint64_t r = 0; r < whole; r++) {
                out0[from + r] = from_limbs(limb[0][r], limb[1][r]);
                out1[from + r] = from_limbs(limb[2][r], limb[3][r]);
            }
        }
        free(sums);
    }
    if (failed) return pl_fail(PL_ERR_MEMORY, "pl_combine_columns: no memory for a block's sums");
    return PL_OK;
}

/*
 * The sums by pl_combine_columns, then the divisions block by block: a block of rows shares the
 * high bits of r, so x_r = shift w^rev(r) is one power for the block times a table entry for the
 * low bits, and the block's norms N(x - zeta) N(x - zeta_next) are inverted together (one
 * inversion and three products each).
 */
int32_t pl_deep_codeword(const uint64_t *handles, const uint64_t *columns, uint64_t count, const uint64_t *weights0,
                         const uint64_t *weights1, uint64_t next_handle, uint64_t next_columns,
                         const uint64_t *next_weights0, const uint64_t *next_weights1, uint32_t log_rows,
                         uint64_t shift, const uint64_t *values, uint64_t *out0, uint64_t *out1) {
    const char *fn = "pl_deep_codeword";
    pl_clear_error();
    int32_t st = pl_check_deep(fn, handles, columns, count, weights0, weights1, next_handle, next_weights0,
                               next_weights1, log_rows, values, out0, out1);
    if (st) return st;
    uint64_t rows = 1ull << log_rows;
    st = pl_combine_columns(handles, columns, count, rows, weights0, weights1, out0, out1);
    if (st) return st;
    uint32_t log_block = log_rows < 12 ? log_rows : 12;
    uint64_t block = 1ull << log_block, blocks = rows >> log_block;
    uint64_t *t = malloc(2 * rows * sizeof(uint64_t));
    uint64_t *low = malloc(block * sizeof(uint64_t));
    if (!t || !low) {
        free(t);
        free(low);
        return pl_fail(PL_ERR_MEMORY, "%s: no memory for %llu rows", fn, (unsigned long long) rows);
    }
    st = pl_combine_columns(&next_handle, &next_columns, 1, rows, next_weights0, next_weights1, t, t + rows);
    if (st) {
        free(t);
        free(low);
        return st;
    }
    uint64_t w = pl_root_of_unity(log_rows);
    /* w^(rev(b) 2^(log_rows - log_block)) for the low bits b of a row */
    uint64_t w_low = pl_pow(w, 1ull << (log_rows - log_block));
    for (uint64_t b = 0; b < block; b++) low[b] = pl_pow(w_low, pl_reverse_bits((uint32_t) b, log_block));
    int failed = 0; /* 1: a zero norm, 2: no scratch memory */
    #pragma omp parallel for schedule(dynamic, 1) reduction(| : failed) if (rows >= PARALLEL_MIN / 16)
    for (uint64_t a = 0; a < blocks; a++) {
        uint64_t *scratch = malloc(3 * block * sizeof(uint64_t));
        if (!scratch) {
            failed |= 2;
            continue;
        }
        uint64_t *n1 = scratch, *n2 = scratch + block, *prefix = scratch + 2 * block;
        uint64_t high = log_rows > log_block ? pl_reverse_bits((uint32_t) a, log_rows - log_block) : 0;
        uint64_t base = pl_mul(shift, pl_pow(w, high));
        uint64_t acc = 1;
        for (uint64_t b = 0; b < block; b++) {
            uint64_t x = pl_mul(base, low[b]);
            n1[b] = pl_point_norm(x, values[4], values[5]);
            n2[b] = pl_point_norm(x, values[6], values[7]);
            prefix[b] = acc;
            acc = pl_mul(acc, pl_mul(n1[b], n2[b]));
        }
        if (acc == 0) {
            failed |= 1;
            free(scratch);
            continue;
        }
        uint64_t inv = pl_inverse(acc);
        for (uint64_t b = block; b-- > 0;) {
            uint64_t r = (a << log_block) + b, both = pl_mul(n1[b], n2[b]);
            uint64_t x = pl_mul(base, low[b]);
            pl_deep_row(out0[r], out1[r], t[r], t[rows + r], x, values, n1[b], n2[b], pl_mul(inv, prefix[b]),
                        out0 + r, out1 + r);
            inv = pl_mul(inv, both);
        }
        free(scratch);
    }
    free(t);
    free(low);
    if (failed & 2) return pl_fail(PL_ERR_MEMORY, "%s: no memory for a block's scratch", fn);
    if (failed) return pl_fail(PL_ERR_ARGUMENT, "%s: a point of the domain is zeta or zeta_next", fn);
    return PL_OK;
}

/* ---- the quotient ---- */

/*
 * log2 of the rows a quotient block runs each instruction over. Each instruction pays its
 * dispatch (a switch and a kernel call) once a block, so larger blocks spread it: at 256 rows the
 * block's registers (about 70, 140 KiB) sit in L2 rather than L1, and quotient evaluation still
 * took 11 to 25% less than at 64 rows on a Zen 5 core, with both kernel sets (docs/benchmarks.md,
 * "Poseidon2 stage by stage with AVX-512").
 */
#define QUOTIENT_BLOCK_LOG 8

/*
 * The quotient's numerator by its program, one block of rows at a time: each instruction runs
 * over the block's rows before the next (registers hold a block each), so the interpretation
 * costs once per block, not per row, and the loops are plain arrays. Blocks run in parallel.
 */
int32_t pl_quotient(const uint64_t *handles, const uint64_t *columns, uint32_t log_extension_rows, uint32_t log_n,
                    uint32_t log_blowup, uint64_t rows, uint64_t shift, const uint32_t *program, uint64_t instructions,
                    const uint64_t *constants, uint64_t constant_count, uint32_t registers, const uint64_t *public_input,
                    uint64_t *out0, uint64_t *out1) {
    const char *fn = "pl_quotient";
    pl_clear_error();
    int32_t st = pl_check_quotient(fn, handles, columns, log_extension_rows, log_n, log_blowup, rows, program, instructions,
                                   constants, constant_count, registers, public_input, out0, out1);
    if (st) return st;
    uint32_t log_length = log_n + log_blowup;
    uint64_t blowup = 1ull << log_blowup, mask = (1ull << log_length) - 1;
    uint64_t zh[1 << PL_MAX_LOG_BLOWUP], zh_inverse[1 << PL_MAX_LOG_BLOWUP];
    if ((st = pl_quotient_vanishing(fn, log_n, log_blowup, shift, zh, zh_inverse))) return st;
    uint64_t n_inverse = pl_inverse(1ull << log_n);
    uint32_t log_block = log_length < QUOTIENT_BLOCK_LOG ? log_length : QUOTIENT_BLOCK_LOG;
    uint64_t block = 1ull << log_block, blocks = (rows + block - 1) >> log_block;
    uint64_t w = pl_root_of_unity(log_length);
    /* w^(rev(b) 2^(log_length - log_block)) for the low bits b of a row, as pl_deep_codeword */
    uint64_t low[1 << QUOTIENT_BLOCK_LOG];
    uint64_t w_low = pl_pow(w, 1ull << (log_length - log_block));
    for (uint64_t b = 0; b < block; b++) low[b] = pl_pow(w_low, pl_reverse_bits((uint32_t) b, log_block));
    const uint64_t *ext[3] = {(const uint64_t *) (uintptr_t) handles[0], (const uint64_t *) (uintptr_t) handles[1],
                              (const uint64_t *) (uintptr_t) handles[2]};
    int failed = 0; /* 1: x = 1 on the domain, 2: no scratch memory */
    #pragma omp parallel reduction(| : failed) if (rows * instructions >= PARALLEL_MIN)
    {
        /* registers, then the block's points, L_0, next rows, the inversion's prefixes and x^n's index (natural mod blowup) */
        uint64_t *scratch = malloc(((uint64_t) registers + 5) * block * sizeof(uint64_t));
        if (!scratch) failed |= 2;
        #pragma omp for schedule(dynamic, 1)
        for (uint64_t a = 0; a < blocks; a++) {
            if (!scratch) continue;
            uint64_t *x = scratch + (uint64_t) registers * block, *l0 = x + block, *next = l0 + block, *prefix = next + block;
            uint64_t *zk = prefix + block;
            uint64_t from = a << log_block, len = rows - from < block ? rows - from : block;
            uint64_t high = log_length > log_block ? pl_reverse_bits((uint32_t) a, log_length - log_block) : 0;
            uint64_t base = pl_mul(shift, pl_pow(w, high));
            uint64_t acc = 1;
            for (uint64_t b = 0; b < len; b++) {
                uint64_t r = from + b, natural = pl_reverse_bits((uint32_t) r, log_length);
                x[b] = pl_mul(base, low[b]);
                next[b] = pl_reverse_bits((uint32_t) ((natural + blowup) & mask), log_length);
                zk[b] = natural & (blowup - 1);
                l0[b] = pl_sub(x[b], 1);
                prefix[b] = acc;
                acc = pl_mul(acc, l0[b]);
            }
            if (acc == 0) {
                failed |= 1;
                continue;
            }
            /* 1 / (x - 1) by one inversion for the block, then L_0 = (x^n - 1) / (n (x - 1)) */
            uint64_t inv = pl_inverse(acc);
            for (uint64_t b = len; b-- > 0;) {
                uint64_t d = l0[b];
                l0[b] = pl_mul(pl_mul(zh[zk[b]], n_inverse), pl_mul(inv, prefix[b]));
                inv = pl_mul(inv, d);
            }
            /* the vector set's kernels where the block is whole vectors */
            int vector_ops = vec.block_op && len % vec.lanes == 0;
            for (uint64_t i = 0; i < instructions; i++) {
                const uint32_t *in = program + 4 * i;
                uint64_t *d = scratch + (uint64_t) in[1] * block;
                const uint64_t *ra = scratch + (uint64_t) in[2] * block, *rb = scratch + (uint64_t) in[3] * block;
                if (vector_ops && in[0] >= PL_Q_ADD && in[0] <= PL_Q_MUL_CONST) {
                    vec.block_op(in[0], d, ra, in[0] >= PL_Q_ADD_CONST ? ra : rb,
                                 in[0] >= PL_Q_ADD_CONST ? constants[in[3]] : 0, len);
                    continue;
                }
                switch (in[0]) {
                case PL_Q_CONST:
                    for (uint64_t b = 0; b < len; b++) d[b] = constants[in[2]];
                    break;
                case PL_Q_COLUMN:
                    memcpy(d, ext[in[2]] + ((uint64_t) in[3] << log_extension_rows) + from, len * sizeof(uint64_t));
                    break;
                case PL_Q_NEXT: {
                    const uint64_t *c = ext[in[2]] + ((uint64_t) in[3] << log_extension_rows);
                    for (uint64_t b = 0; b < len; b++) d[b] = c[next[b]];
                    break;
                }
                case PL_Q_PUBLIC:
                    memcpy(d, public_input + from, len * sizeof(uint64_t));
                    break;
                case PL_Q_X:
                    memcpy(d, x, len * sizeof(uint64_t));
                    break;
                case PL_Q_L0:
                    memcpy(d, l0, len * sizeof(uint64_t));
                    break;
                case PL_Q_ADD:
                    for (uint64_t b = 0; b < len; b++) d[b] = pl_add(ra[b], rb[b]);
                    break;
                case PL_Q_SUB:
                    for (uint64_t b = 0; b < len; b++) d[b] = pl_sub(ra[b], rb[b]);
                    break;
                case PL_Q_MUL:
                    for (uint64_t b = 0; b < len; b++) d[b] = pl_mul(ra[b], rb[b]);
                    break;
                case PL_Q_ADD_CONST: {
                    uint64_t k = constants[in[3]];
                    for (uint64_t b = 0; b < len; b++) d[b] = pl_add(ra[b], k);
                    break;
                }
                case PL_Q_SUB_CONST: {
                    uint64_t k = constants[in[3]];
                    for (uint64_t b = 0; b < len; b++) d[b] = pl_sub(ra[b], k);
                    break;
                }
                case PL_Q_CONST_SUB: {
                    uint64_t k = constants[in[3]];
                    for (uint64_t b = 0; b < len; b++) d[b] = pl_sub(k, ra[b]);
                    break;
                }
                case PL_Q_MUL_CONST: {
                    uint64_t k = constants[in[3]];
                    for (uint64_t b = 0; b < len; b++) d[b] = pl_mul(ra[b], k);
                    break;
                }
                case PL_Q_OUT:
                    for (uint64_t b = 0; b < len; b++) {
                        uint64_t z = zh_inverse[zk[b]];
                        out0[from + b] = pl_mul(ra[b], z);
                        out1[from + b] = pl_mul(rb[b], z);
                    }
                    break;
                }
            }
        }
        free(scratch);
    }
    if (failed & 2) return pl_fail(PL_ERR_MEMORY, "%s: no memory for a block's registers", fn);
    if (failed) return pl_fail(PL_ERR_ARGUMENT, "%s: the point 1 is on the domain", fn);
    return PL_OK;
}

/* ---- FRI ---- */

/* (1/A) z^(-ik) for A = 2^log_arity, as CosetFolding's INVERSE_DFT */
int32_t pl_fri_fold(const uint64_t *c0, const uint64_t *c1, const uint64_t *x_inverses, uint64_t cosets, uint32_t log_arity,
                    uint64_t beta0, uint64_t beta1, uint64_t *out0, uint64_t *out1) {
    pl_clear_error();
    if (!c0 || !c1 || !x_inverses || !out0 || !out1) return pl_fail(PL_ERR_ARGUMENT, "pl_fri_fold: null pointer");
    if (log_arity < 1 || log_arity > 4)
        return pl_fail(PL_ERR_ARGUMENT, "pl_fri_fold: log2 of the folding arity must be in [1, 4], got %u", log_arity);
    uint64_t table[PL_FOLD_TABLE];
    pl_fold_table(log_arity, table);
    #pragma omp parallel for schedule(dynamic, 64) if (cosets >= PARALLEL_MIN / 16)
    for (uint64_t j = 0; j < cosets; j++) {
        pl_fold_coset(c0, c1, j << log_arity, x_inverses[j], log_arity, beta0, beta1, table, out0 + j, out1 + j);
    }
    return PL_OK;
}
