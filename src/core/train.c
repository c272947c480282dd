/*
 * train.c: multinomial logistic regression with L-BFGS (see train.h).
 */
#include "train.h"
#include "embed.h"
#include "optim.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
sentimen_train_config_default(sentimen_train_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	sentimen_feature_config_default(&cfg->fcfg);
	cfg->l2 = 2e-4;
	cfg->max_iter = 300;
	cfg->tol = 1e-6;
	cfg->calib_folds = 5;
	cfg->prune = 1e-3f;
	cfg->seed = 42;
}

bool
sentimen_train_config_use_embeddings(sentimen_train_config *cfg, uint32_t flags)
{
	const sentimen_embeddings *e = sentimen_default_embeddings();

	if (e == NULL)
		return false;
	cfg->fcfg.flags |= flags;
	cfg->fcfg.embed_checksum = e->hdr->checksum;
	return true;
}

/* ---- datasets ---- */

void
sentimen_dataset_init(sentimen_dataset *ds, const sentimen_allocator *a)
{
	memset(ds, 0, sizeof(*ds));
	ds->a = a;
}

void
sentimen_dataset_free(sentimen_dataset *ds)
{
	sentimen_free(ds->a, ds->rows);
	ds->rows = NULL;
	ds->n = ds->cap = 0;
}

int
sentimen_dataset_class(sentimen_dataset *ds, const char *name, bool add)
{
	for (uint32_t c = 0; c < ds->n_classes; c++)
		if (strcmp(ds->class_names[c], name) == 0)
			return (int) c;
	if (!add || ds->n_classes >= SENTIMEN_MAX_CLASSES || name[0] == '\0' ||
		strlen(name) >= SENTIMEN_CLASS_NAME_LEN)
		return -1;
	strcpy(ds->class_names[ds->n_classes], name);
	return (int) ds->n_classes++;
}

void
sentimen_dataset_add(sentimen_dataset *ds, const char *text, size_t len, int label,
					 float weight, int group)
{
	if (ds->n == ds->cap)
	{
		ds->cap = ds->cap ? ds->cap * 2 : 1024;
		ds->rows = ds->rows ? sentimen_realloc(ds->a, ds->rows, ds->cap * sizeof(sentimen_example))
			: sentimen_alloc(ds->a, ds->cap * sizeof(sentimen_example));
	}
	ds->rows[ds->n].text = text;
	ds->rows[ds->n].len = len;
	ds->rows[ds->n].label = label;
	ds->rows[ds->n].weight = weight;
	ds->rows[ds->n].group = group;
	ds->n++;
}

/* ---- featurised data ---- */

/*
 * A training feature is (domain, bucket): key = domain * 2^hash_bits + bucket.
 * Domain copies are separate parameters in training and share a row in the
 * model (model.h).
 */
typedef struct entry
{
	uint32_t	bucket;			/* the key, after prepare() */
	float		value;
	int			pool;
	int			domain;
} entry;

typedef struct collect_ctx
{
	entry	   *e;
	size_t		n;
	size_t		cap;
	const sentimen_allocator *a;
} collect_ctx;

static void
collect_fn(void *ctx, uint32_t bucket, float value, int pool, int domain, const char *term,
		   size_t term_len)
{
	collect_ctx *c = ctx;

	SENTIMEN_UNUSED(term);
	SENTIMEN_UNUSED(term_len);
	if (c->n == c->cap)
	{
		c->cap = c->cap ? c->cap * 2 : 4096;
		c->e = c->e ? sentimen_realloc(c->a, c->e, c->cap * sizeof(entry))
			: sentimen_alloc(c->a, c->cap * sizeof(entry));
	}
	c->e[c->n].bucket = bucket;
	c->e[c->n].value = value;
	c->e[c->n].pool = pool;
	c->e[c->n].domain = domain;
	c->n++;
}

static int
cmp_entry(const void *a, const void *b)
{
	uint32_t	x = ((const entry *) a)->bucket;
	uint32_t	y = ((const entry *) b)->bucket;

	return (x > y) - (x < y);
}

typedef struct prepared
{
	size_t		n_rows;
	size_t	   *ptr;			/* n_rows + 1 */
	uint32_t   *col;			/* dense feature index */
	float	   *val;
	size_t		nnz;
	uint32_t	d;				/* number of distinct features */
	uint32_t   *buckets;		/* dense index -> key (domain * 2^hash_bits + bucket) */
	uint32_t	K;
	bool	   *is_long;		/* per row: calibrated as a long document */
	const sentimen_allocator *a;
} prepared;

static void
prepared_free(prepared *p)
{
	sentimen_free(p->a, p->ptr);
	sentimen_free(p->a, p->col);
	sentimen_free(p->a, p->val);
	sentimen_free(p->a, p->buckets);
	sentimen_free(p->a, p->is_long);
}

static void
prepare(const sentimen_feature_config *fcfg, const sentimen_dataset *ds, prepared *p,
		const sentimen_allocator *a)
{
	collect_ctx cc;
	size_t		cap = 1 << 16;
	uint32_t	nb = UINT32_C(1) << fcfg->hash_bits;
	uint32_t	nkeys = nb * SENTIMEN_NDOMAINS;
	int32_t    *map;

	memset(p, 0, sizeof(*p));
	memset(&cc, 0, sizeof(cc));
	cc.a = a;
	p->a = a;
	p->K = ds->n_classes;
	p->n_rows = ds->n;
	p->ptr = sentimen_alloc(a, (ds->n + 1) * sizeof(size_t));
	p->is_long = sentimen_alloc(a, (ds->n ? ds->n : 1) * sizeof(bool));
	p->col = sentimen_alloc(a, cap * sizeof(uint32_t));
	p->val = sentimen_alloc(a, cap * sizeof(float));
	p->ptr[0] = 0;

	for (size_t i = 0; i < ds->n; i++)
	{
		sentimen_feature_counts counts;
		float		scale[SENTIMEN_NPOOLS];
		size_t		k = 0;

		size_t		n0;

		cc.n = 0;
		sentimen_featurize(fcfg, ds->rows[i].text, ds->rows[i].len, false, collect_fn, NULL, &cc,
						   &counts, a);
		p->is_long[i] = counts.is_long;
		for (int q = 0; q < SENTIMEN_NPOOLS; q++)
			scale[q] = sentimen_pool_scale(fcfg, q, &counts);
		/* scale by pool, and add the domain copies */
		n0 = cc.n;
		for (size_t j = 0; j < n0; j++)
		{
			cc.e[j].value *= scale[cc.e[j].pool];
			if (cc.e[j].domain != SENTIMEN_DOMAIN_NONE)
				collect_fn(&cc, cc.e[j].bucket + (uint32_t) cc.e[j].domain * nb,
						   cc.e[j].value * fcfg->aug_weight, cc.e[j].pool, 0, NULL, 0);
		}
		if (cc.n > 0)
			qsort(cc.e, cc.n, sizeof(entry), cmp_entry);
		/* merge duplicates */
		for (size_t j = 0; j < cc.n; j++)
		{
			if (k > 0 && cc.e[k - 1].bucket == cc.e[j].bucket)
				cc.e[k - 1].value += cc.e[j].value;
			else
				cc.e[k++] = cc.e[j];
		}
		if (p->nnz + k > cap)
		{
			while (p->nnz + k > cap)
				cap *= 2;
			p->col = sentimen_realloc(a, p->col, cap * sizeof(uint32_t));
			p->val = sentimen_realloc(a, p->val, cap * sizeof(float));
		}
		for (size_t j = 0; j < k; j++)
		{
			p->col[p->nnz] = cc.e[j].bucket;
			p->val[p->nnz] = cc.e[j].value;
			p->nnz++;
		}
		p->ptr[i + 1] = p->nnz;
		if ((i & 63) == 0)
			sentimen_check_interrupts();
	}
	sentimen_free(a, cc.e);

	/* compact bucket ids to dense indexes, in bucket order */
	map = sentimen_alloc(a, (size_t) nkeys * sizeof(int32_t));
	for (uint32_t b = 0; b < nkeys; b++)
		map[b] = -1;
	for (size_t j = 0; j < p->nnz; j++)
		map[p->col[j]] = 0;
	p->d = 0;
	for (uint32_t b = 0; b < nkeys; b++)
		if (map[b] == 0)
			p->d++;
	p->buckets = sentimen_alloc(a, (size_t) (p->d ? p->d : 1) * sizeof(uint32_t));
	{
		uint32_t	idx = 0;

		for (uint32_t b = 0; b < nkeys; b++)
			if (map[b] == 0)
			{
				p->buckets[idx] = b;
				map[b] = (int32_t) idx++;
			}
	}
	for (size_t j = 0; j < p->nnz; j++)
		p->col[j] = (uint32_t) map[p->col[j]];
	sentimen_free(a, map);
}

/* ---- objective ---- */

typedef struct problem
{
	const prepared *p;
	const sentimen_dataset *ds;
	const bool *mask;			/* rows to train on (NULL = all) */
	double		l2;
	const double *pen;			/* per-weight L2 strength (d * K), or NULL for l2 */
	double		total_weight;
} problem;

/* params: W (d * K, row-major by feature) then b (K) */
static double
classifier_objective(void *ctx, const double *x, double *g)
{
	const problem *pr = ctx;
	const prepared *p = pr->p;
	uint32_t	K = p->K;
	size_t		nw = (size_t) p->d * K;
	const double *W = x;
	const double *b = x + nw;
	double	   *gW = g;
	double	   *gb = g + nw;
	double		loss = 0.0;
	double		z[SENTIMEN_MAX_CLASSES];

	memset(g, 0, (nw + K) * sizeof(double));
	for (size_t i = 0; i < p->n_rows; i++)
	{
		double		s,
					mx,
					sum,
					lse;
		int			y = pr->ds->rows[i].label;

		if ((pr->mask && !pr->mask[i]) || y < 0)
			continue;
		s = pr->ds->rows[i].weight / pr->total_weight;
		for (uint32_t c = 0; c < K; c++)
			z[c] = b[c];
		for (size_t j = p->ptr[i]; j < p->ptr[i + 1]; j++)
		{
			const double *w = W + (size_t) p->col[j] * K;
			double		v = p->val[j];

			for (uint32_t c = 0; c < K; c++)
				z[c] += v * w[c];
		}
		mx = z[0];
		for (uint32_t c = 1; c < K; c++)
			if (z[c] > mx)
				mx = z[c];
		sum = 0.0;
		for (uint32_t c = 0; c < K; c++)
		{
			z[c] = exp(z[c] - mx);
			sum += z[c];
		}
		lse = log(sum) + mx;
		/* z now holds unnormalised probabilities */
		loss += s * (lse - (log(z[y]) + mx));
		for (uint32_t c = 0; c < K; c++)
			z[c] = s * (z[c] / sum - (c == (uint32_t) y ? 1.0 : 0.0));
		for (size_t j = p->ptr[i]; j < p->ptr[i + 1]; j++)
		{
			double	   *gw = gW + (size_t) p->col[j] * K;
			double		v = p->val[j];

			for (uint32_t c = 0; c < K; c++)
				gw[c] += v * z[c];
		}
		for (uint32_t c = 0; c < K; c++)
			gb[c] += z[c];
	}
	for (size_t k = 0; k < nw; k++)
	{
		double		l2 = pr->pen ? pr->pen[k] : pr->l2;

		loss += 0.5 * l2 * W[k] * W[k];
		gW[k] += l2 * W[k];
	}
	return loss;
}

static int
cmp_double(const void *a, const void *b)
{
	double		x = *(const double *) a,
				y = *(const double *) b;

	return (x > y) - (x < y);
}

/*
 * NB prior: each weight's L2 strength shrinks with the square of its
 * feature's log-count ratio for that class against the rest (NBSVM), so
 * words that separate the classes in the counts may take larger weights.
 * Features with a negative value anywhere (the word-vector ones) keep l2;
 * every other feature, the non-negative document features included, counts
 * by its summed values.  Counts come from the fitted rows only (mask), so a
 * held-out fold does not leak.  Scaled so the median strength of the counted
 * features is l2.
 */
static double *
nb_penalties(const prepared *p, const sentimen_dataset *ds, const bool *mask, double l2,
			 double eps, const sentimen_allocator *a)
{
	uint32_t	K = p->K;
	size_t		nw = (size_t) p->d * K;
	double	   *cnt = sentimen_alloc(a, nw * sizeof(double));
	double	   *pen = sentimen_alloc(a, nw * sizeof(double));
	bool	   *dense = sentimen_alloc(a, (p->d ? p->d : 1) * sizeof(bool));
	double		tot[SENTIMEN_MAX_CLASSES] = {0};
	double		all = 0.0;
	double	   *sorted;
	size_t		ns = 0;
	double		med;
	const double alpha = 1.0;

	memset(cnt, 0, nw * sizeof(double));
	memset(dense, 0, (p->d ? p->d : 1) * sizeof(bool));
	for (size_t i = 0; i < p->n_rows; i++)
	{
		int			y = ds->rows[i].label;

		for (size_t j = p->ptr[i]; j < p->ptr[i + 1]; j++)
			if (p->val[j] < 0)
				dense[p->col[j]] = true;
		if ((mask && !mask[i]) || y < 0)
			continue;
		for (size_t j = p->ptr[i]; j < p->ptr[i + 1]; j++)
		{
			double		v = p->val[j] > 0 ? p->val[j] : 0.0;

			cnt[(size_t) p->col[j] * K + (uint32_t) y] += v;
			tot[y] += v;
		}
	}
	for (uint32_t c = 0; c < K; c++)
		all += tot[c];
	for (uint32_t f = 0; f < p->d; f++)
	{
		double		fall = 0.0;

		for (uint32_t c = 0; c < K; c++)
			fall += cnt[(size_t) f * K + c];
		for (uint32_t c = 0; c < K; c++)
		{
			size_t		k = (size_t) f * K + c;
			double		in = (cnt[k] + alpha) / (tot[c] + alpha * p->d);
			double		out = (fall - cnt[k] + alpha) / (all - tot[c] + alpha * p->d);
			double		r = log(in / out);

			pen[k] = dense[f] ? -1.0 : r * r + eps;
		}
	}
	sorted = cnt;				/* reuse */
	for (size_t k = 0; k < nw; k++)
		if (pen[k] >= 0)
			sorted[ns++] = pen[k];
	if (ns > 0)
	{
		qsort(sorted, ns, sizeof(double), cmp_double);
		med = sorted[ns / 2];
	}
	else
		med = 1.0;
	for (size_t k = 0; k < nw; k++)
		pen[k] = pen[k] < 0 ? l2 : l2 * med / pen[k];
	sentimen_free(a, cnt);
	sentimen_free(a, dense);
	return pen;
}

static double *
optimise(const prepared *p, const sentimen_dataset *ds, const bool *mask,
		 const sentimen_train_config *cfg, const sentimen_allocator *a)
{
	problem		pr;
	size_t		n = (size_t) p->d * p->K + p->K;
	double	   *x = sentimen_alloc(a, n * sizeof(double));
	double	   *pen = NULL;

	memset(x, 0, n * sizeof(double));
	pr.p = p;
	pr.ds = ds;
	pr.mask = mask;
	pr.l2 = cfg->l2;
	if (cfg->nb_prior > 0)
		pen = nb_penalties(p, ds, mask, cfg->l2, cfg->nb_prior, a);
	pr.pen = pen;
	pr.total_weight = 0.0;
	for (size_t i = 0; i < ds->n; i++)
		if ((!mask || mask[i]) && ds->rows[i].label >= 0)
			pr.total_weight += ds->rows[i].weight;
	if (pr.total_weight <= 0)
		pr.total_weight = 1.0;
	sentimen_lbfgs(n, x, classifier_objective, &pr, cfg->max_iter, cfg->tol, cfg->progress,
				   cfg->progress_ctx, a);
	sentimen_free(a, pen);
	return x;
}

static void
predict_rows(const prepared *p, const double *x, const bool *select, double *logits)
{
	uint32_t	K = p->K;
	const double *b = x + (size_t) p->d * K;

	for (size_t i = 0; i < p->n_rows; i++)
	{
		double	   *z = logits + i * K;

		if (select && !select[i])
			continue;
		for (uint32_t c = 0; c < K; c++)
			z[c] = b[c];
		for (size_t j = p->ptr[i]; j < p->ptr[i + 1]; j++)
			for (uint32_t c = 0; c < K; c++)
				z[c] += p->val[j] * x[(size_t) p->col[j] * K + c];
	}
}

double
sentimen_fit_temperature(const double *logits, const int *labels, size_t n, uint32_t K)
{
	double		lo = 0.05,
				hi = 10.0;

	/* golden-section search on the (convex in 1/T) negative log-likelihood */
	for (int it = 0; it < 60; it++)
	{
		double		m1 = lo + (hi - lo) * 0.381966;
		double		m2 = lo + (hi - lo) * 0.618034;
		double		f1 = 0.0,
					f2 = 0.0;

		for (size_t i = 0; i < n; i++)
		{
			const double *z = logits + i * K;
			double		mx = z[0];
			double		s1 = 0.0,
						s2 = 0.0;

			for (uint32_t c = 1; c < K; c++)
				if (z[c] > mx)
					mx = z[c];
			for (uint32_t c = 0; c < K; c++)
			{
				s1 += exp((z[c] - mx) / m1);
				s2 += exp((z[c] - mx) / m2);
			}
			f1 += log(s1) - (z[labels[i]] - mx) / m1;
			f2 += log(s2) - (z[labels[i]] - mx) / m2;
		}
		if (f1 < f2)
			hi = m2;
		else
			lo = m1;
	}
	return (lo + hi) / 2;
}

/* deterministic fold of row i */
static int
fold_of(size_t i, uint64_t seed, int folds)
{
	uint64_t	x = (uint64_t) i * UINT64_C(0x9E3779B97F4A7C15) + seed;

	x ^= x >> 31;
	x *= UINT64_C(0xBF58476D1CE4E5B9);
	x ^= x >> 29;
	return (int) (x % (uint64_t) folds);
}

typedef struct pool_pick
{
	uint32_t	label;			/* the class the first fit predicts */
	double		p;				/* its probability */
	size_t		row;
} pool_pick;

static int
cmp_pick(const void *a, const void *b)
{
	const pool_pick *x = a;
	const pool_pick *y = b;

	/* by class, most confident first; ties by row, so the choice is deterministic */
	if (x->label != y->label)
		return x->label < y->label ? -1 : 1;
	if (x->p != y->p)
		return x->p > y->p ? -1 : 1;
	return (x->row > y->row) - (x->row < y->row);
}

/*
 * Fit on the rows of mask, the self-training way when ds has a pool (train.h):
 * the pool rows of work, a copy of ds's rows, get their pseudo-labels here.
 * Returns the parameters of the last fit.
 */
static double *
fit(const prepared *p, const sentimen_dataset *ds, const bool *mask,
	const sentimen_train_config *cfg, const sentimen_allocator *a)
{
	uint32_t	K = ds->n_classes;
	sentimen_dataset work = *ds;
	bool	   *m2;
	bool	   *pool;
	double	   *logits;
	pool_pick  *picks;
	size_t		n_pool = 0;
	double	   *x;

	for (size_t i = 0; i < ds->n; i++)
		n_pool += ds->rows[i].label < 0;
	if (cfg->self_per_class <= 0 || n_pool == 0)
		return optimise(p, ds, mask, cfg, a);

	x = optimise(p, ds, mask, cfg, a);
	if (cfg->progress)
		cfg->progress(cfg->progress_ctx, "self-training: labelling the pool");
	pool = sentimen_alloc(a, ds->n * sizeof(bool));
	m2 = sentimen_alloc(a, ds->n * sizeof(bool));
	logits = sentimen_alloc(a, ds->n * K * sizeof(double));
	picks = sentimen_alloc(a, n_pool * sizeof(pool_pick));
	work.rows = sentimen_alloc(a, ds->n * sizeof(sentimen_example));
	memcpy(work.rows, ds->rows, ds->n * sizeof(sentimen_example));
	for (size_t i = 0; i < ds->n; i++)
	{
		pool[i] = ds->rows[i].label < 0;
		m2[i] = mask ? mask[i] : true;
	}
	predict_rows(p, x, pool, logits);
	sentimen_free(a, x);
	n_pool = 0;
	for (size_t i = 0; i < ds->n; i++)
	{
		const double *z = logits + i * K;
		uint32_t	best = 0;
		double		sum = 0.0;

		if (!pool[i])
			continue;
		for (uint32_t k = 1; k < K; k++)
			if (z[k] > z[best])
				best = k;
		for (uint32_t k = 0; k < K; k++)
			sum += exp(z[k] - z[best]);
		picks[n_pool].label = best;
		picks[n_pool].p = 1.0 / sum;
		picks[n_pool].row = i;
		n_pool++;
	}
	qsort(picks, n_pool, sizeof(pool_pick), cmp_pick);
	/* the first self_per_class of each class's run join the training rows */
	for (size_t j = 0, run = 0; j < n_pool; j++)
	{
		run = j > 0 && picks[j].label == picks[j - 1].label ? run + 1 : 0;
		if (run < (size_t) cfg->self_per_class)
		{
			work.rows[picks[j].row].label = (int) picks[j].label;
			m2[picks[j].row] = true;
		}
	}
	x = optimise(p, &work, m2, cfg, a);
	sentimen_free(a, work.rows);
	sentimen_free(a, picks);
	sentimen_free(a, logits);
	sentimen_free(a, m2);
	sentimen_free(a, pool);
	return x;
}

/* out-of-fold logits for rows with fold[i] >= 0; rows with fold[i] < 0 always train */
static void
cross_validate(const prepared *p, const sentimen_dataset *ds, const int *fold, int folds,
			   const sentimen_train_config *cfg, double *oof, const sentimen_allocator *a)
{
	uint32_t	K = ds->n_classes;
	double	   *all = sentimen_alloc(a, ds->n * K * sizeof(double));
	bool	   *mask = sentimen_alloc(a, ds->n * sizeof(bool));
	bool	   *sel = sentimen_alloc(a, ds->n * sizeof(bool));

	for (int f = 0; f < folds; f++)
	{
		double	   *x;
		bool		any = false;

		if (cfg->progress)
		{
			char		msg[96];

			snprintf(msg, sizeof(msg), "fold %d of %d", f + 1, folds);
			cfg->progress(cfg->progress_ctx, msg);
		}
		for (size_t i = 0; i < ds->n; i++)
		{
			/* pool rows are never held out */
			sel[i] = fold[i] == f && ds->rows[i].label >= 0;
			mask[i] = !sel[i];
			any |= sel[i];
		}
		if (!any)
			continue;
		x = fit(p, ds, mask, cfg, a);
		predict_rows(p, x, sel, all);
		for (size_t i = 0; i < ds->n; i++)
			if (sel[i])
				memcpy(oof + i * K, all + i * K, K * sizeof(double));
		sentimen_free(a, x);
	}
	sentimen_free(a, all);
	sentimen_free(a, mask);
	sentimen_free(a, sel);
}

sentimen_status
sentimen_cross_validate(const sentimen_train_config *cfg, const sentimen_dataset *ds,
						const int *fold, int folds, double *logits, const sentimen_allocator *a)
{
	prepared	p;

	if (ds->n == 0 || ds->n_classes < 2 || folds < 2)
		return SENTIMEN_ERR_NO_DATA;
	prepare(&cfg->fcfg, ds, &p, a);
	cross_validate(&p, ds, fold, folds, cfg, logits, a);
	prepared_free(&p);
	return SENTIMEN_OK;
}

int
sentimen_fold_of(size_t i, uint64_t seed, int folds)
{
	return fold_of(i, seed, folds);
}

/* temperature of the rows with is_long == want_long; 0 if too few rows */
static double
fit_subset(const double *oof, const sentimen_dataset *ds, const bool *is_long, bool want_long,
		   uint32_t K, const sentimen_allocator *a)
{
	double	   *z = sentimen_alloc(a, ds->n * K * sizeof(double));
	int		   *y = sentimen_alloc(a, ds->n * sizeof(int));
	size_t		n = 0;
	double		t = 0.0;

	for (size_t i = 0; i < ds->n; i++)
		if (is_long[i] == want_long && ds->rows[i].label >= 0)
		{
			memcpy(z + n * K, oof + i * K, K * sizeof(double));
			y[n++] = ds->rows[i].label;
		}
	if (n >= 20)
		t = sentimen_fit_temperature(z, y, n, K);
	sentimen_free(a, z);
	sentimen_free(a, y);
	return t;
}

sentimen_status
sentimen_train(const sentimen_train_config *cfg, const sentimen_dataset *ds, const char *meta,
			   const sentimen_allocator *a, void **blob, size_t *size)
{
	prepared	p;
	double	   *x;
	double		temperature = 1.0;
	double		temperature_long = 1.0;
	sentimen_model_builder b;
	uint32_t   *kb;
	float	   *kw;
	uint32_t	kept = 0;
	uint32_t	n_domains = 1;
	sentimen_status st;
	uint32_t	K = ds->n_classes;

	if (ds->n == 0 || ds->n_classes < 2)
		return SENTIMEN_ERR_NO_DATA;
	if (cfg->fcfg.hash_bits < 8 || cfg->fcfg.hash_bits > 24)
		return SENTIMEN_ERR_INVALID_ARGUMENT;
	if ((cfg->fcfg.flags & (SENTIMEN_FC_EMBED | SENTIMEN_FC_CLUSTERS)) &&
		(sentimen_default_embeddings() == NULL ||
		 sentimen_default_embeddings()->hdr->checksum != cfg->fcfg.embed_checksum))
		return SENTIMEN_ERR_INVALID_ARGUMENT;	/* see sentimen_train_config_use_embeddings() */

	prepare(&cfg->fcfg, ds, &p, a);

	if (cfg->calib_folds >= 2 && ds->n >= (size_t) cfg->calib_folds * 2)
	{
		double	   *oof = sentimen_alloc(a, ds->n * K * sizeof(double));
		int		   *fold = sentimen_alloc(a, ds->n * sizeof(int));

		for (size_t i = 0; i < ds->n; i++)
			fold[i] = fold_of(i, cfg->seed, cfg->calib_folds);
		cross_validate(&p, ds, fold, cfg->calib_folds, cfg, oof, a);
		temperature = fit_subset(oof, ds, p.is_long, false, K, a);
		temperature_long = fit_subset(oof, ds, p.is_long, true, K, a);
		if (temperature_long <= 0)
			temperature_long = temperature;
		sentimen_free(a, oof);
		sentimen_free(a, fold);
	}

	if (cfg->progress)
		cfg->progress(cfg->progress_ctx, "training the final model");
	x = fit(&p, ds, NULL, cfg, a);

	/* one row per bucket with the weights of every domain; prune small rows */
	{
		uint32_t	nb = UINT32_C(1) << cfg->fcfg.hash_bits;
		uint32_t	nd = (cfg->fcfg.flags & (SENTIMEN_FC_LONG_AUG | SENTIMEN_FC_HEAD_AUG))
			? SENTIMEN_NDOMAINS : 1;
		size_t		nw = (size_t) nd * K;
		int32_t    *row_of = sentimen_alloc(a, (size_t) nb * sizeof(int32_t));
		uint32_t	rows = 0;

		for (uint32_t b2 = 0; b2 < nb; b2++)
			row_of[b2] = -1;
		/* keys are sorted by domain then bucket: domain 0 rows come first */
		for (uint32_t j = 0; j < p.d; j++)
		{
			uint32_t	bucket = p.buckets[j] % nb;

			if (row_of[bucket] < 0)
				row_of[bucket] = (int32_t) rows++;
		}
		kb = sentimen_alloc(a, (size_t) (rows ? rows : 1) * sizeof(uint32_t));
		kw = sentimen_alloc(a, (size_t) (rows ? rows : 1) * nw * sizeof(float));
		memset(kw, 0, (size_t) (rows ? rows : 1) * nw * sizeof(float));
		for (uint32_t j = 0; j < p.d; j++)
		{
			uint32_t	bucket = p.buckets[j] % nb;
			uint32_t	dom = p.buckets[j] / nb;
			int32_t		r = row_of[bucket];

			kb[r] = bucket;
			if (dom < nd)
				for (uint32_t c = 0; c < K; c++)
					kw[(size_t) r * nw + (size_t) dom * K + c] = (float) x[(size_t) j * K + c];
		}
		/* prune rows whose weights are all small, compacting in place */
		for (uint32_t r = 0; r < rows; r++)
		{
			double		mx = 0.0;

			for (size_t c = 0; c < nw; c++)
				if (fabs(kw[(size_t) r * nw + c]) > mx)
					mx = fabs(kw[(size_t) r * nw + c]);
			if (mx < cfg->prune)
				continue;
			kb[kept] = kb[r];
			memmove(kw + (size_t) kept * nw, kw + (size_t) r * nw, nw * sizeof(float));
			kept++;
		}
		sentimen_free(a, row_of);
		n_domains = nd;
	}

	memset(&b, 0, sizeof(b));
	b.fcfg = cfg->fcfg;
	b.n_classes = K;
	memcpy(b.class_names, ds->class_names, sizeof(b.class_names));
	for (uint32_t c = 0; c < K; c++)
		b.bias[c] = (float) x[(size_t) p.d * K + c];
	b.temperature = (float) temperature;
	b.temperature_long = (float) temperature_long;
	b.n_entries = kept;
	b.n_domains = n_domains;
	b.buckets = kb;
	b.weights = kw;
	b.meta = meta;
	st = sentimen_model_build(&b, a, blob, size);

	sentimen_free(a, kb);
	sentimen_free(a, kw);
	sentimen_free(a, x);
	prepared_free(&p);
	return st;
}
