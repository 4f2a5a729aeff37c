/*
 * The CUDA transform's index arithmetic, checked on the host: CI has nvcc but no GPU, and a
 * wrong index in the fused passes would otherwise surface only on a GPU machine. The body of
 * k_dif_radix is a __host__ __device__ function (dif_radix_group), so this runs it over every
 * thread index, as the kernel would, and compares the result with the plain one-stage-at-a-time
 * DIF transform, for every length up to 2^18 and batches of one and three columns. The CUDA
 * differential tests check the kernels themselves on a GPU.
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
    return failures ? 1 : 0;
}
