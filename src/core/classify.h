/*
 * classify.h: scoring a text with a classifier model, and explaining it.
 */
#ifndef SENTIMEN_CLASSIFY_H
#define SENTIMEN_CLASSIFY_H

#include "common.h"
#include "featurize.h"
#include "model.h"

typedef struct sentimen_result
{
	int			label;			/* class index */
	double		probs[SENTIMEN_MAX_CLASSES];
	double		logits[SENTIMEN_MAX_CLASSES];	/* before temperature */
	double		score;			/* P(positif) - P(negatif), in [-1, 1] */
	double		confidence;		/* probability of the label */
	size_t		words;			/* words seen */
	bool		is_long;		/* calibrated as a long document */
} sentimen_result;

/*
 * Score UTF-8 text.  A text without words (empty, blank, punctuation only) is
 * netral with score 0 and confidence 1 when the model has a netral class.
 */
extern void sentimen_classify(const sentimen_model *m, const char *text, size_t len,
							  sentimen_result *r, const sentimen_allocator *a);

/* Score a sentence given as tokens (see sentimen_featurize_tokens). */
extern void sentimen_classify_tokens(const sentimen_model *m, const char *text, size_t len,
									 sentimen_token_next_fn next, void *src, sentimen_result *r,
									 const sentimen_allocator *a);

/* For tests: score without the per-word bundle cache (must give the same result). */
extern bool sentimen_classify_no_cache;

/*
 * For tests: score the dense features as features, not folded per word (the
 * same result up to rounding).
 */
extern bool sentimen_classify_no_fold;

/* Turn raw logits into the result fields (temperature, softmax, label). */
extern void sentimen_result_finish(const sentimen_model *m, sentimen_result *r);

typedef struct sentimen_explain_term
{
	char	   *term;
	double		weight;			/* contribution to logit(positif) - logit(negatif) */
} sentimen_explain_term;

/*
 * The terms behind a decision, strongest (by |weight|) first.  *terms is
 * allocated with a (one block, free with sentimen_free).
 */
extern void sentimen_explain(const sentimen_model *m, const char *text, size_t len,
							 sentimen_result *r, sentimen_explain_term **terms, size_t *n_terms,
							 const sentimen_allocator *a);

/*
 * Term overrides (a domain lexicon): normalised words or phrases of up to
 * SENTIMEN_OVERRIDE_MAX_WORDS tokens, each with a weight added to
 * logit(positif) - logit(negatif) (half to each) when it occurs in the text:
 * weight * (1 + ln count) for count occurrences.  Built once per profile;
 * read-only while scoring.
 */
#define SENTIMEN_OVERRIDE_MAX_WORDS 4

typedef struct sentimen_term_overrides
{
	uint64_t   *keys;			/* hash of the phrase's token hashes; 0 = empty */
	double	   *weights;
	size_t		n,
				cap;			/* power of two */
	int			max_words;
	const sentimen_allocator *a;
} sentimen_term_overrides;

extern void sentimen_term_overrides_init(sentimen_term_overrides *o, const sentimen_allocator *a);
extern void sentimen_term_overrides_free(sentimen_term_overrides *o);

/*
 * Add (or replace) a term.  SENTIMEN_ERR_INVALID_ARGUMENT when the term has
 * no tokens or more than SENTIMEN_OVERRIDE_MAX_WORDS.
 */
extern sentimen_status sentimen_term_overrides_add(sentimen_term_overrides *o, const char *term,
												   size_t len, double weight);

/* sentimen_classify() with overrides (NULL or empty: the same result). */
extern void sentimen_classify_with(const sentimen_model *m, const sentimen_term_overrides *o,
								   const char *text, size_t len, sentimen_result *r,
								   const sentimen_allocator *a);

#endif							/* SENTIMEN_CLASSIFY_H */
