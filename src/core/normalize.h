/*
 * normalize.h: Unicode normalisation of tokens (NFKC + case folding).
 */
#ifndef SENTIMEN_NORMALIZE_H
#define SENTIMEN_NORMALIZE_H

#include "common.h"

/* Reusable scratch space so normalising a token does not allocate. */
typedef struct sentimen_normalizer
{
	int32_t    *cps;			/* decomposition buffer (code points) */
	size_t		cap;
	const sentimen_allocator *a;
} sentimen_normalizer;

extern void sentimen_normalizer_init(sentimen_normalizer *n, const sentimen_allocator *a);
extern void sentimen_normalizer_free(sentimen_normalizer *n);

/*
 * Append NFKC_Casefold(s) to out.  ASCII input takes a fast path (a plain
 * lower-casing, which is what NFKC + case folding does to ASCII).  Bytes that
 * are not valid UTF-8 are dropped.
 */
extern void sentimen_normalize_append(sentimen_normalizer *n, const char *s, size_t len,
									  sentimen_buf *out);

#endif							/* SENTIMEN_NORMALIZE_H */
