/*
 * common.c: allocator, status messages and byte buffers of the core.
 */
#include "common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void		(*sentimen_interrupt_hook) (void) = NULL;

static void *
malloc_alloc(void *ctx, size_t size)
{
	void	   *p = malloc(size);

	SENTIMEN_UNUSED(ctx);
	if (p == NULL)
	{
		fprintf(stderr, "sentimen: out of memory (%zu bytes)\n", size);
		abort();
	}
	return p;
}

static void *
malloc_realloc(void *ctx, void *ptr, size_t size)
{
	void	   *p = realloc(ptr, size);

	SENTIMEN_UNUSED(ctx);
	if (p == NULL)
	{
		fprintf(stderr, "sentimen: out of memory (%zu bytes)\n", size);
		abort();
	}
	return p;
}

static void
malloc_free(void *ctx, void *ptr)
{
	SENTIMEN_UNUSED(ctx);
	free(ptr);
}

const sentimen_allocator sentimen_malloc_allocator = {
	malloc_alloc, malloc_realloc, malloc_free, NULL
};

const char *
sentimen_status_message(sentimen_status st)
{
	switch (st)
	{
		case SENTIMEN_OK:
			return "success";
		case SENTIMEN_ERR_INVALID_ARGUMENT:
			return "invalid argument";
		case SENTIMEN_ERR_MODEL_CORRUPT:
			return "model data is corrupt";
		case SENTIMEN_ERR_MODEL_VERSION:
			return "model was built by an incompatible version of sentimen";
		case SENTIMEN_ERR_MODEL_KIND:
			return "model is of the wrong kind";
		case SENTIMEN_ERR_TOO_LARGE:
			return "input is too large";
		case SENTIMEN_ERR_PARSE:
			return "malformed input";
		case SENTIMEN_ERR_NO_DATA:
			return "no usable training rows";
		case SENTIMEN_ERR_IO:
			return "input/output error";
	}
	return "unknown error";
}

void
sentimen_buf_init(sentimen_buf *b, const sentimen_allocator *a)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	b->a = a;
}

void
sentimen_buf_reserve(sentimen_buf *b, size_t extra)
{
	size_t		need = b->len + extra;

	if (need <= b->cap)
		return;
	if (b->cap == 0)
		b->cap = 64;
	while (b->cap < need)
		b->cap *= 2;
	b->data = b->data ? sentimen_realloc(b->a, b->data, b->cap)
		: sentimen_alloc(b->a, b->cap);
}

void
sentimen_buf_append(sentimen_buf *b, const void *data, size_t len)
{
	sentimen_buf_reserve(b, len + 1);
	if (len)
		memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
}

void
sentimen_buf_free(sentimen_buf *b)
{
	sentimen_free(b->a, b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

struct sentimen_arena_chunk
{
	sentimen_arena_chunk *next;
	size_t		used;
	size_t		cap;
	/* data follows, 16-byte aligned */
};

#define CHUNK_HDR ((sizeof(sentimen_arena_chunk) + 15) & ~(size_t) 15)

void
sentimen_arena_init(sentimen_arena *ar, const sentimen_allocator *a)
{
	ar->head = NULL;
	ar->a = a;
}

void *
sentimen_arena_alloc(sentimen_arena *ar, size_t size)
{
	sentimen_arena_chunk *c = ar->head;

	size = (size + 15) & ~(size_t) 15;
	if (c == NULL || c->cap - c->used < size)
	{
		/*
		 * Chunks start small and double up to 1 MB: most arenas hold one
		 * short text, and a fresh 1 MB block per short text costs page
		 * faults (under sanitizers every such block is a new mapping).
		 */
		size_t		cap = c ? (c->cap < (1 << 20) ? c->cap * 2 : c->cap) : 8192;

		if (cap > (1 << 20))
			cap = 1 << 20;
		if (cap < size)
			cap = size;

		c = sentimen_alloc(ar->a, CHUNK_HDR + cap);
		c->next = ar->head;
		c->used = 0;
		c->cap = cap;
		ar->head = c;
	}
	c->used += size;
	return (char *) c + CHUNK_HDR + c->used - size;
}

char *
sentimen_arena_strndup(sentimen_arena *ar, const char *s, size_t len)
{
	char	   *p = sentimen_arena_alloc(ar, len + 1);

	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

void
sentimen_arena_free(sentimen_arena *ar)
{
	while (ar->head)
	{
		sentimen_arena_chunk *n = ar->head->next;

		sentimen_free(ar->a, ar->head);
		ar->head = n;
	}
}
