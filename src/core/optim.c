/*
 * optim.c: L-BFGS minimisation shared by the trainers (see optim.h).
 */
#include "optim.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define LBFGS_M 7

static double
dot(const double *a, const double *b, size_t n)
{
	double		s = 0.0;

	for (size_t i = 0; i < n; i++)
		s += a[i] * b[i];
	return s;
}

void
sentimen_lbfgs(size_t n, double *x, sentimen_objective_fn objective, void *ctx, int max_iter,
			   double tol, sentimen_progress_fn progress, void *progress_ctx,
			   const sentimen_allocator *a)
{
	double	   *g = sentimen_alloc(a, n * sizeof(double));
	double	   *gn = sentimen_alloc(a, n * sizeof(double));
	double	   *xn = sentimen_alloc(a, n * sizeof(double));
	double	   *d = sentimen_alloc(a, n * sizeof(double));
	double	   *S = sentimen_alloc(a, (size_t) LBFGS_M * n * sizeof(double));
	double	   *Y = sentimen_alloc(a, (size_t) LBFGS_M * n * sizeof(double));
	double		rho[LBFGS_M];
	double		alpha[LBFGS_M];
	int			head = 0;
	int			stored = 0;
	double		f = objective(ctx, x, g);
	int			small_steps = 0;

	for (int iter = 0; iter < max_iter; iter++)
	{
		double		gd,
					step,
					fn = 0.0;
		int			tries;
		bool		ok = false;

		sentimen_check_interrupts();

		/* two-loop recursion: d = -H g */
		for (size_t i = 0; i < n; i++)
			d[i] = -g[i];
		for (int k = 0; k < stored; k++)
		{
			int			j = (head - 1 - k + LBFGS_M) % LBFGS_M;

			alpha[j] = rho[j] * dot(S + (size_t) j * n, d, n);
			for (size_t i = 0; i < n; i++)
				d[i] -= alpha[j] * Y[(size_t) j * n + i];
		}
		if (stored > 0)
		{
			int			j = (head - 1 + LBFGS_M) % LBFGS_M;
			double		yy = dot(Y + (size_t) j * n, Y + (size_t) j * n, n);
			double		gamma = yy > 0 ? 1.0 / (rho[j] * yy) : 1.0;

			for (size_t i = 0; i < n; i++)
				d[i] *= gamma;
		}
		for (int k = stored - 1; k >= 0; k--)
		{
			int			j = (head - 1 - k + LBFGS_M) % LBFGS_M;
			double		beta = rho[j] * dot(Y + (size_t) j * n, d, n);

			for (size_t i = 0; i < n; i++)
				d[i] += (alpha[j] - beta) * S[(size_t) j * n + i];
		}
		gd = dot(g, d, n);
		if (gd >= 0)
		{
			/* not a descent direction: restart from the gradient */
			for (size_t i = 0; i < n; i++)
				d[i] = -g[i];
			gd = dot(g, d, n);
			stored = 0;
		}
		if (gd > -1e-20)
			break;
		step = stored == 0 ? 1.0 / sqrt(-gd) : 1.0;

		/* backtracking line search (Armijo) */
		for (tries = 0; tries < 30; tries++)
		{
			for (size_t i = 0; i < n; i++)
				xn[i] = x[i] + step * d[i];
			fn = objective(ctx, xn, gn);
			if (fn <= f + 1e-4 * step * gd)
			{
				ok = true;
				break;
			}
			step *= 0.5;
		}
		if (!ok)
			break;

		/* update memory */
		{
			double	   *s = S + (size_t) head * n;
			double	   *y = Y + (size_t) head * n;
			double		sy;

			for (size_t i = 0; i < n; i++)
			{
				s[i] = xn[i] - x[i];
				y[i] = gn[i] - g[i];
			}
			sy = dot(s, y, n);
			if (sy > 1e-12)
			{
				rho[head] = 1.0 / sy;
				head = (head + 1) % LBFGS_M;
				if (stored < LBFGS_M)
					stored++;
			}
		}
		memcpy(x, xn, n * sizeof(double));
		memcpy(g, gn, n * sizeof(double));

		if (progress && (iter % 25 == 0))
		{
			char		msg[128];

			snprintf(msg, sizeof(msg), "iteration %d: loss %.6f", iter, fn);
			progress(progress_ctx, msg);
		}
		if (fabs(f - fn) / (fabs(fn) > 1.0 ? fabs(fn) : 1.0) < tol)
		{
			if (++small_steps >= 3)
			{
				f = fn;
				break;
			}
		}
		else
			small_steps = 0;
		f = fn;
	}
	sentimen_free(a, g);
	sentimen_free(a, gn);
	sentimen_free(a, xn);
	sentimen_free(a, d);
	sentimen_free(a, S);
	sentimen_free(a, Y);
}

