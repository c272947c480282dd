/*
 * metrics.c: classifier evaluation.
 */
#include "metrics.h"

#include <math.h>
#include <string.h>

void
sentimen_eval_init(sentimen_eval *e, uint32_t n_classes)
{
	memset(e, 0, sizeof(*e));
	e->n_classes = n_classes;
}

void
sentimen_eval_add(sentimen_eval *e, int gold, int pred, double confidence, double p_gold)
{
	int			bin = (int) (confidence * SENTIMEN_ECE_BINS);

	if (bin >= SENTIMEN_ECE_BINS)
		bin = SENTIMEN_ECE_BINS - 1;
	if (bin < 0)
		bin = 0;
	e->confusion[gold][pred]++;
	e->n++;
	e->bin_conf[bin] += confidence;
	e->bin_correct[bin] += gold == pred;
	e->bin_n[bin]++;
	e->nll -= log(p_gold > 1e-12 ? p_gold : 1e-12);
}

void
sentimen_eval_merge(sentimen_eval *into, const sentimen_eval *from)
{
	for (uint32_t g = 0; g < from->n_classes; g++)
		for (uint32_t p = 0; p < from->n_classes; p++)
			into->confusion[g][p] += from->confusion[g][p];
	for (int b = 0; b < SENTIMEN_ECE_BINS; b++)
	{
		into->bin_conf[b] += from->bin_conf[b];
		into->bin_correct[b] += from->bin_correct[b];
		into->bin_n[b] += from->bin_n[b];
	}
	into->n += from->n;
	into->nll += from->nll;
}

double
sentimen_eval_accuracy(const sentimen_eval *e)
{
	size_t		ok = 0;

	for (uint32_t c = 0; c < e->n_classes; c++)
		ok += e->confusion[c][c];
	return e->n ? (double) ok / e->n : 0.0;
}

double
sentimen_eval_precision(const sentimen_eval *e, int c)
{
	size_t		col = 0;

	for (uint32_t g = 0; g < e->n_classes; g++)
		col += e->confusion[g][c];
	return col ? (double) e->confusion[c][c] / col : 0.0;
}

double
sentimen_eval_recall(const sentimen_eval *e, int c)
{
	size_t		row = 0;

	for (uint32_t p = 0; p < e->n_classes; p++)
		row += e->confusion[c][p];
	return row ? (double) e->confusion[c][c] / row : 0.0;
}

double
sentimen_eval_f1(const sentimen_eval *e, int c)
{
	double		p = sentimen_eval_precision(e, c);
	double		r = sentimen_eval_recall(e, c);

	return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
}

/* mean F1 over the classes that occur in the gold labels */
double
sentimen_eval_macro_f1(const sentimen_eval *e)
{
	double		s = 0.0;
	int			k = 0;

	for (uint32_t c = 0; c < e->n_classes; c++)
	{
		size_t		row = 0;

		for (uint32_t p = 0; p < e->n_classes; p++)
			row += e->confusion[c][p];
		if (row == 0)
			continue;
		s += sentimen_eval_f1(e, (int) c);
		k++;
	}
	return k ? s / k : 0.0;
}

double
sentimen_eval_ece(const sentimen_eval *e)
{
	double		ece = 0.0;

	if (e->n == 0)
		return 0.0;
	for (int b = 0; b < SENTIMEN_ECE_BINS; b++)
		if (e->bin_n[b])
			ece += fabs(e->bin_correct[b] - e->bin_conf[b]) / e->n;
	return ece;
}
