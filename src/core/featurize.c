/*
 * featurize.c: the featuriser shared by training and scoring (see featurize.h).
 */
#include "featurize.h"
#include "embed.h"
#include "hash.h"
#include "lexicon.h"
#include "stem.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* hash namespaces: one seed per feature family */
#define NS_WORD		UINT64_C(0x57a1)
#define NS_NEGWORD	UINT64_C(0x4e57)
#define NS_BIGRAM	UINT64_C(0xb192)
#define NS_ROOT		UINT64_C(0x2007)
#define NS_CHAR		UINT64_C(0xc4a2)
#define NS_LEX		UINT64_C(0x1e71)
#define NS_DOC		UINT64_C(0xd0c5)
#define NS_DENSE	UINT64_C(0xde45)
#define NS_CLUSTER	UINT64_C(0xc1a5)
#define NS_NEGCLUSTER UINT64_C(0x4ec1)

#define MAX_WORD 64				/* longer words get no bigrams, roots or n-grams */

void
sentimen_feature_config_default(sentimen_feature_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->flags = SENTIMEN_FC_BIGRAMS | SENTIMEN_FC_ROOTS | SENTIMEN_FC_LEXICON |
		SENTIMEN_FC_NEGATION | SENTIMEN_FC_TITLE | SENTIMEN_FC_DOCFEATS;
	cfg->hash_bits = 22;
	cfg->char_min = 3;
	cfg->char_max = 5;
	cfg->long_bytes = 600;
	cfg->negation_window = 3;
	cfg->pool_power = 0.5f;
	cfg->title_weight = 1.0f;
	cfg->char_weight = 0.3f;
	cfg->lexicon_weight = 0.5f;
	cfg->aug_weight = 1.0f;
	cfg->lead_words = 0;
	cfg->tail_weight = 1.0f;
	cfg->embed_weight = 1.0f;
}

enum scope
{
	SCOPE_PLAIN,
	SCOPE_NEGATED,
	SCOPE_AFTER_CONTRAST,
	SCOPE_CONCESSIVE,
	SCOPE_INTENSIFIED
};

typedef struct fstate
{
	const sentimen_feature_config *cfg;
	sentimen_feature_fn fn;
	sentimen_bundle_fn bundle;
	sentimen_dense_fn dense;
	sentimen_prefetch_fn prefetch;
	int64_t		word_slot;		/* embeddings slot of the last word read, for its bundle */
	void	   *ctx;
	bool		want_terms;
	int			pool;
	int			domain;			/* augmentation domain of the current span */
	bool		in_tail;		/* past the lead of the body */
	uint32_t	mask;
	sentimen_feature_counts *counts;

	uint64_t	prev_hash;		/* previous word, for bigrams and phrases */
	bool		have_prev;
	bool		prev_phrase_first;	/* the previous word can start a phrase */
	char		prev[MAX_WORD];	/* its text, kept only for explanations */
	size_t		prev_len;
	int			neg_left;		/* words still inside a negation scope */
	char		negator[16];
	size_t		negator_len;
	int			contrast;		/* 0 none, 1 after contrast, 2 concessive clause */
	float		intensity;

	char		term[2 * MAX_WORD + 2];
	size_t		term_len;

	const sentimen_embeddings *emb;	/* NULL unless SENTIMEN_FC_EMBED */
	int32_t		esum[SENTIMEN_EMBED_MAX_DIM];
	uint32_t	ecount;
} fstate;

static inline void
emit(fstate *st, uint64_t id, float value)
{
	const char *term = st->want_terms ? st->term : NULL;
	size_t		term_len = st->want_terms ? st->term_len : 0;

	if (st->in_tail)
		value *= st->cfg->tail_weight;
	st->fn(st->ctx, (uint32_t) (id & st->mask), value, st->pool, st->domain, term, term_len);
}

/* the explanation term: one or two words */
static void
set_term(fstate *st, const char *a, size_t alen, const char *b, size_t blen)
{
	if (!st->want_terms)
		return;
	if (alen > MAX_WORD)
		alen = MAX_WORD;
	if (blen > MAX_WORD)
		blen = MAX_WORD;
	memcpy(st->term, a, alen);
	st->term_len = alen;
	if (b)
	{
		st->term[st->term_len++] = ' ';
		memcpy(st->term + st->term_len, b, blen);
		st->term_len += blen;
	}
}

static void
reset_clause(fstate *st)
{
	st->neg_left = 0;
	st->intensity = 1.0f;
}

static void
reset_sentence(fstate *st)
{
	reset_clause(st);
	st->have_prev = false;
	st->contrast = 0;
}

static void
char_ngrams(fstate *st, const char *w, size_t len)
{
	char		buf[MAX_WORD + 2];
	size_t		n = len + 2;

	if (st->cfg->char_min == 0 || len > MAX_WORD)
		return;
	buf[0] = '<';
	memcpy(buf + 1, w, len);
	buf[len + 1] = '>';
	for (uint32_t k = st->cfg->char_min; k <= st->cfg->char_max; k++)
	{
		if (k > n)
			break;
		for (size_t i = 0; i + k <= n; i++)
			emit(st, sentimen_hash64(buf + i, k, NS_CHAR), st->cfg->char_weight);
	}
}

static void
lexicon_feature(fstate *st, int polarity, enum scope scope)
{
	char		key[2];
	float		v;

	key[0] = polarity > 0 ? '+' : '-';
	key[1] = (char) ('0' + scope);
	v = (float) abs(polarity) * st->cfg->lexicon_weight * st->intensity;
	emit(st, sentimen_hash64(key, 2, NS_LEX), v);
}

/*
 * Buckets of the word-only features besides the unigram: reduplication base,
 * word class, root.  Also accumulates the word vector for the dense features.
 */
static void
word_only_features(fstate *st, const char *w, size_t len, uint64_t h, unsigned flags,
				   const sentimen_word_info *info, bool negated, uint32_t *b, int *n)
{
	uint64_t	ns = negated ? NS_NEGWORD : NS_WORD;

	/* reduplication also counts as its base: anak-anak -> anak */
	if (flags & SENTIMEN_TF_REDUP)
		b[(*n)++] = (uint32_t) (sentimen_hash_combine(sentimen_hash64(w, (len - 1) / 2, 0), ns) & st->mask);

	if (st->emb)
	{
		int64_t		slot = sentimen_embeddings_slot(st->emb, h);

		if (slot >= 0)
		{
			if (st->cfg->flags & SENTIMEN_FC_EMBED)
			{
				const int8_t *v = st->emb->vectors + (size_t) slot * st->emb->dim;

				if (st->dense)
				{
					st->dense(st->ctx, slot);
					st->word_slot = slot;
				}
				else
				{
					for (uint32_t k = 0; k < st->emb->dim; k++)
						st->esum[k] += v[k];
					st->ecount++;
				}
			}
			if (st->cfg->flags & SENTIMEN_FC_CLUSTERS)
				b[(*n)++] = (uint32_t) (sentimen_hash_combine(st->emb->clusters[slot],
															  negated ? NS_NEGCLUSTER : NS_CLUSTER) & st->mask);
		}
	}

	if ((st->cfg->flags & SENTIMEN_FC_ROOTS) && info->has_root)
		b[(*n)++] = (uint32_t) (sentimen_hash_combine(info->root_hash, negated ? NS_NEGWORD : NS_ROOT) & st->mask);
}

/* key of a word's bundle (featurize.h) */
static inline uint64_t
bundle_key(uint64_t h, bool negated, unsigned flags)
{
	return h ^ (negated ? UINT64_C(0x6e6567) : 0) ^
		((flags & SENTIMEN_TF_REDUP) ? UINT64_C(0x726564) << 24 : 0);
}

static inline uint64_t
bigram_id(uint64_t prev_hash, uint64_t h)
{
	return sentimen_hash_combine(sentimen_hash_combine(prev_hash, NS_BIGRAM), h);
}

/*
 * Features of a word (w normalised, h its hash); content words (info not
 * NULL) get the full set.
 */
static void
word_features(fstate *st, const char *w, size_t len, uint64_t h, unsigned flags,
			  const sentimen_word_info *info)
{
	bool		negated = st->neg_left > 0;
	uint64_t	ns = negated ? NS_NEGWORD : NS_WORD;
	int			polarity = 0;

	if (negated)
	{
		set_term(st, st->negator, st->negator_len, w, len);
		st->neg_left--;
	}
	else
		set_term(st, w, len, NULL, 0);
	if (info == NULL || len > MAX_WORD || st->bundle == NULL)
		emit(st, sentimen_hash_combine(h, ns), 1.0f);

	if (info == NULL || len > MAX_WORD)
		return;

	if (st->bundle)
	{
		/* the word-only features as one cached bundle (see featurize.h) */
		uint64_t	key = bundle_key(h, negated, flags);
		float		scale = st->in_tail ? st->cfg->tail_weight : 1.0f;

		if (!st->bundle(st->ctx, key, NULL, 0, -1, scale, st->pool, st->domain))
		{
			uint32_t	b[4];
			int			n = 0;

			b[n++] = (uint32_t) (sentimen_hash_combine(h, ns) & st->mask);
			st->word_slot = -1;
			word_only_features(st, w, len, h, flags, info, negated, b, &n);
			st->bundle(st->ctx, key, b, n, st->word_slot, scale, st->pool, st->domain);
		}
	}
	else
	{
		uint32_t	b[4];
		int			n = 0;
		float		v = st->in_tail ? st->cfg->tail_weight : 1.0f;
		const char *term = st->want_terms ? st->term : NULL;

		word_only_features(st, w, len, h, flags, info, negated, b, &n);
		for (int i = 0; i < n; i++)
			st->fn(st->ctx, b[i], v, st->pool, st->domain, term, st->want_terms ? st->term_len : 0);
	}

	if (!(flags & SENTIMEN_TF_HAS_DIGIT))
		char_ngrams(st, w, len);

	if (st->cfg->flags & SENTIMEN_FC_LEXICON)
	{
		/* two-word phrases first ("luar biasa", "gagal bayar") */
		if (st->have_prev && st->prev_phrase_first)
			polarity = sentimen_phrase_polarity(st->prev_hash, h);
		if (polarity == 0)
			polarity = info->polarity;
		if (polarity != 0)
		{
			enum scope	s = SCOPE_PLAIN;

			if (negated)
				s = SCOPE_NEGATED;
			else if (st->contrast == 1)
				s = SCOPE_AFTER_CONTRAST;
			else if (st->contrast == 2)
				s = SCOPE_CONCESSIVE;
			else if (st->intensity != 1.0f)
				s = SCOPE_INTENSIFIED;
			lexicon_feature(st, polarity, s);
		}
	}
}

static void
bigram(fstate *st, const char *w, size_t len, uint64_t h)
{
	if (!(st->cfg->flags & SENTIMEN_FC_BIGRAMS) || !st->have_prev)
		return;
	set_term(st, st->prev, st->prev_len, w, len);
	emit(st, bigram_id(st->prev_hash, h), 1.0f);
}

static void
set_prev(fstate *st, const char *w, size_t len, uint64_t h)
{
	st->prev_hash = h;
	st->have_prev = true;
	st->prev_phrase_first = false;
	if (st->want_terms)
	{
		st->prev_len = len > MAX_WORD ? MAX_WORD : len;
		memcpy(st->prev, w, st->prev_len);
	}
}

/* Replace digit runs by a single 0: "rp10.000" -> "rp0.0", "covid19" -> "covid0". */
static size_t
digit_shape(const char *w, size_t len, char *out, size_t cap)
{
	size_t		o = 0;

	for (size_t i = 0; i < len && o < cap; i++)
	{
		if (w[i] >= '0' && w[i] <= '9')
		{
			if (o == 0 || out[o - 1] != '0')
				out[o++] = '0';
		}
		else
			out[o++] = w[i];
	}
	return o;
}

/* a placeholder word such as "<num>" */
static void
placeholder(fstate *st, const char *w, bool with_bigram)
{
	size_t		len = strlen(w);
	uint64_t	h = sentimen_hash64(w, len, 0);

	if (with_bigram)
		bigram(st, w, len, h);
	word_features(st, w, len, h, 0, NULL);
	if (with_bigram)
		set_prev(st, w, len, h);
	else
		st->have_prev = false;
}

static void
token_features(fstate *st, const sentimen_token *tok)
{
	const char *w = tok->norm;
	size_t		len = tok->norm_len;
	uint64_t	h = tok->hash;
	sentimen_word_role role;
	sentimen_word_info info;

	if (tok->newlines_before > 0)
		reset_sentence(st);

	switch (tok->type)
	{
		case SENTIMEN_TOK_PUNCT:
			if (tok->flags & SENTIMEN_TF_SENT_END)
			{
				/* "!" and "?" carry tone; "." does not */
				if (memchr(w, '!', len))
				{
					set_term(st, "!", 1, NULL, 0);
					emit(st, sentimen_hash_combine(sentimen_hash64("!", 1, 0), NS_WORD), 1.0f);
				}
				if (memchr(w, '?', len))
				{
					set_term(st, "?", 1, NULL, 0);
					emit(st, sentimen_hash_combine(sentimen_hash64("?", 1, 0), NS_WORD), 1.0f);
				}
				reset_sentence(st);
			}
			else if (len == 1 && (w[0] == ',' || w[0] == ';' || w[0] == ':'))
			{
				reset_clause(st);
				if (st->contrast == 2)
					st->contrast = 1;	/* main clause after "meski ..., " */
			}
			return;
		case SENTIMEN_TOK_NUMBER:
			st->counts->words[st->pool]++;
			placeholder(st, "<num>", true);
			return;
		case SENTIMEN_TOK_URL:
		case SENTIMEN_TOK_EMAIL:
			st->counts->words[st->pool]++;
			placeholder(st, "<url>", false);
			return;
		case SENTIMEN_TOK_MENTION:
			st->counts->words[st->pool]++;
			placeholder(st, "<mention>", false);
			return;
		case SENTIMEN_TOK_HASHTAG:
		case SENTIMEN_TOK_SYMBOL:
			st->counts->words[st->pool]++;
			word_features(st, w, len, h, 0, NULL);
			return;
		case SENTIMEN_TOK_WORD:
			break;
	}

	st->counts->words[st->pool]++;
	if (st->pool == SENTIMEN_POOL_BODY && st->cfg->lead_words > 0 &&
		st->counts->words[st->pool] > st->cfg->lead_words)
		st->in_tail = true;
	if (tok->flags & SENTIMEN_TF_HAS_DIGIT)
	{
		char		shape[MAX_WORD];
		size_t		sl = digit_shape(w, len, shape, sizeof(shape));
		uint64_t	sh = sentimen_hash64(shape, sl, 0);

		bigram(st, shape, sl, sh);
		word_features(st, shape, sl, sh, tok->flags, NULL);
		set_prev(st, shape, sl, sh);
		return;
	}

	sentimen_word_info_of(w, len, h, &info);
	role = (st->cfg->flags & SENTIMEN_FC_NEGATION) ? info.role : SENTIMEN_ROLE_NONE;

	/* "tidak hanya" / "bukan sekadar" is emphasis, not negation */
	if (st->neg_left > 0 && ((len == 5 && memcmp(w, "hanya", 5) == 0) ||
							 (len == 4 && memcmp(w, "cuma", 4) == 0) ||
							 (len == 7 && memcmp(w, "sekadar", 7) == 0)))
		st->neg_left = 0;

	bigram(st, w, len, h);
	if (role == SENTIMEN_ROLE_NONE)
	{
		word_features(st, w, len, h, tok->flags, &info);
		st->intensity = 1.0f;
	}
	else
	{
		/* function words: a plain unigram, then update the scope */
		int			saved = st->neg_left;

		st->neg_left = 0;
		word_features(st, w, len, h, tok->flags, NULL);
		st->neg_left = saved;
		switch (role)
		{
			case SENTIMEN_ROLE_NEGATOR:
				st->neg_left = (int) st->cfg->negation_window;
				st->negator_len = len < sizeof(st->negator) ? len : sizeof(st->negator) - 1;
				memcpy(st->negator, w, st->negator_len);
				break;
			case SENTIMEN_ROLE_INTENSIFIER:
				st->intensity = 1.5f;
				break;
			case SENTIMEN_ROLE_DIMINISHER:
				st->intensity = 0.5f;
				break;
			case SENTIMEN_ROLE_CONTRAST:
				st->contrast = 1;
				st->neg_left = 0;
				break;
			case SENTIMEN_ROLE_CONCESSIVE:
				st->contrast = 2;
				st->neg_left = 0;
				break;
			case SENTIMEN_ROLE_NONE:
				break;
		}
	}
	set_prev(st, w, len, h);
	st->prev_phrase_first = info.phrase_first;
}

size_t
sentimen_title_length(const char *text, size_t len)
{
	size_t		limit = len < 400 ? len : 400;
	size_t		k;
	size_t		words = 0;
	size_t		rest;
	bool		blank = false;
	bool		in_word = false;
	size_t		last;

	for (k = 0; k < limit; k++)
		if (text[k] == '\n' || text[k] == '\r')
			break;
	if (k >= limit)
		return 0;
	for (size_t i = 0; i < k; i++)
	{
		bool		sp = text[i] == ' ' || text[i] == '\t';

		if (!sp && !in_word)
			words++;
		in_word = !sp;
	}
	if (words < 2 || words > 40)
		return 0;
	/* blank line after it? */
	{
		size_t		j = k;
		int			nl = 0;

		while (j < len && (text[j] == '\n' || text[j] == '\r' || text[j] == ' ' || text[j] == '\t'))
		{
			if (text[j] == '\n')
				nl++;
			j++;
		}
		blank = nl >= 2;
		rest = len - j;
	}
	last = k;
	while (last > 0 && (text[last - 1] == ' ' || text[last - 1] == '\t'))
		last--;
	if (blank && rest >= 40)
		return k;
	if (!blank && rest >= 200 && last > 0 && text[last - 1] != '.')
		return k;
	return 0;
}

/* Headline style: most words start with a capital ("Elon Musk Ancam Gugat Microsoft"). */
static bool
headline_style(const char *text, size_t len)
{
	size_t		words = 0,
				caps = 0;
	bool		at_start = true;

	for (size_t i = 0; i < len; i++)
	{
		unsigned char c = (unsigned char) text[i];

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '(' || c == '"' || c == '\'')
		{
			at_start = true;
			continue;
		}
		if (at_start && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
		{
			words++;
			caps += c >= 'A' && c <= 'Z';
		}
		at_start = false;
	}
	return words >= 3 && caps * 10 >= words * 6;
}

/*
 * Tokens go through a batch (see sentimen_prefetch_fn): the scorer is told
 * what a whole batch will probe before any of it is featurised, so that the
 * cache misses of its words overlap instead of coming one after another.  The
 * batch keeps copies of the normalised forms: a token's is only valid until
 * the next token is read.  (Announcing one batch while featurising the one
 * before gained nothing more.)
 */
#define BATCH 16
#define BATCH_NORM MAX_WORD		/* longer tokens skip the batch */

typedef struct token_batch
{
	int			n;
	sentimen_token tok[BATCH];
	char		norm[BATCH][BATCH_NORM];
} token_batch;

static void
announce(const fstate *st, const token_batch *b)
{
	bool		bigrams = (st->cfg->flags & SENTIMEN_FC_BIGRAMS) != 0;
	uint64_t	prev = st->prev_hash;
	bool		have_prev = bigrams && st->have_prev;

	for (int i = 0; i < b->n; i++)
	{
		const sentimen_token *t = &b->tok[i];

		/* words as token_features() reads them, taken as not negated */
		if (t->type != SENTIMEN_TOK_WORD || (t->flags & SENTIMEN_TF_HAS_DIGIT))
		{
			have_prev = false;
			continue;
		}
		sentimen_word_info_prefetch(t->hash);
		st->prefetch(st->ctx, st->bundle ? bundle_key(t->hash, false, t->flags) : 0,
					 have_prev ? (uint32_t) (bigram_id(prev, t->hash) & st->mask) : UINT32_MAX);
		prev = t->hash;
		have_prev = bigrams;
	}
}

static void
flush_batch(fstate *st, token_batch *b)
{
	if (st->prefetch)
		announce(st, b);
	for (int i = 0; i < b->n; i++)
		token_features(st, &b->tok[i]);
	b->n = 0;
}

static void
batch_token(fstate *st, token_batch *b, const sentimen_token *tok)
{
	if (tok->norm_len > BATCH_NORM)
	{
		/* rare (URLs, long runs): in order, without a copy */
		flush_batch(st, b);
		token_features(st, tok);
		return;
	}
	b->tok[b->n] = *tok;
	if (tok->norm_len > 0)
		memcpy(b->norm[b->n], tok->norm, tok->norm_len);
	b->tok[b->n].norm = b->norm[b->n];
	if (++b->n == BATCH)
		flush_batch(st, b);
}

/* tokens from next/src when given (their sentiment view), else from text */
static void
featurize_span(fstate *st, const char *text, size_t len, sentimen_token_next_fn next, void *src,
			   const sentimen_allocator *a)
{
	sentimen_token tok;
	token_batch b;

	b.n = 0;
	reset_sentence(st);
	if (next)
	{
		sentimen_buf norm;
		sentimen_token view[2];

		sentimen_buf_init(&norm, a);
		while (next(src, &tok))
		{
			int			k = sentimen_token_sentiment_view(text, &tok, &norm, view);

			for (int i = 0; i < k; i++)
				batch_token(st, &b, &view[i]);
		}
		flush_batch(st, &b);
		sentimen_buf_free(&norm);
	}
	else
	{
		sentimen_tokenizer tz;

		sentimen_tokenizer_init(&tz, text, len, SENTIMEN_TOKOPT_SENTIMENT, a);
		while (sentimen_tokenizer_next(&tz, &tok))
			batch_token(st, &b, &tok);
		flush_batch(st, &b);
		sentimen_tokenizer_free(&tz);
	}
}

static int
length_bucket(size_t n)
{
	int			b = 0;

	while (n > 1 && b < 15)
	{
		n >>= 1;
		b++;
	}
	return b;
}

static void
featurize(const sentimen_feature_config *cfg, const char *text, size_t len,
		  sentimen_token_next_fn next, void *src, bool want_terms, sentimen_feature_fn fn,
		  sentimen_bundle_fn bundle, sentimen_dense_fn dense, sentimen_prefetch_fn prefetch,
		  void *ctx, sentimen_feature_counts *counts, const sentimen_allocator *a)
{
	fstate		st;
	size_t		title = 0;

	memset(counts, 0, sizeof(*counts));
	memset(&st, 0, sizeof(st));
	st.cfg = cfg;
	st.fn = fn;
	st.ctx = ctx;
	/*
	 * The dense mean needs every word's vector: bundles, which skip cached
	 * words, only when the scorer folds the dense part (then bundles carry
	 * their word's vector).
	 */
	st.dense = (cfg->flags & SENTIMEN_FC_EMBED) ? dense : NULL;
	st.bundle = ((cfg->flags & SENTIMEN_FC_EMBED) && dense == NULL) ? NULL : bundle;
	st.prefetch = prefetch;
	st.want_terms = want_terms;
	st.mask = (cfg->hash_bits >= 32) ? UINT32_MAX : ((UINT32_C(1) << cfg->hash_bits) - 1);
	st.counts = counts;
	st.intensity = 1.0f;
	counts->is_long = len >= cfg->long_bytes;
	if (cfg->flags & (SENTIMEN_FC_EMBED | SENTIMEN_FC_CLUSTERS))
	{
		st.emb = sentimen_default_embeddings();
		if (st.emb && st.emb->hdr->checksum != cfg->embed_checksum)
			st.emb = NULL;		/* not the model's embeddings: refused at model open */
	}

	/* a span given as tokens is one sentence: no title */
	if ((cfg->flags & SENTIMEN_FC_TITLE) && next == NULL)
		title = sentimen_title_length(text, len);
	if (title > 0)
	{
		st.pool = SENTIMEN_POOL_TITLE;
		st.domain = ((cfg->flags & SENTIMEN_FC_HEAD_AUG) && headline_style(text, title))
			? SENTIMEN_DOMAIN_HEAD : SENTIMEN_DOMAIN_NONE;
		featurize_span(&st, text, title, NULL, NULL, a);
	}
	st.pool = SENTIMEN_POOL_BODY;
	if ((cfg->flags & SENTIMEN_FC_LONG_AUG) && counts->is_long)
		st.domain = SENTIMEN_DOMAIN_LONG;
	else if ((cfg->flags & SENTIMEN_FC_HEAD_AUG) && !counts->is_long &&
			 headline_style(text + title, len - title))
		st.domain = SENTIMEN_DOMAIN_HEAD;
	else
		st.domain = SENTIMEN_DOMAIN_NONE;
	st.in_tail = false;
	featurize_span(&st, text + title, len - title, next, src, a);
	st.in_tail = false;

	/* the mean word vector, in the body's domain (unless the scorer folds it) */
	counts->body_domain = st.domain;
	if (st.emb && st.ecount > 0)
	{
		float		scale = cfg->embed_weight / (127.0f * (float) st.ecount);

		st.pool = SENTIMEN_POOL_FIXED;
		set_term(&st, "(word vectors)", 14, NULL, 0);
		for (uint32_t k = 0; k < st.emb->dim; k++)
			emit(&st, sentimen_hash_combine(NS_DENSE, k), (float) st.esum[k] * scale);
	}
	st.domain = SENTIMEN_DOMAIN_NONE;

	if (cfg->flags & SENTIMEN_FC_DOCFEATS)
	{
		char		key[8];
		size_t		total = counts->words[SENTIMEN_POOL_BODY] + counts->words[SENTIMEN_POOL_TITLE];

		st.pool = SENTIMEN_POOL_FIXED;
		key[0] = 'L';
		key[1] = (char) ('a' + length_bucket(total));
		set_term(&st, "(document length)", 17, NULL, 0);
		emit(&st, sentimen_hash64(key, 2, NS_DOC), 1.0f);
		if (title > 0)
		{
			set_term(&st, "(has a title)", 13, NULL, 0);
			emit(&st, sentimen_hash64("T", 1, NS_DOC), 1.0f);
		}
	}
}

void
sentimen_featurize(const sentimen_feature_config *cfg, const char *text, size_t len,
				   bool want_terms, sentimen_feature_fn fn, sentimen_bundle_fn bundle,
				   void *ctx, sentimen_feature_counts *counts, const sentimen_allocator *a)
{
	featurize(cfg, text, len, NULL, NULL, want_terms, fn, bundle, NULL, NULL, ctx, counts, a);
}

void
sentimen_featurize_scoring(const sentimen_feature_config *cfg, const char *text, size_t len,
						   sentimen_token_next_fn next, void *src, sentimen_feature_fn fn,
						   sentimen_bundle_fn bundle, sentimen_dense_fn dense,
						   sentimen_prefetch_fn prefetch, void *ctx,
						   sentimen_feature_counts *counts, const sentimen_allocator *a)
{
	featurize(cfg, text, len, next, src, false, fn, bundle, dense, prefetch, ctx, counts, a);
}

uint32_t
sentimen_dense_bucket(const sentimen_feature_config *cfg, uint32_t k)
{
	uint32_t	mask = (cfg->hash_bits >= 32) ? UINT32_MAX : ((UINT32_C(1) << cfg->hash_bits) - 1);

	return (uint32_t) (sentimen_hash_combine(NS_DENSE, k) & mask);
}

float
sentimen_pool_scale(const sentimen_feature_config *cfg, int pool,
					const sentimen_feature_counts *counts)
{
	size_t		n;
	float		s;

	if (pool == SENTIMEN_POOL_FIXED)
		return 1.0f;
	n = counts->words[pool];
	if (n == 0)
		n = 1;
	s = (cfg->pool_power == 0.5f) ? 1.0f / sqrtf((float) n)
		: 1.0f / powf((float) n, cfg->pool_power);
	if (pool == SENTIMEN_POOL_TITLE)
		s *= cfg->title_weight;
	return s;
}
