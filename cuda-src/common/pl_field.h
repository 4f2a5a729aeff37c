/*
 * Goldilocks arithmetic (p = 2^64 - 2^32 + 1), the Poseidon2 permutation and FRI coset folding,
 * written once for both implementations: plain C for the CPU build, __host__ __device__ for
 * CUDA. Every function returns canonical values, so results agree with the Java reference bit
 * for bit whatever the evaluation order.
 */
#ifndef PL_FIELD_H
#define PL_FIELD_H

#include <stdint.h>

#ifdef __CUDACC__
#define PL_FN static __host__ __device__ __forceinline__
#define PL_CONST static __device__ __constant__ const
#define PL_HOST_CONST static const
#else
#define PL_FN static inline
#define PL_CONST static const
#define PL_HOST_CONST static const
#endif

#define PL_P 0xFFFFFFFF00000001ULL
/* 2^64 mod p */
#define PL_EPSILON 0xFFFFFFFFULL
#define PL_GENERATOR 7ULL
#define PL_TWO_ADICITY 32

PL_FN uint64_t pl_canonical(uint64_t x) { return x >= PL_P ? x - PL_P : x; }

PL_FN uint64_t pl_add(uint64_t a, uint64_t b) {
    uint64_t s = a + b;
    /* a carry means the true sum is s + 2^64 = s + epsilon (mod p); it cannot carry again */
    s += (s < a) ? PL_EPSILON : 0;
    return pl_canonical(s);
}

PL_FN uint64_t pl_sub(uint64_t a, uint64_t b) {
    uint64_t d = a - b;
    /* a borrow means the true difference is d - 2^64 = d - epsilon (mod p) */
    d -= (a < b) ? PL_EPSILON : 0;
    return d;
}

/* hi * 2^64 + lo mod p, below 2^64 but not necessarily canonical: 2^64 = 2^32 - 1 and 2^96 = -1 (mod p) */
PL_FN uint64_t pl_reduce128_lazy(uint64_t hi, uint64_t lo) {
    uint64_t hh = hi >> 32;
    uint64_t hl = hi & PL_EPSILON;
    uint64_t t0 = lo - hh;
    t0 -= (lo < hh) ? PL_EPSILON : 0;
    uint64_t t1 = (hl << 32) - hl;
    uint64_t t2 = t0 + t1;
    return t2 + ((t2 < t1) ? PL_EPSILON : 0);
}

/* hi * 2^64 + lo mod p, canonical */
PL_FN uint64_t pl_reduce128(uint64_t hi, uint64_t lo) {
    return pl_canonical(pl_reduce128_lazy(hi, lo));
}

PL_FN uint64_t pl_mul(uint64_t a, uint64_t b) {
#ifdef __CUDA_ARCH__
    return pl_reduce128(__umul64hi(a, b), a * b);
#else
    unsigned __int128 t = (unsigned __int128) a * b;
    return pl_reduce128((uint64_t) (t >> 64), (uint64_t) t);
#endif
}

PL_FN uint64_t pl_pow(uint64_t a, uint64_t e) {
    uint64_t r = 1;
    while (e) {
        if (e & 1) r = pl_mul(r, a);
        a = pl_mul(a, a);
        e >>= 1;
    }
    return r;
}

PL_FN uint64_t pl_inverse(uint64_t a) { return pl_pow(a, PL_P - 2); }

/* The order-2^log_n root of unity, as io.proofline.field.TwoAdicRoots: 7^((p-1)/2^32) squared down. */
PL_FN uint64_t pl_root_of_unity(uint32_t log_n) {
    uint64_t w = pl_pow(PL_GENERATOR, (PL_P - 1) >> PL_TWO_ADICITY);
    for (uint32_t k = PL_TWO_ADICITY; k > log_n; k--) w = pl_mul(w, w);
    return w;
}

PL_FN uint32_t pl_reverse_bits(uint32_t i, uint32_t bits) {
    if (bits == 0) return 0;
    uint32_t r = 0;
    for (uint32_t b = 0; b < bits; b++) r |= ((i >> b) & 1u) << (bits - 1 - b);
    return r;
}

/* ---- Poseidon2, width 12 (io.proofline.poseidon2.Poseidon2) ---- */

#include "pl_poseidon2_constants.h"

/*
 * hi * 2^32 + lo mod p, canonical, for any 64-bit hi and lo: hi 2^32 is (hi >> 32) 2^64 plus its
 * low word, and the low words' carry goes into the high word. The linear layers' sums give it
 * halves below 2^40; the CPU library's column sums, limbs below 2^61.
 */
PL_FN uint64_t pl_combine(uint64_t hi, uint64_t lo) {
    uint64_t low = (hi << 32) + lo;
    uint64_t carry = low < lo;
    return pl_reduce128((hi >> 32) + carry, low);
}

/*
 * circ(2 M4, M4, M4): chunk c becomes M4 (x_c + u), u = x_0 + x_1 + x_2 (4-element chunks).
 * As in the Java code, the sums run on 32-bit halves so that nothing overflows and each output
 * is reduced once. M4 = [[5,7,1,3],[4,6,1,1],[1,3,5,7],[1,1,4,6]] by the Poseidon2 paper's
 * eight-addition chain (appendix B).
 */
PL_FN void pl_p2_external(uint64_t *s) {
    uint64_t l[4], h[4];
    for (int k = 0; k < 4; k++) {
        l[k] = (s[k] & PL_EPSILON) + (s[4 + k] & PL_EPSILON) + (s[8 + k] & PL_EPSILON);
        h[k] = (s[k] >> 32) + (s[4 + k] >> 32) + (s[8 + k] >> 32);
    }
    for (int c = 0; c < 12; c += 4) {
        uint64_t a[4], b[4];
        for (int k = 0; k < 4; k++) {
            a[k] = (s[c + k] & PL_EPSILON) + l[k];
            b[k] = (s[c + k] >> 32) + h[k];
        }
        uint64_t t0 = a[0] + a[1], t1 = a[2] + a[3];
        uint64_t t2 = (a[1] << 1) + t1, t3 = (a[3] << 1) + t0;
        uint64_t t4 = (t1 << 2) + t3, t5 = (t0 << 2) + t2;
        uint64_t u0 = b[0] + b[1], u1 = b[2] + b[3];
        uint64_t u2 = (b[1] << 1) + u1, u3 = (b[3] << 1) + u0;
        uint64_t u4 = (u1 << 2) + u3, u5 = (u0 << 2) + u2;
        s[c] = pl_combine(u3 + u5, t3 + t5);
        s[c + 1] = pl_combine(u5, t5);
        s[c + 2] = pl_combine(u2 + u4, t2 + t4);
        s[c + 3] = pl_combine(u4, t4);
    }
}

/*
 * The rounds below work as io.proofline.poseidon2.Poseidon2 does: between rounds a lane holds
 * any 64-bit representative of its value, so a product's reduction skips its final
 * compare-and-subtract, and the state is made canonical once, at the end. On a 2-core AVX2 host
 * this halved the scalar permutation's time against canonical values after every operation
 * (docs/benchmarks.md, "A real AVX2 host").
 */

/* a * b + c as (hi, lo), for any 64-bit a, b, c: below 2^128, so nothing is lost */
PL_FN void pl_mul_add_wide(uint64_t a, uint64_t b, uint64_t c, uint64_t *hi, uint64_t *lo) {
#ifdef __CUDA_ARCH__
    uint64_t l = a * b + c;
    *hi = __umul64hi(a, b) + (l < c);
    *lo = l;
#else
    unsigned __int128 t = (unsigned __int128) a * b + c;
    *hi = (uint64_t) (t >> 64);
    *lo = (uint64_t) t;
#endif
}

PL_FN uint64_t pl_p2_mul(uint64_t a, uint64_t b) {
    uint64_t hi, lo;
    pl_mul_add_wide(a, b, 0, &hi, &lo);
    return pl_reduce128_lazy(hi, lo);
}

/* x + c for any 64-bit x and canonical c: a carry leaves s < c < p, so adding 2^64 mod p cannot carry again */
PL_FN uint64_t pl_p2_add_constant(uint64_t x, uint64_t c) {
    uint64_t s = x + c;
    return s + ((s < c) ? PL_EPSILON : 0);
}

PL_FN uint64_t pl_sbox(uint64_t x) {
    uint64_t x2 = pl_p2_mul(x, x);
    uint64_t x3 = pl_p2_mul(x2, x);
    uint64_t x4 = pl_p2_mul(x2, x2);
    return pl_p2_mul(x3, x4);
}

/* y_i = d_i x_i + sum(x): the sum on 32-bit halves, then folded into each 128-bit product */
PL_FN void pl_p2_internal(uint64_t *s, const uint64_t *diag) {
    uint64_t lo = 0, hi = 0;
    for (int i = 0; i < 12; i++) {
        lo += s[i] & PL_EPSILON;
        hi += s[i] >> 32;
    }
    uint64_t sum = pl_combine(hi, lo);
    for (int i = 0; i < 12; i++) {
        uint64_t h, l;
        pl_mul_add_wide(diag[i], s[i], sum, &h, &l);
        s[i] = pl_reduce128_lazy(h, l);
    }
}

/* The permutation of a canonical state, canonical out; the constant tables are passed so that the device can use its own copies. */
PL_FN void pl_p2_permute_with(uint64_t *s, const uint64_t *full_rc, const uint64_t *partial_rc, const uint64_t *diag) {
    pl_p2_external(s);
    for (int r = 0; r < 8; r++) {
        if (r == 4) {
            for (int p = 0; p < PL_P2_PARTIAL_ROUNDS; p++) {
                s[0] = pl_sbox(pl_p2_add_constant(s[0], partial_rc[p]));
                pl_p2_internal(s, diag);
            }
        }
        for (int i = 0; i < 12; i++) s[i] = pl_sbox(pl_p2_add_constant(s[i], full_rc[12 * r + i]));
        pl_p2_external(s);
    }
    for (int i = 0; i < 12; i++) s[i] = pl_canonical(s[i]);
}

/* ---- the quadratic extension F[x]/(x^2 - 7) ---- */

PL_FN void pl_ext_mul(uint64_t a0, uint64_t a1, uint64_t b0, uint64_t b1, uint64_t *r0, uint64_t *r1) {
    uint64_t t0 = pl_add(pl_mul(a0, b0), pl_mul(7, pl_mul(a1, b1)));
    uint64_t t1 = pl_add(pl_mul(a0, b1), pl_mul(a1, b0));
    *r0 = t0;
    *r1 = t1;
}

/* N(x - z) = (x - z0)^2 - 7 z1^2, the norm of x - z for a base x: zero exactly when x = z. */
PL_FN uint64_t pl_point_norm(uint64_t x, uint64_t z0, uint64_t z1) {
    uint64_t d0 = pl_sub(x, z0);
    return pl_sub(pl_mul(d0, d0), pl_mul(7, pl_mul(z1, z1)));
}

/*
 * (s - c) / (x - z) for a base x, given 1 / N(x - z): 1 / (d0 + d1 a) = (d0 - d1 a) / N with
 * d0 = x - z0, d1 = -z1.
 */
PL_FN void pl_divide_at_point(uint64_t s0, uint64_t s1, uint64_t c0, uint64_t c1, uint64_t x, uint64_t z0, uint64_t z1,
                              uint64_t norm_inverse, uint64_t *r0, uint64_t *r1) {
    pl_ext_mul(pl_sub(s0, c0), pl_sub(s1, c1), pl_mul(pl_sub(x, z0), norm_inverse), pl_mul(z1, norm_inverse), r0, r1);
}

/*
 * One row of pl_deep_codeword from its sums s, t and point x, given 1 / (N(x - zeta) N(x - zeta_next))
 * (values as in that call: claimed, claimed_next, zeta, zeta_next).
 */
PL_FN void pl_deep_row(uint64_t s0, uint64_t s1, uint64_t t0, uint64_t t1, uint64_t x, const uint64_t *values,
                       uint64_t n1, uint64_t n2, uint64_t both_inverse, uint64_t *r0, uint64_t *r1) {
    uint64_t a0, a1, b0, b1;
    pl_divide_at_point(s0, s1, values[0], values[1], x, values[4], values[5], pl_mul(both_inverse, n2), &a0, &a1);
    pl_divide_at_point(t0, t1, values[2], values[3], x, values[6], values[7], pl_mul(both_inverse, n1), &b0, &b1);
    *r0 = pl_add(a0, b0);
    *r1 = pl_add(a1, b1);
}

/* The most a fold table holds: 1/A, then z^(-j) for j < A / 2, for arities up to 16. */
#define PL_FOLD_TABLE 9

/* The table pl_fold_coset takes for arity 2^log_arity: 1/A, then the powers of z^-1 below A / 2. */
PL_FN void pl_fold_table(uint32_t log_arity, uint64_t *table) {
    uint32_t arity = 1u << log_arity;
    uint64_t z_inv = pl_inverse(pl_root_of_unity(log_arity));
    table[0] = pl_inverse(arity);
    uint64_t w = 1;
    for (uint32_t j = 0; j < arity / 2; j++) {
        table[1 + j] = w;
        w = pl_mul(w, z_inv);
    }
}

/*
 * Folds one coset (io.proofline.fri.CosetFolding): values y_m = f(x z^m) at offset + rev(m),
 * a_i = (1/A) sum_m z^(-mi) y_m, result sum_i a_i (beta / x)^i by Horner. The sums are an
 * inverse DFT of size A: the coset is stored in bit-reversed order, which is the order a
 * decimation-in-time transform takes, so A log A / 2 butterflies give them in natural order
 * (12 products for A = 8, where the matrix of the definition takes 64). table: pl_fold_table.
 */
PL_FN void pl_fold_coset(const uint64_t *c0, const uint64_t *c1, uint64_t offset, uint64_t x_inv, uint32_t log_arity,
                         uint64_t beta0, uint64_t beta1, const uint64_t *table, uint64_t *out0, uint64_t *out1) {
    uint32_t arity = 1u << log_arity;
    uint64_t v0[16], v1[16];
    for (uint32_t k = 0; k < arity; k++) {
        v0[k] = c0[offset + k];
        v1[k] = c1[offset + k];
    }
    for (uint32_t len = 2; len <= arity; len <<= 1) {
        uint32_t half = len >> 1;
        uint32_t step = arity / len;
        for (uint32_t s = 0; s < arity; s += len) {
            for (uint32_t j = 0; j < half; j++) {
                uint64_t w = table[1 + j * step];
                uint64_t u0 = v0[s + j], u1 = v1[s + j];
                uint64_t t0 = pl_mul(v0[s + j + half], w), t1 = pl_mul(v1[s + j + half], w);
                v0[s + j] = pl_add(u0, t0);
                v1[s + j] = pl_add(u1, t1);
                v0[s + j + half] = pl_sub(u0, t0);
                v1[s + j + half] = pl_sub(u1, t1);
            }
        }
    }
    uint64_t t0 = pl_mul(beta0, x_inv);
    uint64_t t1 = pl_mul(beta1, x_inv);
    uint64_t acc0 = 0, acc1 = 0;
    for (int i = (int) arity - 1; i >= 0; i--) {
        uint64_t p0, p1;
        pl_ext_mul(acc0, acc1, t0, t1, &p0, &p1);
        acc0 = pl_add(p0, v0[i]);
        acc1 = pl_add(p1, v1[i]);
    }
    *out0 = pl_mul(acc0, table[0]);
    *out1 = pl_mul(acc1, table[0]);
}

#endif /* PL_FIELD_H */
