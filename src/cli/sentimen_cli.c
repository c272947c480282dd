/*
 * sentimen_cli.c: command-line front end of the sentimen core.
 *
 *   sentimen tokens  [TEXT...]                 normalised tokens (stdin lines if no TEXT)
 *   sentimen score   [--model M] [--jsonl] [FILE]  label, score, confidence per line
 *   sentimen explain [--model M] TEXT          terms behind the decision
 *   sentimen train   [options] --out M DATA[:weight]...
 *   sentimen eval    [--model M] DATA...       accuracy, macro-F1, P/R, confusion, ECE
 *   sentimen cv      [options] --folds K --cv DATA[:w] [DATA[:w]...]
 *                    k-fold figures for the --cv files, other files always trained on
 *   sentimen stages  [--model M] FILE          time tokenising, featurising, scoring
 *   sentimen metrics PRED...                   pooled figures of --predictions files
 *
 * DATA is a TSV (label<TAB>text) or JSONL (label + text or title/body) file.
 */
#include "../core/classify.h"
#include "../core/corpus.h"
#include "../core/embed.h"
#include "../core/entities.h"
#include "../core/metrics.h"
#include "../core/model.h"
#include "../core/tokenize.h"
#include "../core/tagger.h"
#include "../core/train.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const sentimen_allocator *A = &sentimen_malloc_allocator;

/* --predictions FILE: one line per evaluated row, "gold pred confidence p_gold" */
static FILE *predictions = NULL;

static void
open_predictions(const char *path)
{
	predictions = fopen(path, "a");
	if (predictions == NULL)
	{
		fprintf(stderr, "sentimen: cannot write %s\n", path);
		exit(2);
	}
}

static void
eval_add(sentimen_eval *e, int gold, int pred, double conf, double p_gold)
{
	sentimen_eval_add(e, gold, pred, conf, p_gold);
	if (predictions)
		fprintf(predictions, "%d\t%d\t%.6f\t%.6f\n", gold, pred, conf, p_gold);
}

static void
die(const char *fmt, const char *arg)
{
	fprintf(stderr, "sentimen: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n");
	exit(2);
}

static void
usage(void)
{
	fputs("usage:\n"
		  "  sentimen tokens  [TEXT...]\n"
		  "  sentimen score   [--model FILE] [--jsonl] [FILE]\n"
		  "  sentimen explain [--model FILE] TEXT\n"
		  "  sentimen train   [options] --out FILE DATA[:weight]...\n"
		  "  sentimen eval    [--model FILE] DATA...\n"
		  "  sentimen cv      [options] [--folds K] --cv DATA[:weight] [DATA[:weight]...]\n"
		  "  sentimen stages  [--model FILE] FILE   (time each stage, one text per line)\n"
		  "  sentimen metrics PREDICTIONS...        (pooled figures of --predictions files)\n"
		  "eval and cv take --predictions FILE to append per-row predictions\n"
		  "training options:\n"
		  "  --l2 X --iters N --hash-bits N --char MIN-MAX --pool-power X --title-weight X\n"
		  "  --char-weight X --lex-weight X --aug-weight X --lead-words N --tail-weight X --balance X --calib-folds N --prune X --seed N\n"
		  "  --nb-prior X  NBSVM-style prior: each weight's L2 shrinks with its word's class log-count ratio (X: flattening)\n"
		  "  --long-bytes N --negation-window N --long-aug --head-aug --no-bigrams --no-roots --no-lexicon\n"
		  "  --no-negation --no-title --no-docfeats --embed --clusters --embed-weight X --meta TEXT\n"
		  "  --classes A,B,...  the class set in this order (default positif/netral/negatif labels)\n"
		  "  --self-train N --unlabeled TEXTS[:weight]  self-training: each fit is redone with the N\n"
		  "                   texts of the pool it labels most confidently per class added\n"
		  "  sentimen embed   --out FILE [--dim N] [--epochs N] [--min-count N] [--max-words N] [--clusters K] TEXTS...\n"
		  "                   (TEXTS: .jsonl with text or title/body, .tsv label<TAB>text, or plain lines)\n"
		  "  sentimen ner-train --out FILE [--epochs N] [--gazetteer TSV]... [--domains] CONLL[:weight[:lower]]...\n"
		  "                   (--domains: per-file feature copies in training, shared weights shipped)\n"
		  "  sentimen ner-eval  [--errors] CONLL...  entity-level exact-span P/R/F1 (plain-text path)\n"
		  "  sentimen tag [--mentions] FILE...      entities (and mentions) of each line\n"
		  "  sentimen ner-gold CONLL                plain-text sentences and gold spans (for SQL checks)\n"
		  "every command takes --embeddings FILE and --tagger FILE first to use other models\n", stderr);
	exit(2);
}

/* ---- options ---- */

/*
 * Every command reads its options from a table.  Arguments that start with
 * "--" must be options of the command; the rest are handed, in order, to the
 * command's positional callback (the order matters to training: it numbers
 * the data files).
 */
typedef enum opt_kind
{
	OPT_STR,					/* const char *, the value */
	OPT_U32,					/* uint32_t, a whole number */
	OPT_INT,					/* int, a whole number */
	OPT_U64,					/* uint64_t, a whole number */
	OPT_FLOAT,					/* float */
	OPT_DOUBLE,					/* double */
	OPT_TRUE,					/* bool = true; no value */
	OPT_SET,					/* uint32_t |= bit; no value */
	OPT_CLEAR,					/* uint32_t &= ~bit; no value */
	OPT_CALL,					/* fn(ctx, name, value) */
	OPT_CALL0					/* fn(ctx, name, NULL); no value */
} opt_kind;

typedef struct cli_option
{
	const char *name;
	opt_kind	kind;
	void	   *dst;
	uint32_t	bit;
	void		(*fn) (void *ctx, const char *name, const char *value);
} cli_option;

typedef void (*positional_fn) (void *ctx, const char *arg);

#define OPTION(n, k, d) {.name = (n), .kind = (k), .dst = (d)}
#define BIT_OPTION(n, k, d, b) {.name = (n), .kind = (k), .dst = (d), .bit = (b)}
#define CALL_OPTION(n, k, f) {.name = (n), .kind = (k), .fn = (f)}
#define END_OPTIONS {.name = NULL}

static double
num(const char *s)
{
	char	   *end;
	double		v;

	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || *end != '\0')
		die("not a number: %s", s);
	return v;
}

/* a whole number in [0, max] */
static double
whole(const char *name, const char *s, double max)
{
	double		v = num(s);

	if (v < 0 || v > max || v != floor(v))
	{
		fprintf(stderr, "sentimen: %s wants a whole number from 0 to %.0f, not %s\n", name, max, s);
		exit(2);
	}
	return v;
}

static void
parse_options(int argc, char **argv, const cli_option *opts, positional_fn positional, void *ctx)
{
	for (int i = 0; i < argc; i++)
	{
		const char *a = argv[i];
		const cli_option *o = NULL;
		const char *v = NULL;
		bool		takes_value;

		if (strncmp(a, "--", 2) != 0)
		{
			if (positional == NULL)
				usage();
			positional(ctx, a);
			continue;
		}
		for (const cli_option *p = opts; p && p->name; p++)
			if (strcmp(a, p->name) == 0)
				o = p;
		if (o == NULL)
			die("unknown option %s", a);
		takes_value = o->kind != OPT_TRUE && o->kind != OPT_SET && o->kind != OPT_CLEAR &&
			o->kind != OPT_CALL0;
		if (takes_value)
		{
			if (i + 1 >= argc)
				die("%s needs a value", a);
			v = argv[++i];
		}
		switch (o->kind)
		{
			case OPT_STR:
				*(const char **) o->dst = v;
				break;
			case OPT_U32:
				*(uint32_t *) o->dst = (uint32_t) whole(a, v, UINT32_MAX);
				break;
			case OPT_INT:
				*(int *) o->dst = (int) whole(a, v, INT32_MAX);
				break;
			case OPT_U64:
				*(uint64_t *) o->dst = (uint64_t) whole(a, v, 9007199254740992.0);
				break;
			case OPT_FLOAT:
				*(float *) o->dst = (float) num(v);
				break;
			case OPT_DOUBLE:
				*(double *) o->dst = num(v);
				break;
			case OPT_TRUE:
				*(bool *) o->dst = true;
				break;
			case OPT_SET:
				*(uint32_t *) o->dst |= o->bit;
				break;
			case OPT_CLEAR:
				*(uint32_t *) o->dst &= ~o->bit;
				break;
			case OPT_CALL:
			case OPT_CALL0:
				o->fn(ctx, a, v);
				break;
		}
	}
}

/* positional arguments collected in order, for commands that take a list */
typedef struct arg_list
{
	const char **v;
	int			n;
} arg_list;

static void
collect_arg(void *ctx, const char *arg)
{
	arg_list   *l = ctx;

	l->v[l->n++] = arg;
}

/* the positional arguments of argv, options parsed from opts */
static arg_list
parse_with_list(int argc, char **argv, const cli_option *opts)
{
	arg_list	l;

	l.v = sentimen_alloc(A, (size_t) (argc + 1) * sizeof(char *));
	l.n = 0;
	parse_options(argc, argv, opts, collect_arg, &l);
	return l;
}

static void
predictions_opt(void *ctx, const char *name, const char *value)
{
	SENTIMEN_UNUSED(ctx);
	SENTIMEN_UNUSED(name);
	open_predictions(value);
}

/* ---- files ---- */

static char *
read_file(const char *path, size_t *len)
{
	FILE	   *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	char	   *buf = NULL;
	size_t		cap = 0,
				n = 0,
				r;

	if (f == NULL)
		die("cannot open %s", path);
	do
	{
		if (cap - n < 65536)
		{
			cap = cap ? cap * 2 : 1 << 20;
			buf = sentimen_realloc(A, buf, cap + 1);
		}
		r = fread(buf + n, 1, cap - n, f);
		n += r;
	} while (r > 0);
	if (f != stdin)
		fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}

/* Load a model file (read_file's malloc'd buffer is aligned for the blob), or the default model. */
static sentimen_model model_storage;

static const sentimen_model *
load_model(const char *path)
{
	sentimen_status st;

	if (path == NULL)
	{
		const sentimen_model *m = sentimen_default_model();

		if (m == NULL)
			die("the compiled-in model is unusable: %s",
				sentimen_status_message(sentimen_default_model_status()));
		return m;
	}
	else
	{
		size_t		len;
		void	   *blob = read_file(path, &len);

		st = sentimen_model_open(&model_storage, blob, len);
		if (st != SENTIMEN_OK)
			die("cannot use the model: %s", sentimen_status_message(st));
		return &model_storage;
	}
}

/* ---- tokens ---- */

static void
print_tokens(const char *text, size_t len)
{
	sentimen_tokenizer tz;
	sentimen_token tok;
	bool		first = true;

	sentimen_tokenizer_init(&tz, text, len, SENTIMEN_TOKOPT_SENTIMENT, A);
	while (sentimen_tokenizer_next(&tz, &tok))
	{
		printf("%s%.*s", first ? "" : " ", (int) tok.norm_len, tok.norm);
		first = false;
	}
	printf("\n");
	sentimen_tokenizer_free(&tz);
}

static int
cmd_tokens(int argc, char **argv)
{
	if (argc > 0)
	{
		for (int i = 0; i < argc; i++)
			print_tokens(argv[i], strlen(argv[i]));
	}
	else
	{
		char	   *line = NULL;
		size_t		cap = 0;
		ssize_t		n;

		while ((n = getline(&line, &cap, stdin)) >= 0)
			print_tokens(line, (size_t) n);
		free(line);
	}
	return 0;
}

/* ---- score / explain ---- */

static void
json_escape(const char *s, size_t len)
{
	putchar('"');
	for (size_t i = 0; i < len; i++)
	{
		unsigned char c = (unsigned char) s[i];

		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c == '\n')
			fputs("\\n", stdout);
		else if (c == '\t')
			fputs("\\t", stdout);
		else if (c < 0x20)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

static int
cmd_score(int argc, char **argv)
{
	const char *model_path = NULL;
	const char *input = "-";
	bool		jsonl = false;
	const sentimen_model *m;
	FILE	   *f;
	char	   *line = NULL;
	size_t		cap = 0;
	ssize_t		n;
	sentimen_arena arena;
	const cli_option opts[] = {
		OPTION("--model", OPT_STR, &model_path),
		OPTION("--jsonl", OPT_TRUE, &jsonl),
		END_OPTIONS
	};
	arg_list	files = parse_with_list(argc, argv, opts);

	if (files.n > 1)
		usage();
	if (files.n == 1)
		input = files.v[0];
	sentimen_free(A, files.v);
	m = load_model(model_path);
	f = strcmp(input, "-") == 0 ? stdin : fopen(input, "rb");
	if (f == NULL)
		die("cannot open %s", input);
	sentimen_arena_init(&arena, A);
	while ((n = getline(&line, &cap, f)) >= 0)
	{
		sentimen_result r;
		const char *text = line;
		size_t		len = (size_t) n;

		while (len > 0 && (text[len - 1] == '\n' || text[len - 1] == '\r'))
			len--;
		if (jsonl)
		{
			static const char *const names[] = {"text", "title", "body", "id"};
			char	   *v[4];
			size_t		vl[4];
			char	   *joined = NULL;

			if (len == 0)
				continue;
			if (sentimen_json_strings(text, len, names, 4, v, vl, &arena) != SENTIMEN_OK)
			{
				fprintf(stderr, "sentimen: skipping a malformed JSON line\n");
				continue;
			}
			if (v[0])
			{
				text = v[0];
				len = vl[0];
			}
			else if (v[2] && v[1] && vl[1] > 0)
			{
				len = vl[1] + 2 + vl[2];
				joined = sentimen_arena_alloc(&arena, len + 1);
				memcpy(joined, v[1], vl[1]);
				memcpy(joined + vl[1], "\n\n", 2);
				memcpy(joined + vl[1] + 2, v[2], vl[2]);
				text = joined;
			}
			else if (v[2])
			{
				text = v[2];
				len = vl[2];
			}
			else
				continue;
			sentimen_classify(m, text, len, &r, A);
			printf("{");
			if (v[3])
			{
				printf("\"id\": ");
				json_escape(v[3], vl[3]);
				printf(", ");
			}
			printf("\"label\": \"%s\", \"score\": %.4f, \"confidence\": %.4f}\n",
				   sentimen_model_class_name(m, r.label), r.score, r.confidence);
		}
		else
		{
			sentimen_classify(m, text, len, &r, A);
			printf("%s\t%.4f\t%.4f\t%.*s\n", sentimen_model_class_name(m, r.label), r.score,
				   r.confidence, (int) len, text);
		}
	}
	free(line);
	sentimen_arena_free(&arena);
	if (f != stdin)
		fclose(f);
	return 0;
}

static int
cmd_explain(int argc, char **argv)
{
	const char *model_path = NULL;
	const char *text = NULL;
	const sentimen_model *m;
	sentimen_result r;
	sentimen_explain_term *terms;
	size_t		n;
	const cli_option opts[] = {OPTION("--model", OPT_STR, &model_path), END_OPTIONS};
	arg_list	args = parse_with_list(argc, argv, opts);

	if (args.n != 1)
		usage();
	text = args.v[0];
	sentimen_free(A, args.v);
	m = load_model(model_path);
	sentimen_explain(m, text, strlen(text), &r, &terms, &n, A);
	printf("%s (score %.4f, confidence %.4f)\n", sentimen_model_class_name(m, r.label), r.score,
		   r.confidence);
	for (size_t i = 0; i < n && i < 25; i++)
		printf("%+8.4f  %s\n", terms[i].weight, terms[i].term);
	sentimen_free(A, terms);
	return 0;
}

/* ---- training options ---- */

typedef struct data_arg
{
	const char *path;
	float		weight;
	bool		cv;
	bool		unlabeled;		/* --unlabeled: the pool of self-training */
} data_arg;

typedef struct train_opts
{
	sentimen_train_config cfg;
	double		balance;
	const char *out;
	const char *meta;
	int			folds;
	data_arg	data[64];
	int			n_data;
	const char *classes;		/* --classes a,b,c: the class set, in order (default: sentiment) */
} train_opts;


static data_arg *
add_data(train_opts *o, const char *arg, bool cv)
{
	char	   *copy = strdup(arg);
	char	   *colon = strrchr(copy, ':');
	data_arg   *d;

	if (o->n_data >= 64)
		die("too many data files%s", "");
	d = &o->data[o->n_data++];
	d->weight = 1.0f;
	d->cv = cv;
	if (colon)
	{
		char	   *end;
		double		w = strtod(colon + 1, &end);

		if (*end == '\0' && end != colon + 1)
		{
			*colon = '\0';
			d->weight = (float) w;
		}
	}
	d->path = copy;
	return d;
}

static void
char_opt(void *ctx, const char *name, const char *v)
{
	train_opts *o = ctx;
	unsigned	lo = 0,
				hi = 0;

	SENTIMEN_UNUSED(name);
	if (sscanf(v, "%u-%u", &lo, &hi) != 2 || lo > hi || hi > 8)
		die("bad --char range: %s", v);
	o->cfg.fcfg.char_min = lo;
	o->cfg.fcfg.char_max = hi;
}

static void
cv_opt(void *ctx, const char *name, const char *v)
{
	SENTIMEN_UNUSED(name);
	add_data(ctx, v, true);
}

static void
unlabeled_opt(void *ctx, const char *name, const char *v)
{
	SENTIMEN_UNUSED(name);
	add_data(ctx, v, false)->unlabeled = true;
}

static void
data_positional(void *ctx, const char *arg)
{
	add_data(ctx, arg, false);
}

/* --embed, --clusters: features from the word vectors */
static void
embed_opt(void *ctx, const char *name, const char *v)
{
	train_opts *o = ctx;

	SENTIMEN_UNUSED(v);
	if (!sentimen_train_config_use_embeddings(&o->cfg, strcmp(name, "--embed") == 0
											  ? SENTIMEN_FC_EMBED : SENTIMEN_FC_CLUSTERS))
		die("%s: no usable embeddings (models/embeddings.bin or --embeddings)", name);
}

static void
parse_train_opts(int argc, char **argv, train_opts *o)
{
	sentimen_feature_config *f = &o->cfg.fcfg;
	bool		quiet;
	const cli_option opts[] = {
		OPTION("--l2", OPT_DOUBLE, &o->cfg.l2),
		OPTION("--nb-prior", OPT_DOUBLE, &o->cfg.nb_prior),
		OPTION("--iters", OPT_INT, &o->cfg.max_iter),
		OPTION("--hash-bits", OPT_U32, &f->hash_bits),
		CALL_OPTION("--char", OPT_CALL, char_opt),
		OPTION("--pool-power", OPT_FLOAT, &f->pool_power),
		OPTION("--title-weight", OPT_FLOAT, &f->title_weight),
		OPTION("--char-weight", OPT_FLOAT, &f->char_weight),
		OPTION("--lex-weight", OPT_FLOAT, &f->lexicon_weight),
		OPTION("--aug-weight", OPT_FLOAT, &f->aug_weight),
		OPTION("--lead-words", OPT_U32, &f->lead_words),
		OPTION("--tail-weight", OPT_FLOAT, &f->tail_weight),
		OPTION("--long-bytes", OPT_U32, &f->long_bytes),
		OPTION("--negation-window", OPT_U32, &f->negation_window),
		OPTION("--balance", OPT_DOUBLE, &o->balance),
		OPTION("--calib-folds", OPT_INT, &o->cfg.calib_folds),
		OPTION("--prune", OPT_FLOAT, &o->cfg.prune),
		OPTION("--seed", OPT_U64, &o->cfg.seed),
		OPTION("--folds", OPT_INT, &o->folds),
		OPTION("--out", OPT_STR, &o->out),
		OPTION("--meta", OPT_STR, &o->meta),
		OPTION("--classes", OPT_STR, &o->classes),
		CALL_OPTION("--predictions", OPT_CALL, predictions_opt),
		CALL_OPTION("--cv", OPT_CALL, cv_opt),
		CALL_OPTION("--unlabeled", OPT_CALL, unlabeled_opt),
		OPTION("--self-train", OPT_INT, &o->cfg.self_per_class),
		CALL_OPTION("--embed", OPT_CALL0, embed_opt),
		CALL_OPTION("--clusters", OPT_CALL0, embed_opt),
		OPTION("--embed-weight", OPT_FLOAT, &f->embed_weight),
		BIT_OPTION("--head-aug", OPT_SET, &f->flags, SENTIMEN_FC_HEAD_AUG),
		BIT_OPTION("--long-aug", OPT_SET, &f->flags, SENTIMEN_FC_LONG_AUG),
		BIT_OPTION("--no-bigrams", OPT_CLEAR, &f->flags, SENTIMEN_FC_BIGRAMS),
		BIT_OPTION("--no-roots", OPT_CLEAR, &f->flags, SENTIMEN_FC_ROOTS),
		BIT_OPTION("--no-lexicon", OPT_CLEAR, &f->flags, SENTIMEN_FC_LEXICON),
		BIT_OPTION("--no-negation", OPT_CLEAR, &f->flags, SENTIMEN_FC_NEGATION),
		BIT_OPTION("--no-title", OPT_CLEAR, &f->flags, SENTIMEN_FC_TITLE),
		BIT_OPTION("--no-docfeats", OPT_CLEAR, &f->flags, SENTIMEN_FC_DOCFEATS),
		OPTION("--quiet", OPT_TRUE, &quiet),
		END_OPTIONS
	};

	memset(o, 0, sizeof(*o));
	sentimen_train_config_default(&o->cfg);
	o->balance = 0.0;
	o->folds = 5;
	parse_options(argc, argv, opts, data_positional, o);
	if (o->n_data == 0)
		usage();
}

static void
progress(void *ctx, const char *msg)
{
	SENTIMEN_UNUSED(ctx);
	fprintf(stderr, "  %s\n", msg);
}

/* Load all data files; apply per-group class balancing. */
static void
load_data(train_opts *o, sentimen_dataset *ds, sentimen_arena *arena)
{
	char		err[512];

	sentimen_dataset_init(ds, A);
	if (o->classes == NULL)
		sentimen_dataset_sentiment_classes(ds);
	else
	{
		/* a fixed class set (e.g. channels): its order is the model's */
		char	   *list = strdup(o->classes);

		for (char *tok = strtok(list, ","); tok; tok = strtok(NULL, ","))
			if (sentimen_dataset_class(ds, tok, true) < 0)
				die("--classes: too many classes or a bad name: %s", tok);
		free(list);
	}
	{
		uint32_t	declared = ds->n_classes;

		/* the pool comes last: the labelled rows keep their indexes and folds */
		for (int pool = 0; pool < 2; pool++)
			for (int g = 0; g < o->n_data; g++)
			{
				const data_arg *d = &o->data[g];
				sentimen_status st;

				if (d->unlabeled != (pool == 1))
					continue;
				st = pool
					? sentimen_corpus_load_unlabeled(d->path, ds, g, d->weight, 0, arena, err,
													 sizeof(err))
					: sentimen_corpus_load(d->path, ds, g, d->weight, true, arena, err, sizeof(err));
				if (st != SENTIMEN_OK)
					die("%s", err);
			}
		if (o->classes != NULL && ds->n_classes > declared)
			die("a data file has the label \"%s\", which --classes does not list",
				ds->class_names[declared]);
	}
	if (o->balance > 0)
	{
		for (int g = 0; g < o->n_data; g++)
		{
			size_t		cnt[SENTIMEN_MAX_CLASSES] = {0};
			size_t		tot = 0;
			int			present = 0;

			for (size_t i = 0; i < ds->n; i++)
				if (ds->rows[i].group == g && ds->rows[i].label >= 0)
				{
					cnt[ds->rows[i].label]++;
					tot++;
				}
			for (uint32_t c = 0; c < ds->n_classes; c++)
				present += cnt[c] > 0;
			for (size_t i = 0; i < ds->n; i++)
				if (ds->rows[i].group == g && ds->rows[i].label >= 0)
					ds->rows[i].weight *= (float) pow((double) tot / (present * cnt[ds->rows[i].label]),
													  o->balance);
		}
	}
	/* drop classes with no rows (e.g. a binary data set) only if unused overall */
}

static int
cmd_train(int argc, char **argv)
{
	train_opts	o;
	sentimen_dataset ds;
	sentimen_arena arena;
	void	   *blob;
	size_t		size;
	sentimen_status st;
	char		meta[2048];
	int			off = 0;

	parse_train_opts(argc, argv, &o);
	if (o.out == NULL)
		die("train needs --out FILE%s", "");
	sentimen_arena_init(&arena, A);
	load_data(&o, &ds, &arena);
	o.cfg.progress = progress;
	off += snprintf(meta + off, sizeof(meta) - off, "%s", o.meta ? o.meta : "trained with sentimen train");
	off += snprintf(meta + off, sizeof(meta) - off, "; %zu rows", ds.n);
	{
		size_t		pool = 0;

		for (size_t i = 0; i < ds.n; i++)
			pool += ds.rows[i].label < 0;
		fprintf(stderr, "training on %zu rows (%zu unlabelled)\n", ds.n, pool);
	}
	st = sentimen_train(&o.cfg, &ds, meta, A, &blob, &size);
	if (st != SENTIMEN_OK)
		die("training failed: %s", sentimen_status_message(st));
	{
		sentimen_model m;

		if (sentimen_model_open(&m, blob, size) != SENTIMEN_OK)
			die("internal error: the trained model does not validate%s", "");
		fprintf(stderr, "model: %u features, %zu bytes, temperature %.3f (long documents %.3f)\n",
				m.hdr->n_entries, size, m.hdr->temperature, m.hdr->temperature_long);
	}
	if (o.out)
	{
		FILE	   *f = fopen(o.out, "wb");

		if (f == NULL || fwrite(blob, 1, size, f) != size || fclose(f) != 0)
			die("cannot write %s", o.out);
	}
	sentimen_free(A, blob);
	sentimen_dataset_free(&ds);
	sentimen_arena_free(&arena);
	return 0;
}

/* ---- evaluation ---- */

static void
print_eval(const char *name, const sentimen_eval *e, const char (*names)[SENTIMEN_CLASS_NAME_LEN])
{
	printf("== %s: n=%zu accuracy=%.4f macro_f1=%.4f ece=%.4f nll=%.4f\n", name, e->n,
		   sentimen_eval_accuracy(e), sentimen_eval_macro_f1(e), sentimen_eval_ece(e),
		   e->n ? e->nll / e->n : 0.0);
	for (uint32_t c = 0; c < e->n_classes; c++)
		printf("   %-10s precision=%.4f recall=%.4f f1=%.4f\n", names[c],
			   sentimen_eval_precision(e, (int) c), sentimen_eval_recall(e, (int) c),
			   sentimen_eval_f1(e, (int) c));
	printf("   confusion (rows gold, columns predicted):");
	for (uint32_t g = 0; g < e->n_classes; g++)
	{
		printf("\n   %-10s", names[g]);
		for (uint32_t p = 0; p < e->n_classes; p++)
			printf(" %6zu", e->confusion[g][p]);
	}
	printf("\n");
}

static int
cmd_eval(int argc, char **argv)
{
	const char *model_path = NULL;
	const sentimen_model *m;
	sentimen_eval pooled;
	int			files = 0;
	char		names[SENTIMEN_MAX_CLASSES][SENTIMEN_CLASS_NAME_LEN];
	const cli_option opts[] = {
		OPTION("--model", OPT_STR, &model_path),
		CALL_OPTION("--predictions", OPT_CALL, predictions_opt),
		END_OPTIONS
	};
	arg_list	data = parse_with_list(argc, argv, opts);

	m = load_model(model_path);
	for (uint32_t c = 0; c < m->n_classes; c++)
		strcpy(names[c], sentimen_model_class_name(m, (int) c));
	sentimen_eval_init(&pooled, m->n_classes);
	for (int i = 0; i < data.n; i++)
	{
		sentimen_dataset ds;
		sentimen_arena arena;
		sentimen_eval e;
		char		err[512];

		sentimen_arena_init(&arena, A);
		sentimen_dataset_init(&ds, A);
		for (uint32_t c = 0; c < m->n_classes; c++)
			sentimen_dataset_class(&ds, names[c], true);
		if (sentimen_corpus_load(data.v[i], &ds, 0, 1.0f, false, &arena, err, sizeof(err)) != SENTIMEN_OK)
			die("%s", err);
		sentimen_eval_init(&e, m->n_classes);
		for (size_t r = 0; r < ds.n; r++)
		{
			sentimen_result res;

			sentimen_classify(m, ds.rows[r].text, ds.rows[r].len, &res, A);
			eval_add(&e, ds.rows[r].label, res.label, res.confidence, res.probs[ds.rows[r].label]);
		}
		print_eval(data.v[i], &e, (const char (*)[SENTIMEN_CLASS_NAME_LEN]) names);
		sentimen_eval_merge(&pooled, &e);
		files++;
		sentimen_dataset_free(&ds);
		sentimen_arena_free(&arena);
	}
	if (files > 1)
		print_eval("pooled", &pooled, (const char (*)[SENTIMEN_CLASS_NAME_LEN]) names);
	sentimen_free(A, data.v);
	return 0;
}

static int
cmd_cv(int argc, char **argv)
{
	train_opts	o;
	sentimen_dataset ds;
	sentimen_arena arena;
	int		   *fold;
	double	   *logits;
	int		   *labels;
	size_t		n_cv = 0;
	sentimen_eval e;
	double		t;
	double		tt[2];
	uint32_t	K;

	parse_train_opts(argc, argv, &o);
	sentimen_arena_init(&arena, A);
	load_data(&o, &ds, &arena);
	K = ds.n_classes;
	fold = sentimen_alloc(A, ds.n * sizeof(int));
	logits = sentimen_alloc(A, ds.n * K * sizeof(double));
	labels = sentimen_alloc(A, ds.n * sizeof(int));
	for (size_t i = 0; i < ds.n; i++)
	{
		fold[i] = o.data[ds.rows[i].group].cv && ds.rows[i].label >= 0
			? sentimen_fold_of(i, o.cfg.seed, o.folds) : -1;
		n_cv += fold[i] >= 0;
	}
	if (n_cv == 0)
		die("cv needs at least one --cv DATA file%s", "");
	o.cfg.progress = progress;
	if (sentimen_cross_validate(&o.cfg, &ds, fold, o.folds, logits, A) != SENTIMEN_OK)
		die("cross-validation failed%s", "");
	/*
	 * Temperatures (short texts, long documents) fitted on the same
	 * out-of-fold logits, as the trainer does for a shipped model.
	 */
	for (int lg = 0; lg < 2; lg++)
	{
		double	   *cl = sentimen_alloc(A, n_cv * K * sizeof(double));
		size_t		k = 0;

		for (size_t i = 0; i < ds.n; i++)
			if (fold[i] >= 0 && (ds.rows[i].len >= o.cfg.fcfg.long_bytes) == (lg == 1))
			{
				memcpy(cl + k * K, logits + i * K, K * sizeof(double));
				labels[k++] = ds.rows[i].label;
			}
		tt[lg] = k >= 20 ? sentimen_fit_temperature(cl, labels, k, K) : 1.0;
		sentimen_free(A, cl);
	}
	t = tt[0];
	printf("(%d-fold cross-validation over %zu rows; fitted temperatures %.3f, long %.3f)\n",
		   o.folds, n_cv, tt[0], tt[1]);
	for (int g = -1; g < o.n_data; g++)
	{
		if (g >= 0 && !o.data[g].cv)
			continue;
		sentimen_eval_init(&e, K);
		for (size_t i = 0; i < ds.n; i++)
		{
			double		mx = -INFINITY,
						sum = 0.0,
						p[SENTIMEN_MAX_CLASSES];
			int			best = 0;

			if (fold[i] < 0 || (g >= 0 && ds.rows[i].group != g))
				continue;
			t = tt[ds.rows[i].len >= o.cfg.fcfg.long_bytes];
			for (uint32_t c = 0; c < K; c++)
				if (logits[i * K + c] / t > mx)
					mx = logits[i * K + c] / t;
			for (uint32_t c = 0; c < K; c++)
			{
				p[c] = exp(logits[i * K + c] / t - mx);
				sum += p[c];
			}
			for (uint32_t c = 0; c < K; c++)
			{
				p[c] /= sum;
				if (p[c] > p[best])
					best = (int) c;
			}
			if (g < 0)
				eval_add(&e, ds.rows[i].label, best, p[best], p[ds.rows[i].label]);
			else
				sentimen_eval_add(&e, ds.rows[i].label, best, p[best], p[ds.rows[i].label]);
		}
		print_eval(g < 0 ? "cross-validated, pooled" : o.data[g].path, &e,
				   (const char (*)[SENTIMEN_CLASS_NAME_LEN]) ds.class_names);
	}
	sentimen_free(A, fold);
	sentimen_free(A, logits);
	sentimen_free(A, labels);
	sentimen_dataset_free(&ds);
	sentimen_arena_free(&arena);
	return 0;
}

/* ---- embeddings ---- */

static void
load_texts(const char *path, sentimen_arena *arena, char ***texts, size_t **lens, size_t *n,
		   size_t *cap)
{
	FILE	   *f = fopen(path, "rb");
	char	   *line = NULL;
	size_t		lcap = 0;
	ssize_t		r;
	size_t		plen = strlen(path);
	bool		jsonl = plen > 6 && strcmp(path + plen - 6, ".jsonl") == 0;
	bool		tsv = plen > 4 && strcmp(path + plen - 4, ".tsv") == 0;

	if (f == NULL)
		die("cannot open %s", path);
	while ((r = getline(&line, &lcap, f)) >= 0)
	{
		char	   *text = line;
		size_t		len = (size_t) r;

		while (len > 0 && (text[len - 1] == '\n' || text[len - 1] == '\r'))
			len--;
		if (jsonl)
		{
			static const char *const names[] = {"text", "title", "body"};
			char	   *v[3];
			size_t		vl[3];

			if (sentimen_json_strings(text, len, names, 3, v, vl, arena) != SENTIMEN_OK)
				continue;
			if (v[0])
			{
				text = v[0];
				len = vl[0];
			}
			else if (v[2])
			{
				size_t		tl = v[1] ? vl[1] : 0;

				len = tl + 2 + vl[2];
				text = sentimen_arena_alloc(arena, len + 1);
				if (tl)
					memcpy(text, v[1], tl);
				memcpy(text + tl, "\n\n", 2);
				memcpy(text + tl + 2, v[2], vl[2] + 1);
			}
			else
				continue;
		}
		else
		{
			if (tsv)
			{
				char	   *tab = memchr(text, '\t', len);

				if (tab == NULL || (tab - text == 5 && memcmp(text, "label", 5) == 0))
					continue;
				len -= (size_t) (tab + 1 - text);
				text = tab + 1;
			}
			text = sentimen_arena_strndup(arena, text, len);
		}
		if (*n == *cap)
		{
			*cap = *cap ? *cap * 2 : 4096;
			*texts = sentimen_realloc(A, *texts, *cap * sizeof(char *));
			*lens = sentimen_realloc(A, *lens, *cap * sizeof(size_t));
		}
		(*texts)[*n] = text;
		(*lens)[*n] = len;
		(*n)++;
	}
	free(line);
	fclose(f);
}

static int
cmd_embed(int argc, char **argv)
{
	sentimen_embed_config cfg;
	const char *out = NULL;
	sentimen_arena arena;
	char	  **texts = NULL;
	size_t	   *lens = NULL;
	size_t		n = 0,
				cap = 0;
	void	   *blob;
	size_t		size;
	sentimen_status st;
	const cli_option opts[] = {
		OPTION("--out", OPT_STR, &out),
		OPTION("--dim", OPT_U32, &cfg.dim),
		OPTION("--epochs", OPT_U32, &cfg.epochs),
		OPTION("--min-count", OPT_U32, &cfg.min_count),
		OPTION("--max-words", OPT_U32, &cfg.max_words),
		OPTION("--window", OPT_U32, &cfg.window),
		OPTION("--clusters", OPT_U32, &cfg.clusters),
		END_OPTIONS
	};
	arg_list	files;

	sentimen_embed_config_default(&cfg);
	sentimen_arena_init(&arena, A);
	files = parse_with_list(argc, argv, opts);
	for (int i = 0; i < files.n; i++)
		load_texts(files.v[i], &arena, &texts, &lens, &n, &cap);
	sentimen_free(A, files.v);
	if (out == NULL || n == 0)
		usage();
	cfg.progress = progress;
	fprintf(stderr, "embeddings from %zu texts\n", n);
	st = sentimen_embed_train(&cfg, (const char *const *) texts, lens, n, A, &blob, &size);
	if (st != SENTIMEN_OK)
		die("embedding training failed: %s", sentimen_status_message(st));
	{
		FILE	   *f = fopen(out, "wb");
		sentimen_embeddings e;

		if (sentimen_embeddings_open(&e, blob, size) != SENTIMEN_OK)
			die("internal error: the embeddings do not validate%s", "");
		fprintf(stderr, "embeddings: %u words, dim %u, %zu bytes\n", e.hdr->n_words, e.dim, size);
		if (f == NULL || fwrite(blob, 1, size, f) != size || fclose(f) != 0)
			die("cannot write %s", out);
	}
	sentimen_free(A, blob);
	sentimen_free(A, texts);
	sentimen_free(A, lens);
	sentimen_arena_free(&arena);
	return 0;
}

/* ---- named entities ---- */

static sentimen_tagger cli_tagger;

static void
use_tagger_file(const char *path)
{
	size_t		len;
	void	   *blob = read_file(path, &len);
	sentimen_status st = sentimen_tagger_open(&cli_tagger, blob, len);

	if (st != SENTIMEN_OK)
		die("cannot use the tagger: %s", sentimen_status_message(st));
	sentimen_set_tagger(&cli_tagger);
}

static const sentimen_tagger *
need_tagger(void)
{
	const sentimen_tagger *t = sentimen_default_tagger();

	if (t == NULL)
		die("the compiled-in tagger is unusable: %s",
			sentimen_status_message(sentimen_default_tagger_status()));
	return t;
}

/* CONLL[:weight[:lower]]; domain > 0 gives the file's sentences domain copies */
static void
load_conll_arg(const char *arg, int domain, sentimen_tagged_sentence **sents, size_t *n,
			   size_t *cap, sentimen_arena *arena)
{
	char	   *copy = strdup(arg);
	char	   *c1 = strchr(copy, ':');
	float		w = 1.0f;
	bool		lower = false;
	char		err[512];

	if (c1)
	{
		*c1++ = '\0';
		w = (float) atof(c1);
		lower = strstr(c1, "lower") != NULL;
	}
	if (sentimen_conll_load(copy, w, lower, domain, sents, n, cap, arena, A, err, sizeof(err)) != SENTIMEN_OK)
		die("%s", err);
	free(copy);
}

#define SENTIMEN_MAX_GAZETTEER_FILES 64

/* ner-train's arguments: CoNLL files and --gazetteer files */
typedef struct ner_train_args
{
	arg_list	files;
	const char *gz[SENTIMEN_MAX_GAZETTEER_FILES];
	int			ngz;
} ner_train_args;

static void
ner_file_positional(void *ctx, const char *arg)
{
	collect_arg(&((ner_train_args *) ctx)->files, arg);
}

static void
gazetteer_opt(void *ctx, const char *name, const char *v)
{
	ner_train_args *args = ctx;

	if (args->ngz >= SENTIMEN_MAX_GAZETTEER_FILES)
		die("too many %s files", name);
	args->gz[args->ngz++] = v;
}

static int
cmd_ner_train(int argc, char **argv)
{
	sentimen_tagger_config cfg;
	const char *out = NULL;
	sentimen_tagged_sentence *sents = NULL;
	size_t		n = 0,
				cap = 0;
	sentimen_arena arena;
	void	   *blob;
	size_t		size;
	sentimen_status st;
	bool		domains = false;
	bool		perceptron = false;
	ner_train_args args;
	const cli_option opts[] = {
		OPTION("--out", OPT_STR, &out),
		OPTION("--epochs", OPT_INT, &cfg.epochs),
		OPTION("--hash-bits", OPT_U32, &cfg.hash_bits),
		OPTION("--prune", OPT_FLOAT, &cfg.prune),
		CALL_OPTION("--gazetteer", OPT_CALL, gazetteer_opt),
		OPTION("--domains", OPT_TRUE, &domains),
		OPTION("--perceptron", OPT_TRUE, &perceptron),
		OPTION("--l2", OPT_DOUBLE, &cfg.l2),
		OPTION("--iters", OPT_INT, &cfg.max_iter),
		END_OPTIONS
	};

	sentimen_tagger_config_default(&cfg);
	sentimen_arena_init(&arena, A);
	args.files.v = sentimen_alloc(A, (size_t) (argc + 1) * sizeof(char *));
	args.files.n = 0;
	args.ngz = 0;
	parse_options(argc, argv, opts, ner_file_positional, &args);
	if (perceptron)
		cfg.crf = false;
	for (int i = 0; i < args.files.n; i++)
		load_conll_arg(args.files.v[i], domains ? i + 1 : 0, &sents, &n, &cap, &arena);
	sentimen_free(A, args.files.v);
	if (out == NULL || n == 0)
		usage();
	cfg.gazetteer_files = args.gz;
	cfg.n_gazetteer_files = args.ngz;
	cfg.progress = progress;
	fprintf(stderr, "tagger: training on %zu sentences\n", n);
	st = sentimen_tagger_train(&cfg, sents, n, "sentimen tagger", A, &blob, &size);
	if (st != SENTIMEN_OK)
		die("tagger training failed: %s", sentimen_status_message(st));
	{
		FILE	   *f = fopen(out, "wb");
		sentimen_tagger t;

		if (sentimen_tagger_open(&t, blob, size) != SENTIMEN_OK)
			die("internal error: the tagger does not validate%s", "");
		fprintf(stderr, "tagger: %u features, %zu bytes\n", t.m.hdr->n_entries, size);
		if (f == NULL || fwrite(blob, 1, size, f) != size || fclose(f) != 0)
			die("cannot write %s", out);
	}
	return 0;
}

typedef struct span
{
	size_t		start,
				end;
	int			type;
} span;

/* entity spans (byte offsets) of a tag sequence */
static size_t
spans_of(const sentimen_ntoken *toks, const int *tags, size_t n, span *out)
{
	size_t		k = 0;

	for (size_t i = 0; i < n; i++)
	{
		if (tags[i] != SENTIMEN_TAG_O && (tags[i] & 1))
		{
			size_t		j = i + 1;

			while (j < n && tags[j] == tags[i] + 1)
				j++;
			out[k].start = toks[i].start;
			out[k].end = toks[j - 1].start + toks[j - 1].len;
			out[k].type = (tags[i] + 1) / 2;
			k++;
			i = j - 1;
		}
	}
	return k;
}

/*
 * tag [--mentions] FILE...: each line is a text; print its entities
 * (entity, type, mentions, salience, label, score) and, with --mentions, each
 * mention with its 1-based character position and length.
 */
static int
cmd_tag(int argc, char **argv)
{
	const sentimen_model *sm = load_model(NULL);
	bool		show_mentions = false;
	const cli_option opts[] = {OPTION("--mentions", OPT_TRUE, &show_mentions), END_OPTIONS};
	arg_list	files = parse_with_list(argc, argv, opts);

	if (files.n == 0)
		usage();
	for (int f = 0; f < files.n; f++)
	{
		size_t		len;
		char	   *buf = read_file(files.v[f], &len);
		size_t		line = 0;

		for (char *p = buf, *end = buf + len; p < end;)
		{
			char	   *nl = memchr(p, '\n', (size_t) (end - p));
			size_t		l = nl ? (size_t) (nl - p) : (size_t) (end - p);
			sentimen_entity_result er;

			line++;
			sentimen_entities_extract(NULL, sm, p, l, &er, A);
			printf("# %s:%zu\n", files.v[f], line);
			for (size_t e = 0; e < er.n_entities; e++)
			{
				const sentimen_entity *en = &er.entities[e];

				printf("%s\t%s\t%u\t%.3f", en->name, sentimen_entity_type_name(en->type),
					   en->mentions, en->salience);
				if (en->has_sentiment)
					printf("\t%s\t%.3f\n", sentimen_model_class_name(sm, en->label), en->score);
				else
					printf("\t-\t-\n");
			}
			for (size_t m = 0; show_mentions && m < er.n_mentions; m++)
			{
				const sentimen_mention *mm = &er.mentions[m];

				printf("  %zu+%zu\t%.*s\t%s\t%s\n", mm->cp_start + 1, mm->cp_len, (int) mm->len,
					   p + mm->start, sentimen_entity_type_name(mm->type),
					   er.entities[mm->entity].name);
			}
			sentimen_entities_free(&er);
			p += l + 1;
		}
		sentimen_free(A, buf);
	}
	sentimen_free(A, files.v);
	return 0;
}

/*
 * ner-gold CONLL: the sentences as plain text (tokens joined by spaces) and
 * their gold PER/ORG/LOC spans, for checking sentimen_mentions() in SQL:
 *   S<TAB>id<TAB>text              (COPY text format: backslashes doubled)
 *   E<TAB>id<TAB>start<TAB>length<TAB>type   (1-based characters)
 */
static int
cmd_ner_gold(int argc, char **argv)
{
	for (int i = 0; i < argc; i++)
	{
		sentimen_tagged_sentence *sents = NULL;
		size_t		n = 0,
					cap = 0;
		sentimen_arena arena;

		sentimen_arena_init(&arena, A);
		load_conll_arg(argv[i], 0, &sents, &n, &cap, &arena);
		for (size_t s = 0; s < n; s++)
		{
			const sentimen_ntoken *t = sents[s].toks;
			const char *base = t[0].surface - t[0].start;
			span	   *gs = sentimen_alloc(A, sents[s].n * sizeof(span));
			size_t		ngs = spans_of(t, sents[s].tags, sents[s].n, gs);

			printf("S\t%zu\t", s + 1);
			for (const char *p = base; *p; p++)
				fputs(*p == '\\' ? "\\\\" : (char[2]) {*p, 0}, stdout);
			putchar('\n');
			for (size_t g = 0; g < ngs; g++)
			{
				size_t		cs = 0,
							cl = 0;

				/* byte offsets to code points */
				for (size_t b = 0; b < gs[g].end; b++)
					if (((unsigned char) base[b] & 0xC0) != 0x80)
					{
						if (b < gs[g].start)
							cs++;
						else
							cl++;
					}
				printf("E\t%zu\t%zu\t%zu\t%s\n", s + 1, cs + 1, cl,
					   sentimen_entity_type_name((sentimen_entity_type) gs[g].type));
			}
			sentimen_free(A, gs);
		}
		sentimen_arena_free(&arena);
	}
	return 0;
}

static int
cmd_ner_eval(int argc, char **argv)
{
	const sentimen_tagger *tg = need_tagger();
	bool		show = false;
	size_t		tp_all = 0,
				np_all = 0,
				ng_all = 0;
	const cli_option opts[] = {OPTION("--errors", OPT_TRUE, &show), END_OPTIONS};
	arg_list	files = parse_with_list(argc, argv, opts);

	for (int i = 0; i < files.n; i++)
	{
		sentimen_tagged_sentence *sents = NULL;
		size_t		n = 0,
					cap = 0;
		sentimen_arena arena;
		size_t		tp[4] = {0},
					np[4] = {0},
					ng[4] = {0};

		sentimen_arena_init(&arena, A);
		load_conll_arg(files.v[i], 0, &sents, &n, &cap, &arena);
		for (size_t s = 0; s < n; s++)
		{
			span	   *gs = sentimen_alloc(A, sents[s].n * sizeof(span));
			span	   *ps = sentimen_alloc(A, sents[s].n * sizeof(span));
			size_t		ngs,
						nps;

			/*
			 * The plain-text path: the sentence's tokens joined by spaces go
			 * through the same extraction as sentimen_mentions().
			 */
			{
				const char *base = sents[s].toks[0].surface - sents[s].toks[0].start;
				sentimen_entity_result er;

				sentimen_entities_extract(tg, NULL, base, strlen(base), &er, A);
				nps = 0;
				for (size_t m = 0; m < er.n_mentions; m++)
				{
					const sentimen_mention *mm = &er.mentions[m];

					if (mm->type < SENTIMEN_ENT_PERSON || mm->type > SENTIMEN_ENT_LOC)
						continue;
					ps[nps].start = mm->start;
					ps[nps].end = mm->start + mm->len;
					ps[nps].type = (int) mm->type;
					nps++;
				}
				sentimen_entities_free(&er);
			}
			ngs = spans_of(sents[s].toks, sents[s].tags, sents[s].n, gs);
			for (size_t a = 0; a < ngs; a++)
				ng[gs[a].type]++;
			for (size_t b = 0; b < nps; b++)
			{
				bool		hit = false;

				np[ps[b].type]++;
				for (size_t a = 0; a < ngs; a++)
					if (gs[a].start == ps[b].start && gs[a].end == ps[b].end && gs[a].type == ps[b].type)
					{
						tp[ps[b].type]++;
						hit = true;
					}
				if (show && !hit)
					printf("FP %s\t%.*s\n", sentimen_entity_type_name((sentimen_entity_type) ps[b].type),
						   (int) (ps[b].end - ps[b].start), sents[s].toks[0].surface + (ps[b].start - sents[s].toks[0].start));
			}
			for (size_t a = 0; show && a < ngs; a++)
			{
				bool		hit = false;

				for (size_t b = 0; b < nps; b++)
					if (gs[a].start == ps[b].start && gs[a].end == ps[b].end && gs[a].type == ps[b].type)
						hit = true;
				if (!hit)
					printf("FN %s\t%.*s\n", sentimen_entity_type_name((sentimen_entity_type) gs[a].type),
						   (int) (gs[a].end - gs[a].start), sents[s].toks[0].surface + (gs[a].start - sents[s].toks[0].start));
			}
			sentimen_free(A, gs);
			sentimen_free(A, ps);
		}
		{
			size_t		T = 0,
						P = 0,
						G = 0;

			printf("== %s: %zu sentences\n", files.v[i], n);
			for (int t = 1; t <= 3; t++)
			{
				double		pr = np[t] ? (double) tp[t] / np[t] : 0,
							rc = ng[t] ? (double) tp[t] / ng[t] : 0;

				printf("   %-7s precision=%.4f recall=%.4f f1=%.4f (gold %zu, predicted %zu)\n",
					   sentimen_entity_type_name((sentimen_entity_type) t), pr, rc,
					   pr + rc > 0 ? 2 * pr * rc / (pr + rc) : 0, ng[t], np[t]);
				T += tp[t];
				P += np[t];
				G += ng[t];
			}
			{
				double		pr = P ? (double) T / P : 0,
							rc = G ? (double) T / G : 0;

				printf("   micro   precision=%.4f recall=%.4f f1=%.4f\n", pr, rc,
					   pr + rc > 0 ? 2 * pr * rc / (pr + rc) : 0);
			}
			tp_all += T;
			np_all += P;
			ng_all += G;
		}
		sentimen_arena_free(&arena);
	}
	SENTIMEN_UNUSED(tp_all);
	SENTIMEN_UNUSED(np_all);
	SENTIMEN_UNUSED(ng_all);
	sentimen_free(A, files.v);
	return 0;
}

/* --embeddings FILE: use these word vectors instead of the compiled-in ones */
static sentimen_embeddings cli_embeddings;

static void
use_embeddings_file(const char *path)
{
	size_t		len;
	void	   *blob = read_file(path, &len);
	sentimen_status st = sentimen_embeddings_open(&cli_embeddings, blob, len);

	if (st != SENTIMEN_OK)
		die("cannot use the embeddings: %s", sentimen_status_message(st));
	sentimen_set_embeddings(&cli_embeddings);
}

/* Pooled metrics of prediction files written with --predictions. */
static int
cmd_metrics(int argc, char **argv)
{
	sentimen_eval e;
	char		names[SENTIMEN_MAX_CLASSES][SENTIMEN_CLASS_NAME_LEN] = {"negatif", "netral", "positif"};

	sentimen_eval_init(&e, 3);
	for (int i = 0; i < argc; i++)
	{
		FILE	   *f = fopen(argv[i], "r");
		int			g,
					p;
		double		c,
					pg;

		if (f == NULL)
			die("cannot open %s", argv[i]);
		while (fscanf(f, "%d %d %lf %lf", &g, &p, &c, &pg) == 4)
			if (g >= 0 && g < 3 && p >= 0 && p < 3)
				sentimen_eval_add(&e, g, p, c, pg);
		fclose(f);
	}
	print_eval("pooled predictions", &e, (const char (*)[SENTIMEN_CLASS_NAME_LEN]) names);
	return 0;
}

/* ---- stage timings (for profiling the core; bench/ compares with PostgreSQL) ---- */

#include <time.h>

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void
noop_fn(void *ctx, uint32_t bucket, float value, int pool, int domain, const char *term,
		size_t term_len)
{
	SENTIMEN_UNUSED(domain);
	SENTIMEN_UNUSED(bucket);
	SENTIMEN_UNUSED(value);
	SENTIMEN_UNUSED(pool);
	SENTIMEN_UNUSED(term);
	SENTIMEN_UNUSED(term_len);
	(*(size_t *) ctx)++;
}

static int
cmd_stages(int argc, char **argv)
{
	const char *model_path = NULL;
	const char *input = NULL;
	size_t		len,
				nlines = 0,
				ntok = 0,
				nfeat = 0;
	char	   *buf;
	const sentimen_model *m;
	double		t0,
				t_tok,
				t_feat,
				t_score;
	size_t	   *starts;
	size_t	   *lens;
	double		mb;

	const cli_option opts[] = {OPTION("--model", OPT_STR, &model_path), END_OPTIONS};
	arg_list	args = parse_with_list(argc, argv, opts);

	if (args.n != 1)
		usage();
	input = args.v[0];
	sentimen_free(A, args.v);
	m = load_model(model_path);
	buf = read_file(input, &len);
	mb = len / 1048576.0;
	starts = sentimen_alloc(A, (len / 2 + 2) * sizeof(size_t));
	lens = sentimen_alloc(A, (len / 2 + 2) * sizeof(size_t));
	for (size_t i = 0; i < len;)
	{
		char	   *nl = memchr(buf + i, '\n', len - i);
		size_t		e = nl ? (size_t) (nl - buf) : len;

		starts[nlines] = i;
		lens[nlines++] = e - i;
		i = e + 1;
	}

	t0 = now();
	for (size_t k = 0; k < nlines; k++)
	{
		sentimen_tokenizer tz;
		sentimen_token tok;

		sentimen_tokenizer_init(&tz, buf + starts[k], lens[k], SENTIMEN_TOKOPT_SENTIMENT, A);
		while (sentimen_tokenizer_next(&tz, &tok))
			ntok++;
		sentimen_tokenizer_free(&tz);
	}
	t_tok = now() - t0;

	t0 = now();
	for (size_t k = 0; k < nlines; k++)
	{
		sentimen_feature_counts counts;

		sentimen_featurize(&m->hdr->fcfg, buf + starts[k], lens[k], false, noop_fn, NULL, &nfeat,
						   &counts, A);
	}
	t_feat = now() - t0;

	t0 = now();
	for (size_t k = 0; k < nlines; k++)
	{
		sentimen_result r;

		sentimen_classify(m, buf + starts[k], lens[k], &r, A);
	}
	t_score = now() - t0;

	printf("%zu texts, %.1f MB, %zu tokens, %zu features\n", nlines, mb, ntok, nfeat);
	printf("tokenise   %7.2f ms/MB\n", t_tok * 1000 / mb);
	printf("featurise  %7.2f ms/MB (includes tokenising)\n", t_feat * 1000 / mb);
	printf("classify   %7.2f ms/MB (includes featurising)\n", t_score * 1000 / mb);
	return 0;
}

int
main(int argc, char **argv)
{
	while (argc >= 3 && (strcmp(argv[1], "--embeddings") == 0 || strcmp(argv[1], "--tagger") == 0))
	{
		if (strcmp(argv[1], "--embeddings") == 0)
			use_embeddings_file(argv[2]);
		else
			use_tagger_file(argv[2]);
		argc -= 2;
		argv += 2;
	}
	if (argc < 2)
		usage();
	if (strcmp(argv[1], "embed") == 0)
		return cmd_embed(argc - 2, argv + 2);
	if (strcmp(argv[1], "ner-train") == 0)
		return cmd_ner_train(argc - 2, argv + 2);
	if (strcmp(argv[1], "ner-gold") == 0)
		return cmd_ner_gold(argc - 2, argv + 2);
	if (strcmp(argv[1], "tag") == 0)
		return cmd_tag(argc - 2, argv + 2);
	if (strcmp(argv[1], "ner-eval") == 0)
		return cmd_ner_eval(argc - 2, argv + 2);
	if (strcmp(argv[1], "tokens") == 0)
		return cmd_tokens(argc - 2, argv + 2);
	if (strcmp(argv[1], "score") == 0)
		return cmd_score(argc - 2, argv + 2);
	if (strcmp(argv[1], "explain") == 0)
		return cmd_explain(argc - 2, argv + 2);
	if (strcmp(argv[1], "train") == 0)
		return cmd_train(argc - 2, argv + 2);
	if (strcmp(argv[1], "eval") == 0)
		return cmd_eval(argc - 2, argv + 2);
	if (strcmp(argv[1], "cv") == 0)
		return cmd_cv(argc - 2, argv + 2);
	if (strcmp(argv[1], "metrics") == 0)
		return cmd_metrics(argc - 2, argv + 2);
	if (strcmp(argv[1], "stages") == 0)
		return cmd_stages(argc - 2, argv + 2);
	usage();
	return 2;
}
