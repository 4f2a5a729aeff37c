/*
 * AVX-512F kernels of the CPU build, eight field elements or eight Poseidon2 states per vector.
 * This file alone is compiled with -mavx512f; proofline_cpu.c calls it only when the CPU has
 * AVX-512F (and PROOFLINE_NATIVE_ISA is not "portable"). Results are canonical and equal to
 * the portable code's, which the differential tests check on both paths.
 */
#include "avx512.h"
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

/* the 128-bit product of a and b, given b's high half bh, as (hi, lo), from 32-bit limbs */
static inline void v_wide(v8 a, v8 b, v8 bh, v8 *hi, v8 *lo) {
    v8 ah = _mm512_srli_epi64(a, 32);
    v8 ll = _mm512_mul_epu32(a, b);
    v8 lh = _mm512_mul_epu32(a, bh);
    v8 hl = _mm512_mul_epu32(ah, b);
    v8 hh = _mm512_mul_epu32(ah, bh);
    /* t and u stay below 2^64 - 2^32 + 1, so nothing carries (as GoldilocksVectors.mul) */
    v8 t = _mm512_add_epi64(lh, _mm512_srli_epi64(ll, 32));
    v8 u = _mm512_add_epi64(hl, _mm512_and_si512(t, V_M32));
    *lo = _mm512_or_si512(_mm512_slli_epi64(u, 32), _mm512_and_si512(ll, V_M32));
    *hi = _mm512_add_epi64(_mm512_add_epi64(hh, _mm512_srli_epi64(t, 32)), _mm512_srli_epi64(u, 32));
}

static inline v8 v_mul(v8 a, v8 b) {
    v8 hi, lo;
    v_wide(a, b, _mm512_srli_epi64(b, 32), &hi, &lo);
    return v_reduce128(hi, lo);
}

void pl_avx512_dif_run(uint64_t *x, size_t h, const uint64_t *t, size_t from, size_t to) {
    for (size_t q = from; q < to; q += 8) {
        v8 u = _mm512_loadu_si512(x + q);
        v8 v = _mm512_loadu_si512(x + h + q);
        v8 w = _mm512_loadu_si512(t + q);
        _mm512_storeu_si512(x + q, v_add(u, v));
        _mm512_storeu_si512(x + h + q, v_mul(v_sub(u, v), w));
    }
}

void pl_avx512_mul_powers(const uint64_t *src, uint64_t *dst, size_t n, uint64_t start, uint64_t g) {
    uint64_t p[8];
    p[0] = start;
    for (int i = 1; i < 8; i++) p[i] = pl_mul(p[i - 1], g);
    v8 acc = _mm512_loadu_si512(p);
    v8 step = _mm512_set1_epi64((long long) pl_pow(g, 8));
    for (size_t i = 0; i < n; i += 8) {
        _mm512_storeu_si512(dst + i, v_mul(_mm512_loadu_si512(src + i), acc));
        acc = v_mul(acc, step);
    }
}

void pl_avx512_add_scaled2(uint64_t *acc0, uint64_t *acc1, const uint64_t *v, uint64_t w0, uint64_t w1, size_t n) {
    v8 a = _mm512_set1_epi64((long long) w0), b = _mm512_set1_epi64((long long) w1);
    for (size_t i = 0; i < n; i += 8) {
        v8 x = _mm512_loadu_si512(v + i);
        _mm512_storeu_si512(acc0 + i, v_add(_mm512_loadu_si512(acc0 + i), v_mul(x, a)));
        _mm512_storeu_si512(acc1 + i, v_add(_mm512_loadu_si512(acc1 + i), v_mul(x, b)));
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
 */
#define P2_GROUPS 2

static inline v8 p2_mul(v8 a, v8 b) {
    v8 hi, lo;
    v_wide(a, b, _mm512_srli_epi64(b, 32), &hi, &lo);
    return v_reduce_lazy(hi, lo);
}

/* x + c for any 64-bit x and canonical c: a carry leaves the sum below c, so adding 2^64 mod p cannot carry again */
static inline v8 p2_add_constant(v8 x, v8 c) {
    v8 s = _mm512_add_epi64(x, c);
    return _mm512_mask_add_epi64(s, _mm512_cmplt_epu64_mask(s, c), s, V_EPS);
}

static inline v8 p2_sbox(v8 x) {
    v8 x2 = p2_mul(x, x);
    v8 x3 = p2_mul(x2, x);
    v8 x4 = p2_mul(x2, x2);
    return p2_mul(x3, x4);
}

/* hi * 2^32 + lo mod p for hi, lo < 2^40 (Poseidon2.combine) */
static inline v8 p2_combine(v8 hi, v8 lo) {
    v8 top = _mm512_srli_epi64(hi, 32);
    v8 small = _mm512_sub_epi64(_mm512_add_epi64(lo, _mm512_slli_epi64(top, 32)), top);
    v8 s = _mm512_add_epi64(_mm512_slli_epi64(hi, 32), small);
    return _mm512_mask_add_epi64(s, _mm512_cmplt_epu64_mask(s, small), s, V_EPS);
}

/* circ(2 M4, M4, M4) as Poseidon2.externalLinear: column sums by halves, then M4 of each chunk plus the sums */
static inline void p2_external(v8 *s) {
    v8 l[4], h[4];
    for (int k = 0; k < 4; k++) {
        l[k] = _mm512_add_epi64(_mm512_add_epi64(_mm512_and_si512(s[k], V_M32), _mm512_and_si512(s[4 + k], V_M32)),
                                _mm512_and_si512(s[8 + k], V_M32));
        h[k] = _mm512_add_epi64(_mm512_add_epi64(_mm512_srli_epi64(s[k], 32), _mm512_srli_epi64(s[4 + k], 32)),
                                _mm512_srli_epi64(s[8 + k], 32));
    }
    for (int c = 0; c < 12; c += 4) {
        v8 a[4], b[4];
        for (int k = 0; k < 4; k++) {
            a[k] = _mm512_add_epi64(_mm512_and_si512(s[c + k], V_M32), l[k]);
            b[k] = _mm512_add_epi64(_mm512_srli_epi64(s[c + k], 32), h[k]);
        }
        v8 t0 = _mm512_add_epi64(a[0], a[1]), t1 = _mm512_add_epi64(a[2], a[3]);
        v8 t2 = _mm512_add_epi64(_mm512_slli_epi64(a[1], 1), t1), t3 = _mm512_add_epi64(_mm512_slli_epi64(a[3], 1), t0);
        v8 t4 = _mm512_add_epi64(_mm512_slli_epi64(t1, 2), t3), t5 = _mm512_add_epi64(_mm512_slli_epi64(t0, 2), t2);
        v8 u0 = _mm512_add_epi64(b[0], b[1]), u1 = _mm512_add_epi64(b[2], b[3]);
        v8 u2 = _mm512_add_epi64(_mm512_slli_epi64(b[1], 1), u1), u3 = _mm512_add_epi64(_mm512_slli_epi64(b[3], 1), u0);
        v8 u4 = _mm512_add_epi64(_mm512_slli_epi64(u1, 2), u3), u5 = _mm512_add_epi64(_mm512_slli_epi64(u0, 2), u2);
        s[c] = p2_combine(_mm512_add_epi64(u3, u5), _mm512_add_epi64(t3, t5));
        s[c + 1] = p2_combine(u5, t5);
        s[c + 2] = p2_combine(_mm512_add_epi64(u2, u4), _mm512_add_epi64(t2, t4));
        s[c + 3] = p2_combine(u4, t4);
    }
}

/* J + diag(d) as Poseidon2.internalLinear: y_i = d_i x_i + sum(x), the sum folded into the 128-bit product */
static inline void p2_internal(v8 *s) {
    v8 lo_sum = _mm512_setzero_si512(), hi_sum = _mm512_setzero_si512();
    for (int i = 0; i < 12; i++) {
        lo_sum = _mm512_add_epi64(lo_sum, _mm512_and_si512(s[i], V_M32));
        hi_sum = _mm512_add_epi64(hi_sum, _mm512_srli_epi64(s[i], 32));
    }
    v8 sum = p2_combine(hi_sum, lo_sum);
    for (int i = 0; i < 12; i++) {
        v8 hi, lo;
        v_wide(s[i], _mm512_set1_epi64((long long) PL_P2_DIAG[i]), _mm512_set1_epi64((long long) (PL_P2_DIAG[i] >> 32)),
                &hi, &lo);
        lo = _mm512_add_epi64(lo, sum);
        /* the high word of a 64x64-bit product is at most 2^64 - 2: adding the carry cannot wrap */
        hi = _mm512_mask_add_epi64(hi, _mm512_cmplt_epu64_mask(lo, sum), hi, _mm512_set1_epi64(1));
        s[i] = v_reduce_lazy(hi, lo);
    }
}

static inline void p2_full_round(v8 s[][12], int n, int round) {
    for (int i = 0; i < 12; i++) {
        v8 c = _mm512_set1_epi64((long long) PL_P2_FULL_RC[12 * round + i]);
        for (int g = 0; g < n; g++) s[g][i] = p2_sbox(p2_add_constant(s[g][i], c));
    }
    for (int g = 0; g < n; g++) p2_external(s[g]);
}

/* n groups (1 or P2_GROUPS) of eight states */
static inline void p2_permute(v8 s[][12], int n) {
    for (int g = 0; g < n; g++) p2_external(s[g]);
    for (int r = 0; r < 4; r++) p2_full_round(s, n, r);
    for (int p = 0; p < PL_P2_PARTIAL_ROUNDS; p++) {
        v8 c = _mm512_set1_epi64((long long) PL_P2_PARTIAL_RC[p]);
        for (int g = 0; g < n; g++) s[g][0] = p2_sbox(p2_add_constant(s[g][0], c));
        for (int g = 0; g < n; g++) p2_internal(s[g]);
    }
    for (int r = 4; r < 8; r++) p2_full_round(s, n, r);
    for (int g = 0; g < n; g++)
        for (int i = 0; i < 12; i++) s[g][i] = v_canonical(s[g][i]);
}

/* states[l * 12 + i] <-> s[i] lane l */
static void load_states(const uint64_t *states, v8 *s) {
    uint64_t t[12][8];
    for (int l = 0; l < 8; l++)
        for (int i = 0; i < 12; i++) t[i][l] = states[12 * l + i];
    for (int i = 0; i < 12; i++) s[i] = _mm512_loadu_si512(t[i]);
}

void pl_avx512_permute8(uint64_t *states) {
    v8 s[1][12];
    load_states(states, s[0]);
    p2_permute(s, 1);
    uint64_t t[12][8];
    for (int i = 0; i < 12; i++) _mm512_storeu_si512(t[i], s[0][i]);
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
    for (uint64_t pos = 0; pos < width; pos += 8) {
        uint64_t chunk = width - pos < 8 ? width - pos : 8;
        for (uint64_t c = 0; c < chunk; c++)
            for (int g = 0; g < P2_GROUPS; g++) s[g][c] = _mm512_loadu_si512(matrix + (pos + c) * rows + r + 8 * g);
        p2_permute(s, P2_GROUPS);
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
    p2_permute(s, P2_GROUPS);
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
    for (size_t o = 0; o < size; o += 16) {
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
