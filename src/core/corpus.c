/*
 * corpus.c: labelled files (TSV and JSONL) and a small JSON reader.
 */
#include "corpus.h"
#include "hash.h"
#include "utf8.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *
sentimen_canonical_label(const char *label)
{
	static const struct
	{
		const char *from;
		const char *to;
	}			map[] = {
		{"positive", "positif"}, {"positif", "positif"}, {"pos", "positif"},
		{"neutral", "netral"}, {"netral", "netral"}, {"neu", "netral"},
		{"negative", "negatif"}, {"negatif", "negatif"}, {"neg", "negatif"},
	};

	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(label, map[i].from) == 0)
			return map[i].to;
	return label;
}

void
sentimen_dataset_sentiment_classes(sentimen_dataset *ds)
{
	sentimen_dataset_class(ds, "negatif", true);
	sentimen_dataset_class(ds, "netral", true);
	sentimen_dataset_class(ds, "positif", true);
}

/* ---- JSON ---- */

typedef struct jparser
{
	const char *s;
	size_t		len;
	size_t		pos;
	int			depth;
} jparser;

static void
skip_ws(jparser *p)
{
	while (p->pos < p->len && (p->s[p->pos] == ' ' || p->s[p->pos] == '\t' ||
							   p->s[p->pos] == '\n' || p->s[p->pos] == '\r'))
		p->pos++;
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static bool
read_hex4(jparser *p, int32_t *v)
{
	*v = 0;
	if (p->len - p->pos < 4)
		return false;
	for (int i = 0; i < 4; i++)
	{
		int			h = hexval(p->s[p->pos + i]);

		if (h < 0)
			return false;
		*v = (*v << 4) | h;
	}
	p->pos += 4;
	return true;
}

/* Parse a string at p->pos (at the quote); decode into out if not NULL. */
static bool
parse_string(jparser *p, sentimen_buf *out)
{
	if (p->pos >= p->len || p->s[p->pos] != '"')
		return false;
	p->pos++;
	while (p->pos < p->len)
	{
		char		c = p->s[p->pos];

		if (c == '"')
		{
			p->pos++;
			return true;
		}
		if ((unsigned char) c < 0x20)
			return false;
		if (c == '\\')
		{
			char		e;
			char		tmp[4];
			int32_t		cp;

			if (++p->pos >= p->len)
				return false;
			e = p->s[p->pos++];
			switch (e)
			{
				case '"':
				case '\\':
				case '/':
					tmp[0] = e;
					break;
				case 'b':
					tmp[0] = '\b';
					break;
				case 'f':
					tmp[0] = '\f';
					break;
				case 'n':
					tmp[0] = '\n';
					break;
				case 'r':
					tmp[0] = '\r';
					break;
				case 't':
					tmp[0] = '\t';
					break;
				case 'u':
					if (!read_hex4(p, &cp))
						return false;
					if (cp >= 0xD800 && cp <= 0xDBFF)
					{
						int32_t		lo;

						if (p->len - p->pos >= 6 && p->s[p->pos] == '\\' && p->s[p->pos + 1] == 'u')
						{
							p->pos += 2;
							if (!read_hex4(p, &lo) || lo < 0xDC00 || lo > 0xDFFF)
								return false;
							cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
						}
						else
							cp = 0xFFFD;
					}
					else if (cp >= 0xDC00 && cp <= 0xDFFF)
						cp = 0xFFFD;
					if (cp == 0)
						cp = 0xFFFD;	/* keep strings NUL-free */
					if (out)
						sentimen_buf_append(out, tmp, sentimen_utf8_encode(cp, tmp));
					continue;
				default:
					return false;
			}
			if (out)
				sentimen_buf_append(out, tmp, 1);
			continue;
		}
		{
			/* copy a run of plain bytes */
			size_t		start = p->pos;

			while (p->pos < p->len && p->s[p->pos] != '"' && p->s[p->pos] != '\\' &&
				   (unsigned char) p->s[p->pos] >= 0x20)
				p->pos++;
			if (out)
				sentimen_buf_append(out, p->s + start, p->pos - start);
		}
	}
	return false;
}

static bool skip_value(jparser *p);

static bool
skip_container(jparser *p, char open, char close)
{
	if (++p->depth > 64)
		return false;
	p->pos++;					/* the opening bracket */
	skip_ws(p);
	if (p->pos < p->len && p->s[p->pos] == close)
	{
		p->pos++;
		p->depth--;
		return true;
	}
	for (;;)
	{
		skip_ws(p);
		if (open == '{')
		{
			if (!parse_string(p, NULL))
				return false;
			skip_ws(p);
			if (p->pos >= p->len || p->s[p->pos] != ':')
				return false;
			p->pos++;
		}
		if (!skip_value(p))
			return false;
		skip_ws(p);
		if (p->pos >= p->len)
			return false;
		if (p->s[p->pos] == ',')
		{
			p->pos++;
			continue;
		}
		if (p->s[p->pos] == close)
		{
			p->pos++;
			p->depth--;
			return true;
		}
		return false;
	}
}

static bool
skip_literal(jparser *p, const char *lit)
{
	size_t		n = strlen(lit);

	if (p->len - p->pos < n || memcmp(p->s + p->pos, lit, n) != 0)
		return false;
	p->pos += n;
	return true;
}

static bool
skip_value(jparser *p)
{
	char		c;

	skip_ws(p);
	if (p->pos >= p->len)
		return false;
	c = p->s[p->pos];
	if (c == '"')
		return parse_string(p, NULL);
	if (c == '{')
		return skip_container(p, '{', '}');
	if (c == '[')
		return skip_container(p, '[', ']');
	if (c == 't')
		return skip_literal(p, "true");
	if (c == 'f')
		return skip_literal(p, "false");
	if (c == 'n')
		return skip_literal(p, "null");
	if (c == '-' || (c >= '0' && c <= '9'))
	{
		size_t		start = p->pos;

		while (p->pos < p->len && strchr("+-0123456789.eE", p->s[p->pos]) != NULL)
			p->pos++;
		return p->pos > start;
	}
	return false;
}

sentimen_status
sentimen_json_strings(const char *json, size_t len, const char *const *names, int n_names,
					  char **out, size_t *out_len, sentimen_arena *arena)
{
	jparser		p = {json, len, 0, 0};
	sentimen_buf key;
	sentimen_buf val;
	sentimen_status st = SENTIMEN_ERR_PARSE;

	for (int i = 0; i < n_names; i++)
	{
		out[i] = NULL;
		if (out_len)
			out_len[i] = 0;
	}
	sentimen_buf_init(&key, arena->a);
	sentimen_buf_init(&val, arena->a);
	skip_ws(&p);
	if (p.pos >= p.len || p.s[p.pos] != '{')
		goto done;
	p.pos++;
	skip_ws(&p);
	if (p.pos < p.len && p.s[p.pos] == '}')
	{
		p.pos++;
		st = SENTIMEN_OK;
		goto done;
	}
	for (;;)
	{
		int			want = -1;

		skip_ws(&p);
		key.len = 0;
		sentimen_buf_append(&key, "", 0);
		if (!parse_string(&p, &key))
			goto done;
		skip_ws(&p);
		if (p.pos >= p.len || p.s[p.pos] != ':')
			goto done;
		p.pos++;
		skip_ws(&p);
		for (int i = 0; i < n_names; i++)
			if (strlen(names[i]) == key.len && memcmp(names[i], key.data, key.len) == 0)
				want = i;
		if (want >= 0 && p.pos < p.len && p.s[p.pos] == '"')
		{
			val.len = 0;
			sentimen_buf_append(&val, "", 0);
			if (!parse_string(&p, &val))
				goto done;
			out[want] = sentimen_arena_strndup(arena, val.data, val.len);
			if (out_len)
				out_len[want] = val.len;
		}
		else if (!skip_value(&p))
			goto done;
		skip_ws(&p);
		if (p.pos >= p.len)
			goto done;
		if (p.s[p.pos] == ',')
		{
			p.pos++;
			continue;
		}
		if (p.s[p.pos] == '}')
		{
			p.pos++;
			break;
		}
		goto done;
	}
	skip_ws(&p);
	st = p.pos == p.len ? SENTIMEN_OK : SENTIMEN_ERR_PARSE;
done:
	sentimen_buf_free(&key);
	sentimen_buf_free(&val);
	return st;
}

/* ---- files ---- */

/* label == NULL: an unlabelled file, whose label, if any, is ignored */
static sentimen_status
parse_line(const char *line, size_t len, bool jsonl, char **label, char **text,
		   size_t *text_len, sentimen_arena *arena)
{
	while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
		len--;
	if (len == 0)
		return SENTIMEN_ERR_NO_DATA;
	if (jsonl)
	{
		static const char *const names[] = {"label", "text", "title", "body"};
		char	   *v[4];
		size_t		vl[4];
		sentimen_status st = sentimen_json_strings(line, len, names, 4, v, vl, arena);

		if (st != SENTIMEN_OK)
			return st;
		if (label)
		{
			if (v[0] == NULL)
				return SENTIMEN_ERR_PARSE;
			*label = v[0];
		}
		if (v[1])
		{
			*text = v[1];
			*text_len = vl[1];
		}
		else if (v[3] && v[2] && vl[2] > 0)
		{
			*text_len = vl[2] + 2 + vl[3];
			*text = sentimen_arena_alloc(arena, *text_len + 1);
			memcpy(*text, v[2], vl[2]);
			memcpy(*text + vl[2], "\n\n", 2);
			memcpy(*text + vl[2] + 2, v[3], vl[3] + 1);
		}
		else if (v[3])
		{
			*text = v[3];
			*text_len = vl[3];
		}
		else
			return SENTIMEN_ERR_PARSE;
		return SENTIMEN_OK;
	}
	else
	{
		const char *tab = memchr(line, '\t', len);

		if (tab == NULL && label == NULL)
		{
			/* an unlabelled text file: one text per line */
			*text_len = len;
			*text = sentimen_arena_strndup(arena, line, len);
			return SENTIMEN_OK;
		}
		if (tab == NULL)
			return SENTIMEN_ERR_PARSE;
		if (tab - line == 5 && memcmp(line, "label", 5) == 0)
			return SENTIMEN_ERR_NO_DATA;	/* header */
		if (label)
			*label = sentimen_arena_strndup(arena, line, (size_t) (tab - line));
		*text_len = len - (size_t) (tab - line) - 1;
		*text = sentimen_arena_strndup(arena, tab + 1, *text_len);
		return SENTIMEN_OK;
	}
}

sentimen_status
sentimen_corpus_parse_line(const char *line, size_t len, bool jsonl, char **label, char **text,
						   size_t *text_len, sentimen_arena *arena)
{
	return parse_line(line, len, jsonl, label, text, text_len, arena);
}

static bool
ends_with(const char *s, const char *suffix)
{
	size_t		a = strlen(s),
				b = strlen(suffix);

	return a >= b && strcmp(s + a - b, suffix) == 0;
}

/* open-addressing set of text hashes (0 stands for an empty slot), at most half full */
typedef struct text_set
{
	uint64_t   *slot;
	size_t		mask;
	size_t		n;
	const sentimen_allocator *a;
} text_set;

static void
text_set_init(text_set *t, size_t cap, const sentimen_allocator *a)
{
	t->slot = sentimen_alloc(a, cap * sizeof(uint64_t));
	memset(t->slot, 0, cap * sizeof(uint64_t));
	t->mask = cap - 1;
	t->n = 0;
	t->a = a;
}

/* the slot holding h, or the empty slot where it goes */
static size_t
text_set_probe(const text_set *t, uint64_t h)
{
	size_t		i = (size_t) h & t->mask;

	while (t->slot[i] != 0 && t->slot[i] != h)
		i = (i + 1) & t->mask;
	return i;
}

/* add the hash of a text; false if it was there */
static bool
text_set_add(text_set *t, const char *text, size_t len)
{
	uint64_t	h = sentimen_hash64(text, len, 0);
	size_t		i;

	h = h ? h : 1;
	if (2 * (t->n + 1) > t->mask + 1)
	{
		text_set	bigger;

		text_set_init(&bigger, 2 * (t->mask + 1), t->a);
		for (size_t j = 0; j <= t->mask; j++)
			if (t->slot[j])
				bigger.slot[text_set_probe(&bigger, t->slot[j])] = t->slot[j];
		bigger.n = t->n;
		sentimen_free(t->a, t->slot);
		*t = bigger;
	}
	i = text_set_probe(t, h);
	if (t->slot[i] == h)
		return false;
	t->slot[i] = h;
	t->n++;
	return true;
}

/*
 * Unlabelled rows (labelled false) skip texts already in ds (a labelled
 * article must not come back as an unlabelled one) and repeats; limit > 0
 * keeps the first limit.
 */
static sentimen_status
load(const char *path, sentimen_dataset *ds, int group, float weight, bool add_classes,
	 bool labelled, size_t limit, sentimen_arena *arena, char *err, size_t errlen)
{
	text_set	seen = {NULL, 0, 0, NULL};
	size_t		added = 0;
	FILE	   *f = fopen(path, "rb");
	char	   *line = NULL;
	size_t		cap = 0;
	ssize_t		n;
	size_t		lineno = 0;
	bool		jsonl = ends_with(path, ".jsonl") || ends_with(path, ".json");
	sentimen_status result = SENTIMEN_OK;

	if (f == NULL)
	{
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return SENTIMEN_ERR_IO;
	}
	if (!labelled)
	{
		text_set_init(&seen, 1024, ds->a);
		for (size_t i = 0; i < ds->n; i++)
			(void) text_set_add(&seen, ds->rows[i].text, ds->rows[i].len);
	}
	while ((n = getline(&line, &cap, f)) >= 0)
	{
		char	   *label,
				   *text;
		size_t		text_len;
		sentimen_status st;
		int			c;

		if (!labelled && limit > 0 && added >= limit)
			break;
		lineno++;
		st = parse_line(line, (size_t) n, jsonl, labelled ? &label : NULL, &text, &text_len,
						arena);
		if (st == SENTIMEN_ERR_NO_DATA)
			continue;
		if (st != SENTIMEN_OK)
		{
			snprintf(err, errlen, "%s:%zu: %s", path, lineno, sentimen_status_message(st));
			result = st;
			break;
		}
		if (!labelled)
		{
			if (text_set_add(&seen, text, text_len))
			{
				sentimen_dataset_add(ds, text, text_len, SENTIMEN_UNLABELED, weight, group);
				added++;
			}
			continue;
		}
		c = sentimen_dataset_class(ds, sentimen_canonical_label(label), add_classes);
		if (c < 0)
			continue;
		sentimen_dataset_add(ds, text, text_len, c, weight, group);
	}
	if (seen.slot)
		sentimen_free(ds->a, seen.slot);
	free(line);
	fclose(f);
	return result;
}

sentimen_status
sentimen_corpus_load(const char *path, sentimen_dataset *ds, int group, float weight,
					 bool add_classes, sentimen_arena *arena, char *err, size_t errlen)
{
	return load(path, ds, group, weight, add_classes, true, 0, arena, err, errlen);
}

sentimen_status
sentimen_corpus_load_unlabeled(const char *path, sentimen_dataset *ds, int group, float weight,
							   size_t limit, sentimen_arena *arena, char *err, size_t errlen)
{
	return load(path, ds, group, weight, false, false, limit, arena, err, errlen);
}
