/*
 * classify.c: linear scoring over the featuriser's stream, and explanations.
 */
#include "classify.h"
#include "embed.h"
#include "hash.h"
#include "tokenize.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct score_ctx
{
	const sentimen_model *m;
	double		acc[SENTIMEN_NPOOLS][SENTIMEN_MAX_CLASSES];
	/* the folded dense features (featurize.h): sum of W * vector, and count */
	int64_t		dsum[SENTIMEN_NDOMAINS * 3];
	uint32_t	dcount;
} score_ctx;

/* weight of class c in a row for a span of the given domain (unscaled) */
static inline double
row_weight(const sentimen_model *m, const int16_t *w, int domain, uint32_t c)
{
	double		v = w[c];

	if (domain != SENTIMEN_DOMAIN_NONE && m->n_domains > 1)
		v += m->hdr->fcfg.aug_weight * w[(size_t) domain * m->n_classes + c];
	return v;
}

static void
score_fn(void *ctx, uint32_t bucket, float value, int pool, int domain, const char *term,
		 size_t term_len)
{
	score_ctx  *s = ctx;
	const int16_t *w = sentimen_model_lookup(s->m, bucket);

	SENTIMEN_UNUSED(term);
	SENTIMEN_UNUSED(term_len);
	if (w)
	{
		double	   *acc = s->acc[pool];

		for (uint32_t c = 0; c < s->m->n_classes; c++)
			acc[c] += (double) value * row_weight(s->m, w, domain, c);
	}
}

/*
 * Per-process cache of word bundles (featurize.h): the summed int16 weights of
 * a word's word-only features, tagged with the model's checksum.  Direct
 * mapped; a miss just recomputes.  Used when n_domains * n_classes fits.
 * News has a long tail of words, so the table is sized for it: 32,768
 * entries, 2.9 MB per backend.
 */
#define BUNDLE_CACHE 32768
#define BUNDLE_W (SENTIMEN_NDOMAINS * 3)

static struct
{
	uint64_t	key;
	uint32_t	model;			/* checksum of the model the sums belong to */
	bool		used;
	bool		has_vec;		/* the word has a vector: d is W * vector */
	int32_t		w[BUNDLE_W];
	int32_t		d[BUNDLE_W];
}			bundle_cache[BUNDLE_CACHE];

/*
 * The folded dense features (featurize.h): W * vector of each word of the
 * embeddings, computed on first use, tagged with the model's checksum (values,
 * not pointers into the model: a stored model may be freed).  The dense
 * weights of that model are kept transposed, for dot products.
 */
#define DENSE_SLOTS 65536

static struct
{
	uint32_t	model;
	bool		used;
	uint32_t	dim;
	int16_t		w[BUNDLE_W][SENTIMEN_EMBED_MAX_DIM];
}			dense_rows;

static uint32_t dense_model[DENSE_SLOTS];	/* checksum | 1 of the entry's model; 0 = none */
static int32_t dense_table[DENSE_SLOTS][BUNDLE_W];

/* W * vector of the word in embeddings slot `slot`, exact in integers */
static const int32_t *
dense_of(const sentimen_model *m, int64_t slot, int32_t *scratch)
{
	const sentimen_embeddings *e = sentimen_default_embeddings();
	uint32_t	tag = m->hdr->checksum | 1;
	int32_t    *d = slot < DENSE_SLOTS ? dense_table[slot] : scratch;
	int16_t		v[SENTIMEN_EMBED_MAX_DIM];
	const int8_t *vec = e->vectors + (size_t) slot * e->dim;

	if (slot < DENSE_SLOTS && dense_model[slot] == tag)
		return d;
	if (!(dense_rows.used && dense_rows.model == m->hdr->checksum && dense_rows.dim == e->dim))
	{
		memset(dense_rows.w, 0, sizeof(dense_rows.w));
		for (uint32_t k = 0; k < e->dim; k++)
		{
			const int16_t *row = sentimen_model_lookup(m, sentimen_dense_bucket(&m->hdr->fcfg, k));

			if (row)
				for (size_t r = 0; r < m->row_size; r++)
					dense_rows.w[r][k] = row[r];
		}
		dense_rows.model = m->hdr->checksum;
		dense_rows.dim = e->dim;
		dense_rows.used = true;
	}
	for (uint32_t k = 0; k < e->dim; k++)
		v[k] = vec[k];
	for (size_t r = 0; r < m->row_size; r++)
	{
		const int16_t *w = dense_rows.w[r];
		int32_t		acc = 0;

		for (uint32_t k = 0; k < e->dim; k++)
			acc += (int32_t) v[k] * w[k];
		d[r] = acc;
	}
	if (slot < DENSE_SLOTS)
		dense_model[slot] = tag;
	return d;
}

static void
add_dense(score_ctx *s, int64_t slot)
{
	int32_t		scratch[BUNDLE_W];
	const int32_t *d = dense_of(s->m, slot, scratch);

	for (size_t r = 0; r < s->m->row_size; r++)
		s->dsum[r] += d[r];
	s->dcount++;
}

static void
dense_fn(void *ctx, int64_t slot)
{
	add_dense((score_ctx *) ctx, slot);
}

bool		sentimen_classify_no_cache = false;
bool		sentimen_classify_no_fold = false;

static inline void
apply_sums(score_ctx *s, const int32_t *w, float scale, int pool, int domain)
{
	const sentimen_model *m = s->m;
	double	   *acc = s->acc[pool];
	double		aw = m->hdr->fcfg.aug_weight;

	for (uint32_t c = 0; c < m->n_classes; c++)
	{
		double		v = w[c];

		if (domain != SENTIMEN_DOMAIN_NONE && m->n_domains > 1)
			v += aw * w[(size_t) domain * m->n_classes + c];
		acc[c] += (double) scale * v;
	}
}

static inline size_t
bundle_slot(uint64_t key)
{
	return (size_t) (key >> 40) & (BUNDLE_CACHE - 1);
}

static bool
bundle_fn(void *ctx, uint64_t key, const uint32_t *buckets, int n, int64_t vec_slot,
		  float scale, int pool, int domain)
{
	score_ctx  *s = ctx;
	const sentimen_model *m = s->m;
	size_t		slot = bundle_slot(key);
	int32_t		w[BUNDLE_W];

	if (buckets == NULL)
	{
		if (bundle_cache[slot].used && bundle_cache[slot].key == key &&
			bundle_cache[slot].model == m->hdr->checksum)
		{
			apply_sums(s, bundle_cache[slot].w, scale, pool, domain);
			if (bundle_cache[slot].has_vec)
			{
				for (size_t r = 0; r < m->row_size; r++)
					s->dsum[r] += bundle_cache[slot].d[r];
				s->dcount++;
			}
			return true;
		}
		return false;
	}
	memset(w, 0, sizeof(w));
	for (int i = 0; i < n; i++)
	{
		const int16_t *row = sentimen_model_lookup(m, buckets[i]);

		if (row)
			for (size_t k = 0; k < m->row_size; k++)
				w[k] += row[k];
	}
	bundle_cache[slot].key = key;
	bundle_cache[slot].model = m->hdr->checksum;
	bundle_cache[slot].used = true;
	memcpy(bundle_cache[slot].w, w, sizeof(w));
	/* dense_fn has just added this word's vector; a hit adds it from here */
	bundle_cache[slot].has_vec = vec_slot >= 0;
	if (vec_slot >= 0)
	{
		int32_t		scratch[BUNDLE_W];

		memcpy(bundle_cache[slot].d, dense_of(m, vec_slot, scratch), m->row_size * sizeof(int32_t));
	}
	apply_sums(s, w, scale, pool, domain);
	return true;
}

/* the prefetch hint (featurize.h): the bundle's cache entry, the bigram's slot */
static void
prefetch_fn(void *ctx, uint64_t bundle_key, uint32_t bucket)
{
	const sentimen_model *m = ((score_ctx *) ctx)->m;

	if (bundle_key != 0)
	{
		const char *e = (const char *) &bundle_cache[bundle_slot(bundle_key)];

		/* an entry spans two cache lines */
		__builtin_prefetch(e);
		__builtin_prefetch(e + sizeof(bundle_cache[0]) - 1);
	}
	if (bucket != UINT32_MAX)
		sentimen_model_prefetch(m, bucket);
}

void
sentimen_result_finish(const sentimen_model *m, sentimen_result *r)
{
	double		mx = -INFINITY;
	double		sum = 0.0;
	double		t = r->is_long ? m->hdr->temperature_long : m->hdr->temperature;

	r->label = 0;
	for (uint32_t c = 0; c < m->n_classes; c++)
	{
		if (!isfinite(r->logits[c]))
			r->logits[c] = 0.0;
		if (r->logits[c] / t > mx)
			mx = r->logits[c] / t;
	}
	for (uint32_t c = 0; c < m->n_classes; c++)
	{
		r->probs[c] = exp(r->logits[c] / t - mx);
		sum += r->probs[c];
	}
	for (uint32_t c = 0; c < m->n_classes; c++)
	{
		r->probs[c] /= sum;
		if (r->probs[c] > r->probs[r->label])
			r->label = (int) c;
	}
	r->confidence = r->probs[r->label];
	r->score = 0.0;
	if (m->idx_pos >= 0)
		r->score += r->probs[m->idx_pos];
	if (m->idx_neg >= 0)
		r->score -= r->probs[m->idx_neg];
}

/* text, or the tokens of next/src over text (sentimen_featurize_tokens) */
static void
classify(const sentimen_model *m, const char *text, size_t len, sentimen_token_next_fn next,
		 void *src, sentimen_result *r, const sentimen_allocator *a)
{
	score_ctx	s;
	sentimen_feature_counts counts;
	const sentimen_feature_config *cfg = &m->hdr->fcfg;
	bool		fast = m->row_size <= BUNDLE_W;
	sentimen_bundle_fn bundle = (fast && !sentimen_classify_no_cache) ? bundle_fn : NULL;
	const sentimen_embeddings *e = sentimen_default_embeddings();
	sentimen_dense_fn dense = (fast && e && e->dim <= SENTIMEN_EMBED_MAX_DIM &&
							   !sentimen_classify_no_fold) ? dense_fn : NULL;

	memset(&s, 0, sizeof(s));
	memset(r, 0, sizeof(*r));
	s.m = m;
	sentimen_featurize_scoring(cfg, text, len, next, src, score_fn, bundle, dense, prefetch_fn, &s,
							   &counts, a);
	if (s.dcount > 0)
	{
		/* the folded dense features: the mean, in the body's domain (FIXED pool) */
		double		scale = cfg->embed_weight / (127.0 * (double) s.dcount);
		int			d = counts.body_domain;

		for (uint32_t c = 0; c < m->n_classes; c++)
		{
			double		v = (double) s.dsum[c];

			if (d != SENTIMEN_DOMAIN_NONE && m->n_domains > 1)
				v += cfg->aug_weight * (double) s.dsum[(size_t) d * m->n_classes + c];
			s.acc[SENTIMEN_POOL_FIXED][c] += scale * v;
		}
	}
	for (uint32_t c = 0; c < m->n_classes; c++)
	{
		r->logits[c] = m->bias[c];
		for (int p = 0; p < SENTIMEN_NPOOLS; p++)
			r->logits[c] += sentimen_pool_scale(cfg, p, &counts) * s.acc[p][c] *
				m->hdr->weight_scale;
	}
	r->words = counts.words[SENTIMEN_POOL_BODY] + counts.words[SENTIMEN_POOL_TITLE];
	r->is_long = counts.is_long;
	sentimen_result_finish(m, r);

	/* no words (empty, blank, punctuation only): no sentiment to report */
	if (r->words == 0 && m->idx_neu >= 0)
	{
		for (uint32_t c = 0; c < m->n_classes; c++)
			r->probs[c] = 0.0;
		r->probs[m->idx_neu] = 1.0;
		r->label = m->idx_neu;
		r->confidence = 1.0;
		r->score = 0.0;
	}
}

void
sentimen_classify(const sentimen_model *m, const char *text, size_t len,
				  sentimen_result *r, const sentimen_allocator *a)
{
	classify(m, text, len, NULL, NULL, r, a);
}

void
sentimen_classify_tokens(const sentimen_model *m, const char *text, size_t len,
						 sentimen_token_next_fn next, void *src, sentimen_result *r,
						 const sentimen_allocator *a)
{
	classify(m, text, len, next, src, r, a);
}

/* ---- term overrides ---- */

void
sentimen_term_overrides_init(sentimen_term_overrides *o, const sentimen_allocator *a)
{
	memset(o, 0, sizeof(*o));
	o->a = a;
}

void
sentimen_term_overrides_free(sentimen_term_overrides *o)
{
	sentimen_free(o->a, o->keys);
	sentimen_free(o->a, o->weights);
	o->keys = NULL;
	o->weights = NULL;
	o->n = o->cap = 0;
}

static inline uint64_t
phrase_key(uint64_t h)
{
	return h ? h : 1;			/* 0 marks an empty slot */
}

static size_t
override_find(const sentimen_term_overrides *o, uint64_t key)
{
	size_t		s = (size_t) sentimen_mix64(key) & (o->cap - 1);

	while (o->keys[s] != 0 && o->keys[s] != key)
		s = (s + 1) & (o->cap - 1);
	return s;
}

sentimen_status
sentimen_term_overrides_add(sentimen_term_overrides *o, const char *term, size_t len,
							double weight)
{
	sentimen_tokenizer tz;
	sentimen_token tok;
	uint64_t	h = UINT64_C(0x7465726d);
	int			words = 0;
	size_t		s;

	sentimen_tokenizer_init(&tz, term, len, SENTIMEN_TOKOPT_SENTIMENT, o->a);
	while (sentimen_tokenizer_next(&tz, &tok))
	{
		if (++words > SENTIMEN_OVERRIDE_MAX_WORDS)
			break;
		h = sentimen_hash_combine(h, tok.hash);
	}
	sentimen_tokenizer_free(&tz);
	if (words == 0 || words > SENTIMEN_OVERRIDE_MAX_WORDS)
		return SENTIMEN_ERR_INVALID_ARGUMENT;
	if ((o->n + 1) * 2 > o->cap)
	{
		size_t		ncap = o->cap ? o->cap * 2 : 64;
		sentimen_term_overrides old = *o;

		o->keys = sentimen_alloc(o->a, ncap * sizeof(uint64_t));
		o->weights = sentimen_alloc(o->a, ncap * sizeof(double));
		memset(o->keys, 0, ncap * sizeof(uint64_t));
		o->cap = ncap;
		for (size_t i = 0; i < old.cap; i++)
			if (old.keys[i] != 0)
			{
				s = override_find(o, old.keys[i]);
				o->keys[s] = old.keys[i];
				o->weights[s] = old.weights[i];
			}
		sentimen_free(o->a, old.keys);
		sentimen_free(o->a, old.weights);
	}
	h = phrase_key(h);
	s = override_find(o, h);
	if (o->keys[s] == 0)
	{
		o->keys[s] = h;
		o->n++;
	}
	o->weights[s] = weight;
	if (words > o->max_words)
		o->max_words = words;
	return SENTIMEN_OK;
}

void
sentimen_classify_with(const sentimen_model *m, const sentimen_term_overrides *o,
					   const char *text, size_t len, sentimen_result *r,
					   const sentimen_allocator *a)
{
	sentimen_tokenizer tz;
	sentimen_token tok;
	uint64_t	last[SENTIMEN_OVERRIDE_MAX_WORDS];
	int			nlast = 0;
	uint32_t   *count = NULL;
	double		delta = 0.0;
	size_t		ntok = 0;

	sentimen_classify(m, text, len, r, a);
	if (o == NULL || o->n == 0 || r->words == 0 || m->idx_pos < 0 || m->idx_neg < 0)
		return;

	count = sentimen_alloc(a, o->cap * sizeof(uint32_t));
	memset(count, 0, o->cap * sizeof(uint32_t));
	sentimen_tokenizer_init(&tz, text, len, SENTIMEN_TOKOPT_SENTIMENT, a);
	while (sentimen_tokenizer_next(&tz, &tok))
	{
		uint64_t	h = UINT64_C(0x7465726d);

		if ((++ntok & 4095) == 0)
			sentimen_check_interrupts();
		/* the last max_words token hashes, newest last */
		if (nlast == o->max_words)
		{
			memmove(last, last + 1, (size_t) (nlast - 1) * sizeof(uint64_t));
			nlast--;
		}
		last[nlast++] = tok.hash;
		/* phrases ending at this token: last k tokens, k = 1..nlast */
		for (int k = 1; k <= nlast; k++)
		{
			size_t		s;

			h = UINT64_C(0x7465726d);
			for (int j = nlast - k; j < nlast; j++)
				h = sentimen_hash_combine(h, last[j]);
			s = override_find(o, phrase_key(h));
			if (o->keys[s] != 0)
				count[s]++;
		}
	}
	sentimen_tokenizer_free(&tz);
	for (size_t s = 0; s < o->cap; s++)
		if (count[s] > 0)
			delta += o->weights[s] * (1.0 + log((double) count[s]));
	sentimen_free(a, count);
	if (delta == 0.0)
		return;
	r->logits[m->idx_pos] += delta / 2;
	r->logits[m->idx_neg] -= delta / 2;
	sentimen_result_finish(m, r);
}

/* ---- explanations ---- */

typedef struct term_entry
{
	uint64_t	hash;
	size_t		off;			/* into names */
	size_t		len;
	double		w[SENTIMEN_NPOOLS];
} term_entry;

typedef struct explain_ctx
{
	const sentimen_model *m;
	const sentimen_allocator *a;
	int			plus;			/* class whose logit counts positive */
	int			minus;			/* class counted negative, or -1 for the mean of others */
	term_entry *tab;
	size_t		cap;
	size_t		n;
	sentimen_buf names;
} explain_ctx;

static void
explain_grow(explain_ctx *e)
{
	size_t		ncap = e->cap ? e->cap * 2 : 256;
	term_entry *nt = sentimen_alloc(e->a, ncap * sizeof(term_entry));

	memset(nt, 0, ncap * sizeof(term_entry));
	for (size_t i = 0; i < e->cap; i++)
	{
		if (e->tab[i].len == 0)
			continue;
		{
			size_t		s = e->tab[i].hash & (ncap - 1);

			while (nt[s].len != 0)
				s = (s + 1) & (ncap - 1);
			nt[s] = e->tab[i];
		}
	}
	sentimen_free(e->a, e->tab);
	e->tab = nt;
	e->cap = ncap;
}

static void
explain_fn(void *ctx, uint32_t bucket, float value, int pool, int domain, const char *term,
		   size_t term_len)
{
	explain_ctx *e = ctx;
	const int16_t *w;
	double		d;
	uint64_t	h;
	size_t		s;

	if (term == NULL || term_len == 0)
		return;
	w = sentimen_model_lookup(e->m, bucket);
	if (w == NULL)
		return;
	if (e->minus >= 0)
		d = row_weight(e->m, w, domain, e->plus) - row_weight(e->m, w, domain, e->minus);
	else
	{
		double		others = 0.0;

		for (uint32_t c = 0; c < e->m->n_classes; c++)
			if ((int) c != e->plus)
				others += row_weight(e->m, w, domain, c);
		d = row_weight(e->m, w, domain, e->plus) - others / (e->m->n_classes - 1);
	}
	d *= value * e->m->hdr->weight_scale;

	if ((e->n + 1) * 2 > e->cap)
		explain_grow(e);
	h = sentimen_hash64(term, term_len, 0);
	s = h & (e->cap - 1);
	while (e->tab[s].len != 0)
	{
		if (e->tab[s].hash == h && e->tab[s].len == term_len &&
			memcmp(e->names.data + e->tab[s].off, term, term_len) == 0)
			break;
		s = (s + 1) & (e->cap - 1);
	}
	if (e->tab[s].len == 0)
	{
		e->tab[s].hash = h;
		e->tab[s].off = e->names.len;
		e->tab[s].len = term_len;
		sentimen_buf_append(&e->names, term, term_len);
		e->n++;
	}
	e->tab[s].w[pool] += d;
}

static int
cmp_abs_desc(const void *a, const void *b)
{
	double		x = fabs(((const sentimen_explain_term *) a)->weight);
	double		y = fabs(((const sentimen_explain_term *) b)->weight);

	if (x != y)
		return x < y ? 1 : -1;
	return strcmp(((const sentimen_explain_term *) a)->term,
				  ((const sentimen_explain_term *) b)->term);
}

void
sentimen_explain(const sentimen_model *m, const char *text, size_t len, sentimen_result *r,
				 sentimen_explain_term **terms, size_t *n_terms, const sentimen_allocator *a)
{
	explain_ctx e;
	sentimen_feature_counts counts;
	const sentimen_feature_config *cfg = &m->hdr->fcfg;
	size_t		n = 0;
	size_t		strbytes = 0;
	sentimen_explain_term *out;
	char	   *sp;

	sentimen_classify(m, text, len, r, a);
	if (r->words == 0)
	{
		/* nothing was said, so nothing explains the (netral) result */
		*terms = sentimen_alloc(a, sizeof(sentimen_explain_term));
		*n_terms = 0;
		return;
	}

	memset(&e, 0, sizeof(e));
	e.m = m;
	e.a = a;
	if (m->idx_pos >= 0 && m->idx_neg >= 0)
	{
		e.plus = m->idx_pos;
		e.minus = m->idx_neg;
	}
	else
	{
		e.plus = r->label;
		e.minus = -1;
	}
	sentimen_buf_init(&e.names, a);
	explain_grow(&e);
	sentimen_featurize(cfg, text, len, true, explain_fn, NULL, &e, &counts, a);

	for (size_t i = 0; i < e.cap; i++)
		if (e.tab[i].len != 0)
			strbytes += e.tab[i].len + 1;
	out = sentimen_alloc(a, e.n * sizeof(sentimen_explain_term) + strbytes);
	sp = (char *) (out + e.n);
	for (size_t i = 0; i < e.cap; i++)
	{
		term_entry *t = &e.tab[i];
		double		wsum = 0.0;

		if (t->len == 0)
			continue;
		for (int p = 0; p < SENTIMEN_NPOOLS; p++)
			wsum += sentimen_pool_scale(cfg, p, &counts) * t->w[p];
		if (fabs(wsum) < 1e-9)
			continue;
		memcpy(sp, e.names.data + t->off, t->len);
		sp[t->len] = '\0';
		out[n].term = sp;
		out[n].weight = wsum;
		sp += t->len + 1;
		n++;
	}
	qsort(out, n, sizeof(sentimen_explain_term), cmp_abs_desc);
	sentimen_free(a, e.tab);
	sentimen_buf_free(&e.names);
	*terms = out;
	*n_terms = n;
}
