/*
 * The CUDA implementation of proofline_native.h, with the same exported symbols as the CPU
 * build. The field arithmetic, the Poseidon2 permutation and coset folding are the very
 * functions of common/pl_field.h, compiled for the device; the transforms are the same DIF
 * butterflies and twiddle layout as the CPU build, up to four stages fused per pass over the
 * whole batch and the last twelve in shared memory. Within one call the data is uploaded once,
 * every stage runs on device memory, and only the result comes back; a committed extension can
 * stay on the device after its call (pl_commit_lde's keep) for pl_combine_columns to read.
 * Without a device or driver every call returns PL_ERR_NO_DEVICE and pl_last_error() says why.
 */
#include "proofline_native.h"
#include "../common/pl_field.h"
#include "../common/pl_error.h"
#include "../common/pl_checks.h"

#include <cuda_runtime.h>
#include <mutex>
#include <stdlib.h>
#include <string.h>
#include <new>
#include <vector>

extern "C" {

const char *pl_backend_name(void) { return "cuda"; }

const char *pl_kernel_set(void) { return "cuda"; }

const char *pl_last_error(void) { return pl_error_text; }

}

namespace {

constexpr int THREADS = 256;

int32_t device_error(const char *fn, const char *what, cudaError_t e) {
    return pl_fail(e == cudaErrorMemoryAllocation ? PL_ERR_MEMORY : PL_ERR_DEVICE, "%s: %s failed: %s (%s)", fn, what,
                   cudaGetErrorString(e), cudaGetErrorName(e));
}

/* PL_ERR_NO_DEVICE with the runtime's reason unless a device is usable. */
int32_t require_device(const char *fn) {
    int count = 0;
    cudaError_t e = cudaGetDeviceCount(&count);
    if (e != cudaSuccess) {
        return pl_fail(PL_ERR_NO_DEVICE, "%s: no usable CUDA device: %s (%s)", fn, cudaGetErrorString(e), cudaGetErrorName(e));
    }
    if (count == 0) return pl_fail(PL_ERR_NO_DEVICE, "%s: no CUDA device present", fn);
    return PL_OK;
}

/* A device buffer freed at scope exit. */
struct DeviceBuffer {
    uint64_t *ptr = nullptr;
    ~DeviceBuffer() {
        if (ptr) cudaFree(ptr);
    }
};

#define PL_CK(fn, what, call)                                 \
    do {                                                      \
        cudaError_t e_ = (call);                              \
        if (e_ != cudaSuccess) return device_error(fn, what, e_); \
    } while (0)

unsigned grid(uint64_t work) {
    uint64_t blocks = (work + THREADS - 1) / THREADS;
    return (unsigned) (blocks > 65535ull * 16 ? 65535ull * 16 : (blocks == 0 ? 1 : blocks));
}

/* ---- kernels (grid-stride loops) ---- */

/*
 * DIF stages top, top - 1, ..., top - K + 1 (half-sizes 2^top down to 2^(top - K + 1) = s) of
 * every transform in the batch, in one pass over memory instead of K: those stages only mix the
 * 2^K elements r, r + s, ..., r + (2^K - 1) s of each block of 2^(top + 1), so thread x keeps one
 * such group in registers (r = x mod s; consecutive threads read consecutive addresses) and runs
 * the K stages' butterflies there. The stage of half-size h pairs group members j and j + h/s,
 * with twiddle tw[h + q] for the pair's offset q = r + (j mod h/s) s within its half-block.
 */
template <int K>
__host__ __device__ __forceinline__ void dif_radix_group(uint64_t *a, uint32_t top, const uint64_t *tw, uint64_t x) {
    const uint32_t log_s = top - (K - 1);
    const uint64_t r = x & ((1ull << log_s) - 1);
    uint64_t *base = a + ((x >> log_s) << (top + 1)) + r;
    uint64_t v[1 << K];
#pragma unroll
    for (int j = 0; j < (1 << K); j++) v[j] = base[(uint64_t) j << log_s];
#pragma unroll
    for (int m = 0; m < K; m++) {
        const int half = 1 << (K - 1 - m);
        const uint64_t *t = tw + ((uint64_t) half << log_s) + r;
#pragma unroll
        for (int j = 0; j < (1 << K); j++) {
            if (j & half) continue;
            uint64_t u = v[j];
            uint64_t w = v[j + half];
            v[j] = pl_add(u, w);
            v[j + half] = pl_mul(pl_sub(u, w), t[(uint64_t) (j & (half - 1)) << log_s]);
        }
    }
#pragma unroll
    for (int j = 0; j < (1 << K); j++) base[(uint64_t) j << log_s] = v[j];
}

template <int K>
__global__ void k_dif_radix(uint64_t *a, uint32_t top, const uint64_t *tw, uint64_t groups) {
    for (uint64_t x = blockIdx.x * (uint64_t) blockDim.x + threadIdx.x; x < groups; x += (uint64_t) gridDim.x * blockDim.x) {
        dif_radix_group<K>(a, top, tw, x);
    }
}

/* The most DIF stages one block does in shared memory: chunks of 2^12 elements (32 KiB). */
constexpr uint32_t SHARED_LOG = 12;

/* The most DIF stages one k_dif_radix pass fuses: 16 elements in registers per thread. */
constexpr uint32_t RADIX_LOG = 4;

/*
 * The last log_c stages (half-sizes 2^(log_c - 1) down to 1) of every transform: they stay
 * inside contiguous chunks of 2^log_c elements, so one block loads a chunk into shared memory,
 * runs them all there and writes it back once, instead of a launch and a pass over the whole
 * batch per stage. Each of the block's threads does one butterfly per stage and per round.
 */
__global__ void k_dif_tail(uint64_t *a, uint32_t log_c, const uint64_t *tw, uint64_t chunks) {
    __shared__ uint64_t s[1u << SHARED_LOG];
    uint32_t c = 1u << log_c;
    for (uint64_t chunk = blockIdx.x; chunk < chunks; chunk += gridDim.x) {
        uint64_t *base = a + (chunk << log_c);
        for (uint32_t i = threadIdx.x; i < c; i += blockDim.x) s[i] = base[i];
        __syncthreads();
        for (uint32_t log_h = log_c; log_h-- > 0;) {
            uint32_t h = 1u << log_h;
            for (uint32_t k = threadIdx.x; k < c / 2; k += blockDim.x) {
                uint32_t q = k & (h - 1);
                uint32_t g = (k >> log_h) << (log_h + 1);
                uint64_t u = s[g + q];
                uint64_t v = s[g + h + q];
                s[g + q] = pl_add(u, v);
                s[g + h + q] = pl_mul(pl_sub(u, v), tw[h + q]);
            }
            __syncthreads();
        }
        for (uint32_t i = threadIdx.x; i < c; i += blockDim.x) base[i] = s[i];
        __syncthreads();
    }
}

/* out[seg][rev(i)] = in[seg][i] * k */
__global__ void k_bit_reverse(const uint64_t *in, uint64_t *out, uint32_t log_n, uint64_t k, uint64_t total) {
    for (uint64_t x = blockIdx.x * (uint64_t) blockDim.x + threadIdx.x; x < total; x += (uint64_t) gridDim.x * blockDim.x) {
        uint64_t seg = x >> log_n;
        uint32_t i = (uint32_t) (x & ((1ull << log_n) - 1));
        uint64_t v = in[x];
        out[(seg << log_n) + pl_reverse_bits(i, log_n)] = k == 1 ? v : pl_mul(v, k);
    }
}

/*
 * Task t = (column c, block b) of 2^log_n elements: dst[t][i] = src[c][i] * k * g[b]^i, with
 * 2^log_blocks blocks per column (log_blocks = 0 for a plain coset shift).
 */
__global__ void k_mul_powers(const uint64_t *src, uint64_t *dst, uint32_t log_n, uint32_t log_blocks, const uint64_t *g,
                             uint64_t k, uint64_t total) {
    for (uint64_t x = blockIdx.x * (uint64_t) blockDim.x + threadIdx.x; x < total; x += (uint64_t) gridDim.x * blockDim.x) {
        uint64_t t = x >> log_n;
        uint64_t i = x & ((1ull << log_n) - 1);
        uint64_t c = t >> log_blocks;
        uint64_t b = t & ((1ull << log_blocks) - 1);
        dst[x] = pl_mul(src[(c << log_n) + i], pl_mul(k, pl_pow(g[b], i)));
    }
}

__global__ void k_permute(uint64_t *states, uint64_t count) {
    for (uint64_t x = blockIdx.x * (uint64_t) blockDim.x + threadIdx.x; x < count; x += (uint64_t) gridDim.x * blockDim.x) {
        uint64_t s[12];
        for (int i = 0; i < 12; i++) s[i] = states[12 * x + i];
        pl_p2_permute_with(s, PL_P2_FULL_RC, PL_P2_PARTIAL_RC, PL_P2_DIAG);
        for (int i = 0; i < 12; i++) states[12 * x + i] = s[i];
    }
}

__global__ void k_hash_rows(const uint64_t *m, uint64_t width, uint64_t rows, uint64_t *digests) {
    for (uint64_t r = blockIdx.x * (uint64_t) blockDim.x + threadIdx.x; r < rows; r += (uint64_t) gridDim.x * blockDim.x) {
        uint64_t s[12] = {0};
        s[8] = width;
        for (uint64_t pos = 0; pos < width; pos += 8) {
            uint64_t chunk = width - pos < 8 ? width - pos : 8;
            for (uint64_t c = 0; c < chunk; c++) s[c] = m[(pos + c) * rows + r];
            pl_p2_permute_with(s, PL_P2_FULL_RC, PL_P2_PARTIAL_RC, PL_P2_DIAG);
        }
        for (int j = 0; j < 4; j++) digests[4 * r + j] = s[j];
    }
}

__global__ void k_compress(const uint64_t *below, uint64_t *layer, uint64_t nodes) {
    for (uint64_t i = blockIdx.x * (uint64_t) blockDim.x + threadIdx.x; i < nodes; i += (uint64_t) gridDim.x * blockDim.x) {
        uint64_t s[12];
        for (int j = 0; j < 8; j++) s[j] = below[8 * i + j];
        s[8] = 0;
        s[9] = 0;
        s[10] = 0;
        s[11] = 1;
        pl_p2_permute_with(s, PL_P2_FULL_RC, PL_P2_PARTIAL_RC, PL_P2_DIAG);
        for (int j = 0; j < 4; j++) layer[4 * i + j] = s[j];
    }
}

/* out[r] = sum over k of w_k * v_k[r]: matrix i's first cols[i] columns, in order; one row per thread. */
__global__ void k_combine(const uint64_t *const *mats, const uint64_t *cols, uint64_t count, uint64_t rows,
                          const uint64_t *w0, const uint64_t *w1, uint64_t *out0, uint64_t *out1) {
    for (uint64_t r = blockIdx.x * (uint64_t) blockDim.x + threadIdx.x; r < rows; r += (uint64_t) gridDim.x * blockDim.x) {
        uint64_t a0 = 0, a1 = 0, k = 0;
        for (uint64_t i = 0; i < count; i++) {
            const uint64_t *m = mats[i] + r;
            for (uint64_t c = 0; c < cols[i]; c++, k++) {
                uint64_t v = m[c * rows];
                a0 = pl_add(a0, pl_mul(w0[k], v));
                a1 = pl_add(a1, pl_mul(w1[k], v));
            }
        }
        out0[r] = a0;
        out1[r] = a1;
    }
}

/* The values of pl_deep_codeword by value, so that a kernel takes them as a parameter. */
struct DeepValues {
    uint64_t v[8];
};

/*
 * One row of the DEEP codeword from the sums (s, t), overwriting s: x_r = shift w^rev(r) by one
 * power, and one inversion for both norms. __host__ __device__ so that host_check.cu can run it.
 */
__host__ __device__ __forceinline__ void deep_row(uint64_t *s0, uint64_t *s1, const uint64_t *t0, const uint64_t *t1,
                                                  uint32_t log_rows, uint64_t shift, uint64_t w, const DeepValues &d,
                                                  uint64_t r, int *zero) {
    uint64_t x = pl_mul(shift, pl_pow(w, pl_reverse_bits((uint32_t) r, log_rows)));
    uint64_t n1 = pl_point_norm(x, d.v[4], d.v[5]), n2 = pl_point_norm(x, d.v[6], d.v[7]);
    uint64_t both = pl_mul(n1, n2);
    if (both == 0) {
        *zero = 1;
        return;
    }
    pl_deep_row(s0[r], s1[r], t0[r], t1[r], x, d.v, n1, n2, pl_inverse(both), s0 + r, s1 + r);
}

__global__ void k_deep(uint64_t *s0, uint64_t *s1, const uint64_t *t0, const uint64_t *t1, uint32_t log_rows,
                       uint64_t shift, uint64_t w, DeepValues d, int *zero) {
    uint64_t rows = 1ull << log_rows;
    for (uint64_t r = blockIdx.x * (uint64_t) blockDim.x + threadIdx.x; r < rows; r += (uint64_t) gridDim.x * blockDim.x) {
        deep_row(s0, s1, t0, t1, log_rows, shift, w, d, r, zero);
    }
}

/* What every row of pl_quotient shares, by value so that a kernel takes it as a parameter. */
struct QuotientDomain {
    const uint64_t *ext[3];
    uint32_t log_extension_rows;
    uint32_t log_length;
    uint64_t blowup;
    uint64_t shift;
    uint64_t w;
    uint64_t n_inverse;
};

/*
 * One row of a quotient program (checked by pl_check_quotient) into (o0[r], o1[r]), registers in
 * `reg`. The point, the row of omega x and L_0 are made here, L_0 only where the program asks
 * (an inversion a row). *one is set where x = 1, which no coset with shift outside the domain
 * has. __host__ __device__ so that host_check.cu can run it.
 */
__host__ __device__ __forceinline__ void quotient_row(const uint32_t *program, uint64_t instructions,
                                                      const uint64_t *constants, const QuotientDomain &q,
                                                      const uint64_t *public_input, const uint64_t *zh,
                                                      const uint64_t *zh_inverse, uint64_t r, uint64_t *reg,
                                                      uint64_t *o0, uint64_t *o1, int *one) {
    uint64_t natural = pl_reverse_bits((uint32_t) r, q.log_length);
    uint64_t x = pl_mul(q.shift, pl_pow(q.w, natural));
    uint64_t k = natural & (q.blowup - 1);
    for (uint64_t i = 0; i < instructions; i++) {
        const uint32_t *in = program + 4 * i;
        uint32_t a = in[2], b = in[3];
        uint64_t v;
        switch (in[0]) {
        case PL_Q_CONST: v = constants[a]; break;
        case PL_Q_COLUMN: v = q.ext[a][((uint64_t) b << q.log_extension_rows) + r]; break;
        case PL_Q_NEXT: {
            uint64_t mask = (1ull << q.log_length) - 1;
            uint64_t next = pl_reverse_bits((uint32_t) ((natural + q.blowup) & mask), q.log_length);
            v = q.ext[a][((uint64_t) b << q.log_extension_rows) + next];
            break;
        }
        case PL_Q_PUBLIC: v = public_input[r]; break;
        case PL_Q_X: v = x; break;
        case PL_Q_L0: {
            uint64_t d = pl_sub(x, 1);
            if (d == 0) {
                *one = 1;
                return;
            }
            v = pl_mul(pl_mul(zh[k], q.n_inverse), pl_inverse(d));
            break;
        }
        case PL_Q_ADD: v = pl_add(reg[a], reg[b]); break;
        case PL_Q_SUB: v = pl_sub(reg[a], reg[b]); break;
        case PL_Q_MUL: v = pl_mul(reg[a], reg[b]); break;
        case PL_Q_ADD_CONST: v = pl_add(reg[a], constants[b]); break;
        case PL_Q_SUB_CONST: v = pl_sub(reg[a], constants[b]); break;
        case PL_Q_CONST_SUB: v = pl_sub(constants[b], reg[a]); break;
        case PL_Q_MUL_CONST: v = pl_mul(reg[a], constants[b]); break;
        default: /* PL_Q_OUT, the last */
            o0[r] = pl_mul(reg[a], zh_inverse[k]);
            o1[r] = pl_mul(reg[b], zh_inverse[k]);
            return;
        }
        reg[in[1]] = v;
    }
}

/*
 * One row per thread, its R registers in the thread's local memory; R a size the program fits,
 * so that the local memory reserved for every resident thread is no larger than it needs.
 */
template <int R>
__global__ void k_quotient(const uint32_t *program, uint64_t instructions, const uint64_t *constants, QuotientDomain q,
                           const uint64_t *public_input, const uint64_t *zh, uint64_t rows, uint64_t *o0, uint64_t *o1,
                           int *one) {
    uint64_t reg[R];
    for (uint64_t r = blockIdx.x * (uint64_t) blockDim.x + threadIdx.x; r < rows; r += (uint64_t) gridDim.x * blockDim.x) {
        quotient_row(program, instructions, constants, q, public_input, zh, zh + q.blowup, r, reg, o0, o1, one);
    }
}

__global__ void k_fold(const uint64_t *c0, const uint64_t *c1, const uint64_t *x_inv, uint64_t cosets, uint32_t log_arity,
                       uint64_t beta0, uint64_t beta1, const uint64_t *table, uint64_t *out0, uint64_t *out1) {
    for (uint64_t j = blockIdx.x * (uint64_t) blockDim.x + threadIdx.x; j < cosets; j += (uint64_t) gridDim.x * blockDim.x) {
        pl_fold_coset(c0, c1, j << log_arity, x_inv[j], log_arity, beta0, beta1, table, out0 + j, out1 + j);
    }
}

/* ---- twiddles: the CPU build's table, built on the host, cached on the device ---- */

std::mutex tw_lock;
uint64_t *tw_device[2];
uint32_t tw_log[2];

/* The twiddle table of 2^log elements (log >= 1): tw[h + j] = w_2h^j for every half-size h. */
std::vector<uint64_t> host_twiddles(uint32_t log, int inv) {
    size_t n = (size_t) 1 << log;
    std::vector<uint64_t> t(n);
    uint64_t w = pl_root_of_unity(log);
    if (inv) w = pl_inverse(w);
    size_t half = n >> 1;
    uint64_t acc = 1;
    for (size_t j = 0; j < half; j++) {
        t[half + j] = acc;
        acc = pl_mul(acc, w);
    }
    for (size_t h = half >> 1; h >= 1; h >>= 1)
        for (size_t j = 0; j < h; j++) t[h + j] = t[2 * h + 2 * j];
    return t;
}

int32_t twiddles(const char *fn, uint32_t log_n, int inv, const uint64_t **out) {
    std::lock_guard<std::mutex> guard(tw_lock);
    if (!tw_device[inv] || tw_log[inv] < log_n) {
        uint32_t log = log_n < 1 ? 1 : log_n;
        size_t n = (size_t) 1 << log;
        std::vector<uint64_t> t;
        try {
            t = host_twiddles(log, inv);
        } catch (const std::bad_alloc &) {
            /* no C++ exception may leave a C entry point: it would end the calling process */
            return pl_fail(PL_ERR_MEMORY, "%s: no host memory for the twiddles of 2^%u", fn, log);
        }
        uint64_t *d = nullptr;
        PL_CK(fn, "cudaMalloc(twiddles)", cudaMalloc(&d, n * sizeof(uint64_t)));
        cudaError_t e = cudaMemcpy(d, t.data(), n * sizeof(uint64_t), cudaMemcpyHostToDevice);
        if (e != cudaSuccess) {
            cudaFree(d);
            return device_error(fn, "cudaMemcpy(twiddles)", e);
        }
        /*
         * The old table is kept, not freed: another thread may have taken its pointer and still be
         * launching kernels on it after leaving the lock. Tables double at most up to 2^30, so what
         * is kept is less than the current table again (as in the CPU build).
         */
        tw_device[inv] = d;
        tw_log[inv] = log;
    }
    *out = tw_device[inv];
    return PL_OK;
}

/*
 * DIF stages of every 2^log_n segment of d (segments in all), bit-reversed output in place: the
 * first stages RADIX_LOG at a time in k_dif_radix passes over the whole batch, the last
 * SHARED_LOG in shared memory. A 2^24 transform is three radix-16 passes and the tail. (radix_log
 * is there for the kernel benchmark to compare fewer fused stages.)
 */
void dif_all(uint64_t *d, uint64_t segments, uint32_t log_n, const uint64_t *tw, uint32_t radix_log = RADIX_LOG) {
    if (log_n == 0) return;
    uint32_t log_c = log_n < SHARED_LOG ? log_n : SHARED_LOG;
    uint64_t total = segments << log_n;
    for (uint32_t stages = log_n - log_c; stages > 0;) {
        uint32_t top = log_c + stages - 1;
        uint32_t k = stages < radix_log ? stages : radix_log;
        uint64_t groups = total >> k;
        switch (k) {
            case 1: k_dif_radix<1><<<grid(groups), THREADS>>>(d, top, tw, groups); break;
            case 2: k_dif_radix<2><<<grid(groups), THREADS>>>(d, top, tw, groups); break;
            case 3: k_dif_radix<3><<<grid(groups), THREADS>>>(d, top, tw, groups); break;
            default: k_dif_radix<4><<<grid(groups), THREADS>>>(d, top, tw, groups); break;
        }
        stages -= k;
    }
    uint64_t chunks = segments << (log_n - log_c);
    uint64_t blocks = chunks > 65535ull * 16 ? 65535ull * 16 : chunks;
    uint32_t threads = (1u << log_c) / 2 < 512 ? (1u << log_c) / 2 : 512;
    k_dif_tail<<<(unsigned) blocks, threads < 32 ? 32 : threads>>>(d, log_c, tw, chunks);
}

/* Natural-order transforms of every column of `data` (host), scaled by k after, shifted before. */
int32_t transform_all(const char *fn, uint64_t *data, uint64_t columns, uint32_t log_n, int inv, uint64_t shift, uint64_t k) {
    pl_clear_error();
    if (!data) return pl_fail(PL_ERR_ARGUMENT, "%s: null pointer", fn);
    if (log_n > PL_MAX_LOG_LENGTH) return pl_fail(PL_ERR_ARGUMENT, "%s: column length 2^%u exceeds 2^%d", fn, log_n, PL_MAX_LOG_LENGTH);
    int32_t st = pl_check_elements(fn, columns, log_n);
    if (!st) st = require_device(fn);
    if (st || columns == 0) return st;
    const uint64_t *tw;
    if ((st = twiddles(fn, log_n, inv, &tw))) return st;
    uint64_t total = columns << log_n;
    size_t bytes = total * sizeof(uint64_t);
    DeviceBuffer a, b, g;
    PL_CK(fn, "cudaMalloc", cudaMalloc(&a.ptr, bytes));
    PL_CK(fn, "cudaMalloc", cudaMalloc(&b.ptr, bytes));
    PL_CK(fn, "cudaMemcpy to device", cudaMemcpy(a.ptr, data, bytes, cudaMemcpyHostToDevice));
    if (shift != 1) {
        PL_CK(fn, "cudaMalloc", cudaMalloc(&g.ptr, sizeof(uint64_t)));
        PL_CK(fn, "cudaMemcpy to device", cudaMemcpy(g.ptr, &shift, sizeof(uint64_t), cudaMemcpyHostToDevice));
        k_mul_powers<<<grid(total), THREADS>>>(a.ptr, a.ptr, log_n, 0, g.ptr, 1, total);
    }
    dif_all(a.ptr, columns, log_n, tw);
    k_bit_reverse<<<grid(total), THREADS>>>(a.ptr, b.ptr, log_n, k, total);
    PL_CK(fn, "kernel launch", cudaGetLastError());
    PL_CK(fn, "cudaMemcpy to host", cudaMemcpy(data, b.ptr, bytes, cudaMemcpyDeviceToHost));
    return PL_OK;
}

int32_t check_lde(const char *fn, const void *in, const void *out, uint64_t columns, uint32_t log_n, uint32_t log_blowup) {
    int32_t st = pl_check_lde(fn, in, out, columns, log_n, log_blowup);
    return st ? st : require_device(fn);
}

/*
 * The bit-reversed coset LDE into dst, a device buffer this allocates and leaves on the device;
 * with `from_evaluations` an unscaled inverse transform comes first. The caller has checked the
 * arguments.
 */
int32_t lde_on_device(const char *fn, const uint64_t *in, uint64_t columns, uint32_t log_n, uint32_t log_blowup,
                      uint64_t shift, bool from_evaluations, DeviceBuffer &dst, uint64_t *coefficients = nullptr) {
    uint64_t n = 1ull << log_n;
    uint32_t blocks = 1u << log_blowup;
    const uint64_t *tw;
    int32_t st;
    if ((st = twiddles(fn, log_n, 0, &tw))) return st;
    DeviceBuffer src, g;
    PL_CK(fn, "cudaMalloc", cudaMalloc(&src.ptr, columns * n * sizeof(uint64_t)));
    PL_CK(fn, "cudaMalloc", cudaMalloc(&dst.ptr, (columns * n << log_blowup) * sizeof(uint64_t)));
    PL_CK(fn, "cudaMemcpy to device", cudaMemcpy(src.ptr, in, columns * n * sizeof(uint64_t), cudaMemcpyHostToDevice));
    uint64_t k = 1;
    if (from_evaluations) {
        const uint64_t *itw;
        if ((st = twiddles(fn, log_n, 1, &itw))) return st;
        /* natural-order coefficients, scaled by 1/n: DIF, then bit reversal into dst's first columns * n elements, back to src */
        dif_all(src.ptr, columns, log_n, itw);
        k_bit_reverse<<<grid(columns * n), THREADS>>>(src.ptr, dst.ptr, log_n, pl_inverse(n), columns * n);
        PL_CK(fn, "cudaMemcpy on device", cudaMemcpy(src.ptr, dst.ptr, columns * n * sizeof(uint64_t), cudaMemcpyDeviceToDevice));
        if (coefficients)
            PL_CK(fn, "cudaMemcpy to host",
                  cudaMemcpy(coefficients, src.ptr, columns * n * sizeof(uint64_t), cudaMemcpyDeviceToHost));
    }
    std::vector<uint64_t> gs(blocks);
    uint64_t w = pl_root_of_unity(log_n + log_blowup);
    for (uint32_t b = 0; b < blocks; b++) gs[b] = pl_mul(shift, pl_pow(w, pl_reverse_bits(b, log_blowup)));
    PL_CK(fn, "cudaMalloc", cudaMalloc(&g.ptr, blocks * sizeof(uint64_t)));
    PL_CK(fn, "cudaMemcpy to device", cudaMemcpy(g.ptr, gs.data(), blocks * sizeof(uint64_t), cudaMemcpyHostToDevice));
    uint64_t total = columns * n << log_blowup;
    k_mul_powers<<<grid(total), THREADS>>>(src.ptr, dst.ptr, log_n, log_blowup, g.ptr, k, total);
    dif_all(dst.ptr, columns << log_blowup, log_n, tw);
    PL_CK(fn, "kernel launch", cudaGetLastError());
    /* src and g are freed on return; cudaFree waits for the kernels that read them */
    return PL_OK;
}

int32_t lde(const char *fn, const uint64_t *in, uint64_t columns, uint32_t log_n, uint32_t log_blowup, uint64_t shift,
            uint64_t *out, bool from_evaluations) {
    pl_clear_error();
    /* pl_coset_lde also takes log_blowup 0 (the coset itself) */
    int32_t st = from_evaluations ? pl_check_lde(fn, in, out, columns, log_n, log_blowup)
                                  : pl_check_coset_lde(fn, in, out, columns, log_n, log_blowup);
    if (!st) st = require_device(fn);
    if (st || columns == 0) return st;
    DeviceBuffer dst;
    if ((st = lde_on_device(fn, in, columns, log_n, log_blowup, shift, from_evaluations, dst))) return st;
    uint64_t total = columns << (log_n + log_blowup);
    PL_CK(fn, "cudaMemcpy to host", cudaMemcpy(out, dst.ptr, total * sizeof(uint64_t), cudaMemcpyDeviceToHost));
    return PL_OK;
}

/* A stream destroyed at scope exit. */
struct Stream {
    cudaStream_t s = nullptr;
    ~Stream() {
        if (s) cudaStreamDestroy(s);
    }
};

/* The layers of a Merkle tree above 2^log_leaves digests on the device, launched on `stream`. */
void merkle_layers_on_device(const uint64_t *leaves, uint32_t log_leaves, uint32_t log_cap, uint64_t *layers,
                             cudaStream_t stream) {
    const uint64_t *below = leaves;
    uint64_t *layer = layers;
    for (uint32_t k = 1; k <= log_leaves - log_cap; k++) {
        uint64_t nodes = 1ull << (log_leaves - k);
        k_compress<<<grid(nodes), THREADS, 0, stream>>>(below, layer, nodes);
        below = layer;
        layer += 4 * nodes;
    }
}

}  // namespace

extern "C" {

int32_t pl_device_count(int32_t *count) {
    pl_clear_error();
    if (!count) return pl_fail(PL_ERR_ARGUMENT, "pl_device_count: null pointer");
    int n = 0;
    cudaError_t e = cudaGetDeviceCount(&n);
    *count = e == cudaSuccess ? n : 0;
    if (e != cudaSuccess) {
        return pl_fail(PL_ERR_NO_DEVICE, "pl_device_count: no usable CUDA device: %s (%s)", cudaGetErrorString(e), cudaGetErrorName(e));
    }
    return PL_OK;
}

int32_t pl_memory_info(uint64_t *free_bytes, uint64_t *total_bytes) {
    pl_clear_error();
    if (!free_bytes || !total_bytes) return pl_fail(PL_ERR_ARGUMENT, "pl_memory_info: null pointer");
    int32_t st = require_device("pl_memory_info");
    if (st) return st;
    size_t f = 0, t = 0;
    PL_CK("pl_memory_info", "cudaMemGetInfo", cudaMemGetInfo(&f, &t));
    *free_bytes = f;
    *total_bytes = t;
    return PL_OK;
}

int32_t pl_ntt_forward(uint64_t *data, uint64_t columns, uint32_t log_n) {
    return transform_all("pl_ntt_forward", data, columns, log_n, 0, 1, 1);
}

int32_t pl_ntt_inverse(uint64_t *data, uint64_t columns, uint32_t log_n) {
    if (log_n > PL_MAX_LOG_LENGTH) return transform_all("pl_ntt_inverse", data, columns, log_n, 1, 1, 1);
    return transform_all("pl_ntt_inverse", data, columns, log_n, 1, 1, pl_inverse(1ull << log_n));
}

int32_t pl_ntt_coset_forward(uint64_t *data, uint64_t columns, uint32_t log_n, uint64_t shift) {
    return transform_all("pl_ntt_coset_forward", data, columns, log_n, 0, shift, 1);
}

int32_t pl_coset_lde(const uint64_t *coefficients, uint64_t columns, uint32_t log_n, uint32_t log_blowup, uint64_t shift,
                     uint64_t *out) {
    return lde("pl_coset_lde", coefficients, columns, log_n, log_blowup, shift, out, false);
}

int32_t pl_coset_lde_from_evaluations(const uint64_t *evaluations, uint64_t columns, uint32_t log_n, uint32_t log_blowup,
                                      uint64_t shift, uint64_t *out) {
    return lde("pl_coset_lde_from_evaluations", evaluations, columns, log_n, log_blowup, shift, out, true);
}

int32_t pl_poseidon2_permute(uint64_t *states, uint64_t count) {
    const char *fn = "pl_poseidon2_permute";
    pl_clear_error();
    if (!states && count) return pl_fail(PL_ERR_ARGUMENT, "%s: null pointer", fn);
    int32_t st = require_device(fn);
    if (st || count == 0) return st;
    DeviceBuffer d;
    size_t bytes = count * 12 * sizeof(uint64_t);
    PL_CK(fn, "cudaMalloc", cudaMalloc(&d.ptr, bytes));
    PL_CK(fn, "cudaMemcpy to device", cudaMemcpy(d.ptr, states, bytes, cudaMemcpyHostToDevice));
    k_permute<<<grid(count), THREADS>>>(d.ptr, count);
    PL_CK(fn, "kernel launch", cudaGetLastError());
    PL_CK(fn, "cudaMemcpy to host", cudaMemcpy(states, d.ptr, bytes, cudaMemcpyDeviceToHost));
    return PL_OK;
}

int32_t pl_hash_rows(const uint64_t *matrix, uint64_t width, uint64_t rows, uint64_t *digests) {
    const char *fn = "pl_hash_rows";
    pl_clear_error();
    if (!matrix || !digests) return pl_fail(PL_ERR_ARGUMENT, "%s: null pointer", fn);
    if (width == 0) return pl_fail(PL_ERR_ARGUMENT, "%s: cannot hash the rows of a matrix with no columns", fn);
    int32_t st = require_device(fn);
    if (st || rows == 0) return st;
    DeviceBuffer m, d;
    PL_CK(fn, "cudaMalloc", cudaMalloc(&m.ptr, width * rows * sizeof(uint64_t)));
    PL_CK(fn, "cudaMalloc", cudaMalloc(&d.ptr, 4 * rows * sizeof(uint64_t)));
    PL_CK(fn, "cudaMemcpy to device", cudaMemcpy(m.ptr, matrix, width * rows * sizeof(uint64_t), cudaMemcpyHostToDevice));
    k_hash_rows<<<grid(rows), THREADS>>>(m.ptr, width, rows, d.ptr);
    PL_CK(fn, "kernel launch", cudaGetLastError());
    PL_CK(fn, "cudaMemcpy to host", cudaMemcpy(digests, d.ptr, 4 * rows * sizeof(uint64_t), cudaMemcpyDeviceToHost));
    return PL_OK;
}

int32_t pl_merkle_layers(const uint64_t *leaf_digests, uint32_t log_leaves, uint32_t log_cap, uint64_t *layers) {
    const char *fn = "pl_merkle_layers";
    pl_clear_error();
    if (!leaf_digests || !layers) return pl_fail(PL_ERR_ARGUMENT, "%s: null pointer", fn);
    if (log_leaves > PL_MAX_LOG_LENGTH) return pl_fail(PL_ERR_ARGUMENT, "%s: 2^%u leaves", fn, log_leaves);
    if (log_cap > log_leaves) return pl_fail(PL_ERR_ARGUMENT, "%s: cap log size %u outside [0, %u]", fn, log_cap, log_leaves);
    int32_t st = require_device(fn);
    if (st || log_cap == log_leaves) return st;
    uint64_t leaves = 1ull << log_leaves;
    uint64_t above = (leaves - (1ull << log_cap)) * 4;
    DeviceBuffer in, out;
    PL_CK(fn, "cudaMalloc", cudaMalloc(&in.ptr, 4 * leaves * sizeof(uint64_t)));
    PL_CK(fn, "cudaMalloc", cudaMalloc(&out.ptr, above * sizeof(uint64_t)));
    PL_CK(fn, "cudaMemcpy to device", cudaMemcpy(in.ptr, leaf_digests, 4 * leaves * sizeof(uint64_t), cudaMemcpyHostToDevice));
    merkle_layers_on_device(in.ptr, log_leaves, log_cap, out.ptr, 0);
    PL_CK(fn, "kernel launch", cudaGetLastError());
    PL_CK(fn, "cudaMemcpy to host", cudaMemcpy(layers, out.ptr, above * sizeof(uint64_t), cudaMemcpyDeviceToHost));
    return PL_OK;
}

}  // extern "C"

namespace {

/* pl_commit_lde and pl_commit_evaluations: from coefficients, or from values whose coefficients are made on the device */
int32_t commit(const char *fn, const uint64_t *in, uint64_t columns, uint32_t log_n, uint32_t log_blowup, uint64_t shift,
               uint32_t log_cap, bool from_evaluations, uint64_t *coefficients, uint64_t *out, uint64_t *digests,
               uint64_t *layers, uint64_t *keep) {
    pl_clear_error();
    uint32_t log_rows = log_n + log_blowup;
    int32_t st = check_lde(fn, in, out, columns, log_n, log_blowup);
    if (!st) st = pl_check_commit(fn, digests, layers, columns, log_rows, log_cap);
    if (st) return st;
    uint64_t rows = 1ull << log_rows;
    uint64_t above = (rows - (1ull << log_cap)) * 4;
    DeviceBuffer ext, dig, lay;
    Stream hashing;
    PL_CK(fn, "cudaMalloc", cudaMalloc(&dig.ptr, 4 * rows * sizeof(uint64_t)));
    if (above) PL_CK(fn, "cudaMalloc", cudaMalloc(&lay.ptr, above * sizeof(uint64_t)));
    PL_CK(fn, "cudaStreamCreate", cudaStreamCreateWithFlags(&hashing.s, cudaStreamNonBlocking));
    if ((st = lde_on_device(fn, in, columns, log_n, log_blowup, shift, from_evaluations, ext, coefficients))) return st;
    /* the non-blocking stream does not wait for the default one by itself */
    PL_CK(fn, "cudaDeviceSynchronize", cudaDeviceSynchronize());
    k_hash_rows<<<grid(rows), THREADS, 0, hashing.s>>>(ext.ptr, columns, rows, dig.ptr);
    if (above) merkle_layers_on_device(dig.ptr, log_rows, log_cap, lay.ptr, hashing.s);
    PL_CK(fn, "kernel launch", cudaGetLastError());
    cudaError_t copy = cudaMemcpy(out, ext.ptr, (columns << log_rows) * sizeof(uint64_t), cudaMemcpyDeviceToHost);
    PL_CK(fn, "cudaStreamSynchronize", cudaStreamSynchronize(hashing.s));
    PL_CK(fn, "cudaMemcpy to host", copy);
    PL_CK(fn, "cudaMemcpy to host", cudaMemcpy(digests, dig.ptr, 4 * rows * sizeof(uint64_t), cudaMemcpyDeviceToHost));
    if (above) PL_CK(fn, "cudaMemcpy to host", cudaMemcpy(layers, lay.ptr, above * sizeof(uint64_t), cudaMemcpyDeviceToHost));
    if (keep) {
        /* the device copy outlives the call: the caller frees it with pl_release */
        *keep = (uint64_t) (uintptr_t) ext.ptr;
        ext.ptr = nullptr;
    }
    return PL_OK;
}

}  // namespace

extern "C" {

/*
 * The extension stays on the device from the transform to the hashing. The rows are hashed on a
 * stream of their own while the extension is copied to the host, so the copy (the longest part:
 * 8.7 GB for 130 columns of 2^23 rows) hides the hashing.
 */
int32_t pl_commit_lde(const uint64_t *coefficients, uint64_t columns, uint32_t log_n, uint32_t log_blowup, uint64_t shift,
                      uint32_t log_cap, uint64_t *out, uint64_t *digests, uint64_t *layers, uint64_t *keep) {
    return commit("pl_commit_lde", coefficients, columns, log_n, log_blowup, shift, log_cap, false, nullptr, out, digests,
                  layers, keep);
}

/* As pl_commit_lde, the values uploaded once: the coefficients are made on the device and copied back on the way. */
int32_t pl_commit_evaluations(const uint64_t *evaluations, uint64_t columns, uint32_t log_n, uint32_t log_blowup,
                              uint64_t shift, uint32_t log_cap, uint64_t *coefficients, uint64_t *out, uint64_t *digests,
                              uint64_t *layers, uint64_t *keep) {
    const char *fn = "pl_commit_evaluations";
    if (!coefficients) {
        pl_clear_error();
        return pl_fail(PL_ERR_ARGUMENT, "%s: null pointer", fn);
    }
    return commit(fn, evaluations, columns, log_n, log_blowup, shift, log_cap, true, coefficients, out, digests, layers,
                  keep);
}

int32_t pl_release(uint64_t handle) {
    const char *fn = "pl_release";
    pl_clear_error();
    if (!handle) return pl_fail(PL_ERR_ARGUMENT, "%s: no handle", fn);
    int32_t st = require_device(fn);
    if (st) return st;
    PL_CK(fn, "cudaFree", cudaFree((void *) (uintptr_t) handle));
    return PL_OK;
}

}  // extern "C"

namespace {

/*
 * The column sums of pl_combine_columns, for arguments pl_check_sums passed, into device buffers
 * o0, o1 of `rows` elements (allocated here).
 */
int32_t combine_on_device(const char *fn, const uint64_t *handles, const uint64_t *columns, uint64_t count, uint64_t rows,
                          const uint64_t *weights0, const uint64_t *weights1, DeviceBuffer &o0, DeviceBuffer &o1) {
    uint64_t total = 0;
    for (uint64_t i = 0; i < count; i++) total += columns[i];
    DeviceBuffer mats, cols, w0, w1;
    size_t small = (count ? count : 1) * sizeof(uint64_t), weights = (total ? total : 1) * sizeof(uint64_t);
    PL_CK(fn, "cudaMalloc", cudaMalloc(&mats.ptr, small));
    PL_CK(fn, "cudaMalloc", cudaMalloc(&cols.ptr, small));
    PL_CK(fn, "cudaMalloc", cudaMalloc(&w0.ptr, weights));
    PL_CK(fn, "cudaMalloc", cudaMalloc(&w1.ptr, weights));
    PL_CK(fn, "cudaMalloc", cudaMalloc(&o0.ptr, rows * sizeof(uint64_t)));
    PL_CK(fn, "cudaMalloc", cudaMalloc(&o1.ptr, rows * sizeof(uint64_t)));
    PL_CK(fn, "cudaMemcpy to device", cudaMemcpy(mats.ptr, handles, count * sizeof(uint64_t), cudaMemcpyHostToDevice));
    PL_CK(fn, "cudaMemcpy to device", cudaMemcpy(cols.ptr, columns, count * sizeof(uint64_t), cudaMemcpyHostToDevice));
    PL_CK(fn, "cudaMemcpy to device", cudaMemcpy(w0.ptr, weights0, total * sizeof(uint64_t), cudaMemcpyHostToDevice));
    PL_CK(fn, "cudaMemcpy to device", cudaMemcpy(w1.ptr, weights1, total * sizeof(uint64_t), cudaMemcpyHostToDevice));
    k_combine<<<grid(rows), THREADS>>>((const uint64_t *const *) mats.ptr, cols.ptr, count, rows, w0.ptr, w1.ptr, o0.ptr, o1.ptr);
    PL_CK(fn, "kernel launch", cudaGetLastError());
    /* the weights are freed at return: the kernel (on this thread's default stream) must be done with them */
    PL_CK(fn, "kernel", cudaStreamSynchronize(0));
    return PL_OK;
}

}  // namespace

extern "C" {

int32_t pl_combine_columns(const uint64_t *handles, const uint64_t *columns, uint64_t count, uint64_t rows,
                           const uint64_t *weights0, const uint64_t *weights1, uint64_t *out0, uint64_t *out1) {
    const char *fn = "pl_combine_columns";
    pl_clear_error();
    int32_t st = pl_check_sums(fn, handles, columns, count, weights0, weights1, out0, out1);
    if (!st) st = require_device(fn);
    if (st || rows == 0) return st;
    DeviceBuffer o0, o1;
    st = combine_on_device(fn, handles, columns, count, rows, weights0, weights1, o0, o1);
    if (st) return st;
    PL_CK(fn, "cudaMemcpy to host", cudaMemcpy(out0, o0.ptr, rows * sizeof(uint64_t), cudaMemcpyDeviceToHost));
    PL_CK(fn, "cudaMemcpy to host", cudaMemcpy(out1, o1.ptr, rows * sizeof(uint64_t), cudaMemcpyDeviceToHost));
    return PL_OK;
}

/* Both sums on the device (pl_combine_columns' kernel), the divisions there too, then the codeword to the host. */
int32_t pl_deep_codeword(const uint64_t *handles, const uint64_t *columns, uint64_t count, const uint64_t *weights0,
                         const uint64_t *weights1, uint64_t next_handle, uint64_t next_columns,
                         const uint64_t *next_weights0, const uint64_t *next_weights1, uint32_t log_rows,
                         uint64_t shift, const uint64_t *values, uint64_t *out0, uint64_t *out1) {
    const char *fn = "pl_deep_codeword";
    pl_clear_error();
    int32_t st = pl_check_deep(fn, handles, columns, count, weights0, weights1, next_handle, next_weights0,
                               next_weights1, log_rows, values, out0, out1);
    if (st) return st;
    st = require_device(fn);
    if (st) return st;
    uint64_t rows = 1ull << log_rows;
    DeviceBuffer s0, s1, t0, t1, flag;
    st = combine_on_device(fn, handles, columns, count, rows, weights0, weights1, s0, s1);
    if (st) return st;
    st = combine_on_device(fn, &next_handle, &next_columns, 1, rows, next_weights0, next_weights1, t0, t1);
    if (st) return st;
    PL_CK(fn, "cudaMalloc", cudaMalloc(&flag.ptr, sizeof(uint64_t)));
    PL_CK(fn, "cudaMemset", cudaMemset(flag.ptr, 0, sizeof(uint64_t)));
    DeepValues d;
    memcpy(d.v, values, sizeof d.v);
    k_deep<<<grid(rows), THREADS>>>(s0.ptr, s1.ptr, t0.ptr, t1.ptr, log_rows, shift, pl_root_of_unity(log_rows), d,
                                    (int *) flag.ptr);
    PL_CK(fn, "kernel launch", cudaGetLastError());
    int zero = 0;
    PL_CK(fn, "cudaMemcpy to host", cudaMemcpy(&zero, flag.ptr, sizeof zero, cudaMemcpyDeviceToHost));
    if (zero) return pl_fail(PL_ERR_ARGUMENT, "%s: a point of the domain is zeta or zeta_next", fn);
    PL_CK(fn, "cudaMemcpy to host", cudaMemcpy(out0, s0.ptr, rows * sizeof(uint64_t), cudaMemcpyDeviceToHost));
    PL_CK(fn, "cudaMemcpy to host", cudaMemcpy(out1, s1.ptr, rows * sizeof(uint64_t), cudaMemcpyDeviceToHost));
    return PL_OK;
}

/*
 * The program runs on the device over the extensions where pl_commit_lde kept them: only the
 * program, its constants, the public inputs' column and the quotient cross.
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
    st = require_device(fn);
    if (st) return st;
    QuotientDomain q;
    for (int i = 0; i < 3; i++) q.ext[i] = (const uint64_t *) (uintptr_t) handles[i];
    q.log_extension_rows = log_extension_rows;
    q.log_length = log_n + log_blowup;
    q.blowup = 1ull << log_blowup;
    q.shift = shift;
    q.w = pl_root_of_unity(q.log_length);
    q.n_inverse = pl_inverse(1ull << log_n);
    std::vector<uint64_t> zh(2 * q.blowup);
    if ((st = pl_quotient_vanishing(fn, log_n, log_blowup, shift, zh.data(), zh.data() + q.blowup))) return st;
    DeviceBuffer dprog, dconst, dzh, dpub, o0, o1, flag;
    PL_CK(fn, "cudaMalloc", cudaMalloc(&dprog.ptr, 4 * instructions * sizeof(uint32_t)));
    PL_CK(fn, "cudaMalloc", cudaMalloc(&dconst.ptr, (constant_count ? constant_count : 1) * sizeof(uint64_t)));
    PL_CK(fn, "cudaMalloc", cudaMalloc(&dzh.ptr, zh.size() * sizeof(uint64_t)));
    PL_CK(fn, "cudaMalloc", cudaMalloc(&dpub.ptr, rows * sizeof(uint64_t)));
    PL_CK(fn, "cudaMalloc", cudaMalloc(&o0.ptr, rows * sizeof(uint64_t)));
    PL_CK(fn, "cudaMalloc", cudaMalloc(&o1.ptr, rows * sizeof(uint64_t)));
    PL_CK(fn, "cudaMalloc", cudaMalloc(&flag.ptr, sizeof(uint64_t)));
    PL_CK(fn, "cudaMemcpy to device", cudaMemcpy(dprog.ptr, program, 4 * instructions * sizeof(uint32_t), cudaMemcpyHostToDevice));
    if (constant_count)
        PL_CK(fn, "cudaMemcpy to device", cudaMemcpy(dconst.ptr, constants, constant_count * sizeof(uint64_t), cudaMemcpyHostToDevice));
    PL_CK(fn, "cudaMemcpy to device", cudaMemcpy(dzh.ptr, zh.data(), zh.size() * sizeof(uint64_t), cudaMemcpyHostToDevice));
    PL_CK(fn, "cudaMemcpy to device", cudaMemcpy(dpub.ptr, public_input, rows * sizeof(uint64_t), cudaMemcpyHostToDevice));
    PL_CK(fn, "cudaMemset", cudaMemset(flag.ptr, 0, sizeof(uint64_t)));
    const uint32_t *code = (const uint32_t *) dprog.ptr;
    if (registers <= 64)
        k_quotient<64><<<grid(rows), THREADS>>>(code, instructions, dconst.ptr, q, dpub.ptr, dzh.ptr, rows, o0.ptr, o1.ptr,
                                                (int *) flag.ptr);
    else if (registers <= 128)
        k_quotient<128><<<grid(rows), THREADS>>>(code, instructions, dconst.ptr, q, dpub.ptr, dzh.ptr, rows, o0.ptr, o1.ptr,
                                                 (int *) flag.ptr);
    else
        k_quotient<PL_Q_MAX_REGISTERS><<<grid(rows), THREADS>>>(code, instructions, dconst.ptr, q, dpub.ptr, dzh.ptr, rows,
                                                                o0.ptr, o1.ptr, (int *) flag.ptr);
    PL_CK(fn, "kernel launch", cudaGetLastError());
    int one = 0;
    PL_CK(fn, "cudaMemcpy to host", cudaMemcpy(&one, flag.ptr, sizeof one, cudaMemcpyDeviceToHost));
    if (one) return pl_fail(PL_ERR_ARGUMENT, "%s: the point 1 is on the domain", fn);
    PL_CK(fn, "cudaMemcpy to host", cudaMemcpy(out0, o0.ptr, rows * sizeof(uint64_t), cudaMemcpyDeviceToHost));
    PL_CK(fn, "cudaMemcpy to host", cudaMemcpy(out1, o1.ptr, rows * sizeof(uint64_t), cudaMemcpyDeviceToHost));
    return PL_OK;
}

int32_t pl_fri_fold(const uint64_t *c0, const uint64_t *c1, const uint64_t *x_inverses, uint64_t cosets, uint32_t log_arity,
                    uint64_t beta0, uint64_t beta1, uint64_t *out0, uint64_t *out1) {
    const char *fn = "pl_fri_fold";
    pl_clear_error();
    if (!c0 || !c1 || !x_inverses || !out0 || !out1) return pl_fail(PL_ERR_ARGUMENT, "%s: null pointer", fn);
    if (log_arity < 1 || log_arity > 4)
        return pl_fail(PL_ERR_ARGUMENT, "%s: log2 of the folding arity must be in [1, 4], got %u", fn, log_arity);
    int32_t st = require_device(fn);
    if (st || cosets == 0) return st;
    uint64_t table[PL_FOLD_TABLE];
    pl_fold_table(log_arity, table);
    uint64_t len = cosets << log_arity;
    DeviceBuffer d0, d1, dx, dtable, o0, o1;
    PL_CK(fn, "cudaMalloc", cudaMalloc(&d0.ptr, len * sizeof(uint64_t)));
    PL_CK(fn, "cudaMalloc", cudaMalloc(&d1.ptr, len * sizeof(uint64_t)));
    PL_CK(fn, "cudaMalloc", cudaMalloc(&dx.ptr, cosets * sizeof(uint64_t)));
    PL_CK(fn, "cudaMalloc", cudaMalloc(&dtable.ptr, sizeof table));
    PL_CK(fn, "cudaMalloc", cudaMalloc(&o0.ptr, cosets * sizeof(uint64_t)));
    PL_CK(fn, "cudaMalloc", cudaMalloc(&o1.ptr, cosets * sizeof(uint64_t)));
    PL_CK(fn, "cudaMemcpy to device", cudaMemcpy(d0.ptr, c0, len * sizeof(uint64_t), cudaMemcpyHostToDevice));
    PL_CK(fn, "cudaMemcpy to device", cudaMemcpy(d1.ptr, c1, len * sizeof(uint64_t), cudaMemcpyHostToDevice));
    PL_CK(fn, "cudaMemcpy to device", cudaMemcpy(dx.ptr, x_inverses, cosets * sizeof(uint64_t), cudaMemcpyHostToDevice));
    PL_CK(fn, "cudaMemcpy to device", cudaMemcpy(dtable.ptr, table, sizeof table, cudaMemcpyHostToDevice));
    k_fold<<<grid(cosets), THREADS>>>(d0.ptr, d1.ptr, dx.ptr, cosets, log_arity, beta0, beta1, dtable.ptr, o0.ptr, o1.ptr);
    PL_CK(fn, "kernel launch", cudaGetLastError());
    PL_CK(fn, "cudaMemcpy to host", cudaMemcpy(out0, o0.ptr, cosets * sizeof(uint64_t), cudaMemcpyDeviceToHost));
    PL_CK(fn, "cudaMemcpy to host", cudaMemcpy(out1, o1.ptr, cosets * sizeof(uint64_t), cudaMemcpyDeviceToHost));
    return PL_OK;
}

}  // extern "C"
