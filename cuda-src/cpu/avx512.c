/*
 * AVX-512F kernels of the CPU build, eight field elements or eight Poseidon2 states per vector.
 * This file alone is compiled with -mavx512f; proofline_cpu.c calls it only when the CPU has
 * AVX-512F (and PROOFLINE_NATIVE_ISA is not "portable"). Results are canonical and equal to
 * the portable code's, which the differential tests check on both paths.
 */
#include "avx512.h"
#include "p2_layers.h"
#include "proofline_native.h"
#include "../common/pl_field.h"

#include <immintrin.h>

typedef __m512i v8;

#define V_P _mm512_set1_epi64((long long) PL_P)
#define V_EPS _mm512_set1_epi64((long long) PL_EPSILON)
#define V_M32 _mm512_set1_epi64(0xFFFFFFFFLL)

static inline v8 v_canonical(v8 x) {
    __mmask8 ge = _mm512_cmpge_epu64_mask(x, V_P);
    return _mm512_mask_sub_epi64(x, ge, x, V_P);
}

static inline v8 v_add(v8 a, v8 b) {
    v8 s = _mm512_add_epi64(a, b);
    __mmask8 carry = _mm512_cmplt_epu64_mask(s, a);
    s = _mm512_mask_add_epi64(s, carry, s, V_EPS);
    return v_canonical(s);
}

static inline v8 v_sub(v8 a, v8 b) {
    v8 d = _mm512_sub_epi64(a, b);
    __mmask8 borrow = _mm512_cmplt_epu64_mask(a, b);
    return _mm512_mask_sub_epi64(d, borrow, d, V_EPS);
}

/* hi * 2^64 + lo mod p, below 2^64 but not necessarily canonical (Poseidon2.reduce) */
static inline v8 v_reduce_lazy(v8 hi, v8 lo) {
    v8 hh = _mm512_srli_epi64(hi, 32);
    v8 t0 = _mm512_sub_epi64(lo, hh);
    t0 = _mm512_mask_sub_epi64(t0, _mm512_cmplt_epu64_mask(lo, hh), t0, V_EPS);
    /* (hi mod 2^32) * (2^32 - 1): _mm512_mul_epu32 reads the low halves alone */
    v8 t1 = _mm512_mul_epu32(hi, V_EPS);
    v8 t2 = _mm512_add_epi64(t0, t1);
    return _mm512_mask_add_epi64(t2, _mm512_cmplt_epu64_mask(t2, t1), t2, V_EPS);
}

/* hi * 2^64 + lo mod p, canonical (pl_reduce128 lane-wise) */
static inline v8 v_reduce128(v8 hi, v8 lo) { return v_canonical(v_reduce_lazy(hi, lo)); }

/*
 * Each lane's 32-bit halves swapped, for _mm512_mul_epu32, which reads the low halves alone: a
 * shuffle in place of a shift. Intel cores run 512-bit operations on two ports, shifts (as
 * published port tables have it) on one of them only and shuffles on the other; with this and
 * the masked shuffle of v_wide's low word (one operation where a shift and a blend were two), a
 * permutation went from 0.414 to 0.404 us on a 2.6 GHz Xeon core (docs/benchmarks.md, "The
 * model 167 Intel host with today's kernels").
 */
static inline v8 v_hi32(v8 x) { return _mm512_shuffle_epi32(x, _MM_PERM_CDAB); }

/*
 * The 128-bit product of a and b, given b's high half bh (v_hi32(b) will do), from 32-bit limbs,
 * as parts: hi, and ll and u, whose low halves are lo's.
 */
static inline void v_wide_parts(v8 a, v8 b, v8 bh, v8 *hi, v8 *ll, v8 *u) {
    v8 ah = v_hi32(a);
    *ll = _mm512_mul_epu32(a, b);
    v8 lh = _mm512_mul_epu32(a, bh);
    v8 hl = _mm512_mul_epu32(ah, b);
    v8 hh = _mm512_mul_epu32(ah, bh);
    /* t and u stay below 2^64 - 2^32 + 1, so nothing carries (as GoldilocksVectors.mul) */
    v8 t = _mm512_add_epi64(lh, _mm512_srli_epi64(*ll, 32));
    *u = _mm512_add_epi64(hl, _mm512_and_si512(t, V_M32));
    *hi = _mm512_add_epi64(_mm512_add_epi64(hh, _mm512_srli_epi64(t, 32)), _mm512_srli_epi64(*u, 32));
}

/* the 128-bit product of a and b, given b's high half bh, as (hi, lo) */
static inline void v_wide(v8 a, v8 b, v8 bh, v8 *hi, v8 *lo) {
    v8 ll, u;
    v_wide_parts(a, b, bh, hi, &ll, &u);
    /* u's low half into the high halves of ll */
    *lo = _mm512_mask_shuffle_epi32(ll, 0xAAAA, u, _MM_PERM_CDAB);
}

static inline v8 v_mul(v8 a, v8 b) {
    v8 hi, lo;
    v_wide(a, b, v_hi32(b), &hi, &lo);
    return v_reduce128(hi, lo);
}

/* four products, each operation across the four before the next (independent products in the out-of-order window) */
static inline void v_mul4(v8 *r, const v8 *a, const v8 *b) {
    v8 hi[4], lo[4];
    for (int k = 0; k < 4; k++) v_wide(a[k], b[k], v_hi32(b[k]), &hi[k], &lo[k]);
    for (int k = 0; k < 4; k++) r[k] = v_reduce128(hi[k], lo[k]);
}

/*
 * Butterflies q in [from, to): (u, v) -> (u + v, (u - v) t[q]). Thirty-two a step where the run
 * allows, each operation across four vectors before the next, as the AVX2 kernel does.
 */
void pl_avx512_dif_run(uint64_t *x, size_t h, const uint64_t *t, size_t from, size_t to) {
    if ((to - from) % 32 == 0) {
        for (size_t q = from; q < to; q += 32) {
            v8 u[4], v[4], d[4], w[4];
            for (int k = 0; k < 4; k++) {
                u[k] = _mm512_loadu_si512(x + q + 8 * k);
                v[k] = _mm512_loadu_si512(x + h + q + 8 * k);
            }
            for (int k = 0; k < 4; k++) _mm512_storeu_si512(x + q + 8 * k, v_add(u[k], v[k]));
            for (int k = 0; k < 4; k++) {
                d[k] = v_sub(u[k], v[k]);
                w[k] = _mm512_loadu_si512(t + q + 8 * k);
            }
            v_mul4(d, d, w);
            for (int k = 0; k < 4; k++) _mm512_storeu_si512(x + h + q + 8 * k, d[k]);
        }
        return;
    }
    for (size_t q = from; q < to; q += 8) {
        v8 u = _mm512_loadu_si512(x + q);
        v8 v = _mm512_loadu_si512(x + h + q);
        v8 w = _mm512_loadu_si512(t + q);
        _mm512_storeu_si512(x + q, v_add(u, v));
        _mm512_storeu_si512(x + h + q, v_mul(v_sub(u, v), w));
    }
}

/* dst[i] = src[i] * start * g^i; thirty-two powers a step in four accumulators where n allows, not one chain of products */
void pl_avx512_mul_powers(const uint64_t *src, uint64_t *dst, size_t n, uint64_t start, uint64_t g) {
    uint64_t p[32];
    p[0] = start;
    for (int i = 1; i < 32; i++) p[i] = pl_mul(p[i - 1], g);
    if (n % 32 == 0) {
        v8 step = _mm512_set1_epi64((long long) pl_pow(g, 32));
        v8 accs[4], steps[4] = {step, step, step, step}, x[4];
        for (int k = 0; k < 4; k++) accs[k] = _mm512_loadu_si512(p + 8 * k);
        for (size_t i = 0; i < n; i += 32) {
            for (int k = 0; k < 4; k++) x[k] = _mm512_loadu_si512(src + i + 8 * k);
            v_mul4(x, x, accs);
            for (int k = 0; k < 4; k++) _mm512_storeu_si512(dst + i + 8 * k, x[k]);
            v_mul4(accs, accs, steps);
        }
        return;
    }
    v8 acc = _mm512_loadu_si512(p);
    v8 step = _mm512_set1_epi64((long long) pl_pow(g, 8));
    for (size_t i = 0; i < n; i += 8) {
        _mm512_storeu_si512(dst + i, v_mul(_mm512_loadu_si512(src + i), acc));
        acc = v_mul(acc, step);
    }
}

/* w v as limbs L + H 2^32 (mod p), wh being w's high half, as the AVX2 kernel's v_product_limbs */
static inline void v_product_limbs(v8 v, v8 w, v8 wh, v8 *L, v8 *H) {
    v8 hi, ll, u;
    v_wide_parts(v, w, wh, &hi, &ll, &u);
    v8 hi_low = _mm512_and_si512(hi, V_M32);
    *L = _mm512_sub_epi64(_mm512_sub_epi64(_mm512_and_si512(ll, V_M32), hi_low), _mm512_srli_epi64(hi, 32));
    *H = _mm512_add_epi64(_mm512_and_si512(u, V_M32), hi_low);
}

void pl_avx512_add_scaled2_limbs(uint64_t *l0, uint64_t *h0, uint64_t *l1, uint64_t *h1, const uint64_t *v, uint64_t w0,
                                 uint64_t w1, size_t n) {
    v8 a = _mm512_set1_epi64((long long) w0), ah = _mm512_set1_epi64((long long) (w0 >> 32));
    v8 b = _mm512_set1_epi64((long long) w1), bh = _mm512_set1_epi64((long long) (w1 >> 32));
    for (size_t i = 0; i < n; i += 16) {
        v8 L[2], H[2], M[2], K[2];
        for (int k = 0; k < 2; k++) {
            v8 x = _mm512_loadu_si512(v + i + 8 * k);
            v_product_limbs(x, a, ah, &L[k], &H[k]);
            v_product_limbs(x, b, bh, &M[k], &K[k]);
        }
        for (int k = 0; k < 2; k++) {
            size_t j = i + 8 * k;
            _mm512_storeu_si512(l0 + j, _mm512_add_epi64(_mm512_loadu_si512(l0 + j), L[k]));
            _mm512_storeu_si512(h0 + j, _mm512_add_epi64(_mm512_loadu_si512(h0 + j), H[k]));
            _mm512_storeu_si512(l1 + j, _mm512_add_epi64(_mm512_loadu_si512(l1 + j), M[k]));
            _mm512_storeu_si512(h1 + j, _mm512_add_epi64(_mm512_loadu_si512(h1 + j), K[k]));
        }
    }
}

/*
 * One instruction of a quotient program over a block of n rows (n a multiple of 8):
 * d = a op b, or a op k for the PL_Q_*_CONST forms. d may be a or b.
 */
void pl_avx512_block_op(uint32_t op, uint64_t *d, const uint64_t *a, const uint64_t *b, uint64_t k, size_t n) {
    v8 c = _mm512_set1_epi64((long long) k);
    switch (op) {
    case PL_Q_ADD:
        for (size_t i = 0; i < n; i += 8) _mm512_storeu_si512(d + i, v_add(_mm512_loadu_si512(a + i), _mm512_loadu_si512(b + i)));
        break;
    case PL_Q_SUB:
        for (size_t i = 0; i < n; i += 8) _mm512_storeu_si512(d + i, v_sub(_mm512_loadu_si512(a + i), _mm512_loadu_si512(b + i)));
        break;
    case PL_Q_MUL:
        if (n % 32 == 0) {
            for (size_t i = 0; i < n; i += 32) {
                v8 x[4], y[4];
                for (int j = 0; j < 4; j++) {
                    x[j] = _mm512_loadu_si512(a + i + 8 * j);
                    y[j] = _mm512_loadu_si512(b + i + 8 * j);
                }
                v_mul4(x, x, y);
                for (int j = 0; j < 4; j++) _mm512_storeu_si512(d + i + 8 * j, x[j]);
            }
            break;
        }
        for (size_t i = 0; i < n; i += 8) _mm512_storeu_si512(d + i, v_mul(_mm512_loadu_si512(a + i), _mm512_loadu_si512(b + i)));
        break;
    case PL_Q_ADD_CONST:
        for (size_t i = 0; i < n; i += 8) _mm512_storeu_si512(d + i, v_add(_mm512_loadu_si512(a + i), c));
        break;
    case PL_Q_SUB_CONST:
        for (size_t i = 0; i < n; i += 8) _mm512_storeu_si512(d + i, v_sub(_mm512_loadu_si512(a + i), c));
        break;
    case PL_Q_CONST_SUB:
        for (size_t i = 0; i < n; i += 8) _mm512_storeu_si512(d + i, v_sub(c, _mm512_loadu_si512(a + i)));
        break;
    default: /* PL_Q_MUL_CONST */
        if (n % 32 == 0) {
            v8 cs[4] = {c, c, c, c};
            for (size_t i = 0; i < n; i += 32) {
                v8 x[4];
                for (int j = 0; j < 4; j++) x[j] = _mm512_loadu_si512(a + i + 8 * j);
                v_mul4(x, x, cs);
                for (int j = 0; j < 4; j++) _mm512_storeu_si512(d + i + 8 * j, x[j]);
            }
            break;
        }
        for (size_t i = 0; i < n; i += 8) _mm512_storeu_si512(d + i, v_mul(_mm512_loadu_si512(a + i), c));
        break;
    }
}

/*
 * ---- Poseidon2 on two groups of eight states, lane l of s[g][i] holding element i of state l ----
 *
 * As io.proofline.poseidon2.Poseidon2: between rounds a lane holds any 64-bit representative of
 * its value, not necessarily the canonical one, so no reduction ends in a compare-and-subtract;
 * the linear layers sum 32-bit halves so that each lane is reduced once; the state is made
 * canonical once, at the end. Two groups of states side by side, because a partial round's one
 * s-box is a chain of four dependent products: the other group's chain fills its latency.
 *
 * As in the AVX2 kernel, the rounds go stage by stage across all lanes (every square, then every
 * cube and fourth power, then every product) rather than s-box by s-box, and a partial round
 * computes the internal layer's diagonal products between the steps of its s-box. On a Zen 5 core
 * (four vector pipes, two of them for 32-bit products and two for shifts) this took a
 * permutation from 0.32 to 0.21 us with unchanged outputs (docs/benchmarks.md, "Poseidon2 stage
 * by stage with AVX-512"). Also as there, a full round's last products reach the external layer
 * unreduced, as limbs (p2_layers.h), and the internal layer's products are reduced with the sum.
 */
#define P2_GROUPS 2
#define P2_LANES (12 * P2_GROUPS)

static inline v8 p2_mul(v8 a, v8 b) {
    v8 hi, lo;
    v_wide(a, b, v_hi32(b), &hi, &lo);
    return v_reduce_lazy(hi, lo);
}

/* x + c for any 64-bit x and canonical c (a round constant, or a sum made canonical): a carry leaves the sum below c, so adding 2^64 mod p cannot carry again */
static inline v8 p2_add_constant(v8 x, v8 c) {
    v8 s = _mm512_add_epi64(x, c);
    return _mm512_mask_add_epi64(s, _mm512_cmplt_epu64_mask(s, c), s, V_EPS);
}

/* a * a: the two cross products are one */
static inline v8 p2_square(v8 a) {
    v8 ah = v_hi32(a);
    v8 ll = _mm512_mul_epu32(a, a);
    v8 lh = _mm512_mul_epu32(a, ah);
    v8 hh = _mm512_mul_epu32(ah, ah);
    v8 mid = _mm512_add_epi64(lh, _mm512_srli_epi64(ll, 32));
    v8 mid2 = _mm512_add_epi64(lh, _mm512_and_si512(mid, V_M32));
    v8 hi = _mm512_add_epi64(hh, _mm512_add_epi64(_mm512_srli_epi64(mid, 32), _mm512_srli_epi64(mid2, 32)));
    v8 lo = _mm512_mask_shuffle_epi32(ll, 0xAAAA, mid2, _MM_PERM_CDAB);
    return v_reduce_lazy(hi, lo);
}

/* hi * 2^32 + lo mod p for hi, lo < 2^41 (Poseidon2.combine, which takes them below 2^40) */
static inline v8 p2_combine(v8 hi, v8 lo) {
    v8 top = _mm512_srli_epi64(hi, 32);
    v8 small = _mm512_sub_epi64(_mm512_add_epi64(lo, _mm512_slli_epi64(top, 32)), top);
    v8 s = _mm512_add_epi64(_mm512_slli_epi64(hi, 32), small);
    return _mm512_mask_add_epi64(s, _mm512_cmplt_epu64_mask(s, small), s, V_EPS);
}

/*
 * circ(2 M4, M4, M4) as Poseidon2.externalLinear on limbs L, H into s, plus the layer's
 * constants (p2_layers.h): column sums, then M4 of each chunk plus the sums. Every sum is
 * exact: an input's weights add up to at most 64 and the true values stay below 2^41 (a
 * negative L wraps and comes back with the offset), which p2_combine takes.
 */
static inline void p2_external_limbs(v8 *s, const v8 *L, const v8 *H, int layer) {
    v8 l[4], h[4];
    for (int k = 0; k < 4; k++) {
        l[k] = _mm512_add_epi64(_mm512_add_epi64(L[k], L[4 + k]), L[8 + k]);
        h[k] = _mm512_add_epi64(_mm512_add_epi64(H[k], H[4 + k]), H[8 + k]);
    }
    for (int c = 0; c < 12; c += 4) {
        v8 a[4], b[4];
        for (int k = 0; k < 4; k++) {
            a[k] = _mm512_add_epi64(L[c + k], l[k]);
            b[k] = _mm512_add_epi64(H[c + k], h[k]);
        }
        v8 t0 = _mm512_add_epi64(a[0], a[1]), t1 = _mm512_add_epi64(a[2], a[3]);
        v8 t2 = _mm512_add_epi64(_mm512_slli_epi64(a[1], 1), t1), t3 = _mm512_add_epi64(_mm512_slli_epi64(a[3], 1), t0);
        v8 t4 = _mm512_add_epi64(_mm512_slli_epi64(t1, 2), t3), t5 = _mm512_add_epi64(_mm512_slli_epi64(t0, 2), t2);
        v8 u0 = _mm512_add_epi64(b[0], b[1]), u1 = _mm512_add_epi64(b[2], b[3]);
        v8 u2 = _mm512_add_epi64(_mm512_slli_epi64(b[1], 1), u1), u3 = _mm512_add_epi64(_mm512_slli_epi64(b[3], 1), u0);
        v8 u4 = _mm512_add_epi64(_mm512_slli_epi64(u1, 2), u3), u5 = _mm512_add_epi64(_mm512_slli_epi64(u0, 2), u2);
        v8 out_lo[4] = {_mm512_add_epi64(t3, t5), t5, _mm512_add_epi64(t2, t4), t4};
        v8 out_hi[4] = {_mm512_add_epi64(u3, u5), u5, _mm512_add_epi64(u2, u4), u4};
        for (int k = 0; k < 4; k++)
            s[c + k] = p2_combine(_mm512_add_epi64(out_hi[k], _mm512_set1_epi64((long long) p2_external_hi[layer][c + k])),
                                  _mm512_add_epi64(out_lo[k], _mm512_set1_epi64((long long) p2_external_lo[layer][c + k])));
    }
}

/* layer 0, on the input's 64-bit lanes */
static inline void p2_external_first(v8 *s) {
    v8 L[12], H[12];
    for (int i = 0; i < 12; i++) {
        L[i] = _mm512_and_si512(s[i], V_M32);
        H[i] = _mm512_srli_epi64(s[i], 32);
    }
    p2_external_limbs(s, L, H, 0);
}

/*
 * The s-boxes of the n lanes of s, stage by stage, then the external layer. The round's constants
 * came with the layer before, except in round 4, after the partial rounds. The s-box's last
 * product goes to the external layer as limbs, unreduced.
 */
static inline void p2_full_round(v8 *s, int n, int round) {
    /* s is read in place: a copy of it here compiled to a string move (rep movsq) each round,
       8-byte stores that the round's wide loads then read back (1 to 2% of a permutation, Zen 4) */
    v8 x2[P2_LANES], x3[P2_LANES], L[P2_LANES], H[P2_LANES];
    if (round == 4)
        for (int e = 0; e < n; e++) s[e] = p2_add_constant(s[e], _mm512_set1_epi64((long long) PL_P2_FULL_RC[12 * round + e % 12]));
    for (int e = 0; e < n; e++) x2[e] = p2_square(s[e]);
    for (int e = 0; e < n; e++) x3[e] = p2_mul(x2[e], s[e]);
    for (int e = 0; e < n; e++) x2[e] = p2_square(x2[e]);
    for (int e = 0; e < n; e++) v_product_limbs(x3[e], x2[e], v_hi32(x2[e]), &L[e], &H[e]);
    for (int e = 0; e < n; e += 12) p2_external_limbs(s + e, L + e, H + e, round + 1);
}

/* the 128-bit product d_i * x of the internal matrix's diagonal */
static inline void p2_diag_wide(v8 x, int i, v8 *hi, v8 *lo) {
    v_wide(x, _mm512_set1_epi64((long long) PL_P2_DIAG[i]), _mm512_set1_epi64((long long) (PL_P2_DIAG[i] >> 32)), hi, lo);
}

/* d x + sum from the 128-bit d x = (hi, lo) and sum - EPSILON, as the AVX2 kernel's p2_fold */
static inline v8 p2_fold(v8 hi, v8 lo, v8 sum) {
    /* l = lo + sum - EPSILON, its carry going into hi */
    v8 l = _mm512_add_epi64(lo, sum);
    v8 h = _mm512_mask_add_epi64(hi, _mm512_cmplt_epu64_mask(l, sum), hi, _mm512_set1_epi64(1));
    /* h 2^64 + EPSILON = (h mod 2^32 + 1) EPSILON - h / 2^32 mod p, in [0, 2^64 - 2^32]: one carry to fix */
    v8 t = _mm512_add_epi64(_mm512_sub_epi64(_mm512_mul_epu32(h, V_EPS), _mm512_srli_epi64(h, 32)), V_EPS);
    v8 y = _mm512_add_epi64(l, t);
    return _mm512_mask_add_epi64(y, _mm512_cmplt_epu64_mask(y, t), y, V_EPS);
}

/*
 * y_i = d_i x_i + sum(x) after element 0's s-box, the sum folded into each 128-bit product and
 * reduced with it (p2_fold). The products of elements 1 to 11 and their part of the sum are
 * placed between the s-box's steps, which they do not wait for. Reducing each product on its own
 * there and adding a canonical sum after took one operation more a lane (0.215 against 0.209 us
 * a permutation on a Zen 5 core), though it held eleven reduced products a group rather than
 * their halves.
 */
static inline void p2_partial_round(v8 *s, int n, int round) {
    v8 c = _mm512_set1_epi64((long long) PL_P2_PARTIAL_RC[round]);
    v8 t[P2_GROUPS], x2[P2_GROUPS], x3[P2_GROUPS], hi[P2_LANES], lo[P2_LANES];
    v8 wrapped_sum[P2_GROUPS], hi_sum[P2_GROUPS];
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
        v8 w = _mm512_setzero_si512(), h = _mm512_setzero_si512();
        for (int i = 1; i < 12; i++) {
            w = _mm512_add_epi64(w, s[12 * g + i]);
            h = _mm512_add_epi64(h, _mm512_srli_epi64(s[12 * g + i], 32));
        }
        wrapped_sum[g] = w;
        hi_sum[g] = h;
    }
    for (int g = 0; g < groups; g++) s[12 * g] = p2_mul(x3[g], x2[g]);
    for (int g = 0; g < groups; g++)
        for (int i = 9; i < 12; i++) p2_diag_wide(s[12 * g + i], i, &hi[12 * g + i], &lo[12 * g + i]);
    v8 sum[P2_GROUPS];
    for (int g = 0; g < groups; g++) {
        v8 s0 = s[12 * g];
        v8 h = _mm512_add_epi64(hi_sum[g], _mm512_srli_epi64(s0, 32));
        /* the twelve low halves sum below 2^36, so the wrapped sum less the high halves' part is their sum exactly */
        v8 l = _mm512_sub_epi64(_mm512_add_epi64(wrapped_sum[g], s0), _mm512_slli_epi64(h, 32));
        /* sum - EPSILON: p's limbs (1, 2^32 - 1) less EPSILON's (-1, 1) added to the sum's */
        sum[g] = p2_combine(_mm512_add_epi64(h, _mm512_set1_epi64(0xFFFFFFFELL)), _mm512_add_epi64(l, _mm512_set1_epi64(2)));
        p2_diag_wide(s0, 0, &hi[12 * g], &lo[12 * g]);
    }
    /* element 0 of every group first: the next round's s-box waits for it alone */
    for (int i = 0; i < 12; i++)
        for (int g = 0; g < groups; g++) s[12 * g + i] = p2_fold(hi[12 * g + i], lo[12 * g + i], sum[g]);
}

/* the n lanes (12 or P2_LANES) of one or two groups of eight states */
static inline void p2_permute(v8 *s, int n) {
    for (int e = 0; e < n; e += 12) p2_external_first(s + e);
    for (int r = 0; r < 4; r++) p2_full_round(s, n, r);
    for (int p = 0; p < PL_P2_PARTIAL_ROUNDS; p++) p2_partial_round(s, n, p);
    for (int r = 4; r < 8; r++) p2_full_round(s, n, r);
    for (int e = 0; e < n; e++) s[e] = v_canonical(s[e]);
}

/* states[l * 12 + i] <-> s[i] lane l */
static void load_states(const uint64_t *states, v8 *s) {
    uint64_t t[12][8];
    for (int l = 0; l < 8; l++)
        for (int i = 0; i < 12; i++) t[i][l] = states[12 * l + i];
    for (int i = 0; i < 12; i++) s[i] = _mm512_loadu_si512(t[i]);
}

void pl_avx512_permute8(uint64_t *states) {
    v8 s[12];
    load_states(states, s);
    p2_permute(s, 12);
    uint64_t t[12][8];
    for (int i = 0; i < 12; i++) _mm512_storeu_si512(t[i], s[i]);
    for (int l = 0; l < 8; l++)
        for (int i = 0; i < 12; i++) states[12 * l + i] = t[i][l];
}

/* the digests (elements 0 to 3) of the states of both groups to out[4 * (first + k) ..], state k lane k % 8 of group k / 8 */
static void store_digests(v8 s[][12], uint64_t *out, uint64_t first) {
    for (int g = 0; g < P2_GROUPS; g++) {
        uint64_t t[4][8];
        for (int j = 0; j < 4; j++) _mm512_storeu_si512(t[j], s[g][j]);
        for (int l = 0; l < 8; l++)
            for (int j = 0; j < 4; j++) out[4 * (first + 8 * g + l) + j] = t[j][l];
    }
}

void pl_avx512_hash_rows16(const uint64_t *matrix, uint64_t width, uint64_t rows, uint64_t r, uint64_t *digests) {
    v8 s[P2_GROUPS][12];
    for (int g = 0; g < P2_GROUPS; g++) {
        for (int i = 0; i < 12; i++) s[g][i] = _mm512_setzero_si512();
        s[g][8] = _mm512_set1_epi64((long long) width);
    }
    /* the next sixteen rows of a column are two 64-byte lines that no hardware prefetcher tracks
       across a hundred-odd columns; a thread usually takes those rows next */
    int prefetch = r + 32 <= rows;
    for (uint64_t pos = 0; pos < width; pos += 8) {
        uint64_t chunk = width - pos < 8 ? width - pos : 8;
        for (uint64_t c = 0; c < chunk; c++) {
            for (int g = 0; g < P2_GROUPS; g++) s[g][c] = _mm512_loadu_si512(matrix + (pos + c) * rows + r + 8 * g);
            if (prefetch) {
                _mm_prefetch((const char *) (matrix + (pos + c) * rows + r + 16), _MM_HINT_T0);
                _mm_prefetch((const char *) (matrix + (pos + c) * rows + r + 24), _MM_HINT_T0);
            }
        }
        p2_permute(s[0], P2_LANES);
    }
    store_digests(s, digests, r);
}

void pl_avx512_compress16(const uint64_t *below, uint64_t i, uint64_t *layer) {
    v8 s[P2_GROUPS][12];
    for (int g = 0; g < P2_GROUPS; g++) {
        uint64_t t[8][8];
        for (int l = 0; l < 8; l++)
            for (int j = 0; j < 8; j++) t[j][l] = below[8 * (i + 8 * g + l) + j];
        for (int j = 0; j < 8; j++) s[g][j] = _mm512_loadu_si512(t[j]);
        s[g][8] = s[g][9] = s[g][10] = _mm512_setzero_si512();
        s[g][11] = _mm512_set1_epi64(1);
    }
    p2_permute(s[0], P2_LANES);
    store_digests(s, layer, i);
}

/*
 * The three DIF stages of half-size 4, 2 and 1 on a block of `size` elements (a multiple of
 * 16), sixteen elements at a time: each stage gathers its eight u and eight v operands from
 * the two vectors with a two-table permutation, and scatters the results back the same way.
 */
void pl_avx512_dif_last3(uint64_t *a, size_t size, const uint64_t *tw) {
    v8 iu[3], iv[3], ilo[3], ihi[3], t[3];
    for (int s = 0; s < 3; s++) {
        int h = 4 >> s;
        long long u[8], v[8], lo[8], hi[8];
        uint64_t w[8];
        for (int k = 0; k < 8; k++) {
            int pu = (k / h) * 2 * h + (k % h);
            int pv = pu + h;
            u[k] = pu;
            v[k] = pv;
            (pu < 8 ? lo : hi)[pu & 7] = k;
            (pv < 8 ? lo : hi)[pv & 7] = 8 + k;
            w[k] = tw[h + (k % h)];
        }
        iu[s] = _mm512_loadu_si512(u);
        iv[s] = _mm512_loadu_si512(v);
        ilo[s] = _mm512_loadu_si512(lo);
        ihi[s] = _mm512_loadu_si512(hi);
        t[s] = _mm512_loadu_si512(w);
    }
    size_t o = 0;
    /* four blocks a step where the size allows, each operation across the four before the next:
       one block is a chain of three dependent products that leaves the window idle */
    for (; o + 64 <= size; o += 64) {
        v8 x0[4], x1[4], u[4], v[4], su[4], sv[4], w[4];
        for (int k = 0; k < 4; k++) {
            x0[k] = _mm512_loadu_si512(a + o + 16 * k);
            x1[k] = _mm512_loadu_si512(a + o + 16 * k + 8);
        }
        for (int s = 0; s < 3; s++) {
            for (int k = 0; k < 4; k++) {
                u[k] = _mm512_permutex2var_epi64(x0[k], iu[s], x1[k]);
                v[k] = _mm512_permutex2var_epi64(x0[k], iv[s], x1[k]);
                su[k] = v_add(u[k], v[k]);
                sv[k] = v_sub(u[k], v[k]);
                w[k] = t[s];
            }
            v_mul4(sv, sv, w);
            for (int k = 0; k < 4; k++) {
                x0[k] = _mm512_permutex2var_epi64(su[k], ilo[s], sv[k]);
                x1[k] = _mm512_permutex2var_epi64(su[k], ihi[s], sv[k]);
            }
        }
        for (int k = 0; k < 4; k++) {
            _mm512_storeu_si512(a + o + 16 * k, x0[k]);
            _mm512_storeu_si512(a + o + 16 * k + 8, x1[k]);
        }
    }
    for (; o < size; o += 16) {
        v8 x0 = _mm512_loadu_si512(a + o);
        v8 x1 = _mm512_loadu_si512(a + o + 8);
        for (int s = 0; s < 3; s++) {
            v8 u = _mm512_permutex2var_epi64(x0, iu[s], x1);
            v8 v = _mm512_permutex2var_epi64(x0, iv[s], x1);
            v8 su = v_add(u, v);
            v8 sv = v_mul(v_sub(u, v), t[s]);
            x0 = _mm512_permutex2var_epi64(su, ilo[s], sv);
            x1 = _mm512_permutex2var_epi64(su, ihi[s], sv);
        }
        _mm512_storeu_si512(a + o, x0);
        _mm512_storeu_si512(a + o + 8, x1);
    }
}
