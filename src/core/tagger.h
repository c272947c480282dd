/*
 * tagger.h: named-entity tagger (PER, ORG, LOC) for Indonesian news.
 *
 * A linear-chain CRF (L-BFGS, L2) over BIO tags with first-order Viterbi
 * decoding; an averaged structured perceptron trainer is kept for comparison.  Every feature of a token is either a property of one token seen
 * from a fixed offset (the token itself, or a neighbour at -2..+2: its word,
 * shape, affixes, word class and word-list memberships) or a property of the
 * sentence (start, end, multi-word gazetteer matches).  The first kind depends
 * only on (surface, offset), so the scorer caches the summed weights per
 * word and offset: tagging costs a few cache probes per token.
 *
 * The model is a classifier blob (model.h) of kind TAGGER: classes are the
 * tags, and the auxiliary section holds the gazetteer (hashed names with type
 * bits), built from licence-clean word lists by the trainer.
 */
#ifndef SENTIMEN_TAGGER_H
#define SENTIMEN_TAGGER_H

#include "common.h"
#include "model.h"
#include "tokenize.h"

/* entity types (also used by entities.h) */
typedef enum sentimen_entity_type
{
	SENTIMEN_ENT_NONE = 0,
	SENTIMEN_ENT_PERSON,
	SENTIMEN_ENT_ORG,
	SENTIMEN_ENT_LOC,
	SENTIMEN_ENT_PRODUCT,
	SENTIMEN_ENT_EVENT,
	SENTIMEN_ENT_DATE,
	SENTIMEN_ENT_NTYPES
} sentimen_entity_type;

extern const char *sentimen_entity_type_name(sentimen_entity_type t);

/* gazetteer type bits */
#define SENTIMEN_GZ_PERSON		0x0001
#define SENTIMEN_GZ_ORG			0x0002
#define SENTIMEN_GZ_LOC			0x0004
#define SENTIMEN_GZ_EVENT		0x0008
#define SENTIMEN_GZ_PRODUCT		0x0010
#define SENTIMEN_GZ_GIVEN_NAME	0x0020	/* a person-name part */
#define SENTIMEN_GZ_TITLE		0x0040	/* honorific or position (Presiden, Pak) */
#define SENTIMEN_GZ_ORG_CUE		0x0080	/* PT, Partai, Kementerian */
#define SENTIMEN_GZ_LOC_CUE		0x0100	/* Kota, Kabupaten, Jalan */
#define SENTIMEN_GZ_EVENT_CUE	0x0200	/* Piala, KTT, Festival */
#define SENTIMEN_GZ_MONTH		0x0400
#define SENTIMEN_GZ_DAY			0x0800
#define SENTIMEN_GZ_DATE_CUE	0x1000	/* tanggal, pukul, WIB */
#define SENTIMEN_GZ_COUNTRY		0x2000
#define SENTIMEN_GZ_TICKER		0x4000	/* stock code (BBCA): ORG only in market context */
#define SENTIMEN_GZ_NAME_PREFIX	0x8000	/* noble or ethnic prefix, part of the name (Raden) */
#define SENTIMEN_GZ_NBITS		16	/* bits that are features */
#define SENTIMEN_GZ_PREFIX		0x80000000u	/* a proper prefix of a multi-word name */

/* gazetteer span bits of a token: k = 0 PERSON, 1 ORG, 2 LOC, 3 EVENT, 4 PRODUCT */
#define SENTIMEN_SPAN_B(k) (1u << (2 * (k)))
#define SENTIMEN_SPAN_I(k) (1u << (2 * (k) + 1))

/* A token prepared for tagging. */
typedef struct sentimen_ntoken
{
	const char *surface;		/* into the text */
	size_t		surface_len;
	const char *norm;			/* lower-case normal form (arena or the text itself; not
								 * NUL-terminated) */
	size_t		norm_len;
	uint64_t	hash;			/* of norm */
	uint64_t	shash;			/* of the surface: the cache key */
	unsigned	flags;			/* SENTIMEN_TF_* */
	sentimen_token_type type;
	size_t		start,
				len,
				cp_start,
				cp_len;
	uint32_t	gz1;			/* gazetteer bits of the single word */
	uint16_t	span_feats;		/* gazetteer span bits at this token (B/I per type) */
	uint16_t	cluster;		/* word class + 1, 0 = none */
	bool		in_date;		/* inside a rule-based DATE span (dates.h) */
	bool		date_begin;		/* first token of such a span */
} sentimen_ntoken;

/* tags: 0 = O, then B-/I- for PER, ORG, LOC */
#define SENTIMEN_TAG_O 0
#define SENTIMEN_NTAGS 7

static inline int
sentimen_tag_b(sentimen_entity_type t)
{
	return 1 + 2 * ((int) t - 1);
}

extern const char *sentimen_tag_name(int tag);
extern int	sentimen_tag_parse(const char *s);	/* "B-PER" -> tag, -1 if unknown */

/* The gazetteer view of a tagger model. */
typedef struct sentimen_gazetteer
{
	const uint64_t *keys;		/* hash | 1, 0 = empty */
	const uint32_t *bits;
	uint32_t	mask;
	uint32_t	max_words;		/* longest entry in tokens */
} sentimen_gazetteer;

extern uint32_t sentimen_gazetteer_lookup(const sentimen_gazetteer *g, uint64_t hash);

/* Hash of a sequence of normalised words (gazetteer keys). */
extern uint64_t sentimen_words_hash(const sentimen_ntoken *toks, size_t n);

typedef struct sentimen_tagger
{
	sentimen_model m;
	sentimen_gazetteer gz;
} sentimen_tagger;

extern sentimen_status sentimen_tagger_open(sentimen_tagger *t, const void *blob, size_t size);

/* The compiled-in tagger (models/tagger.bin), or NULL. */
extern const sentimen_tagger *sentimen_default_tagger(void);
extern sentimen_status sentimen_default_tagger_status(void);

/*
 * Fill per-token annotations that need the model (gazetteer bits, word
 * classes, gazetteer spans) for one sentence.
 */
extern void sentimen_tagger_annotate(const sentimen_gazetteer *gz, sentimen_ntoken *toks, size_t n);

/* Tag one sentence (annotated); tags[n] receives the BIO tags. */
extern void sentimen_tagger_tag(const sentimen_tagger *t, const sentimen_ntoken *toks, size_t n,
								int *tags, const sentimen_allocator *a);

/*
 * Tokenise text for tagging.  Tokens go into *toks (allocated with a), their
 * normal forms into arena; sentence starts (token indexes) into *sents.
 */
extern void sentimen_ner_tokenize(const char *text, size_t len, sentimen_ntoken **toks,
								  size_t *n_toks, size_t **sents, size_t *n_sents,
								  sentimen_arena *arena, const sentimen_allocator *a);

/* ---- training ---- */

typedef struct sentimen_tagger_config
{
	uint32_t	hash_bits;
	bool		crf;			/* linear-chain CRF (L-BFGS); else averaged perceptron */
	double		l2;				/* CRF regularisation */
	int			max_iter;		/* CRF L-BFGS iterations */
	int			epochs;			/* perceptron epochs */
	uint64_t	seed;
	float		prune;
	const char *const *gazetteer_files;	/* "path:TYPE" or "path" (types from the file) */
	int			n_gazetteer_files;
	sentimen_progress_fn progress;
	void	   *progress_ctx;
} sentimen_tagger_config;

extern void sentimen_tagger_config_default(sentimen_tagger_config *cfg);

/* A tagged training sentence: tokens and their gold tags. */
typedef struct sentimen_tagged_sentence
{
	sentimen_ntoken *toks;
	int		   *tags;
	size_t		n;
	float		weight;
	int			domain;			/* corpus, for domain copies in training; 0 = none */
} sentimen_tagged_sentence;

/*
 * Read a CoNLL file (token<TAB>TAG, blank line between sentences).  The
 * tokens are re-tokenised as plain text would be, and the tags projected, so
 * training sees what sentimen_mentions() will see.  Types are mapped with
 * PER/PERSON -> PER, ORG -> ORG, LOC/PLACE/LOCATION -> LOC; others become O.
 * lower: lower-case the text (for all-lower-case corpora).
 */
extern sentimen_status sentimen_conll_load(const char *path, float weight, bool lower, int domain,
										   sentimen_tagged_sentence **sents, size_t *n,
										   size_t *cap, sentimen_arena *arena,
										   const sentimen_allocator *a, char *err, size_t errlen);

extern sentimen_status sentimen_tagger_train(const sentimen_tagger_config *cfg,
											 sentimen_tagged_sentence *sents, size_t n,
											 const char *meta, const sentimen_allocator *a,
											 void **blob, size_t *size);

/* Use another tagger in this process (the CLI's --tagger); NULL resets. */
extern void sentimen_set_tagger(const sentimen_tagger *t);

#endif							/* SENTIMEN_TAGGER_H */
