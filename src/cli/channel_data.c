/*
 * channel_data.c: training and evaluation files of the channel model from
 * the news corpora (bin/channel-data, run by models/train_channel.sh and
 * test/accuracy_channel.sh).
 *
 *   channel-data --map models/channel_map.tsv [--holdout PCT] --out-dir DIR
 *                CORPUS=FILE[:eval] ...
 *
 * Every article of every FILE (the JSONL of ../shared/data/news: id, source,
 * url, category, title, body) is given a channel by the first row of the map
 * that matches it: corpus (exact), outlet, label and URL (shell globs; the
 * label case-insensitively, "(null)" for a missing one).  An article that no
 * row matches is an error, so every label of the corpora is decided in the
 * reviewed table.  Channel "-" means the label is too vague: the article takes
 * part in de-duplication but is written nowhere.
 *
 * Near-duplicates: articles sharing a normalised title, the first or the last
 * 200 letters/digits of the body form one cluster (union-find).  A cluster is
 * written once (its member with the smallest id hash), is dropped when its
 * members disagree on the channel, and goes to the held-out split as a whole,
 * so no text crosses train/held-out.  The split depends only on the ids:
 * held out when hash(id of the representative) % 1000 < 10 * PCT.
 *
 * Corpora marked :eval (no licence that allows shipping a derived model) are
 * never trained on: their articles go to eval.jsonl, except those in a
 * cluster with an article of a training corpus.
 *
 * Output in DIR: train.jsonl, heldout.jsonl, eval.jsonl (label, id, title,
 * body; read by `sentimen train/eval`), and stats.txt (counts).
 */
#define _GNU_SOURCE				/* FNM_CASEFOLD */
#include "../core/corpus.h"
#include "../core/hash.h"

#include <ctype.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const sentimen_allocator *A = &sentimen_malloc_allocator;

#define MAX_CORPORA 16
#define MAX_CHANNELS 16
#define KEY_CHARS 200

static void
die(const char *fmt, const char *arg)
{
	fprintf(stderr, "channel-data: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n");
	exit(2);
}

/* ---- the map ---- */

typedef struct map_row
{
	char	   *corpus,
			   *outlet,
			   *label,
			   *url,
			   *channel;
	size_t		used;
	int			lineno;
} map_row;

static map_row *map;
static size_t n_map;

static char *
next_field(char **p)
{
	char	   *s = *p;
	char	   *tab;

	if (s == NULL)
		return NULL;
	tab = strchr(s, '\t');
	if (tab)
	{
		*tab = '\0';
		*p = tab + 1;
	}
	else
		*p = NULL;
	return s;
}

static void
load_map(const char *path, sentimen_arena *ar)
{
	FILE	   *f = fopen(path, "r");
	char	   *line = NULL;
	size_t		cap = 0;
	ssize_t		n;
	int			lineno = 0;
	size_t		mcap = 0;

	if (f == NULL)
		die("cannot open %s", path);
	while ((n = getline(&line, &cap, f)) >= 0)
	{
		char	   *p,
				   *fl[5];

		lineno++;
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (n == 0 || line[0] == '#')
			continue;
		p = line;
		for (int i = 0; i < 5; i++)
		{
			fl[i] = next_field(&p);
			if (fl[i] == NULL || fl[i][0] == '\0')
			{
				fprintf(stderr, "channel-data: %s:%d: need 5 tab-separated fields\n", path, lineno);
				exit(2);
			}
		}
		if (n_map == mcap)
		{
			mcap = mcap ? mcap * 2 : 64;
			map = sentimen_realloc(A, map, mcap * sizeof(map_row));
		}
		map[n_map].corpus = sentimen_arena_strndup(ar, fl[0], strlen(fl[0]));
		map[n_map].outlet = sentimen_arena_strndup(ar, fl[1], strlen(fl[1]));
		map[n_map].label = sentimen_arena_strndup(ar, fl[2], strlen(fl[2]));
		map[n_map].url = sentimen_arena_strndup(ar, fl[3], strlen(fl[3]));
		map[n_map].channel = sentimen_arena_strndup(ar, fl[4], strlen(fl[4]));
		map[n_map].used = 0;
		map[n_map].lineno = lineno;
		n_map++;
	}
	free(line);
	fclose(f);
}

static const map_row *
map_find(const char *corpus, const char *outlet, const char *label, const char *url)
{
	for (size_t i = 0; i < n_map; i++)
	{
		map_row    *r = &map[i];

		if (strcmp(r->corpus, corpus) == 0 &&
			fnmatch(r->outlet, outlet, FNM_CASEFOLD) == 0 &&
			fnmatch(r->label, label, FNM_CASEFOLD) == 0 &&
			fnmatch(r->url, url, FNM_CASEFOLD) == 0)
		{
			r->used++;
			return r;
		}
	}
	return NULL;
}

/* ---- articles ---- */

typedef struct article
{
	char	   *id,
			   *title,
			   *body;
	const char *channel;		/* NULL for "-" */
	int			corpus;
	uint64_t	idhash;
	size_t		parent;			/* union-find */
} article;

static article *arts;
static size_t n_arts,
			cap_arts;

typedef struct corpus_spec
{
	const char *name;
	const char *path;
	bool		eval_only;
} corpus_spec;

static void
load_corpus(int ci, const corpus_spec *cs, sentimen_arena *ar)
{
	static const char *const names[] = {"id", "source", "url", "category", "title", "body"};
	FILE	   *f = fopen(cs->path, "rb");
	char	   *line = NULL;
	size_t		cap = 0;
	ssize_t		n;
	size_t		lineno = 0;

	if (f == NULL)
		die("cannot open %s", cs->path);
	while ((n = getline(&line, &cap, f)) >= 0)
	{
		char	   *v[6];
		size_t		vl[6];
		const map_row *r;
		article    *a;

		lineno++;
		if (n <= 1)
			continue;
		if (sentimen_json_strings(line, (size_t) n, names, 6, v, vl, ar) != SENTIMEN_OK)
		{
			fprintf(stderr, "channel-data: %s:%zu: malformed JSON\n", cs->path, lineno);
			exit(2);
		}
		if (v[0] == NULL || v[5] == NULL || vl[5] == 0)
			continue;
		r = map_find(cs->name, v[1] ? v[1] : "(null)", v[3] ? v[3] : "(null)",
					 v[2] ? v[2] : "(null)");
		if (r == NULL)
		{
			fprintf(stderr, "channel-data: %s:%zu: no row of the map for corpus %s, outlet \"%s\", label \"%s\", url %s\n",
					cs->path, lineno, cs->name, v[1] ? v[1] : "(null)", v[3] ? v[3] : "(null)",
					v[2] ? v[2] : "(null)");
			exit(2);
		}
		if (n_arts == cap_arts)
		{
			cap_arts = cap_arts ? cap_arts * 2 : 4096;
			arts = sentimen_realloc(A, arts, cap_arts * sizeof(article));
		}
		a = &arts[n_arts];
		a->id = v[0];
		a->title = v[4];
		a->body = v[5];
		a->channel = strcmp(r->channel, "-") == 0 ? NULL : r->channel;
		a->corpus = ci;
		a->idhash = sentimen_hash64(v[0], vl[0], UINT64_C(0x6368616e6e656c));
		a->parent = n_arts;
		n_arts++;
	}
	free(line);
	fclose(f);
}

static size_t
uf_find(size_t i)
{
	while (arts[i].parent != i)
	{
		arts[i].parent = arts[arts[i].parent].parent;
		i = arts[i].parent;
	}
	return i;
}

static void
uf_union(size_t i, size_t j)
{
	i = uf_find(i);
	j = uf_find(j);
	if (i != j)
	{
		if (i < j)
			arts[j].parent = i;
		else
			arts[i].parent = j;
	}
}

/*
 * key table: hash of a normalised string -> the articles that have it.  A key
 * shared by more than MAX_KEY_SHARE articles is boilerplate (an outlet's
 * standard closing paragraph, a column's fixed opening), not a duplicate, and
 * joins nothing.
 */
#define MAX_KEY_SHARE 4

typedef struct key_slot
{
	uint64_t	h;
	size_t		art;			/* first article with the key */
	size_t		count;
	bool		used;
} key_slot;

static key_slot *keys;
static size_t key_cap;
static size_t boilerplate_keys;

static key_slot *
key_slot_of(uint64_t h)
{
	size_t		s = (size_t) sentimen_mix64(h) & (key_cap - 1);

	while (keys[s].used && keys[s].h != h)
		s = (s + 1) & (key_cap - 1);
	return &keys[s];
}

/* pass 0 counts, pass 1 joins */
static void
key_add(int pass, uint64_t h, size_t art)
{
	key_slot   *k = key_slot_of(h);

	if (pass == 0)
	{
		if (!k->used)
		{
			k->used = true;
			k->h = h;
			k->art = art;
		}
		if (++k->count == MAX_KEY_SHARE + 1)
			boilerplate_keys++;
	}
	else if (k->count <= MAX_KEY_SHARE)
		uf_union(k->art, art);
}

/*
 * Letters and digits of s, ASCII-lower-cased (other bytes of UTF-8 letters
 * kept as they are), from the start (from_end false) or the end, at most
 * KEY_CHARS of them.  Returns the count.
 */
static size_t
norm_key(const char *s, bool from_end, char *out)
{
	size_t		n = 0,
				len = strlen(s);

	if (!from_end)
	{
		for (size_t i = 0; i < len && n < KEY_CHARS; i++)
		{
			unsigned char c = (unsigned char) s[i];

			if (isalnum(c) || c >= 0x80)
				out[n++] = (char) tolower(c);
		}
	}
	else
	{
		for (size_t i = len; i > 0 && n < KEY_CHARS; i--)
		{
			unsigned char c = (unsigned char) s[i - 1];

			if (isalnum(c) || c >= 0x80)
				out[n++] = (char) tolower(c);
		}
	}
	return n;
}

static void
cluster(void)
{
	char		buf[KEY_CHARS];

	key_cap = 1;
	while (key_cap < n_arts * 8)
		key_cap <<= 1;
	keys = sentimen_alloc(A, key_cap * sizeof(key_slot));
	memset(keys, 0, key_cap * sizeof(key_slot));
	for (int pass = 0; pass < 2; pass++)
	{
		for (size_t i = 0; i < n_arts; i++)
		{
			size_t		n;

			/* titles: short generic ones ("Foto", "Video") would join unrelated articles */
			if (arts[i].title && (n = norm_key(arts[i].title, false, buf)) >= 20)
				key_add(pass, sentimen_hash64(buf, n, 1), i);
			n = norm_key(arts[i].body, false, buf);
			if (n >= 40)
				key_add(pass, sentimen_hash64(buf, n, 2), i);
			n = norm_key(arts[i].body, true, buf);
			if (n >= 40)
				key_add(pass, sentimen_hash64(buf, n, 3), i);
		}
	}
	sentimen_free(A, keys);
}

/* ---- output ---- */

static void
json_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (const unsigned char *p = (const unsigned char *) s; *p; p++)
	{
		switch (*p)
		{
			case '"':
				fputs("\\\"", f);
				break;
			case '\\':
				fputs("\\\\", f);
				break;
			case '\n':
				fputs("\\n", f);
				break;
			case '\t':
				fputs("\\t", f);
				break;
			case '\r':
				fputs("\\r", f);
				break;
			default:
				if (*p < 0x20)
					fprintf(f, "\\u%04x", *p);
				else
					fputc(*p, f);
		}
	}
	fputc('"', f);
}

static void
write_article(FILE *f, const article *a)
{
	fputs("{\"label\": ", f);
	json_string(f, a->channel);
	fputs(", \"id\": ", f);
	json_string(f, a->id);
	if (a->title)
	{
		fputs(", \"title\": ", f);
		json_string(f, a->title);
	}
	fputs(", \"body\": ", f);
	json_string(f, a->body);
	fputs("}\n", f);
}

static FILE *
open_out(const char *dir, const char *name)
{
	char		path[4096];
	FILE	   *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	if (f == NULL)
		die("cannot write %s", path);
	return f;
}

int
main(int argc, char **argv)
{
	const char *map_path = NULL;
	const char *out_dir = NULL;
	double		holdout = 15.0;
	corpus_spec corpora[MAX_CORPORA];
	int			n_corpora = 0;
	sentimen_arena ar;
	size_t	   *rep;			/* per root: representative article */
	char	   *conflict;		/* per root: members disagree */
	char	   *has_train;		/* per root: a member from a training corpus */
	const char *channels[MAX_CHANNELS];
	int			n_channels = 0;
	size_t		counts[MAX_CORPORA][MAX_CHANNELS][3];	/* train, heldout, eval */
	size_t		dropped_vague[MAX_CORPORA] = {0},
				dropped_dup[MAX_CORPORA] = {0},
				dropped_conflict[MAX_CORPORA] = {0},
				dropped_overlap[MAX_CORPORA] = {0};
	FILE	   *ftrain,
			   *fheld,
			   *feval,
			   *fstats;

	for (int i = 1; i < argc; i++)
	{
		if (strcmp(argv[i], "--map") == 0 && i + 1 < argc)
			map_path = argv[++i];
		else if (strcmp(argv[i], "--out-dir") == 0 && i + 1 < argc)
			out_dir = argv[++i];
		else if (strcmp(argv[i], "--holdout") == 0 && i + 1 < argc)
			holdout = atof(argv[++i]);
		else if (argv[i][0] == '-')
			die("unknown option %s", argv[i]);
		else
		{
			char	   *eq = strchr(argv[i], '=');
			size_t		l;

			if (eq == NULL || n_corpora == MAX_CORPORA)
				die("bad corpus argument %s (want NAME=FILE[:eval])", argv[i]);
			*eq = '\0';
			corpora[n_corpora].name = argv[i];
			corpora[n_corpora].path = eq + 1;
			l = strlen(eq + 1);
			corpora[n_corpora].eval_only = l > 5 && strcmp(eq + 1 + l - 5, ":eval") == 0;
			if (corpora[n_corpora].eval_only)
				eq[1 + l - 5] = '\0';
			n_corpora++;
		}
	}
	if (map_path == NULL || out_dir == NULL || n_corpora == 0 || holdout < 0 || holdout > 100)
	{
		fputs("usage: channel-data --map MAP.tsv [--holdout PCT] --out-dir DIR CORPUS=FILE[:eval]...\n",
			  stderr);
		return 2;
	}
	sentimen_arena_init(&ar, A);
	load_map(map_path, &ar);
	for (int c = 0; c < n_corpora; c++)
		load_corpus(c, &corpora[c], &ar);
	cluster();

	rep = sentimen_alloc(A, n_arts * sizeof(size_t));
	conflict = sentimen_alloc(A, n_arts);
	has_train = sentimen_alloc(A, n_arts);
	memset(conflict, 0, n_arts);
	memset(has_train, 0, n_arts);
	for (size_t i = 0; i < n_arts; i++)
		rep[i] = SIZE_MAX;
	for (size_t i = 0; i < n_arts; i++)
	{
		size_t		r = uf_find(i);

		if (!corpora[arts[i].corpus].eval_only)
			has_train[r] = 1;
		if (arts[i].channel == NULL)
			continue;
		if (rep[r] == SIZE_MAX)
			rep[r] = i;
		else
		{
			if (strcmp(arts[rep[r]].channel, arts[i].channel) != 0)
				conflict[r] = 1;
			/* prefer a training corpus, then the smallest id hash */
			if ((corpora[arts[rep[r]].corpus].eval_only && !corpora[arts[i].corpus].eval_only) ||
				(corpora[arts[rep[r]].corpus].eval_only == corpora[arts[i].corpus].eval_only &&
				 arts[i].idhash < arts[rep[r]].idhash))
				rep[r] = i;
		}
	}

	memset(counts, 0, sizeof(counts));
	ftrain = open_out(out_dir, "train.jsonl");
	fheld = open_out(out_dir, "heldout.jsonl");
	feval = open_out(out_dir, "eval.jsonl");
	for (size_t i = 0; i < n_arts; i++)
	{
		article    *a = &arts[i];
		size_t		r = uf_find(i);
		int			ch,
					split;

		if (a->channel == NULL)
		{
			dropped_vague[a->corpus]++;
			continue;
		}
		if (conflict[r])
		{
			dropped_conflict[a->corpus]++;
			continue;
		}
		if (rep[r] != i)
		{
			dropped_dup[a->corpus]++;
			continue;
		}
		if (corpora[a->corpus].eval_only)
		{
			if (has_train[r])
			{
				dropped_overlap[a->corpus]++;
				continue;
			}
			split = 2;
		}
		else
			split = (double) (a->idhash % 1000) < holdout * 10.0 ? 1 : 0;
		for (ch = 0; ch < n_channels; ch++)
			if (strcmp(channels[ch], a->channel) == 0)
				break;
		if (ch == n_channels)
		{
			if (n_channels == MAX_CHANNELS)
				die("more than 16 channels (%s)", a->channel);
			channels[n_channels++] = a->channel;
		}
		counts[a->corpus][ch][split]++;
		write_article(split == 0 ? ftrain : split == 1 ? fheld : feval, a);
	}
	if (fclose(ftrain) != 0 || fclose(fheld) != 0 || fclose(feval) != 0)
		die("write error in %s", out_dir);

	fstats = open_out(out_dir, "stats.txt");
	fprintf(fstats, "# de-duplication keys ignored as boilerplate (shared by > %d articles): %zu\n",
			MAX_KEY_SHARE, boilerplate_keys);
	fprintf(fstats, "# articles per corpus and channel: train / held-out / eval-only\n");
	for (int c = 0; c < n_corpora; c++)
	{
		fprintf(fstats, "%s%s: dropped vague %zu, near-duplicate %zu, conflicting duplicates %zu, overlap with training corpora %zu\n",
				corpora[c].name, corpora[c].eval_only ? " (evaluation only)" : "",
				dropped_vague[c], dropped_dup[c], dropped_conflict[c], dropped_overlap[c]);
		for (int ch = 0; ch < n_channels; ch++)
			if (counts[c][ch][0] + counts[c][ch][1] + counts[c][ch][2] > 0)
				fprintf(fstats, "  %-14s %6zu %6zu %6zu\n", channels[ch], counts[c][ch][0],
						counts[c][ch][1], counts[c][ch][2]);
	}
	fprintf(fstats, "# map rows never used\n");
	for (size_t i = 0; i < n_map; i++)
		if (map[i].used == 0)
			fprintf(fstats, "  line %d: %s %s %s %s\n", map[i].lineno, map[i].corpus,
					map[i].outlet, map[i].label, map[i].url);
	if (fclose(fstats) != 0)
		die("write error in %s", out_dir);

	sentimen_free(A, rep);
	sentimen_free(A, conflict);
	sentimen_free(A, has_train);
	sentimen_free(A, arts);
	sentimen_free(A, map);
	sentimen_arena_free(&ar);
	return 0;
}
