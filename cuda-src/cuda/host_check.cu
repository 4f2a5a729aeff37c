/*
 * The CUDA transform's index arithmetic, checked on the host: CI has nvcc but no GPU, and a
 * wrong index in the fused passes would otherwise surface only on a GPU machine. The body of
 * k_dif_radix is a __host__ __device__ function (dif_radix_group), so this runs it over every
 * thread index, as the kernel would, and compares the result with the plain one-stage-at-a-time
 * DIF transform, for every length up to 2^18 and batches of one and three columns. The body of
 * k_deep (deep_row) is checked the same way against pl_deep_codeword's formula written out. The
 * CUDA differential tests check the kernels themselves on a GPU.
 *
 *   make OUT=<dir> cuda-host-check && <dir>/proofline_cuda_host_check
 */
#include "proofline_cuda.cu"

#include <cstdio>
#include <random>
#include <vector>

namespace {

/* One DIF stage of half-size 2^log_h over every segment: the reference. */
void dif_stage(uint64_t *a, uint64_t total, uint32_t log_n, uint32_t log_h, const uint64_t *tw) {
    uint64_t h = 1ull << log_h;
    for (uint64_t x = 0; x < total / 2; x++) {
        uint64_t seg = x >> (log_n - 1), k = x & ((1ull << (log_n - 1)) - 1), q = k & (h - 1);
        uint64_t g = (seg << log_n) + ((k >> log_h) << (log_h + 1));
        uint64_t u = a[g + q], v = a[g + h + q];
        a[g + q] = pl_add(u, v);
        a[g + h + q] = pl_mul(pl_sub(u, v), tw[h + q]);
    }
}

/* 1 / (a0 + a1 x) in F[x]/(x^2 - 7), the conjugate over the norm: the reference for deep_row. */
void ext_inverse(uint64_t a0, uint64_t a1, uint64_t *r0, uint64_t *r1) {
    uint64_t n = pl_inverse(pl_sub(pl_mul(a0, a0), pl_mul(7, pl_mul(a1, a1))));
    *r0 = pl_mul(a0, n);
    *r1 = pl_sub(0, pl_mul(a1, n));
}

/* deep_row, k_deep's body, over every row against the formula of pl_deep_codeword written out plainly. */
int check_deep(std::mt19937_64 &rnd) {
    int failures = 0;
    for (uint32_t log_rows = 1; log_rows <= 12; log_rows++) {
        uint64_t rows = 1ull << log_rows, w = pl_root_of_unity(log_rows), shift = PL_GENERATOR;
        std::vector<uint64_t> s0(rows), s1(rows), t0(rows), t1(rows), natural(rows);
        for (uint64_t r = 0; r < rows; r++) {
            s0[r] = pl_canonical(rnd());
            s1[r] = pl_canonical(rnd());
            t0[r] = pl_canonical(rnd());
            t1[r] = pl_canonical(rnd());
            natural[r] = r == 0 ? 1 : pl_mul(natural[r - 1], w);
        }
        DeepValues d;
        for (auto &v : d.v) v = pl_canonical(rnd());
        std::vector<uint64_t> a0 = s0, a1 = s1;
        int zero = 0;
        for (uint64_t r = 0; r < rows; r++) deep_row(a0.data(), a1.data(), t0.data(), t1.data(), log_rows, shift, w, d, r, &zero);
        for (uint64_t r = 0; r < rows && !zero; r++) {
            uint64_t x = pl_mul(shift, natural[pl_reverse_bits((uint32_t) r, log_rows)]);
            uint64_t i0, i1, j0, j1, p0, p1, q0, q1;
            ext_inverse(pl_sub(x, d.v[4]), pl_sub(0, d.v[5]), &i0, &i1);
            ext_inverse(pl_sub(x, d.v[6]), pl_sub(0, d.v[7]), &j0, &j1);
            pl_ext_mul(pl_sub(s0[r], d.v[0]), pl_sub(s1[r], d.v[1]), i0, i1, &p0, &p1);
            pl_ext_mul(pl_sub(t0[r], d.v[2]), pl_sub(t1[r], d.v[3]), j0, j1, &q0, &q1);
            if (a0[r] != pl_add(p0, q0) || a1[r] != pl_add(p1, q1)) {
                fprintf(stderr, "proofline_cuda_host_check: DEEP row %llu of 2^%u differs\n", (unsigned long long) r, log_rows);
                failures++;
                break;
            }
        }
        if (zero) {
            fprintf(stderr, "proofline_cuda_host_check: DEEP rows of 2^%u met a zero norm\n", log_rows);
            failures++;
        }
    }
    return failures;
}

}  // namespace

int main() {
    std::mt19937_64 rnd(20261204);
    int failures = 0;
    for (uint32_t log_n = 1; log_n <= 18; log_n++) {
        std::vector<uint64_t> tw = host_twiddles(log_n, 0);  /* the table the library uploads */
        for (uint64_t segments : {1ull, 3ull}) {
            uint64_t total = segments << log_n;
            std::vector<uint64_t> expected(total);
            for (auto &x : expected) x = pl_canonical(rnd());
            std::vector<uint64_t> actual = expected;
            for (uint32_t log_h = log_n; log_h-- > 0;) dif_stage(expected.data(), total, log_n, log_h, tw.data());
            /* as dif_all: the fused passes over the outer stages, then the tail's stages */
            uint32_t log_c = log_n < SHARED_LOG ? log_n : SHARED_LOG;
            for (uint32_t stages = log_n - log_c; stages > 0;) {
                uint32_t top = log_c + stages - 1, k = stages < RADIX_LOG ? stages : RADIX_LOG;
                for (uint64_t x = 0; x < total >> k; x++) {
                    switch (k) {
                        case 1: dif_radix_group<1>(actual.data(), top, tw.data(), x); break;
                        case 2: dif_radix_group<2>(actual.data(), top, tw.data(), x); break;
                        case 3: dif_radix_group<3>(actual.data(), top, tw.data(), x); break;
                        default: dif_radix_group<4>(actual.data(), top, tw.data(), x); break;
                    }
                }
                stages -= k;
            }
            for (uint32_t log_h = log_c; log_h-- > 0;) dif_stage(actual.data(), total, log_n, log_h, tw.data());
            if (actual != expected) {
                fprintf(stderr, "proofline_cuda_host_check: fused DIF passes differ at 2^%u x %llu\n", log_n,
                        (unsigned long long) segments);
                failures++;
            }
        }
    }
    if (failures == 0) printf("proofline_cuda_host_check: fused DIF passes agree with the one-stage transform up to 2^18\n");
    int deep = check_deep(rnd);
    if (deep == 0) printf("proofline_cuda_host_check: DEEP rows agree with the plain formula up to 2^12\n");
    failures += deep;
    return failures ? 1 : 0;
}
