/*
 * common.h: shared definitions of the sentimen core.
 *
 * The core has no PostgreSQL headers.  It allocates through a caller-supplied
 * allocator (palloc in the backend, malloc in the CLI and tests) and reports
 * failures by return code; the front ends turn codes into errors.  Long loops
 * call sentimen_check_interrupts(), which the backend points at
 * CHECK_FOR_INTERRUPTS().  Because that hook may longjmp, the core never holds
 * memory that the allocator does not own.
 */
#ifndef SENTIMEN_COMMON_H
#define SENTIMEN_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

typedef struct sentimen_allocator
{
	void	   *(*alloc) (void *ctx, size_t size);	/* never returns NULL */
	void	   *(*realloc) (void *ctx, void *ptr, size_t size);
	void		(*free) (void *ctx, void *ptr);
	void	   *ctx;
} sentimen_allocator;

/* malloc-backed allocator for the CLI, tests and fuzzers (aborts on OOM) */
extern const sentimen_allocator sentimen_malloc_allocator;

static inline void *
sentimen_alloc(const sentimen_allocator *a, size_t size)
{
	return a->alloc(a->ctx, size ? size : 1);
}

static inline void *
sentimen_realloc(const sentimen_allocator *a, void *p, size_t size)
{
	return a->realloc(a->ctx, p, size ? size : 1);
}

static inline void
sentimen_free(const sentimen_allocator *a, void *p)
{
	if (p)
		a->free(a->ctx, p);
}

/* Result codes of core functions; the front ends map them to errors. */
typedef enum sentimen_status
{
	SENTIMEN_OK = 0,
	SENTIMEN_ERR_INVALID_ARGUMENT,	/* caller passed something unusable */
	SENTIMEN_ERR_MODEL_CORRUPT, /* bad magic, size or checksum */
	SENTIMEN_ERR_MODEL_VERSION, /* format or featuriser too new/old */
	SENTIMEN_ERR_MODEL_KIND,	/* e.g. a tagger where a classifier is wanted */
	SENTIMEN_ERR_TOO_LARGE,		/* input beyond a documented limit */
	SENTIMEN_ERR_PARSE,			/* malformed training input */
	SENTIMEN_ERR_NO_DATA,		/* nothing to train on */
	SENTIMEN_ERR_IO
} sentimen_status;

extern const char *sentimen_status_message(sentimen_status st);

/*
 * Interrupt hook.  NULL outside the backend.  Called every few thousand
 * tokens and once per training iteration.
 */
extern void (*sentimen_interrupt_hook) (void);

static inline void
sentimen_check_interrupts(void)
{
	if (sentimen_interrupt_hook)
		sentimen_interrupt_hook();
}

/* Progress messages of long operations (training). */
typedef void (*sentimen_progress_fn) (void *ctx, const char *message);

/* A growable byte buffer owned by an allocator. */
typedef struct sentimen_buf
{
	char	   *data;
	size_t		len;
	size_t		cap;
	const sentimen_allocator *a;
} sentimen_buf;

extern void sentimen_buf_init(sentimen_buf *b, const sentimen_allocator *a);
extern void sentimen_buf_reserve(sentimen_buf *b, size_t extra);
extern void sentimen_buf_append(sentimen_buf *b, const void *data, size_t len);
extern void sentimen_buf_free(sentimen_buf *b);

/*
 * An arena of chunks: allocations never move and are freed together.
 */
typedef struct sentimen_arena_chunk sentimen_arena_chunk;
typedef struct sentimen_arena
{
	sentimen_arena_chunk *head;
	const sentimen_allocator *a;
} sentimen_arena;

extern void sentimen_arena_init(sentimen_arena *ar, const sentimen_allocator *a);
extern void *sentimen_arena_alloc(sentimen_arena *ar, size_t size);
extern char *sentimen_arena_strndup(sentimen_arena *ar, const char *s, size_t len);
extern void sentimen_arena_free(sentimen_arena *ar);

#define SENTIMEN_UNUSED(x) ((void) (x))

#endif							/* SENTIMEN_COMMON_H */
