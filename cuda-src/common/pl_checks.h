/*
 * The argument checks of the ABI's extension calls, the same in both implementations' host code,
 * so that both refuse the same inputs with the same words (the differential tests compare them).
 */
#ifndef PL_CHECKS_H
#define PL_CHECKS_H

#include "proofline_native.h"
#include "pl_error.h"
#include "pl_field.h"

/*
 * Whether `columns` columns of 2^log_length elements fit in 64-bit byte counts (log_length at most
 * PL_MAX_LOG_LENGTH), so that no size computed from them wraps.
 */
static inline int32_t pl_check_elements(const char *fn, uint64_t columns, uint32_t log_length) {
    if (columns > (UINT64_MAX / sizeof(uint64_t)) >> log_length)
        return pl_fail(PL_ERR_ARGUMENT, "%s: %llu columns of 2^%u elements exceed 64-bit sizes", fn,
                       (unsigned long long) columns, log_length);
    return PL_OK;
}

/*
 * The pointers and sizes of pl_coset_lde and the calls built on it; log_blowup from min_log_blowup
 * (0 for pl_coset_lde alone: the values on the coset itself). The sum is taken in 64 bits, so that
 * no log_n wraps it into range, and the extension's element count must fit byte sizes.
 */
static inline int32_t pl_check_lde_from(const char *fn, const void *in, const void *out, uint64_t columns, uint32_t log_n,
                                        uint32_t log_blowup, uint32_t min_log_blowup) {
    if (!in || !out) return pl_fail(PL_ERR_ARGUMENT, "%s: null pointer", fn);
    if (log_blowup < min_log_blowup || log_blowup > PL_MAX_LOG_BLOWUP)
        return pl_fail(PL_ERR_ARGUMENT, "%s: logBlowup must be in [%u, %d], got %u", fn, min_log_blowup, PL_MAX_LOG_BLOWUP,
                       log_blowup);
    if ((uint64_t) log_n + log_blowup > PL_MAX_LOG_LENGTH)
        return pl_fail(PL_ERR_ARGUMENT, "%s: extended length 2^%llu exceeds 2^%d", fn,
                       (unsigned long long) log_n + log_blowup, PL_MAX_LOG_LENGTH);
    return pl_check_elements(fn, columns, log_n + log_blowup);
}

static inline int32_t pl_check_lde(const char *fn, const void *in, const void *out, uint64_t columns, uint32_t log_n,
                                   uint32_t log_blowup) {
    return pl_check_lde_from(fn, in, out, columns, log_n, log_blowup, 1);
}

static inline int32_t pl_check_coset_lde(const char *fn, const void *in, const void *out, uint64_t columns, uint32_t log_n,
                                         uint32_t log_blowup) {
    return pl_check_lde_from(fn, in, out, columns, log_n, log_blowup, 0);
}

/* What pl_commit_lde checks beyond pl_check_lde: the tree's buffers, its cap, some columns. */
static inline int32_t pl_check_commit(const char *fn, const void *digests, const void *layers, uint64_t columns,
                                      uint32_t log_rows, uint32_t log_cap) {
    if (!digests || !layers) return pl_fail(PL_ERR_ARGUMENT, "%s: null pointer", fn);
    if (log_cap > log_rows) return pl_fail(PL_ERR_ARGUMENT, "%s: cap log size %u outside [0, %u]", fn, log_cap, log_rows);
    if (columns == 0) return pl_fail(PL_ERR_ARGUMENT, "%s: cannot commit to no columns", fn);
    return PL_OK;
}

/* The pointers and handles of pl_combine_columns: no null pointer, no null handle among the count. */
static inline int32_t pl_check_sums(const char *fn, const uint64_t *handles, const void *columns, uint64_t count,
                                    const void *weights0, const void *weights1, const void *out0, const void *out1) {
    if (!handles || !columns || !weights0 || !weights1 || !out0 || !out1) return pl_fail(PL_ERR_ARGUMENT, "%s: null pointer", fn);
    for (uint64_t i = 0; i < count; i++) {
        if (!handles[i]) return pl_fail(PL_ERR_ARGUMENT, "%s: handle %llu is null", fn, (unsigned long long) i);
    }
    return PL_OK;
}

/* What pl_deep_codeword checks beyond pl_check_sums for its sums: the next-row sums' pointers, the values, the length. */
static inline int32_t pl_check_deep(const char *fn, const uint64_t *handles, const void *columns, uint64_t count,
                                    const void *weights0, const void *weights1, uint64_t next_handle,
                                    const void *next_weights0, const void *next_weights1, uint32_t log_rows,
                                    const void *values, const void *out0, const void *out1) {
    int32_t st = pl_check_sums(fn, handles, columns, count, weights0, weights1, out0, out1);
    if (st) return st;
    if (!next_weights0 || !next_weights1 || !values) return pl_fail(PL_ERR_ARGUMENT, "%s: null pointer", fn);
    if (!next_handle) return pl_fail(PL_ERR_ARGUMENT, "%s: the next-row handle is null", fn);
    if (log_rows > PL_MAX_LOG_LENGTH)
        return pl_fail(PL_ERR_ARGUMENT, "%s: length 2^%u exceeds 2^%d", fn, log_rows, PL_MAX_LOG_LENGTH);
    return PL_OK;
}

/*
 * What pl_quotient checks: the pointers and handles, the domain's sizes, and the program: every
 * opcode known, every register below `registers` and written before it is read, every constant
 * and column in range, one PL_Q_OUT and last. So a malformed program is refused before any row
 * runs, and no instruction reads outside the buffers.
 */
static inline int32_t pl_check_quotient(const char *fn, const uint64_t *handles, const uint64_t *columns,
                                        uint32_t log_extension_rows, uint32_t log_n, uint32_t log_blowup, uint64_t rows,
                                        const uint32_t *program, uint64_t instructions, const uint64_t *constants,
                                        uint64_t constant_count, uint32_t registers, const uint64_t *public_input,
                                        const void *out0, const void *out1) {
    if (!handles || !columns || !program || !public_input || !out0 || !out1 || (constant_count && !constants))
        return pl_fail(PL_ERR_ARGUMENT, "%s: null pointer", fn);
    for (int i = 0; i < 3; i++) {
        if (!handles[i]) return pl_fail(PL_ERR_ARGUMENT, "%s: handle %d is null", fn, i);
    }
    uint64_t log_length = (uint64_t) log_n + log_blowup;
    if (log_blowup > PL_MAX_LOG_BLOWUP || log_length > log_extension_rows || log_extension_rows > PL_MAX_LOG_LENGTH)
        return pl_fail(PL_ERR_ARGUMENT, "%s: a domain of 2^%u + %u points in extensions of 2^%u rows", fn, log_n, log_blowup,
                       log_extension_rows);
    if (rows == 0 || rows > (1ull << log_length) || (rows & ((1ull << log_n) - 1)))
        return pl_fail(PL_ERR_ARGUMENT, "%s: %llu rows are not a multiple of 2^%u within 2^%u", fn, (unsigned long long) rows,
                       log_n, (uint32_t) log_length);
    if (registers < 1 || registers > PL_Q_MAX_REGISTERS)
        return pl_fail(PL_ERR_ARGUMENT, "%s: %u registers, at most %d", fn, registers, PL_Q_MAX_REGISTERS);
    if (instructions == 0 || program[4 * (instructions - 1)] != PL_Q_OUT)
        return pl_fail(PL_ERR_ARGUMENT, "%s: the program does not end with OUT", fn);
    uint8_t written[PL_Q_MAX_REGISTERS] = {0};
    for (uint64_t i = 0; i < instructions; i++) {
        const uint32_t *in = program + 4 * i;
        uint32_t op = in[0], dst = in[1], a = in[2], b = in[3];
        int reads = 0; /* 1: r[a], 2: r[a] and r[b] */
        switch (op) {
        case PL_Q_CONST:
            if (a >= constant_count) goto bad;
            break;
        case PL_Q_COLUMN:
        case PL_Q_NEXT:
            if (a > 2 || b >= columns[a]) goto bad;
            break;
        case PL_Q_PUBLIC:
        case PL_Q_X:
        case PL_Q_L0:
            break;
        case PL_Q_ADD:
        case PL_Q_SUB:
        case PL_Q_MUL:
        case PL_Q_OUT:
            reads = 2;
            break;
        case PL_Q_ADD_CONST:
        case PL_Q_SUB_CONST:
        case PL_Q_CONST_SUB:
        case PL_Q_MUL_CONST:
            if (b >= constant_count) goto bad;
            reads = 1;
            break;
        default:
            goto bad;
        }
        if (reads >= 1 && (a >= registers || !written[a])) goto bad;
        if (reads == 2 && (b >= registers || !written[b])) goto bad;
        if (op == PL_Q_OUT) {
            if (i + 1 != instructions) goto bad;
            continue;
        }
        if (dst >= registers) goto bad;
        written[dst] = 1;
        continue;
    bad:
        return pl_fail(PL_ERR_ARGUMENT, "%s: instruction %llu (%u %u %u %u) is malformed", fn, (unsigned long long) i, op, dst,
                       a, b);
    }
    return PL_OK;
}

/* 1 / (x^n - 1) and x^n - 1 for x = shift W^k, k < 2^log_blowup: the values x^n takes on the domain (index rev(r) mod blowup). */
static inline int32_t pl_quotient_vanishing(const char *fn, uint32_t log_n, uint32_t log_blowup, uint64_t shift,
                                            uint64_t *zh, uint64_t *zh_inverse) {
    uint64_t shift_n = pl_pow(shift, 1ull << log_n), root = pl_root_of_unity(log_blowup), power = 1;
    for (uint64_t k = 0; k < (1ull << log_blowup); k++) {
        zh[k] = pl_sub(pl_mul(shift_n, power), 1);
        if (zh[k] == 0) return pl_fail(PL_ERR_ARGUMENT, "%s: x^n - 1 vanishes on the domain (shift %llu)", fn,
                                       (unsigned long long) shift);
        zh_inverse[k] = pl_inverse(zh[k]);
        power = pl_mul(power, root);
    }
    return PL_OK;
}

#endif
