/*
 * metrics.h: evaluation of classifiers (accuracy, macro-F1, per-class
 * precision/recall, confusion matrix, expected calibration error).
 */
#ifndef SENTIMEN_METRICS_H
#define SENTIMEN_METRICS_H

#include "common.h"
#include "model.h"

#define SENTIMEN_ECE_BINS 10

typedef struct sentimen_eval
{
	uint32_t	n_classes;
	size_t		n;
	size_t		confusion[SENTIMEN_MAX_CLASSES][SENTIMEN_MAX_CLASSES];	/* [gold][pred] */
	/* calibration bins of the predicted label's confidence */
	double		bin_conf[SENTIMEN_ECE_BINS];
	double		bin_correct[SENTIMEN_ECE_BINS];
	size_t		bin_n[SENTIMEN_ECE_BINS];
	double		nll;
} sentimen_eval;

extern void sentimen_eval_init(sentimen_eval *e, uint32_t n_classes);
extern void sentimen_eval_add(sentimen_eval *e, int gold, int pred, double confidence,
							  double p_gold);
extern void sentimen_eval_merge(sentimen_eval *into, const sentimen_eval *from);

extern double sentimen_eval_accuracy(const sentimen_eval *e);
extern double sentimen_eval_precision(const sentimen_eval *e, int c);
extern double sentimen_eval_recall(const sentimen_eval *e, int c);
extern double sentimen_eval_f1(const sentimen_eval *e, int c);
extern double sentimen_eval_macro_f1(const sentimen_eval *e);
extern double sentimen_eval_ece(const sentimen_eval *e);

#endif							/* SENTIMEN_METRICS_H */
