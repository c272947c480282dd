/*
 * fuzz_common.h: shared helpers of the libFuzzer harnesses (test/fuzz/).
 *
 * Every harness is built with -fsanitize=fuzzer,address,undefined (make
 * fuzz); a crash, a sanitizer report, a leak or a failed FUZZ_CHECK is a
 * finding.  Inputs are copied into a buffer of exactly their size, so a read
 * one byte past the end is caught by ASan.
 */
#ifndef SENTIMEN_FUZZ_COMMON_H
#define SENTIMEN_FUZZ_COMMON_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/core/common.h"
#include "../../src/core/utf8.h"

#define FUZZ_CHECK(cond) \
	do { \
		if (!(cond)) \
		{ \
			fprintf(stderr, "%s:%d: FUZZ_CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
			abort(); \
		} \
	} while (0)

static const sentimen_allocator *const A = &sentimen_malloc_allocator;

/* an exact-size copy of the input (not NUL-terminated) */
static inline char *
fuzz_copy(const unsigned char *data, size_t size)
{
	char	   *p = malloc(size ? size : 1);

	if (size)
		memcpy(p, data, size);
	return p;
}

#endif
