/*
 * embed.h: word embeddings, trained by the project's own skip-gram trainer.
 *
 * Word vectors are learnt from unlabelled text (skip-gram with negative
 * sampling) and give the linear models knowledge that the labelled sets are
 * too small to teach: words never seen with a label still land near words
 * that were.  The classifier uses the mean vector of a document's words as
 * dense features.
 *
 * Blob format (little-endian, 8-byte aligned, used in place):
 *   header (sentimen_embed_header)
 *   keys     uint64[cap]      sentimen_hash64(word) | 1 (0 = empty), linear probing
 *   vectors  int8[cap][dim]   unit-length vector * 127
 *   clusters uint16[cap]      k-means cluster of the word (cosine), for
 *                             sparse "word class" features
 * CRC-32 over the blob with the checksum field zeroed.
 */
#ifndef SENTIMEN_EMBED_H
#define SENTIMEN_EMBED_H

#include "common.h"

#define SENTIMEN_EMBED_MAGIC "SNTEMBED"
#define SENTIMEN_EMBED_FORMAT 2
#define SENTIMEN_EMBED_MAX_DIM 128

typedef struct sentimen_embed_header
{
	char		magic[8];
	uint32_t	format_version;
	uint32_t	dim;
	uint64_t	total_size;
	uint32_t	checksum;
	uint32_t	n_words;
	uint32_t	cap;			/* power of two */
	uint32_t	n_clusters;
} sentimen_embed_header;

typedef struct sentimen_embeddings
{
	const sentimen_embed_header *hdr;
	const uint64_t *keys;
	const int8_t *vectors;
	const uint16_t *clusters;
	uint32_t	dim;
	uint32_t	mask;
} sentimen_embeddings;

extern sentimen_status sentimen_embeddings_open(sentimen_embeddings *e, const void *blob, size_t size);

/* slot of the word with this hash (sentimen_hash64(norm, len, 0)), or -1 */
static inline int64_t
sentimen_embeddings_slot(const sentimen_embeddings *e, uint64_t hash)
{
	uint64_t	key = hash | 1;
	uint32_t	slot = (uint32_t) (hash >> 32) & e->mask;

	for (;;)
	{
		uint64_t	k = e->keys[slot];

		if (k == key)
			return slot;
		if (k == 0)
			return -1;
		slot = (slot + 1) & e->mask;
	}
}

/* vector of the word with this hash, or NULL */
static inline const int8_t *
sentimen_embeddings_lookup(const sentimen_embeddings *e, uint64_t hash)
{
	int64_t		slot = sentimen_embeddings_slot(e, hash);

	return slot < 0 ? NULL : e->vectors + (size_t) slot * e->dim;
}

typedef struct sentimen_embed_config
{
	uint32_t	dim;
	uint32_t	window;
	uint32_t	negative;
	uint32_t	epochs;
	uint32_t	min_count;
	uint32_t	max_words;
	uint32_t	clusters;		/* k of the k-means word classes */
	double		sample;			/* subsampling of frequent words */
	double		alpha;			/* starting learning rate */
	uint64_t	seed;
	sentimen_progress_fn progress;
	void	   *progress_ctx;
} sentimen_embed_config;

extern void sentimen_embed_config_default(sentimen_embed_config *cfg);

/*
 * Train embeddings on texts (UTF-8), tokenised as the sentiment featuriser
 * does; deterministic for the same input and settings.
 */
extern sentimen_status sentimen_embed_train(const sentimen_embed_config *cfg,
											const char *const *texts, const size_t *lens,
											size_t n_texts, const sentimen_allocator *a,
											void **blob, size_t *size);

/* The compiled-in embeddings (models/embeddings.bin), or NULL. */
extern const sentimen_embeddings *sentimen_default_embeddings(void);

/* Use other embeddings in this process (the CLI's --embeddings); NULL resets. */
extern void sentimen_set_embeddings(const sentimen_embeddings *e);

#endif							/* SENTIMEN_EMBED_H */
