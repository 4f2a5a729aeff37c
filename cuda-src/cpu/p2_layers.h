/*
 * What the vector kernels' Poseidon2 external layer adds to its outputs (avx2.c, avx512.c).
 * Those kernels take the last product of a full round's s-box to the external layer as two
 * unreduced limbs, x = lo + hi 2^32 mod p (v_product_limbs), and make each output from limbs:
 * the constants below are added to an output's limbs before it is put together. Filled once per
 * process, before any kernel runs (proofline_cpu.c).
 */
#ifndef PL_P2_LAYERS_H
#define PL_P2_LAYERS_H

#include <stdint.h>

/*
 * A 128-bit product with 32-bit parts l0..l3 is (l0 - l2 - l3) + (l1 + l2) 2^32 mod p, since
 * 2^64 = 2^32 - 1 and 2^96 = -1; its low limb may be negative. Each input of the layer is
 * given 2p as these limbs, (2^33 + 2) + (2^33 - 4) 2^32, which makes both limbs non-negative;
 * an output's share is its weight times that.
 */
#define P2_LIMB_OFFSET_LO ((1ULL << 33) + 2)
#define P2_LIMB_OFFSET_HI ((1ULL << 33) - 4)

/*
 * Per layer (0 before the first full round, k after full round k - 1) and output lane: the next
 * full round's constant where one follows the layer (that round then adds none), plus the
 * offsets after a full round.
 */
extern uint64_t p2_external_lo[9][12], p2_external_hi[9][12];

void p2_fill_external_constants(void);

#endif
