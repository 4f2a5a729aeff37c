/* The AVX2 kernels of the CPU build (avx2.c); call only when the CPU has AVX2. */
#ifndef PL_AVX2_H
#define PL_AVX2_H

#include <stddef.h>
#include <stdint.h>

/* DIF butterflies q in [from, to) of a group at x with half-size h, twiddles t = tw + h; to - from a multiple of 4. */
void pl_avx2_dif_run(uint64_t *x, size_t h, const uint64_t *t, size_t from, size_t to);
/* the DIF stages of half-size 4, 2 and 1 on a block of a multiple of 8 elements */
void pl_avx2_dif_last3(uint64_t *a, size_t size, const uint64_t *tw);
/* dst[i] = src[i] * start * g^i, n a multiple of 4 */
void pl_avx2_mul_powers(const uint64_t *src, uint64_t *dst, size_t n, uint64_t start, uint64_t g);
/* the sums w0 v[i] and w1 v[i] added to as limbs L + H 2^32 (mod p): l0, h0 for w0 and l1, h1 for w1; n a multiple of 8 */
void pl_avx2_add_scaled2_limbs(uint64_t *l0, uint64_t *h0, uint64_t *l1, uint64_t *h1, const uint64_t *v, uint64_t w0,
                               uint64_t w1, size_t n);
/* four Poseidon2 states stored one after another */
void pl_avx2_permute4(uint64_t *states);
/* the digests of rows r .. r + 7 of a column-major matrix */
void pl_avx2_hash_rows8(const uint64_t *matrix, uint64_t width, uint64_t rows, uint64_t r, uint64_t *digests);
/* parents i .. i + 7 of one Merkle layer */
void pl_avx2_compress8(const uint64_t *below, uint64_t i, uint64_t *layer);
/* one quotient-program instruction (a PL_Q_ arithmetic opcode) over n rows, n a multiple of 4 */
void pl_avx2_block_op(uint32_t op, uint64_t *d, const uint64_t *a, const uint64_t *b, uint64_t k, size_t n);

#endif
