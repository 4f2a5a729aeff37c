/*
 * The argument checks of the ABI's extension calls, the same in both implementations' host code,
 * so that both refuse the same inputs with the same words (the differential tests compare them).
 */
#ifndef PL_CHECKS_H
#define PL_CHECKS_H

#include "proofline_native.h"
#include "pl_error.h"

/* The pointers and sizes of pl_coset_lde and the calls built on it. */
static inline int32_t pl_check_lde(const char *fn, const void *in, const void *out, uint32_t log_n, uint32_t log_blowup) {
    if (!in || !out) return pl_fail(PL_ERR_ARGUMENT, "%s: null pointer", fn);
    if (log_blowup < 1 || log_blowup > PL_MAX_LOG_BLOWUP)
        return pl_fail(PL_ERR_ARGUMENT, "%s: logBlowup must be in [1, %d], got %u", fn, PL_MAX_LOG_BLOWUP, log_blowup);
    if (log_n + log_blowup > PL_MAX_LOG_LENGTH)
        return pl_fail(PL_ERR_ARGUMENT, "%s: extended length 2^%u exceeds 2^%d", fn, log_n + log_blowup, PL_MAX_LOG_LENGTH);
    return PL_OK;
}

/* As pl_check_lde, for pl_coset_lde alone, which also takes log_blowup 0: the values on the coset itself. */
static inline int32_t pl_check_coset_lde(const char *fn, const void *in, const void *out, uint32_t log_n, uint32_t log_blowup) {
    return pl_check_lde(fn, in, out, log_n, log_blowup == 0 ? 1 : log_blowup);
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

#endif
