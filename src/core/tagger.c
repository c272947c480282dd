/*
 * tagger.c: named-entity tagger (see tagger.h).
 */
#include "tagger.h"
#include "dates.h"
#include "embed.h"
#include "hash.h"
#include "optim.h"
#include "utf8.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ALIGN8(x) (((x) + 7) & ~(size_t) 7)
#define MAX_SENTENCE 200		/* longer runs are cut: bounds decoding work */
#define MAX_GZ_WORDS 6

/* feature namespaces */
#define NS_OFF(o)	(UINT64_C(0x7a60) + (uint64_t) ((o) + 2) * 0x101)
#define NS_BIAS		UINT64_C(0xb1a5)
#define NS_FIRST	UINT64_C(0xf125)
#define NS_SPAN		UINT64_C(0x5ba7)
#define NS_DATE		UINT64_C(0xda7e)
#define NS_ATT		UINT64_C(0xa77a)
#define NS_TRANS	UINT64_C(0x74a2)
#define NS_DOMAIN	UINT64_C(0xd03a)

static const char *const tag_names[SENTIMEN_NTAGS] = {
	"O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"
};

const char *
sentimen_tag_name(int tag)
{
	return (tag >= 0 && tag < SENTIMEN_NTAGS) ? tag_names[tag] : "?";
}

int
sentimen_tag_parse(const char *s)
{
	for (int t = 0; t < SENTIMEN_NTAGS; t++)
		if (strcmp(s, tag_names[t]) == 0)
			return t;
	return -1;
}

const char *
sentimen_entity_type_name(sentimen_entity_type t)
{
	switch (t)
	{
		case SENTIMEN_ENT_PERSON:
			return "PERSON";
		case SENTIMEN_ENT_ORG:
			return "ORG";
		case SENTIMEN_ENT_LOC:
			return "LOC";
		case SENTIMEN_ENT_PRODUCT:
			return "PRODUCT";
		case SENTIMEN_ENT_EVENT:
			return "EVENT";
		case SENTIMEN_ENT_DATE:
			return "DATE";
		default:
			return "O";
	}
}

/* ---- tokenisation for tagging ---- */

void
sentimen_ner_tokenize(const char *text, size_t len, sentimen_ntoken **toks_out, size_t *n_out,
					  size_t **sents_out, size_t *n_sents_out, sentimen_arena *arena,
					  const sentimen_allocator *a)
{
	sentimen_tokenizer tz;
	sentimen_token t;
	size_t		cap = 64,
				n = 0,
				scap = 8,
				ns = 0;
	sentimen_ntoken *toks = sentimen_alloc(a, cap * sizeof(sentimen_ntoken));
	size_t	   *sents = sentimen_alloc(a, scap * sizeof(size_t));
	bool		new_sentence = true;
	size_t		sent_len = 0;

	sentimen_tokenizer_init(&tz, text, len, 0, a);
	while (sentimen_tokenizer_next(&tz, &t))
	{
		sentimen_ntoken *nt;

		if (t.newlines_before > 0 || sent_len >= MAX_SENTENCE)
			new_sentence = true;
		if (new_sentence)
		{
			if (ns == scap)
			{
				scap *= 2;
				sents = sentimen_realloc(a, sents, scap * sizeof(size_t));
			}
			sents[ns++] = n;
			new_sentence = false;
			sent_len = 0;
		}
		if (n == cap)
		{
			cap *= 2;
			toks = sentimen_realloc(a, toks, cap * sizeof(sentimen_ntoken));
		}
		nt = &toks[n++];
		/* every field is set below (no memset: it cost a branch miss a token) */
		nt->gz1 = 0;
		nt->span_feats = 0;
		nt->cluster = 0;
		nt->in_date = false;
		nt->date_begin = false;
		nt->surface = text + t.start;
		nt->surface_len = t.len;
		/* most words are written in their normal form: point into the text */
		if (t.norm_len == t.len && memcmp(t.norm, nt->surface, t.len) == 0)
			nt->norm = nt->surface;
		else
			nt->norm = sentimen_arena_strndup(arena, t.norm, t.norm_len);
		nt->norm_len = t.norm_len;
		nt->hash = t.hash;
		nt->shash = sentimen_hash64_avail(nt->surface, t.len, len - t.start, UINT64_C(0x5afe));
		nt->flags = t.flags;
		nt->type = t.type;
		nt->start = t.start;
		nt->len = t.len;
		nt->cp_start = t.cp_start;
		nt->cp_len = t.cp_len;
		sent_len++;
		if (t.flags & SENTIMEN_TF_SENT_END)
			new_sentence = true;
	}
	sentimen_tokenizer_free(&tz);
	*toks_out = toks;
	*n_out = n;
	*sents_out = sents;
	*n_sents_out = ns;
}

/* ---- gazetteer ---- */

typedef struct gz_header
{
	char		magic[4];		/* "GAZ2" */
	uint32_t	cap;			/* power of two */
	uint32_t	n;
	uint32_t	max_words;
} gz_header;

uint64_t
sentimen_words_hash(const sentimen_ntoken *toks, size_t n)
{
	uint64_t	h = UINT64_C(0x6a2e);

	for (size_t i = 0; i < n; i++)
		h = sentimen_hash_combine(h, toks[i].hash);
	return h;
}

static inline uint32_t
gazetteer_slot(const sentimen_gazetteer *g, uint64_t hash)
{
	return (uint32_t) (hash >> 32) & g->mask;
}

/*
 * Tagging is bound by memory latency (the gazetteer, the per-word cache, the
 * model), so the probes of a whole sentence are requested before the first is
 * read and their misses overlap.  A two-word gazetteer probe depends on the
 * one-word result: it is requested this many tokens ahead.
 */
#define AHEAD 8

uint32_t
sentimen_gazetteer_lookup(const sentimen_gazetteer *g, uint64_t hash)
{
	uint64_t	key = hash | 1;
	uint32_t	slot;

	if (g->keys == NULL)
		return 0;
	slot = gazetteer_slot(g, hash);
	for (;;)
	{
		uint64_t	k = g->keys[slot];

		if (k == key)
			return g->bits[slot];
		if (k == 0)
			return 0;
		slot = (slot + 1) & g->mask;
	}
}

static sentimen_status
gazetteer_open(sentimen_gazetteer *g, const void *aux, size_t len)
{
	const gz_header *h = aux;
	size_t		need;

	memset(g, 0, sizeof(*g));
	if (len < sizeof(gz_header) || memcmp(h->magic, "GAZ2", 4) != 0 || h->cap == 0 ||
		(h->cap & (h->cap - 1)) != 0 || h->cap > (UINT32_C(1) << 24) || h->n >= h->cap ||
		h->max_words == 0 || h->max_words > MAX_GZ_WORDS)
		return SENTIMEN_ERR_MODEL_CORRUPT;
	need = ALIGN8(sizeof(gz_header)) + (size_t) h->cap * (sizeof(uint64_t) + sizeof(uint32_t));
	if (len < need)
		return SENTIMEN_ERR_MODEL_CORRUPT;
	g->keys = (const uint64_t *) ((const char *) aux + ALIGN8(sizeof(gz_header)));
	g->bits = (const uint32_t *) (g->keys + h->cap);
	g->mask = h->cap - 1;
	g->max_words = h->max_words;
	{
		uint32_t	used = 0;

		for (uint32_t i = 0; i < h->cap; i++)
			used += g->keys[i] != 0;
		if (used != h->n)
			return SENTIMEN_ERR_MODEL_CORRUPT;
	}
	return SENTIMEN_OK;
}

sentimen_status
sentimen_tagger_open(sentimen_tagger *t, const void *blob, size_t size)
{
	sentimen_status st = sentimen_model_open_kind(&t->m, blob, size, SENTIMEN_MODEL_KIND_TAGGER);

	if (st != SENTIMEN_OK)
		return st;
	if (t->m.n_classes != SENTIMEN_NTAGS || t->m.n_domains != 1)
		return SENTIMEN_ERR_MODEL_CORRUPT;
	for (int c = 0; c < SENTIMEN_NTAGS; c++)
		if (strcmp(sentimen_model_class_name(&t->m, c), tag_names[c]) != 0)
			return SENTIMEN_ERR_MODEL_CORRUPT;
	return gazetteer_open(&t->gz, t->m.aux, t->m.aux_len);
}

/* span bits: B and I for each entity type of the gazetteer */
#define SPAN_B(k) SENTIMEN_SPAN_B(k)
#define SPAN_I(k) SENTIMEN_SPAN_I(k)
static const uint32_t span_types[] = {
	SENTIMEN_GZ_PERSON, SENTIMEN_GZ_ORG, SENTIMEN_GZ_LOC, SENTIMEN_GZ_EVENT, SENTIMEN_GZ_PRODUCT
};
#define N_SPAN_TYPES 5

void
sentimen_tagger_annotate(const sentimen_gazetteer *gz, sentimen_ntoken *toks, size_t n)
{
	/* the table is large: start every word's probe before the first is read */
	for (size_t i = 0; i < n && gz->keys; i++)
		__builtin_prefetch(&gz->keys[gazetteer_slot(gz, sentimen_words_hash(&toks[i], 1))]);
	for (size_t i = 0; i < n; i++)
	{
		toks[i].gz1 = sentimen_gazetteer_lookup(gz, sentimen_words_hash(&toks[i], 1));
		toks[i].span_feats = 0;
	}
	sentimen_dates_mark(toks, n);
	/* longest gazetteer match starting at each token, growing while a name goes on */
	for (size_t i = 0; i < n; i++)
	{
		uint64_t	h = UINT64_C(0x6a2e);
		uint32_t	best_bits = 0;
		size_t		best_len = 0;

		if (i + AHEAD + 1 < n && gz->keys && (toks[i + AHEAD].gz1 & SENTIMEN_GZ_PREFIX))
			__builtin_prefetch(&gz->keys[gazetteer_slot(gz, sentimen_words_hash(&toks[i + AHEAD], 2))]);

		for (size_t L = 1; L <= gz->max_words && i + L <= n; L++)
		{
			uint32_t	bits;

			h = sentimen_hash_combine(h, toks[i + L - 1].hash);
			bits = L == 1 ? toks[i].gz1 : sentimen_gazetteer_lookup(gz, h);
			for (int k = 0; k < N_SPAN_TYPES; k++)
				if (bits & span_types[k])
				{
					best_bits = bits;
					best_len = L;
					break;
				}
			if (!(bits & SENTIMEN_GZ_PREFIX))
				break;
		}
		for (int k = 0; k < N_SPAN_TYPES && best_len > 0; k++)
			if (best_bits & span_types[k])
			{
				toks[i].span_feats |= SPAN_B(k);
				for (size_t j = i + 1; j < i + best_len; j++)
					toks[j].span_feats |= SPAN_I(k);
			}
	}
}

/* ---- features ---- */

/* shape of a surface: X upper, x lower, d digit, others kept; runs capped at 2 */
static size_t
word_shape(const char *s, size_t len, char *out, size_t cap)
{
	size_t		o = 0;
	char		prev = 0;
	int			run = 0;

	for (size_t i = 0; i < len && o < cap; i++)
	{
		unsigned char c = (unsigned char) s[i];
		char		k;

		if (c >= 'A' && c <= 'Z')
			k = 'X';
		else if (c >= 'a' && c <= 'z')
			k = 'x';
		else if (c >= '0' && c <= '9')
			k = 'd';
		else if (c >= 0x80)
		{
			if ((c & 0xC0) == 0x80)
				continue;
			k = 'u';
		}
		else
			k = (char) c;
		run = (k == prev) ? run + 1 : 1;
		prev = k;
		if (run <= 2)
			out[o++] = k;
	}
	return o;
}

typedef struct fbuf
{
	uint64_t	ids[64];
	int			n;
} fbuf;

static inline void
feat_add(fbuf *f, uint64_t ns, uint64_t v)
{
	if (f->n < 64)
		f->ids[f->n++] = sentimen_hash_combine(ns, v);
}

static inline uint64_t
hs(const char *s, size_t n)
{
	return sentimen_hash64(s, n, 0);
}

/*
 * Static features of token t seen from offset o (t NULL: before the start or
 * after the end of the sentence).
 */
static void
static_features(const sentimen_ntoken *t, int o, fbuf *f)
{
	uint64_t	ns = NS_OFF(o);
	char		shape[24];
	size_t		sl;

	if (t == NULL)
	{
		feat_add(f, ns, hs(o < 0 ? "<s>" : "</s>", o < 0 ? 3 : 4));
		return;
	}
	feat_add(f, ns, sentimen_hash_combine(1, t->hash));	/* the word */
	{
		/* the word class; looked up here, so only on a cache miss when tagging */
		const sentimen_embeddings *emb = sentimen_default_embeddings();
		int64_t		slot = emb ? sentimen_embeddings_slot(emb, t->hash) : -1;

		if (slot >= 0)
			feat_add(f, ns, sentimen_hash_combine(2, (uint64_t) emb->clusters[slot] + 1));
	}
	if (o >= -1 && o <= 1)
	{
		sl = word_shape(t->surface, t->surface_len, shape, sizeof(shape));
		feat_add(f, ns, sentimen_hash_combine(3, hs(shape, sl)));
		for (int b = 0; b < SENTIMEN_GZ_NBITS; b++)
			if (t->gz1 & (1u << b))
				feat_add(f, ns, sentimen_hash_combine(4, (uint64_t) b));
		if (t->flags & SENTIMEN_TF_UPPER_INITIAL)
			feat_add(f, ns, 5);
	}
	else
	{
		/* further away only the cue words matter */
		uint32_t	cues = t->gz1 & (SENTIMEN_GZ_TITLE | SENTIMEN_GZ_ORG_CUE | SENTIMEN_GZ_LOC_CUE |
									 SENTIMEN_GZ_EVENT_CUE);

		for (int b = 0; b < SENTIMEN_GZ_NBITS; b++)
			if (cues & (1u << b))
				feat_add(f, ns, sentimen_hash_combine(4, (uint64_t) b));
	}
	if (o == 0)
	{
		size_t		n = t->norm_len;

		/* the bias: every token has it, so it lives in the per-word sums */
		feat_add(f, NS_BIAS, 0);

		/* affixes (bytes of the normal form) */
		for (size_t k = 2; k <= 4; k++)
			if (n > k)
			{
				feat_add(f, ns, sentimen_hash_combine(10 + k, hs(t->norm, k)));
				feat_add(f, ns, sentimen_hash_combine(20 + k, hs(t->norm + n - k, k)));
			}
		if (t->flags & SENTIMEN_TF_ALL_UPPER)
			feat_add(f, ns, 6);
		if (t->flags & SENTIMEN_TF_HAS_DIGIT)
			feat_add(f, ns, 7);
		if (t->flags & SENTIMEN_TF_HYPHEN)
			feat_add(f, ns, 8);
		feat_add(f, ns, sentimen_hash_combine(9, n < 3 ? n : n < 6 ? 3 : n < 10 ? 4 : 5));
		/* the word with its case: "Jakarta" vs "jakarta" */
		feat_add(f, ns, sentimen_hash_combine(30, t->shash));
	}
}

/* Sentence-level features of position i. */
static void
dynamic_features(const sentimen_ntoken *toks, size_t n, size_t i, fbuf *f)
{
	const sentimen_ntoken *t = &toks[i];

	if (i == 0)
		feat_add(f, NS_FIRST, (t->flags & SENTIMEN_TF_UPPER_INITIAL) ? 1 : 0);
	for (int k = 0; k < N_SPAN_TYPES; k++)
	{
		bool		cap = (t->flags & SENTIMEN_TF_UPPER_INITIAL) != 0;

		if (t->span_feats & SPAN_B(k))
			feat_add(f, NS_SPAN, (uint64_t) (k * 4 + 0 + cap));
		if (t->span_feats & SPAN_I(k))
			feat_add(f, NS_SPAN, (uint64_t) (k * 4 + 2 + cap));
	}
	if (t->in_date)
		feat_add(f, NS_DATE, 0);

	/*
	 * Whether a token touches its neighbours without a space: "(KPK)" written
	 * against the name it abbreviates is part of the span, a free-standing
	 * "(" is not.
	 */
	{
		bool		att_prev = i > 0 && toks[i - 1].start + toks[i - 1].len == t->start;
		bool		att_next = i + 1 < n && t->start + t->len == toks[i + 1].start;

		if (t->type == SENTIMEN_TOK_PUNCT || att_prev || att_next)
			feat_add(f, NS_ATT, (uint64_t) ((att_prev ? 1 : 0) | (att_next ? 2 : 0) |
										(t->type == SENTIMEN_TOK_PUNCT ? 4 : 0)) |
				 ((uint64_t) (t->len == 1 ? (unsigned char) t->surface[0] : 0) << 8));
	}
}

static inline uint32_t
trans_bucket(int prev, uint32_t mask)
{
	return (uint32_t) (sentimen_hash_combine(NS_TRANS, (uint64_t) prev) & mask);
}

/* may tag `to` follow `from` (SENTIMEN_NTAGS = sentence start)? */
static inline bool
allowed(int from, int to)
{
	if (to == 0 || (to & 1))
		return true;			/* O and B-X anywhere */
	/* I-X only after B-X or I-X */
	return from != SENTIMEN_NTAGS && from != 0 && (from + 1) / 2 == (to + 1) / 2;
}

/*
 * Viterbi over emission scores em[n][NTAGS] and transitions
 * tr[NTAGS + 1][NTAGS] (row NTAGS: from the start).
 */
/*
 * First-order Viterbi under the BIO constraints, for integer weights (tagging)
 * and for double weights (the perceptron trainer).  Forbidden transitions get
 * a score of minus infinity up front, so that the inner loops have constant
 * bounds and the compiler unrolls them.
 */
#define DEFINE_VITERBI(NAME, T, NEGINF) \
static void \
NAME(const T *em, const T *tr_in, size_t n, int *tags, const sentimen_allocator *a) \
{ \
	T		   *score = sentimen_alloc(a, n * SENTIMEN_NTAGS * sizeof(T)); \
	int8_t	   *back = sentimen_alloc(a, n * SENTIMEN_NTAGS * sizeof(int8_t)); \
	T			tr[SENTIMEN_NTAGS][SENTIMEN_NTAGS]; \
	\
	for (int p = 0; p < SENTIMEN_NTAGS; p++) \
		for (int t = 0; t < SENTIMEN_NTAGS; t++) \
			tr[p][t] = allowed(p, t) ? tr_in[p * SENTIMEN_NTAGS + t] : NEGINF; \
	for (int t = 0; t < SENTIMEN_NTAGS; t++) \
	{ \
		score[t] = allowed(SENTIMEN_NTAGS, t) ? em[t] + tr_in[SENTIMEN_NTAGS * SENTIMEN_NTAGS + t] \
			: NEGINF; \
		back[t] = -1; \
	} \
	for (size_t i = 1; i < n; i++) \
	{ \
		const T    *prev = score + (i - 1) * SENTIMEN_NTAGS; \
		\
		for (int t = 0; t < SENTIMEN_NTAGS; t++) \
		{ \
			T			best = prev[0] + tr[0][t]; \
			int			arg = 0; \
			\
			for (int p = 1; p < SENTIMEN_NTAGS; p++) \
			{ \
				T			v = prev[p] + tr[p][t]; \
				bool		better = v > best; \
				\
				/* selects, not a jump: the jump was mispredicted often */ \
				arg = better ? p : arg; \
				best = better ? v : best; \
			} \
			score[i * SENTIMEN_NTAGS + t] = best + em[i * SENTIMEN_NTAGS + t]; \
			back[i * SENTIMEN_NTAGS + t] = (int8_t) arg; \
		} \
	} \
	{ \
		int			best = 0; \
		\
		for (int t = 1; t < SENTIMEN_NTAGS; t++) \
			if (score[(n - 1) * SENTIMEN_NTAGS + t] > score[(n - 1) * SENTIMEN_NTAGS + best]) \
				best = t; \
		for (size_t i = n; i-- > 0;) \
		{ \
			tags[i] = best; \
			best = back[i * SENTIMEN_NTAGS + best]; \
		} \
	} \
	sentimen_free(a, score); \
	sentimen_free(a, back); \
}

/* minus "infinity" that survives a sentence of additions without overflow */
DEFINE_VITERBI(viterbi, int64_t, (INT64_MIN / 4))
DEFINE_VITERBI(viterbi_double, double, (-INFINITY))

/* ---- tagging with a model ---- */

/*
 * Per-process caches, tagged with the model checksum (as classify.c does for
 * words): the static-feature sums of a word at every offset -2..+2 (one
 * probe per token), and the weights of single sentence-level features.
 */
#define TCACHE 32768
#define NOFF 5
static struct
{
	uint64_t	key;
	uint32_t	model;
	uint32_t	stamp;			/* last use, for the two-way replacement */
	bool		used;
	int32_t		w[NOFF][SENTIMEN_NTAGS];
}			tcache[TCACHE];

#define FCACHE 1024
static struct
{
	uint64_t	id;
	uint32_t	model;
	bool		used;
	int32_t		w[SENTIMEN_NTAGS];
}			fcache[FCACHE];

static void
add_row(const sentimen_model *m, uint32_t bucket, int32_t *acc)
{
	const int16_t *row = sentimen_model_lookup(m, bucket);

	if (row)
		for (int c = 0; c < SENTIMEN_NTAGS; c++)
			acc[c] += row[c];
}

/*
 * The static features depend on the surface and on the case and shape flags;
 * the flags go into the key too, so that a token whose flags ever differ from
 * another with the same surface cannot be served the other's sums (which made
 * results depend on what was tagged before).
 */
static inline uint64_t
word_key(const sentimen_ntoken *t)
{
	return t ? t->shash ^ ((uint64_t) (t->flags & (SENTIMEN_TF_UPPER_INITIAL |
													SENTIMEN_TF_ALL_UPPER |
													SENTIMEN_TF_HAS_DIGIT |
													SENTIMEN_TF_HYPHEN)) << 48)
		: UINT64_C(0x5e47);
}

static inline size_t
word_slot(uint64_t key)
{
	return (size_t) ((key * UINT64_C(0x9E3779B97F4A7C15)) >> 40) & (TCACHE - 1);
}

/* start loading the keys of the two ways token t's entry may be in (a hint) */
static inline void
word_sums_prefetch(const sentimen_ntoken *t)
{
	const char *e = (const char *) &tcache[word_slot(word_key(t)) & ~(size_t) 1];

	__builtin_prefetch(e);
	__builtin_prefetch(e + sizeof(tcache[0]));
}

/* summed weights of token t (NULL: a sentence boundary) at offsets -2..+2 */
static const int32_t (*word_sums(const sentimen_model *m, const sentimen_ntoken *t))[SENTIMEN_NTAGS]
{
	static uint32_t clock;
	uint64_t	key = word_key(t);
	size_t		slot = word_slot(key);
	uint32_t	mask = (UINT32_C(1) << m->hdr->fcfg.hash_bits) - 1;

	/* two-way set associative: the pair (slot, slot ^ 1), least recently used out */
	for (int way = 0; way < 2; way++)
	{
		size_t		s = slot ^ (size_t) way;

		if (tcache[s].used && tcache[s].key == key && tcache[s].model == m->hdr->checksum)
		{
			tcache[s].stamp = ++clock;
			return (const int32_t (*)[SENTIMEN_NTAGS]) tcache[s].w;
		}
	}
	if (tcache[slot].used && (!tcache[slot ^ 1].used || tcache[slot ^ 1].stamp < tcache[slot].stamp))
		slot ^= 1;
	memset(tcache[slot].w, 0, sizeof(tcache[slot].w));
	{
		fbuf		f[NOFF];

		/* all the features' rows are requested before the first is read */
		for (int o = 0; o < NOFF; o++)
		{
			f[o].n = 0;
			static_features(t, o - 2, &f[o]);
			for (int k = 0; k < f[o].n; k++)
				sentimen_model_prefetch(m, (uint32_t) (f[o].ids[k] & mask));
		}
		for (int o = 0; o < NOFF; o++)
			for (int k = 0; k < f[o].n; k++)
				add_row(m, (uint32_t) (f[o].ids[k] & mask), tcache[slot].w[o]);
	}
	tcache[slot].key = key;
	tcache[slot].model = m->hdr->checksum;
	tcache[slot].used = true;
	tcache[slot].stamp = ++clock;
	return (const int32_t (*)[SENTIMEN_NTAGS]) tcache[slot].w;
}

/* weights of one sentence-level feature */
static void
add_feature(const sentimen_model *m, uint64_t id, uint32_t mask, int32_t *acc)
{
	size_t		slot = (size_t) ((id * UINT64_C(0x9E3779B97F4A7C15)) >> 50) & (FCACHE - 1);

	if (!(fcache[slot].used && fcache[slot].id == id && fcache[slot].model == m->hdr->checksum))
	{
		memset(fcache[slot].w, 0, sizeof(fcache[slot].w));
		add_row(m, (uint32_t) (id & mask), fcache[slot].w);
		fcache[slot].id = id;
		fcache[slot].model = m->hdr->checksum;
		fcache[slot].used = true;
	}
	for (int c = 0; c < SENTIMEN_NTAGS; c++)
		acc[c] += fcache[slot].w[c];
}

void
sentimen_tagger_tag(const sentimen_tagger *tg, const sentimen_ntoken *toks, size_t n, int *tags,
					const sentimen_allocator *a)
{
	const sentimen_model *m = &tg->m;
	uint32_t	mask = (UINT32_C(1) << m->hdr->fcfg.hash_bits) - 1;
	int64_t    *em;
	int64_t		tr[(SENTIMEN_NTAGS + 1) * SENTIMEN_NTAGS];
	const int32_t (**sums)[SENTIMEN_NTAGS];
	const int32_t (*boundary)[SENTIMEN_NTAGS];

	if (n == 0)
		return;
	em = sentimen_alloc(a, n * SENTIMEN_NTAGS * sizeof(int64_t));
	for (int p = 0; p <= SENTIMEN_NTAGS; p++)
	{
		int32_t		acc[SENTIMEN_NTAGS] = {0};

		add_row(m, trans_bucket(p, mask), acc);
		for (int c = 0; c < SENTIMEN_NTAGS; c++)
			tr[p * SENTIMEN_NTAGS + c] = acc[c];
	}
	/* each token's sums at all offsets: one cache probe per token */
	sums = sentimen_alloc(a, n * sizeof(*sums));
	for (size_t i = 0; i < n; i++)
		word_sums_prefetch(&toks[i]);
	for (size_t i = 0; i < n; i++)
	{
		const char *w;

		sums[i] = word_sums(m, &toks[i]);
		/* a hit read only the key: load the sums for the loop below */
		w = (const char *) sums[i];
		__builtin_prefetch(w);
		__builtin_prefetch(w + 64);
		__builtin_prefetch(w + sizeof(*sums[i]) * NOFF - 1);
	}
	boundary = word_sums(m, NULL);
	for (size_t i = 0; i < n; i++)
	{
		int32_t		acc[SENTIMEN_NTAGS] = {0};
		fbuf		f;

		for (int o = -2; o <= 2; o++)
		{
			ptrdiff_t	j = (ptrdiff_t) i + o;
			const int32_t *w;

			if (j >= 0 && (size_t) j < n)
				w = sums[j][o + 2];
			else if (o == -1 || o == 1)
				w = boundary[o + 2];	/* one boundary marker is enough */
			else
				continue;
			for (int c = 0; c < SENTIMEN_NTAGS; c++)
				acc[c] += w[c];
		}
		f.n = 0;
		dynamic_features(toks, n, i, &f);
		for (int k = 0; k < f.n; k++)
			add_feature(m, f.ids[k], mask, acc);
		for (int c = 0; c < SENTIMEN_NTAGS; c++)
			em[i * SENTIMEN_NTAGS + c] = acc[c];
		if ((i & 1023) == 1023)
			sentimen_check_interrupts();
	}
	/* decoding in integer weight units: the scale does not change the argmax */
	viterbi(em, tr, n, tags, a);
	sentimen_free(a, sums);
	sentimen_free(a, em);
}

/* ---- CoNLL input ---- */

static int
conll_type(const char *t)
{
	if (strcmp(t, "PER") == 0 || strcmp(t, "PERSON") == 0 || strcmp(t, "PPL") == 0)
		return SENTIMEN_ENT_PERSON;
	if (strcmp(t, "ORG") == 0 || strcmp(t, "ORGANIZATION") == 0 ||
		strcmp(t, "ORGANISATION") == 0 || strcmp(t, "BRAND") == 0)
		return SENTIMEN_ENT_ORG;
	if (strcmp(t, "LOC") == 0 || strcmp(t, "LOCATION") == 0 || strcmp(t, "PLACE") == 0 ||
		strcmp(t, "PLC") == 0)
		return SENTIMEN_ENT_LOC;
	return SENTIMEN_ENT_NONE;
}

/* add one sentence: words[] with tags "B-X"/"I-X"/"O" */
static void
add_conll_sentence(char **words, char **tagstr, size_t nw, float weight, bool lower, int domain,
				   sentimen_tagged_sentence **sents, size_t *n, size_t *cap,
				   sentimen_arena *arena, const sentimen_allocator *a)
{
	size_t		len = 0,
				pos = 0;
	char	   *text;
	size_t	   *wstart;
	int		   *wtype;
	bool	   *wbegin;
	sentimen_ntoken *toks;
	size_t		nt,
			   *ss,
				nss;
	sentimen_tagged_sentence *s;

	for (size_t i = 0; i < nw; i++)
		len += strlen(words[i]) + 1;
	text = sentimen_arena_alloc(arena, len + 1);
	wstart = sentimen_alloc(a, (nw + 1) * sizeof(size_t));
	wtype = sentimen_alloc(a, (nw + 1) * sizeof(int));
	wbegin = sentimen_alloc(a, (nw + 1) * sizeof(bool));
	for (size_t i = 0; i < nw; i++)
	{
		size_t		l = strlen(words[i]);
		const char *tg = tagstr[i];

		wstart[i] = pos;
		memcpy(text + pos, words[i], l);
		if (lower)
			for (size_t k = 0; k < l; k++)
				if (text[pos + k] >= 'A' && text[pos + k] <= 'Z')
					text[pos + k] += 32;
		pos += l;
		text[pos++] = ' ';
		wtype[i] = SENTIMEN_ENT_NONE;
		wbegin[i] = false;
		if ((tg[0] == 'B' || tg[0] == 'I') && tg[1] == '-')
		{
			wtype[i] = conll_type(tg + 2);
			wbegin[i] = tg[0] == 'B' || i == 0 || wtype[i - 1] != wtype[i];
		}
	}
	text[pos > 0 ? pos - 1 : 0] = '\0';
	wstart[nw] = pos;

	sentimen_ner_tokenize(text, pos > 0 ? pos - 1 : 0, &toks, &nt, &ss, &nss, arena, a);
	sentimen_free(a, ss);
	if (nt == 0)
	{
		sentimen_free(a, toks);
		goto done;
	}
	if (*n == *cap)
	{
		*cap = *cap ? *cap * 2 : 1024;
		*sents = *sents ? sentimen_realloc(a, *sents, *cap * sizeof(**sents))
			: sentimen_alloc(a, *cap * sizeof(**sents));
	}
	s = &(*sents)[(*n)++];
	s->toks = toks;
	s->n = nt;
	s->weight = weight;
	s->domain = domain;
	s->tags = sentimen_alloc(a, nt * sizeof(int));
	{
		size_t		w = 0;
		size_t		prev_w = (size_t) -1;

		for (size_t k = 0; k < nt; k++)
		{
			while (w + 1 < nw && wstart[w + 1] <= toks[k].start)
				w++;
			if (wtype[w] == SENTIMEN_ENT_NONE)
				s->tags[k] = SENTIMEN_TAG_O;
			else
			{
				bool		begin = wbegin[w] && w != prev_w;

				s->tags[k] = sentimen_tag_b(wtype[w]) + (begin ? 0 : 1);
				/* keep the sequence well formed: I-X only after B-X or I-X */
				if (!begin && (k == 0 || (s->tags[k - 1] + 1) / 2 != (s->tags[k] + 1) / 2 ||
							   s->tags[k - 1] == SENTIMEN_TAG_O))
					s->tags[k] -= 1;
			}
			prev_w = w;
		}
	}
done:
	sentimen_free(a, wstart);
	sentimen_free(a, wtype);
	sentimen_free(a, wbegin);
}

sentimen_status
sentimen_conll_load(const char *path, float weight, bool lower, int domain,
					sentimen_tagged_sentence **sents,
					size_t *n, size_t *cap, sentimen_arena *arena, const sentimen_allocator *a,
					char *err, size_t errlen)
{
	FILE	   *f = fopen(path, "rb");
	char	   *line = NULL;
	size_t		lcap = 0,
				nw = 0,
				wcap = 256;
	ssize_t		r;
	char	  **words,
			  **tags;
	size_t		lineno = 0;

	if (f == NULL)
	{
		snprintf(err, errlen, "%s: cannot open", path);
		return SENTIMEN_ERR_IO;
	}
	words = sentimen_alloc(a, wcap * sizeof(char *));
	tags = sentimen_alloc(a, wcap * sizeof(char *));
	for (;;)
	{
		char	   *tab;

		r = getline(&line, &lcap, f);
		lineno++;
		if (r > 0 && line[r - 1] == '\n')
			line[--r] = '\0';
		if (r > 0 && line[r - 1] == '\r')
			line[--r] = '\0';
		if (r <= 0)
		{
			if (nw > 0)
				add_conll_sentence(words, tags, nw, weight, lower, domain, sents, n, cap, arena, a);
			nw = 0;
			if (r < 0)
				break;
			continue;
		}
		tab = strchr(line, '\t');
		if (tab == NULL)
			tab = strrchr(line, ' ');
		if (tab == NULL)
		{
			snprintf(err, errlen, "%s:%zu: expected token<TAB>tag", path, lineno);
			free(line);
			fclose(f);
			sentimen_free(a, words);
			sentimen_free(a, tags);
			return SENTIMEN_ERR_PARSE;
		}
		*tab = '\0';
		if (nw == wcap)
		{
			wcap *= 2;
			words = sentimen_realloc(a, words, wcap * sizeof(char *));
			tags = sentimen_realloc(a, tags, wcap * sizeof(char *));
		}
		words[nw] = sentimen_arena_strndup(arena, line, strlen(line));
		tags[nw] = sentimen_arena_strndup(arena, tab + 1, strlen(tab + 1));
		nw++;
	}
	free(line);
	fclose(f);
	sentimen_free(a, words);
	sentimen_free(a, tags);
	return SENTIMEN_OK;
}

/* ---- training ---- */

void
sentimen_tagger_config_default(sentimen_tagger_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->hash_bits = 22;
	cfg->crf = true;
	cfg->l2 = 3e-4;
	cfg->max_iter = 250;
	cfg->epochs = 12;
	cfg->seed = 7;
	cfg->prune = 0.02f;
}

static uint32_t
gz_type_bits(const char *type, const char *path)
{
	if (strstr(path, "tickers"))
		return SENTIMEN_GZ_TICKER;
	if (strcmp(type, "PERSON") == 0)
		return SENTIMEN_GZ_PERSON;
	if (strcmp(type, "ORG") == 0)
		return SENTIMEN_GZ_ORG;
	if (strcmp(type, "LOC") == 0)
		return SENTIMEN_GZ_LOC | (strstr(path, "countries") ? SENTIMEN_GZ_COUNTRY : 0);
	if (strcmp(type, "EVENT") == 0)
		return SENTIMEN_GZ_EVENT;
	if (strcmp(type, "PRODUCT") == 0)
		return SENTIMEN_GZ_PRODUCT;
	if (strcmp(type, "PERSON_NAME_PART") == 0)
		return SENTIMEN_GZ_GIVEN_NAME;
	/* noble and ethnic prefixes (Raden, Teuku, Andi) belong to the name */
	if (strcmp(type, "TITLE_NOBLE") == 0 || strcmp(type, "NAME_PREFIX") == 0)
		return SENTIMEN_GZ_NAME_PREFIX;
	if (strncmp(type, "TITLE_", 6) == 0)
		return SENTIMEN_GZ_TITLE;
	if (strcmp(type, "ORG_CUE") == 0)
		return SENTIMEN_GZ_ORG_CUE;
	if (strcmp(type, "LOC_CUE") == 0)
		return SENTIMEN_GZ_LOC_CUE;
	if (strcmp(type, "EVENT_CUE") == 0)
		return SENTIMEN_GZ_EVENT_CUE;
	if (strncmp(type, "MONTH", 5) == 0)
		return SENTIMEN_GZ_MONTH;
	if (strncmp(type, "DAY", 3) == 0)
		return SENTIMEN_GZ_DAY;
	if (strcmp(type, "DATE_CUE") == 0 || strcmp(type, "TIME_CUE") == 0)
		return SENTIMEN_GZ_DATE_CUE;
	return 0;
}

typedef struct gz_build
{
	uint64_t   *keys;
	uint32_t   *bits;
	uint32_t	cap;
	uint32_t	n;
	uint32_t	max_words;
	const sentimen_allocator *a;
} gz_build;

static void
gz_add(gz_build *g, uint64_t hash, uint32_t bits)
{
	uint64_t	key = hash | 1;
	uint32_t	slot;

	if ((g->n + 1) * 2 > g->cap)
	{
		uint64_t   *ok = g->keys;
		uint32_t   *ob = g->bits;
		uint32_t	ocap = g->cap;

		g->cap = g->cap ? g->cap * 2 : 1024;
		g->keys = sentimen_alloc(g->a, g->cap * sizeof(uint64_t));
		g->bits = sentimen_alloc(g->a, g->cap * sizeof(uint32_t));
		memset(g->keys, 0, g->cap * sizeof(uint64_t));
		memset(g->bits, 0, g->cap * sizeof(uint32_t));
		g->n = 0;
		for (uint32_t i = 0; i < ocap; i++)
			if (ok[i])
				gz_add(g, ok[i], ob[i]);	/* key | 1 == key */
		sentimen_free(g->a, ok);
		sentimen_free(g->a, ob);
	}
	slot = (uint32_t) (hash >> 32) & (g->cap - 1);
	while (g->keys[slot] != 0 && g->keys[slot] != key)
		slot = (slot + 1) & (g->cap - 1);
	if (g->keys[slot] == 0)
	{
		g->keys[slot] = key;
		g->n++;
	}
	g->bits[slot] |= bits;
}

static sentimen_status
gz_load(gz_build *g, const char *spec, sentimen_arena *arena)
{
	FILE	   *f = fopen(spec, "rb");
	char	   *line = NULL;
	size_t		cap = 0;
	ssize_t		r;

	if (f == NULL)
		return SENTIMEN_ERR_IO;
	while ((r = getline(&line, &cap, f)) > 0)
	{
		char	   *tab;
		uint32_t	bits;
		sentimen_ntoken *toks;
		size_t		nt,
				   *ss,
					nss;

		while (r > 0 && (line[r - 1] == '\n' || line[r - 1] == '\r'))
			line[--r] = '\0';
		tab = strchr(line, '\t');
		if (tab == NULL)
			continue;
		*tab = '\0';
		bits = gz_type_bits(tab + 1, spec);
		if (bits == 0)
			continue;
		sentimen_ner_tokenize(line, strlen(line), &toks, &nt, &ss, &nss, arena, g->a);
		if (nt >= 1 && nt <= MAX_GZ_WORDS)
		{
			gz_add(g, sentimen_words_hash(toks, nt), bits);
			/* mark proper prefixes, so that matching stops where no name goes on */
			for (size_t k = 1; k < nt; k++)
				gz_add(g, sentimen_words_hash(toks, k), SENTIMEN_GZ_PREFIX);
			if (nt > g->max_words)
				g->max_words = (uint32_t) nt;
		}
		sentimen_free(g->a, toks);
		sentimen_free(g->a, ss);
	}
	free(line);
	fclose(f);
	return SENTIMEN_OK;
}

/* features of every token of a sentence, as dense indexes */
typedef struct tfeats
{
	uint32_t   *idx;			/* per token: features, then -1 */
	size_t	   *start;			/* n + 1 */
} tfeats;

typedef struct fmap
{
	int32_t    *map;			/* bucket -> dense index, -1 */
	uint32_t   *buckets;		/* dense -> bucket */
	bool	   *copy;			/* dense -> is a domain copy (not shipped) */
	uint32_t	n;
	uint32_t	cap;
	const sentimen_allocator *a;
} fmap;

/*
 * Dense index of a bucket.  Domain copies live in a second bucket space
 * (bucket + 2^hash_bits), so they never collide with shipped features.
 */
static uint32_t
fmap_index(fmap *fm, uint32_t bucket, bool copy)
{
	if (fm->map[bucket] < 0)
	{
		if (fm->n == fm->cap)
		{
			fm->cap = fm->cap ? fm->cap * 2 : 65536;
			fm->buckets = fm->buckets ? sentimen_realloc(fm->a, fm->buckets, fm->cap * sizeof(uint32_t))
				: sentimen_alloc(fm->a, fm->cap * sizeof(uint32_t));
			fm->copy = fm->copy ? sentimen_realloc(fm->a, fm->copy, fm->cap * sizeof(bool))
				: sentimen_alloc(fm->a, fm->cap * sizeof(bool));
		}
		fm->buckets[fm->n] = bucket;
		fm->copy[fm->n] = copy;
		fm->map[bucket] = (int32_t) fm->n++;
	}
	return (uint32_t) fm->map[bucket];
}

static void
sentence_features(const sentimen_tagged_sentence *s, fmap *fm, uint32_t mask, tfeats *tf,
				  const sentimen_allocator *a)
{
	size_t		cap = s->n * 48 + 16,
				k = 0;

	tf->idx = sentimen_alloc(a, cap * sizeof(uint32_t));
	tf->start = sentimen_alloc(a, (s->n + 1) * sizeof(size_t));
	for (size_t i = 0; i < s->n; i++)
	{
		fbuf		f;

		f.n = 0;
		for (int o = -2; o <= 2; o++)
		{
			ptrdiff_t	j = (ptrdiff_t) i + o;
			const sentimen_ntoken *t = (j >= 0 && (size_t) j < s->n) ? &s->toks[j] : NULL;

			if (t == NULL && (o == -2 || o == 2))
				continue;
			static_features(t, o, &f);
		}
		dynamic_features(s->toks, s->n, i, &f);
		tf->start[i] = k;
		if (k + 2 * (size_t) f.n + 1 > cap)
		{
			cap = (k + 2 * f.n + 1) * 2;
			tf->idx = sentimen_realloc(a, tf->idx, cap * sizeof(uint32_t));
		}
		for (int q = 0; q < f.n; q++)
		{
			tf->idx[k++] = fmap_index(fm, (uint32_t) (f.ids[q] & mask), false);
			if (s->domain > 0)
				tf->idx[k++] = fmap_index(fm, (uint32_t) (sentimen_hash_combine(f.ids[q], NS_DOMAIN + (uint64_t) s->domain) & mask) + mask + 1, true);
		}
	}
	tf->start[s->n] = k;
}

/* ---- CRF ---- */

typedef struct crf_problem
{
	sentimen_tagged_sentence *sents;
	tfeats	   *tf;
	size_t		n;
	const uint32_t *trans_idx;
	size_t		n_params;
	double		l2;
	double		total_weight;
	const sentimen_allocator *a;
} crf_problem;

static inline double
logsumexp2(double a, double b)
{
	if (a == -INFINITY)
		return b;
	if (b == -INFINITY)
		return a;
	return a > b ? a + log1p(exp(b - a)) : b + log1p(exp(a - b));
}

static double
crf_objective(void *ctx, const double *x, double *g)
{
	const crf_problem *P = ctx;
	const int	T = SENTIMEN_NTAGS;
	double		loss = 0.0;
	double		tr[(SENTIMEN_NTAGS + 1) * SENTIMEN_NTAGS];
	double		gtr[(SENTIMEN_NTAGS + 1) * SENTIMEN_NTAGS];

	memset(g, 0, P->n_params * sizeof(double));
	memset(gtr, 0, sizeof(gtr));
	for (int p = 0; p <= T; p++)
		for (int t = 0; t < T; t++)
			tr[p * T + t] = allowed(p, t) ? x[(size_t) P->trans_idx[p] * T + t] : -INFINITY;

	for (size_t si = 0; si < P->n; si++)
	{
		const sentimen_tagged_sentence *s = &P->sents[si];
		const tfeats *f = &P->tf[si];
		size_t		n = s->n;
		double		w = s->weight / P->total_weight;
		double	   *em = sentimen_alloc(P->a, n * T * sizeof(double));
		double	   *al = sentimen_alloc(P->a, n * T * sizeof(double));
		double	   *be = sentimen_alloc(P->a, n * T * sizeof(double));
		double		logz = -INFINITY,
					gold = 0.0;

		for (size_t i = 0; i < n; i++)
			for (int t = 0; t < T; t++)
			{
				double		v = 0.0;

				for (size_t k = f->start[i]; k < f->start[i + 1]; k++)
					v += x[(size_t) f->idx[k] * T + t];
				em[i * T + t] = v;
			}
		/* forward */
		for (int t = 0; t < T; t++)
			al[t] = tr[T * T + t] + em[t];
		for (size_t i = 1; i < n; i++)
			for (int t = 0; t < T; t++)
			{
				double		v = -INFINITY;

				for (int p = 0; p < T; p++)
					if (tr[p * T + t] != -INFINITY)
						v = logsumexp2(v, al[(i - 1) * T + p] + tr[p * T + t]);
				al[i * T + t] = v + em[i * T + t];
			}
		for (int t = 0; t < T; t++)
			logz = logsumexp2(logz, al[(n - 1) * T + t]);
		/* backward */
		for (int t = 0; t < T; t++)
			be[(n - 1) * T + t] = 0.0;
		for (size_t i = n - 1; i-- > 0;)
			for (int p = 0; p < T; p++)
			{
				double		v = -INFINITY;

				for (int t = 0; t < T; t++)
					if (tr[p * T + t] != -INFINITY)
						v = logsumexp2(v, tr[p * T + t] + em[(i + 1) * T + t] + be[(i + 1) * T + t]);
				be[i * T + p] = v;
			}
		/* gold path */
		for (size_t i = 0; i < n; i++)
			gold += em[i * T + s->tags[i]] + tr[(i ? s->tags[i - 1] : T) * T + s->tags[i]];
		loss += w * (logz - gold);

		/* gradients: expected minus observed */
		for (size_t i = 0; i < n; i++)
		{
			double		mu[SENTIMEN_NTAGS];

			for (int t = 0; t < T; t++)
				mu[t] = exp(al[i * T + t] + be[i * T + t] - logz);
			mu[s->tags[i]] -= 1.0;
			for (size_t k = f->start[i]; k < f->start[i + 1]; k++)
			{
				double	   *gk = g + (size_t) f->idx[k] * T;

				for (int t = 0; t < T; t++)
					gk[t] += w * mu[t];
			}
			if (i == 0)
			{
				for (int t = 0; t < T; t++)
					gtr[T * T + t] += w * (exp(al[t] + be[t] - logz) - (t == s->tags[0]));
			}
			else
			{
				for (int p = 0; p < T; p++)
					for (int t = 0; t < T; t++)
						if (tr[p * T + t] != -INFINITY)
							gtr[p * T + t] += w * exp(al[(i - 1) * T + p] + tr[p * T + t] +
													  em[i * T + t] + be[i * T + t] - logz);
				gtr[s->tags[i - 1] * T + s->tags[i]] -= w;
			}
		}
		sentimen_free(P->a, em);
		sentimen_free(P->a, al);
		sentimen_free(P->a, be);
	}
	for (int p = 0; p <= T; p++)
		for (int t = 0; t < T; t++)
			g[(size_t) P->trans_idx[p] * T + t] += gtr[p * T + t];
	for (size_t k = 0; k < P->n_params; k++)
	{
		loss += 0.5 * P->l2 * x[k] * x[k];
		g[k] += P->l2 * x[k];
	}
	return loss;
}

sentimen_status
sentimen_tagger_train(const sentimen_tagger_config *cfg, sentimen_tagged_sentence *sents, size_t n,
					  const char *meta, const sentimen_allocator *a, void **blob, size_t *size)
{
	uint32_t	nb = UINT32_C(1) << cfg->hash_bits;
	uint32_t	mask = nb - 1;
	fmap		fm = {NULL, NULL, NULL, 0, 0, a};
	tfeats	   *tf;
	gz_build	g = {NULL, NULL, 0, 0, 0, a};
	sentimen_arena arena;
	uint32_t	trans_idx[SENTIMEN_NTAGS + 1];
	float	   *W,
			   *U;
	double		c = 1.0;
	size_t	   *order;
	uint64_t	rng = cfg->seed ? cfg->seed : 1;
	sentimen_status st;
	const sentimen_embeddings *emb = sentimen_default_embeddings();

	if (n == 0)
		return SENTIMEN_ERR_NO_DATA;
	if (cfg->hash_bits < 12 || cfg->hash_bits > 24)
		return SENTIMEN_ERR_INVALID_ARGUMENT;

	/* gazetteer first: the features depend on it */
	sentimen_arena_init(&arena, a);
	gz_add(&g, 0, 0);			/* ensure a table exists */
	for (int i = 0; i < cfg->n_gazetteer_files; i++)
		if ((st = gz_load(&g, cfg->gazetteer_files[i], &arena)) != SENTIMEN_OK)
		{
			sentimen_arena_free(&arena);
			return st;
		}
	if (g.max_words == 0)
		g.max_words = 1;
	{
		sentimen_gazetteer gv = {g.keys, g.bits, g.cap - 1, g.max_words};

		for (size_t i = 0; i < n; i++)
			sentimen_tagger_annotate(&gv, sents[i].toks, sents[i].n);
	}

	fm.map = sentimen_alloc(a, (size_t) nb * 2 * sizeof(int32_t));
	for (uint32_t b = 0; b < nb * 2; b++)
		fm.map[b] = -1;
	for (int p = 0; p <= SENTIMEN_NTAGS; p++)
		trans_idx[p] = fmap_index(&fm, trans_bucket(p, mask), false);
	tf = sentimen_alloc(a, n * sizeof(tfeats));
	for (size_t i = 0; i < n; i++)
	{
		sentence_features(&sents[i], &fm, mask, &tf[i], a);
		if ((i & 255) == 0)
			sentimen_check_interrupts();
	}

	W = sentimen_alloc(a, (size_t) fm.n * SENTIMEN_NTAGS * sizeof(float));
	U = sentimen_alloc(a, (size_t) fm.n * SENTIMEN_NTAGS * sizeof(float));
	memset(W, 0, (size_t) fm.n * SENTIMEN_NTAGS * sizeof(float));
	memset(U, 0, (size_t) fm.n * SENTIMEN_NTAGS * sizeof(float));
	order = sentimen_alloc(a, n * sizeof(size_t));
	for (size_t i = 0; i < n; i++)
		order[i] = i;

	if (cfg->crf)
	{
		crf_problem P;
		double	   *x = sentimen_alloc(a, (size_t) fm.n * SENTIMEN_NTAGS * sizeof(double));

		P.sents = sents;
		P.tf = tf;
		P.n = n;
		P.trans_idx = trans_idx;
		P.n_params = (size_t) fm.n * SENTIMEN_NTAGS;
		P.l2 = cfg->l2;
		P.total_weight = 0.0;
		P.a = a;
		for (size_t i = 0; i < n; i++)
			P.total_weight += sents[i].weight;
		memset(x, 0, P.n_params * sizeof(double));
		sentimen_lbfgs(P.n_params, x, crf_objective, &P, cfg->max_iter, 1e-6, cfg->progress,
					   cfg->progress_ctx, a);
		/* W holds the weights; U = 0 and c = 1 make the "average" below W itself */
		for (size_t k = 0; k < P.n_params; k++)
			W[k] = (float) x[k];
		c = 1.0;
		sentimen_free(a, x);
	}
	for (int epoch = 0; epoch < (cfg->crf ? 0 : cfg->epochs); epoch++)
	{
		size_t		errors = 0;

		/* deterministic shuffle */
		for (size_t i = n; i > 1; i--)
		{
			size_t		j;
			size_t		t;

			rng ^= rng << 13;
			rng ^= rng >> 7;
			rng ^= rng << 17;
			j = (size_t) (rng % i);
			t = order[i - 1];
			order[i - 1] = order[j];
			order[j] = t;
		}
		for (size_t oi = 0; oi < n; oi++)
		{
			size_t		si = order[oi];
			sentimen_tagged_sentence *s = &sents[si];
			tfeats	   *f = &tf[si];
			double	   *em = sentimen_alloc(a, s->n * SENTIMEN_NTAGS * sizeof(double));
			double		tr[(SENTIMEN_NTAGS + 1) * SENTIMEN_NTAGS];
			int		   *pred = sentimen_alloc(a, s->n * sizeof(int));
			float		wgt = s->weight;

			for (int p = 0; p <= SENTIMEN_NTAGS; p++)
				for (int t = 0; t < SENTIMEN_NTAGS; t++)
					tr[p * SENTIMEN_NTAGS + t] = W[(size_t) trans_idx[p] * SENTIMEN_NTAGS + t];
			for (size_t i = 0; i < s->n; i++)
				for (int t = 0; t < SENTIMEN_NTAGS; t++)
				{
					double		v = 0.0;

					for (size_t k = f->start[i]; k < f->start[i + 1]; k++)
						v += W[(size_t) f->idx[k] * SENTIMEN_NTAGS + t];
					em[i * SENTIMEN_NTAGS + t] = v;
				}
			viterbi_double(em, tr, s->n, pred, a);
			for (size_t i = 0; i < s->n; i++)
			{
				int			g_t = s->tags[i],
							p_t = pred[i];
				int			g_prev = i ? s->tags[i - 1] : SENTIMEN_NTAGS;
				int			p_prev = i ? pred[i - 1] : SENTIMEN_NTAGS;

				if (g_t != p_t)
				{
					errors++;
					for (size_t k = f->start[i]; k < f->start[i + 1]; k++)
					{
						size_t		b = (size_t) f->idx[k] * SENTIMEN_NTAGS;

						W[b + g_t] += wgt;
						U[b + g_t] += (float) (c * wgt);
						W[b + p_t] -= wgt;
						U[b + p_t] -= (float) (c * wgt);
					}
				}
				if (g_t != p_t || g_prev != p_prev)
				{
					size_t		bg = (size_t) trans_idx[g_prev] * SENTIMEN_NTAGS;
					size_t		bp = (size_t) trans_idx[p_prev] * SENTIMEN_NTAGS;

					W[bg + g_t] += wgt;
					U[bg + g_t] += (float) (c * wgt);
					W[bp + p_t] -= wgt;
					U[bp + p_t] -= (float) (c * wgt);
				}
			}
			c += 1.0;
			sentimen_free(a, em);
			sentimen_free(a, pred);
			sentimen_check_interrupts();
		}
		if (cfg->progress)
		{
			char		msg[96];

			snprintf(msg, sizeof(msg), "tagger: epoch %d of %d, %zu token errors", epoch + 1,
					 cfg->epochs, errors);
			cfg->progress(cfg->progress_ctx, msg);
		}
	}

	/* averaged weights, pruned, into a model blob */
	{
		sentimen_model_builder b;
		uint32_t   *kb = sentimen_alloc(a, (size_t) (fm.n ? fm.n : 1) * sizeof(uint32_t));
		float	   *kw = sentimen_alloc(a, (size_t) (fm.n ? fm.n : 1) * SENTIMEN_NTAGS * sizeof(float));
		uint32_t	kept = 0;
		size_t		auxlen;
		char	   *aux;
		gz_header	gh;

		for (uint32_t j = 0; j < fm.n; j++)
		{
			float		mx = 0.0f;
			float		avg[SENTIMEN_NTAGS];

			for (int t = 0; t < SENTIMEN_NTAGS; t++)
			{
				size_t		k = (size_t) j * SENTIMEN_NTAGS + t;

				avg[t] = (float) (W[k] - U[k] / c);
				if (fabsf(avg[t]) > mx)
					mx = fabsf(avg[t]);
			}
			if (mx < cfg->prune || fm.copy[j])
				continue;
			kb[kept] = fm.buckets[j];
			memcpy(kw + (size_t) kept * SENTIMEN_NTAGS, avg, sizeof(avg));
			kept++;
		}
		memset(&gh, 0, sizeof(gh));
		memcpy(gh.magic, "GAZ2", 4);
		gh.cap = g.cap;
		gh.n = g.n;
		gh.max_words = g.max_words;
		auxlen = ALIGN8(sizeof(gz_header)) + (size_t) g.cap * (sizeof(uint64_t) + sizeof(uint32_t));
		aux = sentimen_alloc(a, auxlen);
		memset(aux, 0, auxlen);
		memcpy(aux, &gh, sizeof(gh));
		memcpy(aux + ALIGN8(sizeof(gz_header)), g.keys, (size_t) g.cap * sizeof(uint64_t));
		memcpy(aux + ALIGN8(sizeof(gz_header)) + (size_t) g.cap * sizeof(uint64_t), g.bits,
			   (size_t) g.cap * sizeof(uint32_t));

		memset(&b, 0, sizeof(b));
		b.kind = SENTIMEN_MODEL_KIND_TAGGER;
		sentimen_feature_config_default(&b.fcfg);
		b.fcfg.flags = 0;
		b.fcfg.hash_bits = cfg->hash_bits;
		if (emb)
		{
			/* the word classes come from these embeddings */
			b.fcfg.flags = SENTIMEN_FC_CLUSTERS;
			b.fcfg.embed_checksum = emb->hdr->checksum;
		}
		b.n_classes = SENTIMEN_NTAGS;
		for (int t = 0; t < SENTIMEN_NTAGS; t++)
			strcpy(b.class_names[t], tag_names[t]);
		b.temperature = 1.0f;
		b.temperature_long = 1.0f;
		b.n_entries = kept;
		b.n_domains = 1;
		b.buckets = kb;
		b.weights = kw;
		b.meta = meta;
		b.aux = aux;
		b.aux_len = auxlen;
		st = sentimen_model_build(&b, a, blob, size);
		sentimen_free(a, kb);
		sentimen_free(a, kw);
		sentimen_free(a, aux);
	}

	for (size_t i = 0; i < n; i++)
	{
		sentimen_free(a, tf[i].idx);
		sentimen_free(a, tf[i].start);
	}
	sentimen_free(a, tf);
	sentimen_free(a, W);
	sentimen_free(a, U);
	sentimen_free(a, order);
	sentimen_free(a, fm.map);
	sentimen_free(a, fm.buckets);
	sentimen_free(a, fm.copy);
	sentimen_free(a, g.keys);
	sentimen_free(a, g.bits);
	sentimen_arena_free(&arena);
	return st;
}
