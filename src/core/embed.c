/*
 * embed.c: skip-gram word embeddings with negative sampling (see embed.h).
 *
 * The classic word2vec recipe, written for this project: frequent-word
 * subsampling, a unigram^0.75 table for negatives, a linearly decaying
 * learning rate.  Single-threaded with a fixed-seed generator, so the same
 * corpus and settings give the same bytes.
 */
#include "embed.h"
#include "hash.h"
#include "model.h"
#include "tokenize.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ALIGN8(x) (((x) + 7) & ~(size_t) 7)
#define SIGMOID_TABLE 1024
#define MAX_EXP 6.0f
#define NEG_TABLE (1 << 22)

void
sentimen_embed_config_default(sentimen_embed_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->dim = 64;
	cfg->window = 5;
	cfg->negative = 5;
	cfg->epochs = 5;
	cfg->min_count = 5;
	cfg->max_words = 60000;
	cfg->clusters = 512;
	cfg->sample = 1e-4;
	cfg->alpha = 0.025;
	cfg->seed = 1;
}

static uint64_t
rng_next(uint64_t *s)
{
	uint64_t	x = *s;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*s = x;
	return x * UINT64_C(0x2545F4914F6CDD1D);
}

static double
rng_unit(uint64_t *s)
{
	return (rng_next(s) >> 11) * (1.0 / 9007199254740992.0);
}

/* ---- blob ---- */

static uint32_t
embed_checksum(const void *blob, size_t size)
{
	sentimen_embed_header h;
	uint32_t	crc;

	memcpy(&h, blob, sizeof(h));
	h.checksum = 0;
	crc = sentimen_crc32(&h, sizeof(h), 0);
	return sentimen_crc32((const char *) blob + sizeof(h), size - sizeof(h), crc);
}

static size_t
embed_size(uint32_t cap, uint32_t dim, size_t *keys_off, size_t *vec_off, size_t *cl_off)
{
	size_t		off = sizeof(sentimen_embed_header);

	*keys_off = off;
	off += (size_t) cap * sizeof(uint64_t);
	*vec_off = off;
	off += (size_t) cap * dim;
	off = ALIGN8(off);
	*cl_off = off;
	off += (size_t) cap * sizeof(uint16_t);
	return ALIGN8(off);
}

sentimen_status
sentimen_embeddings_open(sentimen_embeddings *e, const void *blob, size_t size)
{
	const sentimen_embed_header *h = blob;
	size_t		ko,
				vo,
				co;
	uint32_t	used = 0;

	memset(e, 0, sizeof(*e));
	if (blob == NULL || size < sizeof(*h) || memcmp(h->magic, SENTIMEN_EMBED_MAGIC, 8) != 0)
		return SENTIMEN_ERR_MODEL_CORRUPT;
	if (((uintptr_t) blob & 7) != 0)
		return SENTIMEN_ERR_INVALID_ARGUMENT;
	if (h->format_version != SENTIMEN_EMBED_FORMAT)
		return SENTIMEN_ERR_MODEL_VERSION;
	if (h->total_size != size || embed_checksum(blob, size) != h->checksum)
		return SENTIMEN_ERR_MODEL_CORRUPT;
	if (h->dim == 0 || h->dim > SENTIMEN_EMBED_MAX_DIM || h->cap == 0 ||
		(h->cap & (h->cap - 1)) != 0 || h->cap > (UINT32_C(1) << 26) ||
		h->n_words >= h->cap || h->n_clusters == 0 || h->n_clusters > 65535 ||
		embed_size(h->cap, h->dim, &ko, &vo, &co) != size)
		return SENTIMEN_ERR_MODEL_CORRUPT;
	e->hdr = h;
	e->keys = (const uint64_t *) ((const char *) blob + ko);
	e->vectors = (const int8_t *) ((const char *) blob + vo);
	e->clusters = (const uint16_t *) ((const char *) blob + co);
	e->dim = h->dim;
	e->mask = h->cap - 1;
	for (uint32_t i = 0; i < h->cap; i++)
	{
		used += e->keys[i] != 0;
		if (e->clusters[i] >= h->n_clusters)
			return SENTIMEN_ERR_MODEL_CORRUPT;
	}
	if (used != h->n_words)
		return SENTIMEN_ERR_MODEL_CORRUPT;
	return SENTIMEN_OK;
}

/* ---- training ---- */

typedef struct vocab_entry
{
	uint64_t	hash;
	uint64_t	count;
	int32_t		id;
} vocab_entry;

typedef struct vocab
{
	vocab_entry *tab;
	size_t		cap;
	size_t		n;
	const sentimen_allocator *a;
} vocab;

static vocab_entry *
vocab_find(vocab *v, uint64_t hash, bool add)
{
	size_t		s = (hash >> 32) & (v->cap - 1);

	while (v->tab[s].count != 0)
	{
		if (v->tab[s].hash == hash)
			return &v->tab[s];
		s = (s + 1) & (v->cap - 1);
	}
	if (!add)
		return NULL;
	if ((v->n + 1) * 2 > v->cap)
	{
		/* grow and re-insert */
		vocab_entry *old = v->tab;
		size_t		ocap = v->cap;

		v->cap *= 2;
		v->tab = sentimen_alloc(v->a, v->cap * sizeof(vocab_entry));
		memset(v->tab, 0, v->cap * sizeof(vocab_entry));
		for (size_t i = 0; i < ocap; i++)
			if (old[i].count)
			{
				size_t		t = (old[i].hash >> 32) & (v->cap - 1);

				while (v->tab[t].count)
					t = (t + 1) & (v->cap - 1);
				v->tab[t] = old[i];
			}
		sentimen_free(v->a, old);
		return vocab_find(v, hash, true);
	}
	v->tab[s].hash = hash;
	v->tab[s].id = -1;
	v->n++;
	return &v->tab[s];
}

static int
cmp_vocab(const void *a, const void *b)
{
	const vocab_entry *x = a,
			   *y = b;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return (x->hash > y->hash) - (x->hash < y->hash);
}

/* words the embeddings cover: lower-case words without digits */
static bool
embeddable(const sentimen_token *t)
{
	return t->type == SENTIMEN_TOK_WORD && !(t->flags & SENTIMEN_TF_HAS_DIGIT);
}

sentimen_status
sentimen_embed_train(const sentimen_embed_config *cfg, const char *const *texts,
					 const size_t *lens, size_t n_texts, const sentimen_allocator *a,
					 void **blob_out, size_t *size_out)
{
	vocab		v = {NULL, 1 << 16, 0, a};
	vocab_entry *words;
	size_t		V = 0;
	int32_t    *stream = NULL;
	size_t		stream_n = 0,
				stream_cap = 1 << 20;
	uint64_t	total = 0;
	int32_t    *neg_table;
	float	   *syn0,
			   *syn1,
			   *sig,
			   *neu;
	uint32_t	dim = cfg->dim;
	uint64_t	rng = cfg->seed ? cfg->seed : 1;
	double		alpha;
	uint64_t	processed = 0;
	uint32_t	cap = 16;
	char	   *blob;
	size_t		ko,
				vo,
				co,
				size;
	sentimen_embed_header h;
	uint16_t   *assign;
	uint32_t	K;

	if (dim == 0 || dim > SENTIMEN_EMBED_MAX_DIM || n_texts == 0)
		return SENTIMEN_ERR_INVALID_ARGUMENT;

	/* pass 1: counts */
	v.tab = sentimen_alloc(a, v.cap * sizeof(vocab_entry));
	memset(v.tab, 0, v.cap * sizeof(vocab_entry));
	for (size_t i = 0; i < n_texts; i++)
	{
		sentimen_tokenizer tz;
		sentimen_token t;

		sentimen_tokenizer_init(&tz, texts[i], lens[i], SENTIMEN_TOKOPT_SENTIMENT, a);
		while (sentimen_tokenizer_next(&tz, &t))
			if (embeddable(&t))
				vocab_find(&v, t.hash, true)->count++;
		sentimen_tokenizer_free(&tz);
	}

	/* the vocabulary: frequent enough, most frequent first */
	words = sentimen_alloc(a, (v.n ? v.n : 1) * sizeof(vocab_entry));
	for (size_t i = 0; i < v.cap; i++)
		if (v.tab[i].count >= cfg->min_count)
			words[V++] = v.tab[i];
	qsort(words, V, sizeof(vocab_entry), cmp_vocab);
	if (V > cfg->max_words)
		V = cfg->max_words;
	if (V < 2)
	{
		sentimen_free(a, words);
		sentimen_free(a, v.tab);
		return SENTIMEN_ERR_NO_DATA;
	}
	for (size_t i = 0; i < V; i++)
		vocab_find(&v, words[i].hash, false)->id = (int32_t) i;

	/* pass 2: the id stream; -1 marks a sentence boundary */
	stream = sentimen_alloc(a, stream_cap * sizeof(int32_t));
	for (size_t i = 0; i < n_texts; i++)
	{
		sentimen_tokenizer tz;
		sentimen_token t;

		sentimen_tokenizer_init(&tz, texts[i], lens[i], SENTIMEN_TOKOPT_SENTIMENT, a);
		while (sentimen_tokenizer_next(&tz, &t))
		{
			int32_t		id = -2;

			if (embeddable(&t))
			{
				vocab_entry *e = vocab_find(&v, t.hash, false);

				if (e && e->id >= 0)
					id = e->id;
			}
			else if ((t.flags & SENTIMEN_TF_SENT_END) || t.newlines_before)
				id = -1;
			if (id == -2)
				continue;
			if (stream_n + 2 > stream_cap)
			{
				stream_cap *= 2;
				stream = sentimen_realloc(a, stream, stream_cap * sizeof(int32_t));
			}
			stream[stream_n++] = id;
			total += id >= 0;
		}
		sentimen_tokenizer_free(&tz);
		stream[stream_n++] = -1;
	}

	/* negative sampling table: unigram^0.75 */
	neg_table = sentimen_alloc(a, NEG_TABLE * sizeof(int32_t));
	{
		double		norm = 0.0,
					cum;
		size_t		w = 0;

		for (size_t i = 0; i < V; i++)
			norm += pow((double) words[i].count, 0.75);
		cum = pow((double) words[0].count, 0.75) / norm;
		for (size_t i = 0; i < NEG_TABLE; i++)
		{
			neg_table[i] = (int32_t) w;
			if ((double) i / NEG_TABLE > cum && w + 1 < V)
			{
				w++;
				cum += pow((double) words[w].count, 0.75) / norm;
			}
		}
	}

	sig = sentimen_alloc(a, SIGMOID_TABLE * sizeof(float));
	for (int i = 0; i < SIGMOID_TABLE; i++)
	{
		double		x = ((double) i / SIGMOID_TABLE * 2 - 1) * MAX_EXP;

		sig[i] = (float) (1.0 / (1.0 + exp(-x)));
	}
	syn0 = sentimen_alloc(a, V * dim * sizeof(float));
	syn1 = sentimen_alloc(a, V * dim * sizeof(float));
	neu = sentimen_alloc(a, dim * sizeof(float));
	for (size_t i = 0; i < V * dim; i++)
	{
		syn0[i] = (float) ((rng_unit(&rng) - 0.5) / dim);
		syn1[i] = 0.0f;
	}

	/* skip-gram with negative sampling */
	for (uint32_t epoch = 0; epoch < cfg->epochs; epoch++)
	{
		char		msg[96];
		size_t		sent_start = 0;

		if (cfg->progress)
		{
			snprintf(msg, sizeof(msg), "embeddings: epoch %u of %u (%zu words, %llu tokens)",
					 epoch + 1, cfg->epochs, V, (unsigned long long) total);
			cfg->progress(cfg->progress_ctx, msg);
		}
		for (size_t pos = 0; pos < stream_n; pos++)
		{
			int32_t		w = stream[pos];
			uint32_t	b;

			if (w < 0)
			{
				sent_start = pos + 1;
				continue;
			}
			processed++;
			if ((processed & 0xFFFF) == 0)
				sentimen_check_interrupts();
			/* subsample frequent words */
			if (cfg->sample > 0)
			{
				double		f = (double) words[w].count;
				double		keep = (sqrt(f / (cfg->sample * total)) + 1) * (cfg->sample * total) / f;

				if (keep < rng_unit(&rng))
					continue;
			}
			alpha = cfg->alpha * (1.0 - (double) processed / ((double) cfg->epochs * total + 1));
			if (alpha < cfg->alpha * 1e-4)
				alpha = cfg->alpha * 1e-4;
			b = (uint32_t) (rng_next(&rng) % cfg->window);
			for (int64_t off = -(int64_t) (cfg->window - b); off <= (int64_t) (cfg->window - b); off++)
			{
				int64_t		cpos = (int64_t) pos + off;
				int32_t		ctx;
				float	   *l1;

				if (off == 0 || cpos < (int64_t) sent_start || cpos >= (int64_t) stream_n)
					continue;
				ctx = stream[cpos];
				if (ctx < 0)
					break;		/* the sentence ends here */
				l1 = syn0 + (size_t) ctx * dim;
				memset(neu, 0, dim * sizeof(float));
				for (uint32_t d = 0; d <= cfg->negative; d++)
				{
					int32_t		target;
					float		label,
								f = 0.0f,
								g;
					float	   *l2;

					if (d == 0)
					{
						target = w;
						label = 1.0f;
					}
					else
					{
						target = neg_table[rng_next(&rng) % NEG_TABLE];
						if (target == w)
							continue;
						label = 0.0f;
					}
					l2 = syn1 + (size_t) target * dim;
					for (uint32_t k = 0; k < dim; k++)
						f += l1[k] * l2[k];
					if (!isfinite(f))
						continue;	/* never index the table with NaN */
					if (f >= MAX_EXP)
						g = (label - 1.0f) * (float) alpha;
					else if (f <= -MAX_EXP)
						g = (label - 0.0f) * (float) alpha;
					else
					{
						int			idx = (int) ((f + MAX_EXP) * (SIGMOID_TABLE / MAX_EXP / 2));

						if (idx >= SIGMOID_TABLE)
							idx = SIGMOID_TABLE - 1;
						g = (label - sig[idx]) * (float) alpha;
					}
					for (uint32_t k = 0; k < dim; k++)
					{
						neu[k] += g * l2[k];
						l2[k] += g * l1[k];
					}
				}
				for (uint32_t k = 0; k < dim; k++)
					l1[k] += neu[k];
			}
		}
	}

	/* unit vectors */
	for (size_t i = 0; i < V; i++)
	{
		double		n2 = 0.0;
		float	   *x = syn0 + i * dim;

		for (uint32_t k = 0; k < dim; k++)
			n2 += (double) x[k] * x[k];
		n2 = n2 > 0 ? sqrt(n2) : 1.0;
		for (uint32_t k = 0; k < dim; k++)
			x[k] = (float) (x[k] / n2);
	}

	/*
	 * Word classes: spherical k-means, seeded with words spread evenly over
	 * the frequency ranking (deterministic).  syn1 is reused for centroids.
	 */
	K = cfg->clusters < 1 ? 1 : cfg->clusters;
	if (K > V)
		K = (uint32_t) V;
	if (K > 65535)
		K = 65535;
	assign = sentimen_alloc(a, V * sizeof(uint16_t));
	for (uint32_t c = 0; c < K; c++)
		memcpy(syn1 + (size_t) c * dim, syn0 + (size_t) (c * (V / K)) * dim, dim * sizeof(float));
	for (int it = 0; it < 12; it++)
	{
		float	   *cnt = neu;		/* not needed as a vector any more */

		sentimen_check_interrupts();
		for (size_t i = 0; i < V; i++)
		{
			float	   *x = syn0 + i * dim;
			float		best = -2.0f;
			uint32_t	bc = 0;

			for (uint32_t c = 0; c < K; c++)
			{
				float	   *m = syn1 + (size_t) c * dim;
				float		d = 0.0f;

				for (uint32_t k = 0; k < dim; k++)
					d += x[k] * m[k];
				if (d > best)
				{
					best = d;
					bc = c;
				}
			}
			assign[i] = (uint16_t) bc;
		}
		SENTIMEN_UNUSED(cnt);
		memset(syn1, 0, (size_t) K * dim * sizeof(float));
		for (size_t i = 0; i < V; i++)
			for (uint32_t k = 0; k < dim; k++)
				syn1[(size_t) assign[i] * dim + k] += syn0[i * dim + k];
		for (uint32_t c = 0; c < K; c++)
		{
			double		n2 = 0.0;
			float	   *m = syn1 + (size_t) c * dim;

			for (uint32_t k = 0; k < dim; k++)
				n2 += (double) m[k] * m[k];
			if (n2 <= 0)
			{
				/* empty cluster: re-seed with a word */
				memcpy(m, syn0 + (size_t) ((c * 7919) % V) * dim, dim * sizeof(float));
				continue;
			}
			n2 = sqrt(n2);
			for (uint32_t k = 0; k < dim; k++)
				m[k] = (float) (m[k] / n2);
		}
		if (cfg->progress && it == 11)
			cfg->progress(cfg->progress_ctx, "embeddings: word classes done");
	}

	/* blob: unit vectors, int8 */
	while ((uint64_t) cap * 7 < (uint64_t) V * 10)	/* load factor <= 0.7 */
		cap <<= 1;
	size = embed_size(cap, dim, &ko, &vo, &co);
	blob = sentimen_alloc(a, size);
	memset(blob, 0, size);
	for (size_t i = 0; i < V; i++)
	{
		uint64_t	key = words[i].hash | 1;
		uint32_t	slot = (uint32_t) (words[i].hash >> 32) & (cap - 1);
		uint64_t   *kp = (uint64_t *) (blob + ko);
		int8_t	   *vp;
		float	   *x = syn0 + i * dim;

		while (kp[slot] != 0)
			slot = (slot + 1) & (cap - 1);
		kp[slot] = key;
		vp = (int8_t *) (blob + vo) + (size_t) slot * dim;
		for (uint32_t k = 0; k < dim; k++)
			vp[k] = (int8_t) lrint(x[k] * 127.0);
		((uint16_t *) (blob + co))[slot] = assign[i];
	}
	memset(&h, 0, sizeof(h));
	memcpy(h.magic, SENTIMEN_EMBED_MAGIC, 8);
	h.format_version = SENTIMEN_EMBED_FORMAT;
	h.dim = dim;
	h.total_size = size;
	h.n_words = (uint32_t) V;
	h.cap = cap;
	h.n_clusters = K;
	memcpy(blob, &h, sizeof(h));
	h.checksum = embed_checksum(blob, size);
	memcpy(blob, &h, sizeof(h));

	sentimen_free(a, words);
	sentimen_free(a, v.tab);
	sentimen_free(a, stream);
	sentimen_free(a, neg_table);
	sentimen_free(a, sig);
	sentimen_free(a, syn0);
	sentimen_free(a, syn1);
	sentimen_free(a, neu);
	sentimen_free(a, assign);
	*blob_out = blob;
	*size_out = size;
	return SENTIMEN_OK;
}
