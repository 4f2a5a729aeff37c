/*
 * Proofline native prover ABI: the hot loops of the Plonkish/FRI prover over Goldilocks
 * (p = 2^64 - 2^32 + 1), implemented twice with the same exported symbols: C for the CPU
 * (libproofline_cpu.so; portable loops, AVX2 or AVX-512F kernels chosen at load time) and
 * CUDA (libproofline_cuda.so). The Java back end in
 * native-bindings loads one of them per back end and must get results bit-identical to the
 * pure Java reference (io.proofline.backend.JavaBackend).
 *
 * Conventions, all mirroring the Java SPI (io.proofline.backend):
 *  - field elements are uint64_t in canonical form [0, p); inputs must be canonical;
 *  - a matrix of `columns` columns of `n` elements is one buffer, column-major: element r of
 *    column c at [c * n + r];
 *  - digests are 4 consecutive elements, digest i at [4i, 4i + 4);
 *  - extension elements of F[x]/(x^2 - 7) are two parallel arrays (c0, c1);
 *  - all pointers are host memory owned by the caller; nothing is retained after a call, except
 *    an extension that pl_commit_lde is asked to keep, until pl_release.
 *
 * Every function returns a status: PL_OK (0) or one of the PL_ERR_* codes, and on failure
 * pl_last_error() describes the problem (per calling thread). No structs, no callbacks.
 */
#ifndef PROOFLINE_NATIVE_H
#define PROOFLINE_NATIVE_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PL_OK 0
/** An argument is out of range: a null pointer, a size that is not a power of two, ... */
#define PL_ERR_ARGUMENT 1
/** No usable device (CUDA build without a GPU or driver). */
#define PL_ERR_NO_DEVICE 2
/** The device or runtime failed during the call. */
#define PL_ERR_DEVICE 3
/** Host or device memory could not be allocated. */
#define PL_ERR_MEMORY 4

/** The largest supported log2 column length (as the Java back end: 2^30). */
#define PL_MAX_LOG_LENGTH 30
/** The largest supported log2 blowup of a low-degree extension. */
#define PL_MAX_LOG_BLOWUP 10

/** The implementation's name, "native-cpu" or "cuda"; a static string. */
const char *pl_backend_name(void);

/**
 * The kernels doing the work, a static string: for native-cpu the vector set chosen once per
 * process ("avx512", "avx2" or "portable"; PROOFLINE_NATIVE_ISA asks for one, and a CPU that
 * lacks it falls back), for the CUDA library "cuda".
 */
const char *pl_kernel_set(void);

/** A description of the calling thread's last failure, or "" if none; valid until the next call. */
const char *pl_last_error(void);

/**
 * How many devices the implementation can use: CPU build 1 (the host), CUDA build the GPU
 * count; the CUDA build returns PL_ERR_NO_DEVICE with *count = 0 when the runtime finds no
 * usable driver or GPU, and every other entry point then fails the same way.
 */
int32_t pl_device_count(int32_t *count);

/** Free and total memory of the device in use, in bytes (the host's for the CPU build). */
int32_t pl_memory_info(uint64_t *free_bytes, uint64_t *total_bytes);

/**
 * In place, every column: coefficients in natural order to evaluations f(w^i) in natural
 * order, w = the order-2^log_n root of unity 7^((p-1)/2^32) squared down.
 */
int32_t pl_ntt_forward(uint64_t *data, uint64_t columns, uint32_t log_n);

/** In place inverse of pl_ntt_forward, including the 1/n scaling. */
int32_t pl_ntt_inverse(uint64_t *data, uint64_t columns, uint32_t log_n);

/** In place: coefficients to evaluations at shift * w^i, natural order. */
int32_t pl_ntt_coset_forward(uint64_t *data, uint64_t columns, uint32_t log_n, uint64_t shift);

/**
 * Coset low-degree extension of coefficient columns of 2^log_n elements into `out`, columns of
 * 2^(log_n + log_blowup) elements holding f(shift * W^rev(j)) at position j (rev reverses
 * log_n + log_blowup bits, W the root of unity of that order). `coefficients` is not modified.
 * log_blowup 0 gives the values on the coset shift * H of the order-2^log_n subgroup H itself, in
 * bit-reversed order (a block of a larger extension that no power-of-two blowup holds alone).
 */
int32_t pl_coset_lde(const uint64_t *coefficients, uint64_t columns, uint32_t log_n, uint32_t log_blowup,
                     uint64_t shift, uint64_t *out);

/** As pl_coset_lde, from evaluations on the order-2^log_n subgroup in natural order. */
int32_t pl_coset_lde_from_evaluations(const uint64_t *evaluations, uint64_t columns, uint32_t log_n,
                                      uint32_t log_blowup, uint64_t shift, uint64_t *out);

/** Permutes `count` Poseidon2 (width 12) states stored one after another, in place. */
int32_t pl_poseidon2_permute(uint64_t *states, uint64_t count);

/**
 * Hashes every row of a column-major matrix (`width` columns of `rows` elements, width >= 1)
 * with the Poseidon2 sponge (rate 8; the row length in lane 8 first; chunks overwrite lanes
 * 0..7), writing the digest of row r to digests[4r .. 4r + 4).
 */
int32_t pl_hash_rows(const uint64_t *matrix, uint64_t width, uint64_t rows, uint64_t *digests);

/**
 * The layers of a Merkle tree above its 2^log_leaves leaf digests, up to the cap of 2^log_cap
 * digests: layer k (1 <= k <= log_leaves - log_cap) has 2^(log_leaves - k) digests, node i
 * compressing nodes 2i and 2i + 1 of layer k - 1; the layers are written one after another
 * to `layers`, 4 * (2^log_leaves - 2^log_cap) elements in all.
 */
int32_t pl_merkle_layers(const uint64_t *leaf_digests, uint32_t log_leaves, uint32_t log_cap, uint64_t *layers);

/**
 * What the prover does to commit to columns, in one call: pl_coset_lde of the coefficients into
 * `out`, pl_hash_rows over the extension's 2^(log_n + log_blowup) rows into `digests`, and
 * pl_merkle_layers above those digests up to the cap of 2^log_cap into `layers` (nothing when
 * log_cap equals log_n + log_blowup; more is refused). One call lets an implementation hash the
 * extension where it made it: the CUDA build keeps it on the device for the hashing and copies it
 * to `out` meanwhile, instead of copying it back and forth.
 *
 * With `keep` not null the extension also stays where it was made, and *keep receives a handle
 * to it for pl_combine_columns, valid until pl_release(*keep): the CUDA build keeps its device
 * copy (device memory held until the release); the CPU build's handle is `out` itself, which must
 * then stay valid and unchanged until the release.
 */
int32_t pl_commit_lde(const uint64_t *coefficients, uint64_t columns, uint32_t log_n, uint32_t log_blowup,
                      uint64_t shift, uint32_t log_cap, uint64_t *out, uint64_t *digests, uint64_t *layers,
                      uint64_t *keep);

/**
 * pl_commit_lde of columns given by their values on the order-2^log_n subgroup in natural order,
 * also writing their coefficients (natural order: pl_ntt_inverse of the values) to
 * `coefficients`: the prover's interpolation and commitment in one call, so that the CUDA build
 * uploads the values once and makes the coefficients and the extension on the device. keep as
 * for pl_commit_lde; `evaluations` is not modified.
 */
int32_t pl_commit_evaluations(const uint64_t *evaluations, uint64_t columns, uint32_t log_n, uint32_t log_blowup,
                              uint64_t shift, uint32_t log_cap, uint64_t *coefficients, uint64_t *out, uint64_t *digests,
                              uint64_t *layers, uint64_t *keep);

/** Lets go of an extension kept by pl_commit_lde; each handle once. */
int32_t pl_release(uint64_t handle);

/**
 * Columns of kept extensions summed with extension-field weights, for every row r < rows:
 * out0[r] + out1[r] x = sum over k of (weights0[k] + weights1[k] x) * v_k[r], where v_0, v_1, ...
 * are the first columns[0] columns of the extension kept under handles[0], then the first
 * columns[1] of handles[1], and so on (each extension of `rows` rows). The DEEP composition's
 * sums: on the CUDA build the extensions are read where they were kept, and only the two result
 * columns cross to the host.
 */
int32_t pl_combine_columns(const uint64_t *handles, const uint64_t *columns, uint64_t count, uint64_t rows,
                           const uint64_t *weights0, const uint64_t *weights1, uint64_t *out0, uint64_t *out1);

/**
 * The DEEP composition's codeword in one call. With s the sums pl_combine_columns makes of
 * (handles, columns, count, weights0, weights1) and t those of the first next_columns columns of
 * the extension kept under next_handle (weights next_weights0, next_weights1), for every row
 * r < 2^log_rows:
 *   out0[r] + out1[r] x = (s[r] - claimed) / (x_r - zeta) + (t[r] - claimed_next) / (x_r - zeta_next),
 * where x_r = shift * w^rev(r) is row r of a coset extension in bit-reversed order (w of order
 * 2^log_rows, rev reversing log_rows bits) and the extension values are pairs (c0, c1) of
 * F[x]/(x^2 - 7): values = {claimed, claimed_next, zeta, zeta_next}, eight elements. On the CUDA
 * build the sums, the divisions and the points stay on the device; only the codeword comes back.
 * PL_ERR_ARGUMENT where some x_r equals zeta or zeta_next.
 */
int32_t pl_deep_codeword(const uint64_t *handles, const uint64_t *columns, uint64_t count, const uint64_t *weights0,
                         const uint64_t *weights1, uint64_t next_handle, uint64_t next_columns,
                         const uint64_t *next_weights0, const uint64_t *next_weights1, uint32_t log_rows,
                         uint64_t shift, const uint64_t *values, uint64_t *out0, uint64_t *out1);

/**
 * One FRI folding round by 2^log_arity (1 to 4) of an extension codeword of
 * cosets * 2^log_arity elements stored coset after coset in bit-reversed order; x_inverses holds
 * 1/x_j per coset; beta = beta0 + beta1 x. Writes `cosets` elements to out0/out1.
 */
int32_t pl_fri_fold(const uint64_t *c0, const uint64_t *c1, const uint64_t *x_inverses, uint64_t cosets,
                    uint32_t log_arity, uint64_t beta0, uint64_t beta1, uint64_t *out0, uint64_t *out1);

/*
 * Opcodes of a quotient program (pl_quotient), io.proofline.backend.QuotientProgram's: an
 * instruction is four uint32_t, op, dst, a, b, over registers r[] of base-field values, k = a
 * constant's index.
 */
/** r[dst] = constants[a] */
#define PL_Q_CONST 0
/** r[dst] = column b of extension a (0 setup, 1 witness, 2 products) at the row */
#define PL_Q_COLUMN 1
/** as PL_Q_COLUMN, at the row of omega x */
#define PL_Q_NEXT 2
/** r[dst] = the public inputs' column at the row */
#define PL_Q_PUBLIC 3
/** r[dst] = the row's point x */
#define PL_Q_X 4
/** r[dst] = L_0(x) = (x^n - 1) / (n (x - 1)) */
#define PL_Q_L0 5
/** r[dst] = r[a] + r[b], r[a] - r[b], r[a] * r[b] */
#define PL_Q_ADD 6
#define PL_Q_SUB 7
#define PL_Q_MUL 8
/** r[dst] = r[a] + constants[b], r[a] - constants[b], constants[b] - r[a], r[a] * constants[b] */
#define PL_Q_ADD_CONST 9
#define PL_Q_SUB_CONST 10
#define PL_Q_CONST_SUB 11
#define PL_Q_MUL_CONST 12
/** the numerator is (r[a], r[b]); the last instruction, and the only one of its kind */
#define PL_Q_OUT 13
/** The most registers a quotient program may use. */
#define PL_Q_MAX_REGISTERS 512

/**
 * The quotient C(x) / (x^n - 1) on its domain, C given as a program (the opcodes above) that
 * every row runs: for each row r < rows, with L = log_n + log_blowup, x_r = shift * W^rev(r)
 * (W of order 2^L, rev reversing L bits) and n = 2^log_n, the program's numerator at row r times
 * 1 / (x_r^n - 1) into (out0[r], out1[r]). handles[3] are the setup, witness and products
 * extensions kept by pl_commit_lde (columns[i] columns of 2^log_extension_rows rows each, those
 * rows a coset extension in bit-reversed order whose first 2^L rows are this domain), read where
 * they were kept; public_input holds `rows` values. The row of omega x (omega of order n) is
 * rev(rev(r) + 2^log_blowup mod 2^L). rows: a multiple of n, at most 2^L.
 */
int32_t pl_quotient(const uint64_t *handles, const uint64_t *columns, uint32_t log_extension_rows, uint32_t log_n,
                    uint32_t log_blowup, uint64_t rows, uint64_t shift, const uint32_t *program, uint64_t instructions,
                    const uint64_t *constants, uint64_t constant_count, uint32_t registers, const uint64_t *public_input,
                    uint64_t *out0, uint64_t *out1);

/*
 * The entry points as function pointer types, one per function above, so that bindings can
 * resolve each symbol in the library they load (the CPU and CUDA builds export the same names)
 * and call it through its address.
 */
typedef const char *(*pl_backend_name_fn)(void);
typedef const char *(*pl_kernel_set_fn)(void);
typedef const char *(*pl_last_error_fn)(void);
typedef int32_t (*pl_device_count_fn)(int32_t *count);
typedef int32_t (*pl_memory_info_fn)(uint64_t *free_bytes, uint64_t *total_bytes);
typedef int32_t (*pl_ntt_forward_fn)(uint64_t *data, uint64_t columns, uint32_t log_n);
typedef int32_t (*pl_ntt_inverse_fn)(uint64_t *data, uint64_t columns, uint32_t log_n);
typedef int32_t (*pl_ntt_coset_forward_fn)(uint64_t *data, uint64_t columns, uint32_t log_n, uint64_t shift);
typedef int32_t (*pl_coset_lde_fn)(const uint64_t *coefficients, uint64_t columns, uint32_t log_n, uint32_t log_blowup, uint64_t shift, uint64_t *out);
typedef int32_t (*pl_coset_lde_from_evaluations_fn)(const uint64_t *evaluations, uint64_t columns, uint32_t log_n, uint32_t log_blowup, uint64_t shift, uint64_t *out);
typedef int32_t (*pl_poseidon2_permute_fn)(uint64_t *states, uint64_t count);
typedef int32_t (*pl_hash_rows_fn)(const uint64_t *matrix, uint64_t width, uint64_t rows, uint64_t *digests);
typedef int32_t (*pl_merkle_layers_fn)(const uint64_t *leaf_digests, uint32_t log_leaves, uint32_t log_cap, uint64_t *layers);
typedef int32_t (*pl_commit_lde_fn)(const uint64_t *coefficients, uint64_t columns, uint32_t log_n, uint32_t log_blowup, uint64_t shift, uint32_t log_cap, uint64_t *out, uint64_t *digests, uint64_t *layers, uint64_t *keep);
typedef int32_t (*pl_commit_evaluations_fn)(const uint64_t *evaluations, uint64_t columns, uint32_t log_n, uint32_t log_blowup, uint64_t shift, uint32_t log_cap, uint64_t *coefficients, uint64_t *out, uint64_t *digests, uint64_t *layers, uint64_t *keep);
typedef int32_t (*pl_release_fn)(uint64_t handle);
typedef int32_t (*pl_combine_columns_fn)(const uint64_t *handles, const uint64_t *columns, uint64_t count, uint64_t rows, const uint64_t *weights0, const uint64_t *weights1, uint64_t *out0, uint64_t *out1);
typedef int32_t (*pl_deep_codeword_fn)(const uint64_t *handles, const uint64_t *columns, uint64_t count, const uint64_t *weights0, const uint64_t *weights1, uint64_t next_handle, uint64_t next_columns, const uint64_t *next_weights0, const uint64_t *next_weights1, uint32_t log_rows, uint64_t shift, const uint64_t *values, uint64_t *out0, uint64_t *out1);
typedef int32_t (*pl_quotient_fn)(const uint64_t *handles, const uint64_t *columns, uint32_t log_extension_rows, uint32_t log_n, uint32_t log_blowup, uint64_t rows, uint64_t shift, const uint32_t *program, uint64_t instructions, const uint64_t *constants, uint64_t constant_count, uint32_t registers, const uint64_t *public_input, uint64_t *out0, uint64_t *out1);
typedef int32_t (*pl_fri_fold_fn)(const uint64_t *c0, const uint64_t *c1, const uint64_t *x_inverses, uint64_t cosets, uint32_t log_arity, uint64_t beta0, uint64_t beta1, uint64_t *out0, uint64_t *out1);

#ifdef __cplusplus
}
#endif

#endif /* PROOFLINE_NATIVE_H */
