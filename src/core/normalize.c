/*
 * normalize.c: NFKC + case folding on utf8proc, with an ASCII fast path.
 *
 * utf8proc_map() mallocs its result; here the caller's buffers are used with
 * utf8proc_decompose() + utf8proc_reencode(), so nothing escapes the
 * allocator (an interrupt in the backend cannot leak).
 */
#include "normalize.h"
#include "utf8.h"

#include <string.h>
#include <utf8proc.h>

#define NORM_OPTIONS (UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_COMPOSE)

void
sentimen_normalizer_init(sentimen_normalizer *n, const sentimen_allocator *a)
{
	n->cps = NULL;
	n->cap = 0;
	n->a = a;
}

void
sentimen_normalizer_free(sentimen_normalizer *n)
{
	sentimen_free(n->a, n->cps);
	n->cps = NULL;
	n->cap = 0;
}

static bool
all_ascii(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((unsigned char) s[i] >= 0x80)
			return false;
	return true;
}

/* append the valid UTF-8 sequences of s, dropping invalid bytes */
static void
append_valid(sentimen_buf *out, const char *s, size_t len)
{
	size_t		i = 0;

	while (i < len)
	{
		int32_t		cp;
		int			k = sentimen_utf8_decode((const unsigned char *) s + i, len - i, &cp);

		if (cp >= 0)
			sentimen_buf_append(out, s + i, (size_t) k);
		i += (size_t) k;
	}
}

void
sentimen_normalize_append(sentimen_normalizer *n, const char *s, size_t len,
						  sentimen_buf *out)
{
	utf8proc_ssize_t ncp;
	utf8proc_ssize_t nbytes;

	if (all_ascii(s, len))
	{
		sentimen_buf_reserve(out, len + 1);
		for (size_t i = 0; i < len; i++)
		{
			unsigned char c = (unsigned char) s[i];

			out->data[out->len++] = (c >= 'A' && c <= 'Z') ? (char) (c + 32) : (char) c;
		}
		out->data[out->len] = '\0';
		return;
	}

	/*
	 * utf8proc_decompose() returns the size it needs when the buffer is too
	 * small; tokens come from the tokeniser and are valid UTF-8.  Anything
	 * else (the CLI passes file bytes as they are) keeps its valid sequences
	 * unchanged and drops the invalid bytes, as normalize.h promises: the
	 * output is always valid UTF-8 (found by test/fuzz/fuzz_tokenize).
	 */
	if (n->cap < len + 16)
	{
		sentimen_free(n->a, n->cps);
		n->cap = len * 2 + 16;
		n->cps = sentimen_alloc(n->a, n->cap * sizeof(int32_t));
	}
	ncp = utf8proc_decompose((const utf8proc_uint8_t *) s, (utf8proc_ssize_t) len,
							 n->cps, (utf8proc_ssize_t) n->cap, NORM_OPTIONS);
	if (ncp > (utf8proc_ssize_t) n->cap)
	{
		sentimen_free(n->a, n->cps);
		n->cap = (size_t) ncp + 16;
		n->cps = sentimen_alloc(n->a, n->cap * sizeof(int32_t));
		ncp = utf8proc_decompose((const utf8proc_uint8_t *) s, (utf8proc_ssize_t) len,
								 n->cps, (utf8proc_ssize_t) n->cap, NORM_OPTIONS);
	}
	if (ncp < 0 || ncp > (utf8proc_ssize_t) n->cap)
	{
		append_valid(out, s, len);
		return;
	}

	/* canonical ordering and composition in place, then UTF-8 in place */
	nbytes = utf8proc_reencode(n->cps, ncp, NORM_OPTIONS);
	if (nbytes < 0)
	{
		append_valid(out, s, len);
		return;
	}
	sentimen_buf_append(out, (const char *) n->cps, (size_t) nbytes);
}
