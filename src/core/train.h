/*
 * train.h: the trainer for classifier models.
 *
 * Multinomial logistic regression over the featuriser's hashed features,
 * L2-regularised, optimised with L-BFGS (deterministic: the same data and
 * settings give the same model).  Confidence is calibrated with a single
 * temperature fitted on out-of-fold predictions, so it never looks at
 * evaluation data.
 */
#ifndef SENTIMEN_TRAIN_H
#define SENTIMEN_TRAIN_H

#include "common.h"
#include "featurize.h"
#include "model.h"

/*
 * Label of an unlabelled row: the pool of self-training.  With
 * self_per_class > 0, every model the trainer fits (each fold, the final one)
 * is fitted twice: first on the labelled rows, then again with the
 * self_per_class pool rows it predicts most confidently for each class added
 * with that class as label (their weight is the row's weight).  Pool rows are
 * never held out and never calibrate.  Without self-training they are ignored.
 */
#define SENTIMEN_UNLABELED (-1)

typedef struct sentimen_example
{
	const char *text;
	size_t		len;
	int			label;			/* class index, or SENTIMEN_UNLABELED */
	float		weight;			/* example weight (dataset x class weighting) */
	int			group;			/* dataset index, for reporting */
} sentimen_example;

typedef struct sentimen_dataset
{
	sentimen_example *rows;
	size_t		n;
	size_t		cap;
	uint32_t	n_classes;
	char		class_names[SENTIMEN_MAX_CLASSES][SENTIMEN_CLASS_NAME_LEN];
	const sentimen_allocator *a;
} sentimen_dataset;

typedef struct sentimen_train_config
{
	sentimen_feature_config fcfg;
	double		l2;				/* regularisation strength */
	int			max_iter;		/* L-BFGS iterations */
	double		tol;			/* stop when relative improvement is below */
	int			calib_folds;	/* folds for the temperature; 0 = no calibration */
	float		prune;			/* drop features whose weights are all below this */
	uint64_t	seed;			/* fold assignment */
	int			self_per_class; /* self-training: pool rows added per class; 0 = off */
	double		nb_prior;		/* > 0: per-weight L2 from NB log-count ratios (train.c) with
								 * this flattening; 0 = plain l2 */
	sentimen_progress_fn progress;
	void	   *progress_ctx;
} sentimen_train_config;

extern void sentimen_train_config_default(sentimen_train_config *cfg);

/*
 * Add features from the current embeddings (embed.h): flags is
 * SENTIMEN_FC_EMBED and/or SENTIMEN_FC_CLUSTERS.  False if there are none.
 */
extern bool sentimen_train_config_use_embeddings(sentimen_train_config *cfg, uint32_t flags);

extern void sentimen_dataset_init(sentimen_dataset *ds, const sentimen_allocator *a);
extern void sentimen_dataset_free(sentimen_dataset *ds);

/* Index of a class name, adding it when add is true; -1 if absent or full. */
extern int	sentimen_dataset_class(sentimen_dataset *ds, const char *name, bool add);
extern void sentimen_dataset_add(sentimen_dataset *ds, const char *text, size_t len, int label,
								 float weight, int group);

/*
 * Train on ds and serialise the model (allocated with a).  meta is stored in
 * the model as its description.
 */
extern sentimen_status sentimen_train(const sentimen_train_config *cfg, const sentimen_dataset *ds,
									  const char *meta, const sentimen_allocator *a,
									  void **blob, size_t *size);

/*
 * k-fold cross-validation: rows with fold[i] in 0..folds-1 are held out in
 * turn and get their logits (before temperature) written to logits
 * (n * n_classes); rows with fold[i] < 0 are always in training.
 */
extern sentimen_status sentimen_cross_validate(const sentimen_train_config *cfg,
											   const sentimen_dataset *ds, const int *fold,
											   int folds, double *logits,
											   const sentimen_allocator *a);

/* deterministic fold assignment of row i */
extern int	sentimen_fold_of(size_t i, uint64_t seed, int folds);

/* Temperature minimising the negative log-likelihood of the given logits. */
extern double sentimen_fit_temperature(const double *logits, const int *labels, size_t n,
									   uint32_t n_classes);

#endif							/* SENTIMEN_TRAIN_H */
