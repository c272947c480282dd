/*
 * classify.h: scoring a text with a classifier model, and explaining it.
 */
#ifndef SENTIMEN_CLASSIFY_H
#define SENTIMEN_CLASSIFY_H

#include "common.h"
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

/* For tests: score without the per-word bundle cache (must give the same result). */
extern bool sentimen_classify_no_cache;

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

#endif							/* SENTIMEN_CLASSIFY_H */
