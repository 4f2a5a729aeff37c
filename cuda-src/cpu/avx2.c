/*
 * AVX2 kernels of the CPU build, four field elements or four Poseidon2 states per vector.
 * This file alone is compiled with -mavx2; proofline_cpu.c calls it only when the CPU has AVX2
 * (and the AVX-512F kernels are not in use). AVX2 has neither unsigned 64-bit compares nor
 * mask registers, so a compare flips the top bit of both sides and compares signed, giving a
 * lane of all ones where it holds, which then selects a correction with an and. Products of 64
 * bits come from _mm256_mul_epu32 of 32-bit halves. Results are canonical and equal to the
 * portable code's, which the differential tests check on every path.
 */
#include "avx2.h"
#include "p2_layers.h"
#include "proofline_native.h"
#include "../common/pl_field.h"

#include <immintrin.h>

typedef __m256i v4;

#define V_EPS _mm256_set1_epi64x((long long) PL_EPSILON)
#define V_M32 _mm256_set1_epi64x(0xFFFFFFFFLL)
#define V_SIGN _mm256_set1_epi64x((long long) 0x8000000000000000ULL)
/* EPSILON with its top bit flipped */
#define V_EPS_FLIPPED _mm256_set1_epi64x((long long) (PL_EPSILON ^ 0x8000000000000000ULL))
/* p - 1 with its top bit flipped */
#define V_PM1_FLIPPED _mm256_set1_epi64x((long long) ((PL_P - 1) ^ 0x8000000000000000ULL))

#define ADD _mm256_add_epi64
#define SUB _mm256_sub_epi64
#define AND _mm256_and_si256
#define SHR _mm256_srli_epi64
#define SHL _mm256_slli_epi64

/* all ones in the lanes where a < b as unsigned 64-bit numbers */
static inline v4 v_less(v4 a, v4 b) {
    return _mm256_cmpgt_epi64(_mm256_xor_si256(b, V_SIGN), _mm256_xor_si256(a, V_SIGN));
}

/* x >= p exactly when x > p - 1; subtracting p is adding epsilon modulo 2^64 */
static inline v4 v_canonical(v4 x) {
    v4 ge = _mm256_cmpgt_epi64(_mm256_xor_si256(x, V_SIGN), V_PM1_FLIPPED);
    return ADD(x, AND(ge, V_EPS));
}

/*
 * a + b of canonical values: the wrapped sum plus epsilon where the sum carried (then it is at
 * most 2^64 - 2^33, so adding epsilon leaves it below p) or where it reached p without a carry
 * (then adding epsilon wraps it to the sum less p). The two cases exclude each other, so one
 * correction covers both: 8 operations, where a carry's fix followed by v_canonical took 10.
 */
static inline v4 v_add(v4 a, v4 b) {
    v4 s = ADD(a, b);
    v4 s_flipped = _mm256_xor_si256(s, V_SIGN);
    v4 carry = _mm256_cmpgt_epi64(_mm256_xor_si256(a, V_SIGN), s_flipped);
    v4 ge = _mm256_cmpgt_epi64(s_flipped, V_PM1_FLIPPED);
    return ADD(s, AND(_mm256_or_si256(carry, ge), V_EPS));
}

static inline v4 v_sub(v4 a, v4 b) {
    return SUB(SUB(a, b), AND(v_less(a, b), V_EPS));
}

/*
 * The steps the two reductions of hi * 2^64 + lo share, on lo with its top bit flipped: t0 =
 * lo - (hi >> 32) with its borrow corrected, and the sum t2 = t0 + (hi mod 2^32)(2^32 - 1)
 * before its carry's correction, both flipped. Adding or subtracting a number commutes with
 * that flip, and in the flipped form a signed compare orders as unsigned: a borrow of lo - hh
 * shows as a difference above lo, a carry of t0 + t1 as a sum below t0. So each test is one
 * compare.
 */
static inline v4 v_reduce_sum_flipped(v4 hi, v4 lo_flipped, v4 *t0_flipped) {
    v4 hh = SHR(hi, 32);
    v4 t0 = SUB(lo_flipped, hh);
    /* a lane of all ones and EPSILON is EPSILON: an and, where a shift would take one of the
       two ports that products and shifts share on Zen 3 */
    t0 = SUB(t0, AND(_mm256_cmpgt_epi64(t0, lo_flipped), V_EPS));
    /* (hi mod 2^32) * (2^32 - 1): _mm256_mul_epu32 reads the low halves alone */
    v4 t1 = _mm256_mul_epu32(hi, V_EPS);
    *t0_flipped = t0;
    return ADD(t0, t1);
}

/* hi * 2^64 + lo mod p, below 2^64 but not necessarily canonical, on lo flipped and flipped itself */
static inline v4 v_reduce_lazy_flipped(v4 hi, v4 lo_flipped) {
    v4 t0;
    v4 t2 = v_reduce_sum_flipped(hi, lo_flipped, &t0);
    return ADD(t2, AND(_mm256_cmpgt_epi64(t0, t2), V_EPS));
}

/*
 * hi * 2^64 + lo mod p, canonical (pl_reduce128 lane-wise). Where the sum carried it is at most
 * 2^64 - 2^33, and adding epsilon leaves it below p; where it did not, it is below p or adding
 * epsilon wraps it to the sum less p. The cases exclude each other, so one correction covers
 * both, as in v_add.
 */
static inline v4 v_reduce128(v4 hi, v4 lo) {
    v4 t0;
    v4 t2 = v_reduce_sum_flipped(hi, _mm256_xor_si256(lo, V_SIGN), &t0);
    v4 fix = _mm256_or_si256(_mm256_cmpgt_epi64(t0, t2), _mm256_cmpgt_epi64(t2, V_PM1_FLIPPED));
    return _mm256_xor_si256(ADD(t2, AND(fix, V_EPS)), V_SIGN);
}

/*
 * The 128-bit product of a and b, given b's high half bh, from the four 32 x 32-bit products of
 * the halves, summed so that no partial sum overflows: mid = lh + (ll >> 32) and mid2 = hl + low
 * half of mid both stay below 2^64. As parts: hi, and ll and mid2, whose low halves are lo's.
 */
static inline void v_wide_parts(v4 a, v4 b, v4 bh, v4 *hi, v4 *ll, v4 *mid2) {
    v4 ah = SHR(a, 32);
    *ll = _mm256_mul_epu32(a, b);
    v4 lh = _mm256_mul_epu32(a, bh);
    v4 hl = _mm256_mul_epu32(ah, b);
    v4 hh = _mm256_mul_epu32(ah, bh);
    v4 mid = ADD(lh, SHR(*ll, 32));
    *mid2 = ADD(hl, AND(mid, V_M32));
    *hi = ADD(hh, ADD(SHR(mid, 32), SHR(*mid2, 32)));
}

/* the 128-bit product of a and b, given b's high half bh, as (hi, lo) */
static inline void v_wide(v4 a, v4 b, v4 bh, v4 *hi, v4 *lo) {
    v4 ll, mid2;
    v_wide_parts(a, b, bh, hi, &ll, &mid2);
    *lo = _mm256_blend_epi32(ll, SHL(mid2, 32), 0xAA);
}

static inline v4 v_mul(v4 a, v4 b) {
    v4 hi, lo;
    v_wide(a, b, SHR(b, 32), &hi, &lo);
    return v_reduce128(hi, lo);
}

/*
 * Four products, each step across the four before the next: a product is a chain of about 28
 * dependent operations, and one after another the out-of-order window held little more than two
 * (on a Zen 3 core a block of products went from 4.45 to 3.0 ns a vector product this way).
 */
static inline void v_mul4(v4 *r, const v4 *a, const v4 *b) {
    v4 hi[4], lo[4];
    for (int k = 0; k < 4; k++) v_wide(a[k], b[k], SHR(b[k], 32), &hi[k], &lo[k]);
    for (int k = 0; k < 4; k++) r[k] = v_reduce128(hi[k], lo[k]);
}

static inline v4 load(const uint64_t *p) { return _mm256_loadu_si256((const __m256i *) p); }
static inline void store(uint64_t *p, v4 x) { _mm256_storeu_si256((__m256i *) p, x); }
static inline v4 splat(uint64_t x) { return _mm256_set1_epi64x((long long) x); }

/*
 * Butterflies q in [from, to): (u, v) -> (u + v, (u - v) t[q]). Sixteen a step where the run
 * allows, each operation across four vectors before the next, so that the out-of-order window
 * holds four independent products rather than one or two chains (as the Poseidon2 rounds below):
 * 5.05 to 4.18 ns a vector butterfly on a Zen 3 core, in cache.
 */
void pl_avx2_dif_run(uint64_t *x, size_t h, const uint64_t *t, size_t from, size_t to) {
    if ((to - from) % 16 == 0) {
        for (size_t q = from; q < to; q += 16) {
            v4 u[4], v[4], d[4], w[4];
            for (int k = 0; k < 4; k++) {
                u[k] = load(x + q + 4 * k);
                v[k] = load(x + h + q + 4 * k);
            }
            for (int k = 0; k < 4; k++) store(x + q + 4 * k, v_add(u[k], v[k]));
            for (int k = 0; k < 4; k++) {
                d[k] = v_sub(u[k], v[k]);
                w[k] = load(t + q + 4 * k);
            }
            v_mul4(d, d, w);
            for (int k = 0; k < 4; k++) store(x + h + q + 4 * k, d[k]);
        }
        return;
    }
    for (size_t q = from; q < to; q += 4) {
        v4 u = load(x + q);
        v4 v = load(x + h + q);
        store(x + q, v_add(u, v));
        store(x + h + q, v_mul(v_sub(u, v), load(t + q)));
    }
}

/*
 * dst[i] = src[i] * start * g^i. Sixteen powers a step where n allows, in four accumulators: with
 * one, each step waited for the product before it (a chain of dependent products), which made
 * this a fifth of a coset extension's time on a Zen 3 core.
 */
void pl_avx2_mul_powers(const uint64_t *src, uint64_t *dst, size_t n, uint64_t start, uint64_t g) {
    uint64_t p[16];
    p[0] = start;
    for (int i = 1; i < 16; i++) p[i] = pl_mul(p[i - 1], g);
    if (n % 16 == 0) {
        v4 step = splat(pl_pow(g, 16));
        v4 accs[4], steps[4] = {step, step, step, step}, x[4];
        for (int k = 0; k < 4; k++) accs[k] = load(p + 4 * k);
        for (size_t i = 0; i < n; i += 16) {
            for (int k = 0; k < 4; k++) x[k] = load(src + i + 4 * k);
            v_mul4(x, x, accs);
            for (int k = 0; k < 4; k++) store(dst + i + 4 * k, x[k]);
            v_mul4(accs, accs, steps);
        }
        return;
    }
    v4 acc = load(p);
    v4 step = splat(pl_pow(g, 4));
    for (size_t i = 0; i < n; i += 4) {
        store(dst + i, v_mul(load(src + i), acc));
        acc = v_mul(acc, step);
    }
}

/*
 * w v as limbs L + H 2^32 (mod p), wh being w's high half: with w v = hi 2^64 + lo, L = lo mod
 * 2^32 - hi mod 2^32 - hi div 2^32 (it may be negative) and H = lo div 2^32 + hi mod 2^32, as
 * p2_layers.h's limbs, from v_wide's parts without putting lo together.
 */
static inline void v_product_limbs(v4 v, v4 w, v4 wh, v4 *L, v4 *H) {
    v4 hi, ll, mid2;
    v_wide_parts(v, w, wh, &hi, &ll, &mid2);
    v4 hi_low = AND(hi, V_M32);
    *L = SUB(SUB(AND(ll, V_M32), hi_low), SHR(hi, 32));
    *H = ADD(AND(mid2, V_M32), hi_low);
}

void pl_avx2_add_scaled2_limbs(uint64_t *l0, uint64_t *h0, uint64_t *l1, uint64_t *h1, const uint64_t *v, uint64_t w0,
                               uint64_t w1, size_t n) {
    v4 a = splat(w0), ah = splat(w0 >> 32), b = splat(w1), bh = splat(w1 >> 32);
    for (size_t i = 0; i < n; i += 8) {
        v4 x[2], L[2], H[2], M[2], K[2];
        for (int k = 0; k < 2; k++) {
            x[k] = load(v + i + 4 * k);
            v_product_limbs(x[k], a, ah, &L[k], &H[k]);
            v_product_limbs(x[k], b, bh, &M[k], &K[k]);
        }
        for (int k = 0; k < 2; k++) {
            size_t j = i + 4 * k;
            store(l0 + j, ADD(load(l0 + j), L[k]));
            store(h0 + j, ADD(load(h0 + j), H[k]));
            store(l1 + j, ADD(load(l1 + j), M[k]));
            store(h1 + j, ADD(load(h1 + j), K[k]));
        }
    }
}

/*
 * One instruction of a quotient program over a block of n rows (n a multiple of 4):
 * d = a op b, or a op k for the PL_Q_*_CONST forms. d may be a or b.
 */
void pl_avx2_block_op(uint32_t op, uint64_t *d, const uint64_t *a, const uint64_t *b, uint64_t k, size_t n) {
    v4 c = splat(k);
    switch (op) {
    case PL_Q_ADD:
        for (size_t i = 0; i < n; i += 4) store(d + i, v_add(load(a + i), load(b + i)));
        break;
    case PL_Q_SUB:
        for (size_t i = 0; i < n; i += 4) store(d + i, v_sub(load(a + i), load(b + i)));
        break;
    case PL_Q_MUL:
        if (n % 16 == 0) {
            for (size_t i = 0; i < n; i += 16) {
                v4 x[4], y[4];
                for (int j = 0; j < 4; j++) {
                    x[j] = load(a + i + 4 * j);
                    y[j] = load(b + i + 4 * j);
                }
                v_mul4(x, x, y);
                for (int j = 0; j < 4; j++) store(d + i + 4 * j, x[j]);
            }
            break;
        }
        for (size_t i = 0; i < n; i += 4) store(d + i, v_mul(load(a + i), load(b + i)));
        break;
    case PL_Q_ADD_CONST:
        for (size_t i = 0; i < n; i += 4) store(d + i, v_add(load(a + i), c));
        break;
    case PL_Q_SUB_CONST:
        for (size_t i = 0; i < n; i += 4) store(d + i, v_sub(load(a + i), c));
        break;
    case PL_Q_CONST_SUB:
        for (size_t i = 0; i < n; i += 4) store(d + i, v_sub(c, load(a + i)));
        break;
    default: /* PL_Q_MUL_CONST */
        if (n % 16 == 0) {
            v4 cs[4] = {c, c, c, c};
            for (size_t i = 0; i < n; i += 16) {
                v4 x[4];
                for (int j = 0; j < 4; j++) x[j] = load(a + i + 4 * j);
                v_mul4(x, x, cs);
                for (int j = 0; j < 4; j++) store(d + i + 4 * j, x[j]);
            }
            break;
        }
        for (size_t i = 0; i < n; i += 4) store(d + i, v_mul(load(a + i), c));
        break;
    }
}

/*
 * The three DIF stages of half-size 4, 2 and 1 on a block of `size` elements (a multiple of 8),
 * eight elements (x0 = 0..3, x1 = 4..7) at a time. Half-size 4 pairs x0 with x1; half-size 2
 * pairs the low 128-bit halves with the high ones; half-size 1 pairs even with odd elements.
 * The twiddle of half-size 1 is w^0 = 1, and multiplying a canonical value by 1 leaves it as
 * it is, so that stage has no multiply.
 */
void pl_avx2_dif_last3(uint64_t *a, size_t size, const uint64_t *tw) {
    v4 t4 = load(tw + 4);
    v4 t2 = _mm256_set_epi64x((long long) tw[3], (long long) tw[2], (long long) tw[3], (long long) tw[2]);
    for (size_t o = 0; o < size; o += 8) {
        v4 x0 = load(a + o);
        v4 x1 = load(a + o + 4);
        /* half-size 4: u = 0..3, v = 4..7 */
        v4 su = v_add(x0, x1);
        v4 sv = v_mul(v_sub(x0, x1), t4);
        /* half-size 2: u = {0, 1, 4, 5}, v = {2, 3, 6, 7} */
        v4 u = _mm256_permute2x128_si256(su, sv, 0x20);
        v4 v = _mm256_permute2x128_si256(su, sv, 0x31);
        su = v_add(u, v);
        sv = v_mul(v_sub(u, v), t2);
        x0 = _mm256_permute2x128_si256(su, sv, 0x20);
        x1 = _mm256_permute2x128_si256(su, sv, 0x31);
        /* half-size 1: u = {0, 4, 2, 6}, v = {1, 5, 3, 7} */
        u = _mm256_unpacklo_epi64(x0, x1);
        v = _mm256_unpackhi_epi64(x0, x1);
        su = v_add(u, v);
        sv = v_sub(u, v);
        store(a + o, _mm256_unpacklo_epi64(su, sv));
        store(a + o + 4, _mm256_unpackhi_epi64(su, sv));
    }
}

/*
 * ---- Poseidon2 on one or two groups of four states, lane l of s[12 g + i] holding element i of state 4 g + l ----
 *
 * As the AVX-512F kernels and io.proofline.poseidon2.Poseidon2: any 64-bit representative
 * between rounds (no compare-and-subtract in a reduction), linear layers on 32-bit halves,
 * canonical once at the end.
 *
 * The rounds are written stage by stage across all lanes of the state (every s-box's square,
 * then every cube and fourth power, then every product) rather than s-box by s-box. A product
 * is a chain of about 28 dependent operations; s-box after s-box, the kernel ran at about 2.3
 * operations a cycle on Zen 3 where its ports allow about 4, presumably because the out-of-order
 * window then holds little more than one s-box's chains (this guest has no performance counters
 * to show it). Stage by stage, the window holds independent products, and in a partial round
 * the internal layer's products, which do not depend on the s-box, are placed between its
 * steps. On a Zen 3 core this took a permutation from 0.90 to 0.65 us (docs/benchmarks.md,
 * "Poseidon2 stage by stage with AVX2").
 *
 * Two reductions are left out: a full round's last products go to the external layer as limbs,
 * unreduced (p2_layers.h), which also adds the next round's constants; and the internal layer
 * reduces each product with the sum in one step whose one correction is a carry (p2_fold). On a
 * Zen 5 core with these kernels a permutation went from 0.50 to 0.46 us.
 */
#define P2_GROUPS 2
#define P2_LANES (12 * P2_GROUPS)

/* hi * 2^64 + lo mod p, below 2^64 but not necessarily canonical */
static inline v4 p2_reduce(v4 hi, v4 lo) {
    return _mm256_xor_si256(v_reduce_lazy_flipped(hi, _mm256_xor_si256(lo, V_SIGN)), V_SIGN);
}

static inline v4 p2_mul(v4 a, v4 b) {
    v4 hi, lo;
    v_wide(a, b, SHR(b, 32), &hi, &lo);
    return p2_reduce(hi, lo);
}

/* a * a: the two cross products are one */
static inline v4 p2_square(v4 a) {
    v4 ah = SHR(a, 32);
    v4 ll = _mm256_mul_epu32(a, a);
    v4 lh = _mm256_mul_epu32(a, ah);
    v4 hh = _mm256_mul_epu32(ah, ah);
    v4 mid = ADD(lh, SHR(ll, 32));
    v4 mid2 = ADD(lh, AND(mid, V_M32));
    v4 hi = ADD(hh, ADD(SHR(mid, 32), SHR(mid2, 32)));
    return p2_reduce(hi, _mm256_blend_epi32(ll, SHL(mid2, 32), 0xAA));
}

/* x + c for any 64-bit x and canonical c */
static inline v4 p2_add_constant(v4 x, v4 c) {
    v4 s = ADD(x, c);
    return ADD(s, AND(v_less(s, c), V_EPS));
}

/* hi * 2^32 + lo mod p for hi, lo < 2^41 (Poseidon2.combine, which takes them below 2^40) */
static inline v4 p2_combine(v4 hi, v4 lo) {
    v4 top = SHR(hi, 32);
    v4 small = SUB(ADD(lo, SHL(top, 32)), top);
    v4 s = ADD(SHL(hi, 32), small);
    return ADD(s, AND(v_less(s, small), V_EPS));
}

/*
 * y = M_E x on limbs L, H into s, plus the layer's constants. Every sum is exact: the limbs'
 * weights add up to at most 64 and the true values stay below 2^41 (negative L wraps and comes
 * back with the offset), which p2_combine takes.
 */
static inline void p2_external_limbs(v4 *s, const v4 *L, const v4 *H, int layer) {
    v4 l[4], h[4];
    for (int k = 0; k < 4; k++) {
        l[k] = ADD(ADD(L[k], L[4 + k]), L[8 + k]);
        h[k] = ADD(ADD(H[k], H[4 + k]), H[8 + k]);
    }
    for (int c = 0; c < 12; c += 4) {
        v4 a[4], b[4];
        for (int k = 0; k < 4; k++) {
            a[k] = ADD(L[c + k], l[k]);
            b[k] = ADD(H[c + k], h[k]);
        }
        v4 t0 = ADD(a[0], a[1]), t1 = ADD(a[2], a[3]);
        v4 t2 = ADD(SHL(a[1], 1), t1), t3 = ADD(SHL(a[3], 1), t0);
        v4 t4 = ADD(SHL(t1, 2), t3), t5 = ADD(SHL(t0, 2), t2);
        v4 u0 = ADD(b[0], b[1]), u1 = ADD(b[2], b[3]);
        v4 u2 = ADD(SHL(b[1], 1), u1), u3 = ADD(SHL(b[3], 1), u0);
        v4 u4 = ADD(SHL(u1, 2), u3), u5 = ADD(SHL(u0, 2), u2);
        const uint64_t *klo = p2_external_lo[layer] + c, *khi = p2_external_hi[layer] + c;
        s[c] = p2_combine(ADD(ADD(u3, u5), splat(khi[0])), ADD(ADD(t3, t5), splat(klo[0])));
        s[c + 1] = p2_combine(ADD(u5, splat(khi[1])), ADD(t5, splat(klo[1])));
        s[c + 2] = p2_combine(ADD(ADD(u2, u4), splat(khi[2])), ADD(ADD(t2, t4), splat(klo[2])));
        s[c + 3] = p2_combine(ADD(u4, splat(khi[3])), ADD(t4, splat(klo[3])));
    }
}

/* layer 0, on the input's 64-bit lanes */
static inline void p2_external_first(v4 *s) {
    v4 L[12], H[12];
    for (int i = 0; i < 12; i++) {
        L[i] = AND(s[i], V_M32);
        H[i] = SHR(s[i], 32);
    }
    p2_external_limbs(s, L, H, 0);
}

/* the 128-bit product d_i * x of the internal matrix's diagonal */
static inline void p2_diag_wide(v4 x, int i, v4 *hi, v4 *lo) {
    v_wide(x, splat(PL_P2_DIAG[i]), splat(PL_P2_DIAG[i] >> 32), hi, lo);
}

/*
 * The s-boxes of the n lanes of s, stage by stage, then the external layer. The round's constants
 * came with the layer before, except in round 4, after the partial rounds. The s-box's last
 * product goes to the external layer as limbs, unreduced.
 */
static inline void p2_full_round(v4 *s, int n, int round) {
    /* s is read in place: a copy of it here compiled to a string move (rep movsq) each round,
       8-byte stores that the round's wide loads then read back (1 to 2% of a permutation, Zen 4) */
    v4 x2[P2_LANES], x3[P2_LANES], L[P2_LANES], H[P2_LANES];
    if (round == 4)
        for (int e = 0; e < n; e++) s[e] = p2_add_constant(s[e], splat(PL_P2_FULL_RC[12 * round + e % 12]));
    for (int e = 0; e < n; e++) x2[e] = p2_square(s[e]);
    for (int e = 0; e < n; e++) x3[e] = p2_mul(x2[e], s[e]);
    for (int e = 0; e < n; e++) x2[e] = p2_square(x2[e]);
    for (int e = 0; e < n; e++) v_product_limbs(x3[e], x2[e], SHR(x2[e], 32), &L[e], &H[e]);
    for (int e = 0; e < n; e += 12) p2_external_limbs(s + e, L + e, H + e, round + 1);
}

/* d x + sum from the 128-bit d x = (hi, lo) and sum - EPSILON, flipped */
static inline v4 p2_fold(v4 hi, v4 lo, v4 sum_f) {
    /* l = lo + sum - EPSILON (flipped), its carry going into hi */
    v4 l_f = ADD(lo, sum_f);
    v4 h = SUB(hi, _mm256_cmpgt_epi64(sum_f, l_f));
    /* h 2^64 + EPSILON = (h mod 2^32 + 1) EPSILON - h / 2^32 mod p, which lies in [0, 2^64 - 2^32]:
       no borrow, so one carry is left to fix; flipped */
    v4 t_f = ADD(SUB(_mm256_mul_epu32(h, V_EPS), SHR(h, 32)), V_EPS_FLIPPED);
    v4 y = ADD(l_f, t_f);
    return ADD(y, AND(_mm256_cmpgt_epi64(t_f, _mm256_xor_si256(y, V_SIGN)), V_EPS));
}

/*
 * y_i = d_i x_i + sum(x) after element 0's s-box, the sum folded into each 128-bit product and
 * reduced with it (p2_fold). The products of elements 1 to 11 and their part of the sum are
 * placed between the s-box's steps, which they do not wait for.
 */
static inline void p2_partial_round(v4 *s, int n, int round) {
    v4 c = splat(PL_P2_PARTIAL_RC[round]);
    v4 t[P2_GROUPS], x2[P2_GROUPS], x3[P2_GROUPS], hi[P2_LANES], lo[P2_LANES];
    v4 wrapped_sum[P2_GROUPS], hi_sum[P2_GROUPS];
    int groups = n / 12;
    for (int g = 0; g < groups; g++) {
        t[g] = p2_add_constant(s[12 * g], c);
        x2[g] = p2_square(t[g]);
    }
    for (int g = 0; g < groups; g++)
        for (int i = 1; i < 5; i++) p2_diag_wide(s[12 * g + i], i, &hi[12 * g + i], &lo[12 * g + i]);
    for (int g = 0; g < groups; g++) {
        x3[g] = p2_mul(x2[g], t[g]);
        x2[g] = p2_square(x2[g]);
    }
    for (int g = 0; g < groups; g++)
        for (int i = 5; i < 9; i++) p2_diag_wide(s[12 * g + i], i, &hi[12 * g + i], &lo[12 * g + i]);
    /* the sum modulo 2^64 and the sum of the high halves: the low halves' sum is their
       difference below, one operation a lane fewer than summing both halves */
    for (int g = 0; g < groups; g++) {
        v4 w = _mm256_setzero_si256(), h = _mm256_setzero_si256();
        for (int i = 1; i < 12; i++) {
            w = ADD(w, s[12 * g + i]);
            h = ADD(h, SHR(s[12 * g + i], 32));
        }
        wrapped_sum[g] = w;
        hi_sum[g] = h;
    }
    for (int g = 0; g < groups; g++) s[12 * g] = p2_mul(x3[g], x2[g]);
    for (int g = 0; g < groups; g++)
        for (int i = 9; i < 12; i++) p2_diag_wide(s[12 * g + i], i, &hi[12 * g + i], &lo[12 * g + i]);
    v4 sum_f[P2_GROUPS];
    for (int g = 0; g < groups; g++) {
        v4 s0 = s[12 * g];
        v4 h = ADD(hi_sum[g], SHR(s0, 32));
        /* the twelve low halves sum below 2^36, so the wrapped sum less the high halves' part is their sum exactly */
        v4 l = SUB(ADD(wrapped_sum[g], s0), SHL(h, 32));
        /* sum - EPSILON: p's limbs (1, 2^32 - 1) less EPSILON's (-1, 1) added to the sum's; flipped */
        sum_f[g] = _mm256_xor_si256(p2_combine(ADD(h, splat(0xFFFFFFFEULL)), ADD(l, splat(2))), V_SIGN);
        p2_diag_wide(s0, 0, &hi[12 * g], &lo[12 * g]);
    }
    /* element 0 of every group first: the next round's s-box waits for it alone */
    for (int i = 0; i < 12; i++)
        for (int g = 0; g < groups; g++) s[12 * g + i] = p2_fold(hi[12 * g + i], lo[12 * g + i], sum_f[g]);
}

/* the n lanes (12 or P2_LANES) of one or two groups of four states */
static inline void p2_permute(v4 *s, int n) {
    for (int e = 0; e < n; e += 12) p2_external_first(s + e);
    for (int r = 0; r < 4; r++) p2_full_round(s, n, r);
    for (int p = 0; p < PL_P2_PARTIAL_ROUNDS; p++) p2_partial_round(s, n, p);
    for (int r = 4; r < 8; r++) p2_full_round(s, n, r);
    for (int e = 0; e < n; e++) s[e] = v_canonical(s[e]);
}

void pl_avx2_permute4(uint64_t *states) {
    uint64_t t[12][4];
    for (int l = 0; l < 4; l++)
        for (int i = 0; i < 12; i++) t[i][l] = states[12 * l + i];
    v4 s[1][12];
    for (int i = 0; i < 12; i++) s[0][i] = load(t[i]);
    p2_permute(s[0], 12);
    for (int i = 0; i < 12; i++) store(t[i], s[0][i]);
    for (int l = 0; l < 4; l++)
        for (int i = 0; i < 12; i++) states[12 * l + i] = t[i][l];
}

/* the digests (elements 0 to 3) of the states of both groups to out[4 * (first + k) ..], state k lane k % 4 of group k / 4 */
static void store_digests(v4 s[][12], uint64_t *out, uint64_t first) {
    for (int g = 0; g < P2_GROUPS; g++) {
        uint64_t t[4][4];
        for (int j = 0; j < 4; j++) store(t[j], s[g][j]);
        for (int l = 0; l < 4; l++)
            for (int j = 0; j < 4; j++) out[4 * (first + 4 * g + l) + j] = t[j][l];
    }
}

void pl_avx2_hash_rows8(const uint64_t *matrix, uint64_t width, uint64_t rows, uint64_t r, uint64_t *digests) {
    v4 s[P2_GROUPS][12];
    for (int g = 0; g < P2_GROUPS; g++) {
        for (int i = 0; i < 12; i++) s[g][i] = _mm256_setzero_si256();
        s[g][8] = splat(width);
    }
    /* the next eight rows of a column share a 64-byte line that no hardware prefetcher tracks
       across a hundred-odd columns; a thread usually takes those rows next */
    int prefetch = r + 16 <= rows;
    for (uint64_t pos = 0; pos < width; pos += 8) {
        uint64_t chunk = width - pos < 8 ? width - pos : 8;
        for (uint64_t c = 0; c < chunk; c++) {
            for (int g = 0; g < P2_GROUPS; g++) s[g][c] = load(matrix + (pos + c) * rows + r + 4 * g);
            if (prefetch) _mm_prefetch((const char *) (matrix + (pos + c) * rows + r + 8), _MM_HINT_T0);
        }
        p2_permute(s[0], P2_LANES);
    }
    store_digests(s, digests, r);
}

void pl_avx2_compress8(const uint64_t *below, uint64_t i, uint64_t *layer) {
    v4 s[P2_GROUPS][12];
    for (int g = 0; g < P2_GROUPS; g++) {
        uint64_t t[8][4];
        for (int l = 0; l < 4; l++)
            for (int j = 0; j < 8; j++) t[j][l] = below[8 * (i + 4 * g + l) + j];
        for (int j = 0; j < 8; j++) s[g][j] = load(t[j]);
        s[g][8] = s[g][9] = s[g][10] = _mm256_setzero_si256();
        s[g][11] = splat(1);
    }
    p2_permute(s[0], P2_LANES);
    store_digests(s, layer, i);
}
