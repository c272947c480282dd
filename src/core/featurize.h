/*
 * featurize.h: the featuriser shared by training and scoring.
 *
 * Text -> tokens -> hashed features, streamed to a callback so memory does not
 * grow with the input.  A document has up to three pools:
 *   TITLE  the first short line(s) before a blank line, if any;
 *   BODY   everything else;
 *   FIXED  document-level indicators (length bucket, has-title).
 * The model's input vector is
 *   x = title_weight * sum(TITLE) / n_title^p + sum(BODY) / n_body^p + FIXED
 * with p = pool_power; training and scoring both apply sentimen_pool_scale().
 *
 * Feature families (each in its own hash namespace):
 *   word unigrams (negated words get their own ids inside a negation scope),
 *   word bigrams, affix-stripped roots, character n-grams of the word,
 *   lexicon polarity (by scope: plain, negated, after a contrast word, inside a
 *   concessive clause, intensified), the mean word vector of the document
 *   (embed.h) as dense features, and for long documents and headlines a
 *   domain copy of every feature (domain augmentation).
 */
#ifndef SENTIMEN_FEATURIZE_H
#define SENTIMEN_FEATURIZE_H

#include "common.h"
#include "tokenize.h"

/* Bump when the featuriser's output for a given config changes. */
#define SENTIMEN_FEATURE_VERSION 3

#define SENTIMEN_POOL_BODY	0
#define SENTIMEN_POOL_TITLE 1
#define SENTIMEN_POOL_FIXED 2
#define SENTIMEN_NPOOLS		3

/* config flags */
#define SENTIMEN_FC_BIGRAMS		0x0001
#define SENTIMEN_FC_ROOTS		0x0002
#define SENTIMEN_FC_LEXICON		0x0004
#define SENTIMEN_FC_NEGATION	0x0008
#define SENTIMEN_FC_TITLE		0x0010
#define SENTIMEN_FC_LONG_AUG	0x0020	/* domain augmentation for long documents */
#define SENTIMEN_FC_DOCFEATS	0x0040
#define SENTIMEN_FC_HEAD_AUG	0x0080	/* domain augmentation for headline-style text */
#define SENTIMEN_FC_EMBED		0x0100	/* mean word vector as dense features (embed.h) */
#define SENTIMEN_FC_CLUSTERS	0x0200	/* word class of each word as a feature (embed.h) */

typedef struct sentimen_feature_config
{
	uint32_t	flags;
	uint32_t	hash_bits;		/* buckets = 2^hash_bits */
	uint32_t	char_min;		/* character n-gram sizes; 0 = none */
	uint32_t	char_max;
	uint32_t	long_bytes;		/* a document is "long" from this many bytes */
	uint32_t	negation_window;	/* words a negator reaches */
	float		pool_power;
	float		title_weight;
	float		char_weight;	/* value of one character n-gram */
	float		lexicon_weight; /* value of one polarity point */
	float		aug_weight;		/* value of the domain-augmentation copy */
	uint32_t	lead_words;		/* body words at full weight ... */
	float		tail_weight;	/* ... and the weight of the words after them */
	float		embed_weight;	/* scale of the dense embedding features */
	uint32_t	embed_checksum; /* the embeddings the model was trained with */
} sentimen_feature_config;

extern void sentimen_feature_config_default(sentimen_feature_config *cfg);

/*
 * Domains of domain augmentation: every feature of a long document (or of
 * headline-style text) also counts in its domain's copy, so the model can
 * learn weights specific to articles and headlines on top of shared ones.
 * The copy is not a separate feature id: a model row holds the weights of all
 * domains of a bucket, so scoring does one lookup per feature.
 */
#define SENTIMEN_DOMAIN_NONE	0
#define SENTIMEN_DOMAIN_LONG	1
#define SENTIMEN_DOMAIN_HEAD	2
#define SENTIMEN_NDOMAINS		3

/*
 * Callback for one feature occurrence.  domain is the augmentation domain of
 * the span (its copy has value * aug_weight).  term/term_len name the word
 * or phrase the feature belongs to (for explanations); they are NULL unless
 * the featuriser was asked for terms.
 */
typedef void (*sentimen_feature_fn) (void *ctx, uint32_t bucket, float value, int pool,
									 int domain, const char *term, size_t term_len);

/*
 * Optional fast path for scoring.  A content word's unigram, reduplication
 * base, root and word-class features depend only on the word and on whether
 * it is negated, so a scorer may cache their summed weights.  The featuriser
 * first calls bundle(ctx, key, NULL, 0, ...): true means the scorer applied
 * the cached sum.  Otherwise it calls bundle(ctx, key, buckets, n, ...) with
 * the feature buckets (each of value 1 * scale); the scorer applies and may
 * cache them.  Training and explanations pass NULL and get every feature
 * through the feature callback.
 */
typedef bool (*sentimen_bundle_fn) (void *ctx, uint64_t key, const uint32_t *buckets, int n,
									int64_t vec_slot, float scale, int pool, int domain);

/*
 * Optional fast path for the dense features (SENTIMEN_FC_EMBED).  The model
 * is linear, so the dense part of the logits, W * mean(word vectors), is the
 * mean of each word's W * vector: a scorer may fold it per word.  With a
 * dense callback the featuriser calls dense(ctx, slot) for every content word
 * with a vector that it reads (slot: the word's slot in the embeddings; not
 * for words a bundle served: the slot of a bundle's word comes with the
 * bundle, in vec_slot above, -1 if it has none), and emits no dense features;
 * the scorer adds the mean in counts->body_domain (see sentimen_dense_bucket).
 */
typedef void (*sentimen_dense_fn) (void *ctx, int64_t slot);

/*
 * Optional hint for scoring.  Scoring is bound by memory latency: every word
 * probes the scorer's bundle cache and the model's table at random places.
 * The featuriser reads tokens in small batches and, before featurising a
 * batch, calls prefetch(ctx, bundle_key, bucket) for each word in it: the
 * bundle key the word will probably use (0: none) and the bucket of its
 * bigram (UINT32_MAX: none), so that the scorer can start those cache lines
 * loading together.  A hint only: it may be wrong, and never changes a result.
 */
typedef void (*sentimen_prefetch_fn) (void *ctx, uint64_t bundle_key, uint32_t bucket);

typedef struct sentimen_feature_counts
{
	size_t		words[SENTIMEN_NPOOLS]; /* words per pool, for pooling */
	bool		is_long;
	int			body_domain;	/* domain of the body (and of the dense features) */
} sentimen_feature_counts;

/* Bucket of dense feature k (the k-th component of the mean word vector). */
extern uint32_t sentimen_dense_bucket(const sentimen_feature_config *cfg, uint32_t k);

/*
 * Featurise text (UTF-8).  Calls fn for every feature; fills counts.
 */
extern void sentimen_featurize(const sentimen_feature_config *cfg, const char *text, size_t len,
							   bool want_terms, sentimen_feature_fn fn, sentimen_bundle_fn bundle,
							   void *ctx, sentimen_feature_counts *counts,
							   const sentimen_allocator *a);

/*
 * Featurise one span (a sentence) given as tokens read without tokeniser
 * options, as the tagger reads them (next() returns them in order, false at
 * the end), with byte offsets into text[0..len), the span's bytes: the
 * featuriser takes their sentiment view (sentimen_token_sentiment_view),
 * which gives the features of sentimen_featurize() on the span when it has no
 * line break.  Saves tokenising a text twice.
 */
typedef bool (*sentimen_token_next_fn) (void *src, sentimen_token *tok);

/*
 * Featurise for scoring: text as sentimen_featurize() does, or, when next is
 * not NULL, the span given as tokens; with the optional bundle and dense fast
 * paths and the prefetch hint.
 */
extern void sentimen_featurize_scoring(const sentimen_feature_config *cfg, const char *text,
									   size_t len, sentimen_token_next_fn next, void *src,
									   sentimen_feature_fn fn, sentimen_bundle_fn bundle,
									   sentimen_dense_fn dense, sentimen_prefetch_fn prefetch,
									   void *ctx,
									   sentimen_feature_counts *counts,
									   const sentimen_allocator *a);

/* Scale to apply to the sum of a pool's features. */
extern float sentimen_pool_scale(const sentimen_feature_config *cfg, int pool,
								 const sentimen_feature_counts *counts);

/* Byte length of the title prefix of text (0 when there is none). */
extern size_t sentimen_title_length(const char *text, size_t len);

#endif							/* SENTIMEN_FEATURIZE_H */
