/*
 * The CUDA transform's index arithmetic, checked on the host: CI has nvcc but no GPU, and a
 * wrong index in the fused passes would otherwise surface only on a GPU machine. The body of
 * k_dif_radix is a __host__ __device__ function (dif_radix_group), so this runs it over every
 * thread index, as the kernel would, and compares the result with the plain one-stage-at-a-time
 * DIF transform, for every length up to 2^18 and batches of one and three columns. The body of
 * k_deep (deep_row) is checked the same way against pl_deep_codeword's formula written out, and
 * that of k_quotient (quotient_row) with a program of every opcode against what it computes,
 * written out. The CUDA differential tests check the kernels themselves on a GPU.
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

/*
 * quotient_row, k_quotient's body, over every row of a domain of 3 cosets of 2^3 points in a
 * blowup of 4, read from extensions of 2^6 rows, with a program using every opcode (registers
 * reused, a destination that is an operand), against the numerator written out over the
 * vanishing polynomial. pl_check_quotient must take the program and refuse it broken.
 */
int check_quotient(std::mt19937_64 &rnd) {
    const uint32_t log_n = 3, log_blowup = 2, log_length = 5, log_ext = 6;
    const uint64_t rows = 3ull << log_n, shift = PL_GENERATOR;
    std::vector<uint64_t> setup(2ull << log_ext), witness(2ull << log_ext), products(2ull << log_ext), pub(1ull << log_length);
    for (auto *v : {&setup, &witness, &products, &pub})
        for (auto &e : *v) e = pl_canonical(rnd());
    uint64_t k[3] = {pl_canonical(rnd()), pl_canonical(rnd()), pl_canonical(rnd())};
    const uint32_t program[] = {
        PL_Q_COLUMN, 0, 0, 1,  PL_Q_COLUMN, 1, 1, 0,  PL_Q_MUL, 2, 0, 1,  PL_Q_ADD_CONST, 2, 2, 0,
        PL_Q_NEXT, 3, 2, 1,  PL_Q_SUB, 3, 2, 3,  PL_Q_X, 4, 0, 0,  PL_Q_L0, 5, 0, 0,
        PL_Q_MUL, 4, 4, 5,  PL_Q_PUBLIC, 5, 0, 0,  PL_Q_CONST_SUB, 5, 5, 1,  PL_Q_MUL_CONST, 4, 4, 2,
        PL_Q_SUB_CONST, 1, 1, 1,  PL_Q_CONST, 0, 2, 0,  PL_Q_ADD, 4, 4, 5,  PL_Q_ADD, 4, 4, 0,
        PL_Q_ADD, 4, 4, 1,  PL_Q_OUT, 0, 3, 4};
    const uint64_t instructions = sizeof program / sizeof program[0] / 4;
    uint64_t handles[3] = {(uint64_t) (uintptr_t) setup.data(), (uint64_t) (uintptr_t) witness.data(),
                           (uint64_t) (uintptr_t) products.data()};
    uint64_t columns[3] = {2, 2, 2};
    std::vector<uint64_t> o0(rows), o1(rows);
    int failures = 0;
    if (pl_check_quotient("check", handles, columns, log_ext, log_n, log_blowup, rows, program, instructions, k, 3, 6,
                          pub.data(), o0.data(), o1.data()) != PL_OK) {
        fprintf(stderr, "proofline_cuda_host_check: pl_check_quotient refused a good program: %s\n", pl_error_text);
        failures++;
    }
    std::vector<uint32_t> broken(program, program + 4 * instructions);
    broken[4 * 2 + 3] = 4; /* MUL reads r4 before it is written */
    if (pl_check_quotient("check", handles, columns, log_ext, log_n, log_blowup, rows, broken.data(), instructions, k, 3, 6,
                          pub.data(), o0.data(), o1.data()) != PL_ERR_ARGUMENT) {
        fprintf(stderr, "proofline_cuda_host_check: pl_check_quotient took a register read before its write\n");
        failures++;
    }
    QuotientDomain q;
    for (int i = 0; i < 3; i++) q.ext[i] = (const uint64_t *) (uintptr_t) handles[i];
    q.log_extension_rows = log_ext;
    q.log_length = log_length;
    q.blowup = 1ull << log_blowup;
    q.shift = shift;
    q.w = pl_root_of_unity(log_length);
    q.n_inverse = pl_inverse(1ull << log_n);
    std::vector<uint64_t> zh(2 * q.blowup);
    pl_quotient_vanishing("check", log_n, log_blowup, shift, zh.data(), zh.data() + q.blowup);
    uint64_t reg[PL_Q_MAX_REGISTERS];
    int one = 0;
    for (uint64_t r = 0; r < rows; r++)
        quotient_row(program, instructions, k, q, pub.data(), zh.data(), zh.data() + q.blowup, r, reg, o0.data(), o1.data(), &one);
    for (uint64_t r = 0; r < rows && !one; r++) {
        uint32_t natural = pl_reverse_bits((uint32_t) r, log_length);
        uint64_t x = pl_mul(shift, pl_pow(q.w, natural));
        uint32_t next = pl_reverse_bits((natural + 4) & 31, log_length);
        uint64_t vanishing = pl_sub(pl_pow(x, 1ull << log_n), 1);
        uint64_t l0 = pl_mul(vanishing, pl_inverse(pl_mul(1ull << log_n, pl_sub(x, 1))));
        uint64_t w0 = witness[r], s1 = setup[(1ull << log_ext) + r], p1 = products[(1ull << log_ext) + next];
        uint64_t n0 = pl_sub(pl_add(pl_mul(s1, w0), k[0]), p1);
        uint64_t n1 = pl_add(pl_add(pl_add(pl_mul(pl_mul(x, l0), k[2]), pl_sub(k[1], pub[r])), k[2]), pl_sub(w0, k[1]));
        uint64_t z = pl_inverse(vanishing);
        if (o0[r] != pl_mul(n0, z) || o1[r] != pl_mul(n1, z)) {
            fprintf(stderr, "proofline_cuda_host_check: quotient row %llu differs\n", (unsigned long long) r);
            failures++;
            break;
        }
    }
    if (one) {
        fprintf(stderr, "proofline_cuda_host_check: quotient rows met the point 1\n");
        failures++;
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
    int quotient = check_quotient(rnd);
    if (quotient == 0) printf("proofline_cuda_host_check: quotient rows agree with their program written out\n");
    failures += quotient;
    return failures ? 1 : 0;
}
