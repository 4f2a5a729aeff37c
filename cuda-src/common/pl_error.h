/* The per-thread last-error string shared by both implementations' host code. */
#ifndef PL_ERROR_H
#define PL_ERROR_H

#include <stdarg.h>
#include <stdio.h>

#ifdef __cplusplus
#define PL_THREAD_LOCAL thread_local
#else
#define PL_THREAD_LOCAL _Thread_local
#endif

static PL_THREAD_LOCAL char pl_error_text[512];

static inline int32_t pl_fail(int32_t status, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(pl_error_text, sizeof pl_error_text, fmt, ap);
    va_end(ap);
    return status;
}

static inline void pl_clear_error(void) { pl_error_text[0] = 0; }

#endif
