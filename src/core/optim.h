/*
 * optim.h: L-BFGS minimisation of a smooth objective (two-loop recursion,
 * backtracking Armijo line search).  Deterministic.  Used by the classifier
 * trainer and the CRF tagger trainer.
 */
#ifndef SENTIMEN_OPTIM_H
#define SENTIMEN_OPTIM_H

#include "common.h"

/* value at x, gradient into g (same length as x) */
typedef double (*sentimen_objective_fn) (void *ctx, const double *x, double *g);

/*
 * Minimise from x (n parameters; x receives the result).  Stops after
 * max_iter iterations or when the relative decrease stays below tol for three
 * iterations.  Calls sentimen_check_interrupts() every iteration.
 */
extern void sentimen_lbfgs(size_t n, double *x, sentimen_objective_fn objective, void *ctx,
						   int max_iter, double tol, sentimen_progress_fn progress,
						   void *progress_ctx, const sentimen_allocator *a);

#endif							/* SENTIMEN_OPTIM_H */
