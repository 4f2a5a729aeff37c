/*
 * The CUDA library's kernels timed on data already on the device, with CUDA events: what the
 * issue's GPU targets measure (NTT of 2^24, Poseidon2 permutations per second), apart from the
 * host copies that every call of the C ABI pays today and that the JMH benchmarks include. It
 * compiles proofline_cuda.cu itself, so it times the very kernels the library runs; their
 * results are checked against the Java back end by CudaDifferentialTests, not here.
 *
 *   make OUT=<dir> cuda-bench && <dir>/proofline_cuda_bench
 *
 * Each figure is the median of 20 timed runs after 2 untimed ones, on random field elements.
 */
#include "proofline_cuda.cu"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

namespace {

void check(cudaError_t e, const char *what) {
    if (e != cudaSuccess) {
        fprintf(stderr, "proofline_cuda_bench: %s: %s (%s)\n", what, cudaGetErrorString(e), cudaGetErrorName(e));
        exit(1);
    }
}

template <class F> float median_ms(F run) {
    cudaEvent_t start, stop;
    check(cudaEventCreate(&start), "cudaEventCreate");
    check(cudaEventCreate(&stop), "cudaEventCreate");
    run();
    run();
    check(cudaDeviceSynchronize(), "warm-up");
    std::vector<float> times;
    for (int i = 0; i < 20; i++) {
        check(cudaEventRecord(start), "cudaEventRecord");
        run();
        check(cudaEventRecord(stop), "cudaEventRecord");
        check(cudaEventSynchronize(stop), "cudaEventSynchronize");
        check(cudaGetLastError(), "kernel");
        float ms = 0;
        check(cudaEventElapsedTime(&ms, start, stop), "cudaEventElapsedTime");
        times.push_back(ms);
    }
    cudaEventDestroy(start);
    cudaEventDestroy(stop);
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

/* Wall-clock median of 5 runs after 1 of a call that returns a status, for the host-to-host ABI calls. */
template <class F> double median_wall_ms(F run) {
    if (run()) {
        fprintf(stderr, "proofline_cuda_bench: %s\n", pl_last_error());
        exit(1);
    }
    std::vector<double> times;
    for (int i = 0; i < 5; i++) {
        auto start = std::chrono::steady_clock::now();
        if (run()) {
            fprintf(stderr, "proofline_cuda_bench: %s\n", pl_last_error());
            exit(1);
        }
        times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

/* A device buffer of n random canonical field elements. */
uint64_t *random_device(size_t n, uint64_t seed) {
    std::mt19937_64 rnd(seed);
    std::vector<uint64_t> host(n);
    for (auto &x : host) x = pl_canonical(rnd());
    uint64_t *d = nullptr;
    check(cudaMalloc(&d, n * sizeof(uint64_t)), "cudaMalloc");
    check(cudaMemcpy(d, host.data(), n * sizeof(uint64_t), cudaMemcpyHostToDevice), "cudaMemcpy");
    return d;
}

}  // namespace

int main() {
    cudaDeviceProp prop;
    check(cudaGetDeviceProperties(&prop, 0), "cudaGetDeviceProperties");
    printf("device: %s, %d multiprocessors, %.0f MiB\n", prop.name, prop.multiProcessorCount,
           prop.totalGlobalMem / 1048576.0);
    printf("%-44s %12s %s\n", "operation (data on the device)", "median ms", "rate");

    for (uint32_t log_n : {16u, 20u, 22u, 24u}) {
        const uint64_t *tw;
        if (twiddles("bench", log_n, 0, &tw)) {
            fprintf(stderr, "%s\n", pl_last_error());
            return 1;
        }
        size_t n = (size_t) 1 << log_n;
        uint64_t *a = random_device(n, log_n);
        uint64_t *b = nullptr;
        check(cudaMalloc(&b, n * sizeof(uint64_t)), "cudaMalloc");
        float dif = median_ms([&] { dif_all(a, 1, log_n, tw); });
        float full = median_ms([&] {
            dif_all(a, 1, log_n, tw);
            k_bit_reverse<<<grid(n), THREADS>>>(a, b, log_n, 1, n);
        });
        printf("NTT 2^%-2u, 1 column, bit-reversed out        %12.3f %.2f G elements/s\n", log_n, dif, n / dif / 1e6);
        if (log_n == 24) {
            /* what fusing the global stages buys: 1 is the one-stage-per-pass transform of the first GPU run */
            for (uint32_t radix_log = 1; radix_log < RADIX_LOG; radix_log++) {
                float ms = median_ms([&] { dif_all(a, 1, log_n, tw, radix_log); });
                printf("NTT 2^24, bit-reversed, %u stage(s) per pass  %12.3f %.2f G elements/s\n", radix_log, ms, n / ms / 1e6);
            }
        }
        printf("NTT 2^%-2u, 1 column, natural order out       %12.3f %.2f G elements/s\n", log_n, full, n / full / 1e6);
        cudaFree(a);
        cudaFree(b);
    }

    {
        /* the prover's trace extension: 16 columns of 2^16 coefficients to a coset of 2^19 */
        uint32_t log_n = 16, log_blowup = 3;
        uint64_t columns = 16, n = 1ull << log_n, total = columns * n << log_blowup;
        const uint64_t *tw;
        if (twiddles("bench", log_n, 0, &tw)) return 1;
        uint64_t *src = random_device(columns * n, 7), *dst = nullptr, *g = random_device(8, 8);
        check(cudaMalloc(&dst, total * sizeof(uint64_t)), "cudaMalloc");
        float ms = median_ms([&] {
            k_mul_powers<<<grid(total), THREADS>>>(src, dst, log_n, log_blowup, g, 1, total);
            dif_all(dst, columns << log_blowup, log_n, tw);
        });
        printf("coset LDE 16 columns 2^16 -> 2^19           %12.3f %.2f G elements/s out\n", ms, total / ms / 1e6);
        cudaFree(src);
        cudaFree(dst);
        cudaFree(g);
    }

    {
        uint64_t count = 1ull << 22;
        uint64_t *states = random_device(12 * count, 9);
        float ms = median_ms([&] { k_permute<<<grid(count), THREADS>>>(states, count); });
        printf("Poseidon2 2^22 permutations                 %12.3f %.0f M permutations/s\n", ms, count / ms / 1e3);
        cudaFree(states);
    }

    {
        /* the JMH merkleTree shape: 2^20 rows of 8 elements, leaves then layers up to a cap of 16 */
        uint32_t log_rows = 20, log_cap = 4;
        uint64_t rows = 1ull << log_rows, width = 8;
        uint64_t *m = random_device(width * rows, 10), *leaves = nullptr, *layers = nullptr;
        check(cudaMalloc(&leaves, 4 * rows * sizeof(uint64_t)), "cudaMalloc");
        check(cudaMalloc(&layers, 4 * rows * sizeof(uint64_t)), "cudaMalloc");
        float hash = median_ms([&] { k_hash_rows<<<grid(rows), THREADS>>>(m, width, rows, leaves); });
        float tree = median_ms([&] {
            k_hash_rows<<<grid(rows), THREADS>>>(m, width, rows, leaves);
            const uint64_t *below = leaves;
            uint64_t *layer = layers;
            for (uint32_t k = 1; k <= log_rows - log_cap; k++) {
                uint64_t nodes = 1ull << (log_rows - k);
                k_compress<<<grid(nodes), THREADS>>>(below, layer, nodes);
                below = layer;
                layer += 4 * nodes;
            }
        });
        uint64_t perms = rows + (rows - (1ull << log_cap));
        printf("row hashes 2^20 x 8                         %12.3f %.0f M permutations/s\n", hash, rows / hash / 1e3);
        printf("Merkle tree 2^20 x 8, cap 16                %12.3f %.0f M permutations/s\n", tree, perms / tree / 1e3);
        cudaFree(m);
        cudaFree(leaves);
        cudaFree(layers);
    }

    {
        /*
         * The prover's witness commitment at 2^17 rows, LDE 8: 130 columns extended to 2^20 rows,
         * the rows hashed, the tree built to a cap of 16. On the device alone, then through the C
         * ABI from host memory: pl_commit_lde in one call against the three calls it replaces.
         */
        uint32_t log_n = 17, log_blowup = 3, log_rows = 20, log_cap = 4;
        uint64_t columns = 130, n = 1ull << log_n, rows = 1ull << log_rows, total = columns << log_rows;
        const uint64_t *tw;
        if (twiddles("bench", log_n, 0, &tw)) return 1;
        uint64_t *src = random_device(columns * n, 11), *dst = nullptr, *g = random_device(8, 12);
        uint64_t *leaves = nullptr, *layers = nullptr;
        check(cudaMalloc(&dst, total * sizeof(uint64_t)), "cudaMalloc");
        check(cudaMalloc(&leaves, 4 * rows * sizeof(uint64_t)), "cudaMalloc");
        check(cudaMalloc(&layers, 4 * rows * sizeof(uint64_t)), "cudaMalloc");
        float device = median_ms([&] {
            k_mul_powers<<<grid(total), THREADS>>>(src, dst, log_n, log_blowup, g, 1, total);
            dif_all(dst, columns << log_blowup, log_n, tw);
            k_hash_rows<<<grid(rows), THREADS>>>(dst, columns, rows, leaves);
            merkle_layers_on_device(leaves, log_rows, log_cap, layers, 0);
        });
        printf("commit 130 x 2^17 -> 2^20, tree, on device  %12.3f %.2f G elements/s out\n", device, total / device / 1e6);
        {
            /* the DEEP composition's sums over the kept extension: every column weighted, two columns out */
            uint64_t *w0 = random_device(columns, 14), *w1 = random_device(columns, 15), *o0 = nullptr, *o1 = nullptr;
            uint64_t *mats = nullptr, *cols = nullptr, cols_host = columns, mat_host = (uint64_t) (uintptr_t) dst;
            check(cudaMalloc(&o0, rows * sizeof(uint64_t)), "cudaMalloc");
            check(cudaMalloc(&o1, rows * sizeof(uint64_t)), "cudaMalloc");
            check(cudaMalloc(&mats, sizeof(uint64_t)), "cudaMalloc");
            check(cudaMalloc(&cols, sizeof(uint64_t)), "cudaMalloc");
            check(cudaMemcpy(mats, &mat_host, sizeof(uint64_t), cudaMemcpyHostToDevice), "cudaMemcpy");
            check(cudaMemcpy(cols, &cols_host, sizeof(uint64_t), cudaMemcpyHostToDevice), "cudaMemcpy");
            float ms = median_ms([&] {
                k_combine<<<grid(rows), THREADS>>>((const uint64_t *const *) mats, cols, 1, rows, w0, w1, o0, o1);
            });
            printf("column sums 130 x 2^20 (DEEP), on device     %12.3f %.1f GB/s read\n", ms, total * 8 / ms / 1e6);
            for (uint64_t *p : {w0, w1, o0, o1, mats, cols}) cudaFree(p);
        }
        cudaFree(src);
        cudaFree(dst);
        cudaFree(g);
        cudaFree(leaves);
        cudaFree(layers);

        std::mt19937_64 rnd(13);
        std::vector<uint64_t> coefficients(columns * n), out(total), digests(4 * rows), tree(4 * rows);
        for (auto &x : coefficients) x = pl_canonical(rnd());
        double fused = median_wall_ms([&] {
            return pl_commit_lde(coefficients.data(), columns, log_n, log_blowup, 7, log_cap, out.data(), digests.data(),
                                 tree.data(), nullptr);
        });
        double apart = median_wall_ms([&] {
            int32_t st = pl_coset_lde(coefficients.data(), columns, log_n, log_blowup, 7, out.data());
            if (!st) st = pl_hash_rows(out.data(), columns, rows, digests.data());
            return st ? st : pl_merkle_layers(digests.data(), log_rows, log_cap, tree.data());
        });
        printf("same from host memory, pl_commit_lde        %12.1f (1.1 GB back)\n", fused);
        printf("same, pl_coset_lde + hash_rows + layers     %12.1f (1.1 GB back, 1.1 GB up again)\n", apart);
    }

    {
        /* what each call of the C ABI pays today: its arrays cross PCIe from pageable memory */
        size_t bytes = (size_t) 128 << 20;
        uint64_t *d = nullptr, *pinned = nullptr;
        std::vector<uint64_t> pageable(bytes / 8, 1);
        check(cudaMalloc(&d, bytes), "cudaMalloc");
        check(cudaMallocHost(&pinned, bytes), "cudaMallocHost");
        float up = median_ms([&] { check(cudaMemcpy(d, pageable.data(), bytes, cudaMemcpyHostToDevice), "cudaMemcpy"); });
        float down = median_ms([&] { check(cudaMemcpy(pageable.data(), d, bytes, cudaMemcpyDeviceToHost), "cudaMemcpy"); });
        float up_pinned = median_ms([&] { check(cudaMemcpy(d, pinned, bytes, cudaMemcpyHostToDevice), "cudaMemcpy"); });
        float down_pinned = median_ms([&] { check(cudaMemcpy(pinned, d, bytes, cudaMemcpyDeviceToHost), "cudaMemcpy"); });
        printf("copy 128 MiB to the device, pageable        %12.3f %.1f GB/s\n", up, bytes / up / 1e6);
        printf("copy 128 MiB to the host, pageable          %12.3f %.1f GB/s\n", down, bytes / down / 1e6);
        printf("copy 128 MiB to the device, pinned          %12.3f %.1f GB/s\n", up_pinned, bytes / up_pinned / 1e6);
        printf("copy 128 MiB to the host, pinned            %12.3f %.1f GB/s\n", down_pinned, bytes / down_pinned / 1e6);
        /* what pinning caller-owned memory for one call would cost instead (cudaHostRegister) */
        double reg = median_wall_ms([&] {
            cudaError_t e = cudaHostRegister(pageable.data(), bytes, cudaHostRegisterDefault);
            if (e == cudaSuccess) e = cudaHostUnregister(pageable.data());
            return e == cudaSuccess ? 0 : pl_fail(PL_ERR_DEVICE, "cudaHostRegister: %s", cudaGetErrorString(e));
        });
        printf("pin and unpin 128 MiB (cudaHostRegister)    %12.3f %.1f GB/s\n", reg, bytes / reg / 1e6);
        cudaFree(d);
        cudaFreeHost(pinned);
    }
    return 0;
}
