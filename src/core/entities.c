/*
 * entities.c: mentions, entity resolution, salience and per-entity
 * sentiment (see entities.h).
 */
#include "entities.h"
#include "dates.h"
#include "hash.h"
#include "wordset.h"

#include <stdlib.h>
#include <string.h>

/* a candidate span of tokens [b, e) */
typedef struct cand
{
	size_t		b,
				e;
	sentimen_entity_type type;
	uint32_t	sent;
	int32_t		ov;				/* canonical name index of a gazetteer override, or -1 */
} cand;

typedef struct cand_list
{
	cand	   *v;
	size_t		n,
				cap;
	const sentimen_allocator *a;
} cand_list;

static void
cand_push(cand_list *l, size_t b, size_t e, sentimen_entity_type type, uint32_t sent)
{
	if (l->n == l->cap)
	{
		/* palloc has no realloc of NULL */
		l->cap = l->cap ? l->cap * 2 : 32;
		l->v = l->v ? sentimen_realloc(l->a, l->v, l->cap * sizeof(cand))
			: sentimen_alloc(l->a, l->cap * sizeof(cand));
	}
	l->v[l->n].b = b;
	l->v[l->n].e = e;
	l->v[l->n].type = type;
	l->v[l->n].sent = sent;
	l->v[l->n].ov = -1;
	l->n++;
}

/* cue words that open an event name: "Piala Dunia 2022", "KTT G20" */
static const char *const event_cues[] = {
	"piala", "liga", "ktt", "pilkada", "pilpres", "pileg", "pemilu", "pilgub", "pilbup",
	"pilwalkot", "olimpiade", "festival", "fest", "kejuaraan", "kejurnas", "turnamen",
	"konser", "muktamar", "munas", "munaslub", "kongres", "rakernas", "rapimnas",
	"mukernas", "expo", "pameran", "konferensi", NULL
};

static sentimen_wordset event_cue_set;

static bool
is_event_cue(const sentimen_ntoken *t)
{
	if (!event_cue_set.ready)
		sentimen_wordset_add(&event_cue_set, event_cues, 1);
	return sentimen_wordset_get(&event_cue_set, t->hash) != 0;
}

static bool
capitalised(const sentimen_ntoken *t)
{
	return (t->flags & (SENTIMEN_TF_UPPER_INITIAL | SENTIMEN_TF_ALL_UPPER)) != 0;
}

static bool
is_char(const sentimen_ntoken *t, char c)
{
	return t->len == 1 && t->surface[0] == c;
}

static int
tag_type(int tag)
{
	return tag == SENTIMEN_TAG_O ? 0 : (tag + 1) / 2;
}

static bool
any_in_date(const sentimen_ntoken *toks, size_t b, size_t e)
{
	for (size_t i = b; i < e; i++)
		if (toks[i].in_date)
			return true;
	return false;
}

/*
 * Candidates of one sentence [sb, se): dates, tagger spans that do not touch
 * a date, event-cue spans, gazetteer events and products.
 */
static void
sentence_candidates(const sentimen_ntoken *toks, const int *tags, size_t sb, size_t se,
					uint32_t sent, cand_list *out)
{
	size_t		first = out->n;

	for (size_t i = sb; i < se; i++)
	{
		if (toks[i].date_begin)
		{
			size_t		j = i + 1;

			while (j < se && toks[j].in_date && !toks[j].date_begin)
				j++;
			cand_push(out, i, j, SENTIMEN_ENT_DATE, sent);
			i = j - 1;
		}
		else if (tags[i] != SENTIMEN_TAG_O && tags[i] % 2 == 1)
		{
			size_t		j = i + 1,
						b = i,
						e;

			while (j < se && tags[j] == tags[i] + 1)
				j++;
			e = j;

			/* a name's parentheses come in pairs: "DPR)" is "DPR" */
			{
				int			depth = 0;
				size_t		open_at = 0;

				for (size_t k = b; k < e; k++)
				{
					if (is_char(&toks[k], '('))
					{
						if (depth++ == 0)
							open_at = k;
					}
					else if (is_char(&toks[k], ')'))
					{
						if (depth == 0)
						{
							e = k;	/* a closing one without its opening one ends the name */
							break;
						}
						depth--;
					}
				}
				if (depth > 0)
					e = open_at;
			}
			/* a month after a day number is a date, never a band or a person */
			if (e > b && !any_in_date(toks, b, e))
				cand_push(out, b, e, (sentimen_entity_type) tag_type(tags[i]), sent);
			i = j - 1;
		}
	}

	/* events opened by a cue word; they replace what the tagger saw there */
	for (size_t i = sb; i < se; i++)
	{
		size_t		j = i + 1;

		if (!capitalised(&toks[i]) || toks[i].in_date || !is_event_cue(&toks[i]) ||
			tag_type(tags[i]) == SENTIMEN_ENT_PERSON)
			continue;
		while (j < se && j - i < 6 && !toks[j].in_date &&
			   tag_type(tags[j]) != SENTIMEN_ENT_PERSON &&
			   (capitalised(&toks[j]) ||
				(toks[j].type == SENTIMEN_TOK_NUMBER && toks[j].len <= 4)))
			j++;
		if (j == i + 1)
			continue;
		for (size_t k = first; k < out->n; k++)
			if (out->v[k].type != SENTIMEN_ENT_DATE && out->v[k].b < j && out->v[k].e > i)
				out->v[k].type = SENTIMEN_ENT_NONE;	/* dropped */
		cand_push(out, i, j, SENTIMEN_ENT_EVENT, sent);
		i = j - 1;
	}

	/* gazetteer events and products, written as names */
	for (size_t i = sb; i < se; i++)
	{
		for (int k = 3; k <= 4; k++)
		{
			size_t		j = i + 1;
			bool		clash = false;

			if (!(toks[i].span_feats & SENTIMEN_SPAN_B(k)))
				continue;
			while (j < se && (toks[j].span_feats & SENTIMEN_SPAN_I(k)))
				j++;
			if (!capitalised(&toks[i]) && !(toks[i].flags & SENTIMEN_TF_HAS_DIGIT))
				continue;
			if (any_in_date(toks, i, j))
				continue;
			/* the list wins over a tagger span it covers; it yields to others */
			for (size_t c = first; c < out->n; c++)
			{
				cand	   *o = &out->v[c];

				if (o->type == SENTIMEN_ENT_NONE || o->b >= j || o->e <= i)
					continue;
				if (o->type == SENTIMEN_ENT_DATE || o->type == SENTIMEN_ENT_EVENT ||
					o->type == SENTIMEN_ENT_PRODUCT || o->b < i || o->e > j)
					clash = true;
			}
			if (clash)
				continue;
			for (size_t c = first; c < out->n; c++)
				if (out->v[c].type != SENTIMEN_ENT_NONE && out->v[c].b < j && out->v[c].e > i)
					out->v[c].type = SENTIMEN_ENT_NONE;
			cand_push(out, i, j, k == 3 ? SENTIMEN_ENT_EVENT : SENTIMEN_ENT_PRODUCT, sent);
			i = j - 1;
			break;
		}
	}

	/* compact and sort by position (insertion sort: a sentence has few) */
	{
		size_t		w = first;

		for (size_t k = first; k < out->n; k++)
			if (out->v[k].type != SENTIMEN_ENT_NONE)
				out->v[w++] = out->v[k];
		out->n = w;
		for (size_t k = first + 1; k < out->n; k++)
		{
			cand		c = out->v[k];
			size_t		m = k;

			while (m > first && out->v[m - 1].b > c.b)
			{
				out->v[m] = out->v[m - 1];
				m--;
			}
			out->v[m] = c;
		}
	}
}

/* ---- canonical names ---- */

/* the part of a mention that names the thing: titles and "(ABBR)" removed */
static void
name_range(const sentimen_ntoken *toks, const cand *c, size_t *nb, size_t *ne)
{
	size_t		b = c->b,
				e = c->e;

	/* "Bursa Efek Indonesia (BEI)": the expansion names it */
	if (e - b >= 4 && is_char(&toks[e - 1], ')'))
	{
		for (size_t k = e - 2; k > b; k--)
			if (is_char(&toks[k], '('))
			{
				e = k;
				break;
			}
	}
	if (c->type == SENTIMEN_ENT_PERSON)
	{
		while (e - b > 1 && (toks[b].gz1 & SENTIMEN_GZ_TITLE) &&
			   !(toks[b].gz1 & SENTIMEN_GZ_NAME_PREFIX))
			b++;
		while (e - b > 1 && (toks[e - 1].gz1 & SENTIMEN_GZ_TITLE) &&
			   (toks[e - 1].flags & SENTIMEN_TF_ABBREV))
			e--;
		/* "Musk," "Jokowi." */
		while (e - b > 1 && toks[e - 1].type == SENTIMEN_TOK_PUNCT)
			e--;
	}
	*nb = b;
	*ne = e;
}

/* surface text of tokens [b, e), one space where the text had any space */
static char *
join_surface(const sentimen_ntoken *toks, size_t b, size_t e, sentimen_arena *ar, size_t *len)
{
	size_t		cap = 0,
				o = 0;
	char	   *s;

	for (size_t i = b; i < e; i++)
		cap += toks[i].len + 1;
	s = sentimen_arena_alloc(ar, cap + 1);
	for (size_t i = b; i < e; i++)
	{
		if (i > b && toks[i - 1].start + toks[i - 1].len != toks[i].start)
			s[o++] = ' ';
		memcpy(s + o, toks[i].surface, toks[i].len);
		o += toks[i].len;
	}
	s[o] = '\0';
	*len = o;
	return s;
}

/* hash of the normal forms of tokens [b, e), words only */
static uint64_t
norm_key(const sentimen_ntoken *toks, size_t b, size_t e, uint64_t seed)
{
	uint64_t	h = seed;

	for (size_t i = b; i < e; i++)
		if (toks[i].type != SENTIMEN_TOK_PUNCT)
			h = sentimen_hash_combine(h, toks[i].hash);
	return h;
}

static size_t
word_count(const sentimen_ntoken *toks, size_t b, size_t e)
{
	size_t		n = 0;

	for (size_t i = b; i < e; i++)
		if (toks[i].type != SENTIMEN_TOK_PUNCT)
			n++;
	return n;
}

/* initials of the capitalised words: "Komisi Pemberantasan Korupsi" -> "kpk" */
static uint64_t
initials_key(const sentimen_ntoken *toks, size_t b, size_t e, size_t *n_init)
{
	char		buf[16];
	size_t		o = 0;

	for (size_t i = b; i < e && o < sizeof(buf); i++)
		if (toks[i].type == SENTIMEN_TOK_WORD && capitalised(&toks[i]) && toks[i].norm_len > 0)
			buf[o++] = toks[i].norm[0];
	*n_init = o;
	return sentimen_hash64(buf, o, UINT64_C(0x1417));
}

/* ---- a small hash map: uint64 key -> uint32 value ---- */

typedef struct hmap
{
	uint64_t   *keys;
	uint32_t   *vals;
	size_t		cap,
				n;
	const sentimen_allocator *a;
} hmap;

static void
hmap_init(hmap *m, size_t expect, const sentimen_allocator *a)
{
	m->cap = 16;
	while (m->cap < expect * 2 + 16)
		m->cap *= 2;
	m->keys = sentimen_alloc(a, m->cap * sizeof(uint64_t));
	m->vals = sentimen_alloc(a, m->cap * sizeof(uint32_t));
	memset(m->keys, 0, m->cap * sizeof(uint64_t));
	m->n = 0;
	m->a = a;
}

static void
hmap_free(hmap *m)
{
	sentimen_free(m->a, m->keys);
	sentimen_free(m->a, m->vals);
}

static int64_t
hmap_get(const hmap *m, uint64_t key)
{
	key |= 1;
	for (size_t s = key & (m->cap - 1);; s = (s + 1) & (m->cap - 1))
	{
		if (m->keys[s] == 0)
			return -1;
		if (m->keys[s] == key)
			return m->vals[s];
	}
}

/* insert unless present (first writer wins) */
static void
hmap_put(hmap *m, uint64_t key, uint32_t val)
{
	size_t		s;

	key |= 1;
	if ((m->n + 1) * 2 > m->cap)
	{
		hmap		g;

		hmap_init(&g, m->cap, m->a);
		for (size_t i = 0; i < m->cap; i++)
			if (m->keys[i])
				hmap_put(&g, m->keys[i], m->vals[i]);
		hmap_free(m);
		*m = g;
	}
	for (s = key & (m->cap - 1); m->keys[s] != 0; s = (s + 1) & (m->cap - 1))
		if (m->keys[s] == key)
			return;
	m->keys[s] = key;
	m->vals[s] = val;
	m->n++;
}

/* ---- resolution ---- */

typedef struct mention_info
{
	size_t		nb,
				ne;				/* name tokens */
	size_t		words;
	uint64_t	key;
} mention_info;

#define KEY_SEED_NAME	UINT64_C(0x6e616d65)
#define KEY_SEED_DATE	UINT64_C(0xda7e0001)
#define KEY_SEED_PART	UINT64_C(0x9a47)
#define KEY_SEED_CANON	UINT64_C(0xca404)
#define KEY_SEED_GAZ	UINT64_C(0x6a2e7)

/* ---- extra gazetteer entries ---- */

void
sentimen_entity_overrides_init(sentimen_entity_overrides *o, const sentimen_allocator *a)
{
	memset(o, 0, sizeof(*o));
	o->a = a;
	sentimen_arena_init(&o->arena, a);
}

void
sentimen_entity_overrides_free(sentimen_entity_overrides *o)
{
	sentimen_free(o->a, o->tab);
	sentimen_free(o->a, o->names);
	sentimen_free(o->a, o->name_lens);
	sentimen_arena_free(&o->arena);
	memset(o, 0, sizeof(*o));
}

sentimen_entity_type
sentimen_entity_type_parse(const char *s, size_t len)
{
	for (int t = 1; t < SENTIMEN_ENT_NTYPES; t++)
	{
		const char *n = sentimen_entity_type_name((sentimen_entity_type) t);
		size_t		i;

		if (strlen(n) != len)
			continue;
		for (i = 0; i < len; i++)
			if ((s[i] | 0x20) != (n[i] | 0x20))
				break;
		if (i == len)
			return (sentimen_entity_type) t;
	}
	return SENTIMEN_ENT_NONE;
}

static size_t
gaz_find(const sentimen_entity_overrides *o, uint64_t key)
{
	size_t		s = (size_t) sentimen_mix64(key) & (o->cap - 1);

	while (o->tab[s].key != 0 && o->tab[s].key != key)
		s = (s + 1) & (o->cap - 1);
	return s;
}

/* key of a name: its words' normal forms as the tagger's tokeniser sees them */
static sentimen_status
gaz_key(sentimen_entity_overrides *o, const char *name, size_t len, uint64_t *key,
		uint32_t *words)
{
	sentimen_arena ar;
	sentimen_ntoken *toks;
	size_t	   *sents;
	size_t		n,
				ns;
	uint64_t	h = KEY_SEED_GAZ;
	uint32_t	w = 0;

	sentimen_arena_init(&ar, o->a);
	sentimen_ner_tokenize(name, len, &toks, &n, &sents, &ns, &ar, o->a);
	for (size_t i = 0; i < n; i++)
		if (toks[i].type != SENTIMEN_TOK_PUNCT)
		{
			h = sentimen_hash_combine(h, toks[i].hash);
			w++;
		}
	sentimen_free(o->a, toks);
	sentimen_free(o->a, sents);
	sentimen_arena_free(&ar);
	if (w == 0 || w > SENTIMEN_GAZ_MAX_WORDS)
		return SENTIMEN_ERR_INVALID_ARGUMENT;
	*key = h ? h : 1;
	*words = w;
	return SENTIMEN_OK;
}

static void
gaz_put(sentimen_entity_overrides *o, uint64_t key, uint32_t words, sentimen_entity_type type,
		uint32_t canonical)
{
	size_t		s;

	if ((o->n + 1) * 2 > o->cap)
	{
		size_t		ncap = o->cap ? o->cap * 2 : 64;
		sentimen_gazetteer_entry *old = o->tab;
		size_t		ocap = o->cap;

		o->tab = sentimen_alloc(o->a, ncap * sizeof(sentimen_gazetteer_entry));
		memset(o->tab, 0, ncap * sizeof(sentimen_gazetteer_entry));
		o->cap = ncap;
		for (size_t i = 0; i < ocap; i++)
			if (old[i].key != 0)
				o->tab[gaz_find(o, old[i].key)] = old[i];
		sentimen_free(o->a, old);
	}
	s = gaz_find(o, key);
	if (o->tab[s].key == 0)
		o->n++;
	o->tab[s].key = key;
	o->tab[s].type = type;
	o->tab[s].canonical = canonical;
	if (words > o->max_words)
		o->max_words = words;
}

sentimen_status
sentimen_entity_overrides_add(sentimen_entity_overrides *o, const char *name, size_t name_len,
							  sentimen_entity_type type, const char *canonical,
							  size_t canonical_len)
{
	uint64_t	key,
				ckey;
	uint32_t	words,
				cwords;
	sentimen_status st;
	uint32_t	ci;

	if (type == SENTIMEN_ENT_NONE || type == SENTIMEN_ENT_DATE || type >= SENTIMEN_ENT_NTYPES)
		return SENTIMEN_ERR_INVALID_ARGUMENT;
	if (canonical == NULL || canonical_len == 0)
	{
		canonical = name;
		canonical_len = name_len;
	}
	if ((st = gaz_key(o, name, name_len, &key, &words)) != SENTIMEN_OK)
		return st;
	if ((st = gaz_key(o, canonical, canonical_len, &ckey, &cwords)) != SENTIMEN_OK)
		return st;
	if (o->n_names == o->names_cap)
	{
		size_t		ncap = o->names_cap ? o->names_cap * 2 : 16;
		char	  **nn = sentimen_alloc(o->a, ncap * sizeof(char *));
		size_t	   *nl = sentimen_alloc(o->a, ncap * sizeof(size_t));

		if (o->n_names)
		{
			memcpy(nn, o->names, o->n_names * sizeof(char *));
			memcpy(nl, o->name_lens, o->n_names * sizeof(size_t));
		}
		sentimen_free(o->a, o->names);
		sentimen_free(o->a, o->name_lens);
		o->names = nn;
		o->name_lens = nl;
		o->names_cap = ncap;
	}
	ci = (uint32_t) o->n_names++;
	o->names[ci] = sentimen_arena_strndup(&o->arena, canonical, canonical_len);
	o->name_lens[ci] = canonical_len;
	gaz_put(o, key, words, type, ci);
	/* the canonical name is a name of the entity too (an explicit entry wins) */
	if (o->tab[gaz_find(o, ckey)].key == 0)
		gaz_put(o, ckey, cwords, type, ci);
	return SENTIMEN_OK;
}

/*
 * Mentions of gazetteer names in sentence [sb, se): the longest name starting
 * at each word, left to right; they replace the candidates they overlap.
 * The sentence's candidates are cl->v[first..] and stay in text order.
 */
static void
override_candidates(const sentimen_entity_overrides *ov, const sentimen_ntoken *toks,
					size_t sb, size_t se, uint32_t sent, cand_list *cl, size_t first)
{
	cand_list	found = {NULL, 0, 0, cl->a};

	for (size_t i = sb; i < se; i++)
	{
		uint64_t	h = KEY_SEED_GAZ;
		uint32_t	w = 0;
		size_t		best_e = 0;
		int32_t		best = -1;
		sentimen_entity_type best_type = SENTIMEN_ENT_NONE;

		if (toks[i].type == SENTIMEN_TOK_PUNCT)
			continue;
		for (size_t j = i; j < se && w < ov->max_words; j++)
		{
			size_t		s;

			if (toks[j].type == SENTIMEN_TOK_PUNCT)
				continue;
			h = sentimen_hash_combine(h, toks[j].hash);
			w++;
			s = gaz_find(ov, h ? h : 1);
			if (ov->tab[s].key != 0)
			{
				best_e = j + 1;
				best = (int32_t) ov->tab[s].canonical;
				best_type = ov->tab[s].type;
			}
		}
		if (best >= 0)
		{
			cand_push(&found, i, best_e, best_type, sent);
			found.v[found.n - 1].ov = best;
			i = best_e - 1;
		}
	}
	if (found.n == 0)
		return;
	{
		/* merge: keep the sentence's candidates that overlap no gazetteer mention */
		size_t		nold = cl->n - first;
		cand	   *old = sentimen_alloc(cl->a, (nold ? nold : 1) * sizeof(cand));
		size_t		oi = 0,
					fi = 0;

		memcpy(old, cl->v + first, nold * sizeof(cand));
		cl->n = first;
		while (oi < nold || fi < found.n)
		{
			if (oi < nold)
			{
				bool		overlaps = false;

				for (size_t k = 0; k < found.n; k++)
					if (old[oi].b < found.v[k].e && found.v[k].b < old[oi].e)
						overlaps = true;
				if (overlaps)
				{
					oi++;
					continue;
				}
			}
			if (fi < found.n && (oi >= nold || found.v[fi].b < old[oi].b))
			{
				cand_push(cl, found.v[fi].b, found.v[fi].e, found.v[fi].type, sent);
				cl->v[cl->n - 1].ov = found.v[fi].ov;
				fi++;
			}
			else
			{
				cand_push(cl, old[oi].b, old[oi].e, old[oi].type, old[oi].sent);
				cl->v[cl->n - 1].ov = old[oi].ov;
				oi++;
			}
		}
		sentimen_free(cl->a, old);
		sentimen_free(cl->a, found.v);
	}
}

/*
 * Nicknames and short forms that name one well-known person in Indonesian
 * news, written for this project.  Used when the text itself gives no full
 * name to link to, so that "Jokowi" in one article and "Joko Widodo" in the
 * next aggregate as one entity.
 */
static const char *const person_aliases[][2] = {
	{"jokowi", "Joko Widodo"},
	{"sby", "Susilo Bambang Yudhoyono"},
	{"ahy", "Agus Harimurti Yudhoyono"},
	{"ahok", "Basuki Tjahaja Purnama"},
	{"btp", "Basuki Tjahaja Purnama"},
	{"gus dur", "Abdurrahman Wahid"},
	{"jk", "Jusuf Kalla"},
	{"cak imin", "Muhaimin Iskandar"},
	{"bamsoet", "Bambang Soesatyo"},
	{"megawati", "Megawati Soekarnoputri"},
	{"prabowo", "Prabowo Subianto"},
	{"gibran", "Gibran Rakabuming Raka"},
	{"anies", "Anies Baswedan"},
	{"ganjar", "Ganjar Pranowo"},
	{"puan", "Puan Maharani"},
	{"luhut", "Luhut Binsar Pandjaitan"},
	{"kaesang", "Kaesang Pangarep"},
	{"trump", "Donald Trump"},
	{"biden", "Joe Biden"},
	{"obama", "Barack Obama"},
	{"putin", "Vladimir Putin"},
	{"netanyahu", "Benjamin Netanyahu"},
	{"zelensky", "Volodymyr Zelensky"},
	{"musk", "Elon Musk"},
};

#define N_ALIASES (sizeof(person_aliases) / sizeof(person_aliases[0]))

/* the name key of a lower-case ASCII phrase, as norm_key() computes it */
static uint64_t
phrase_key(const char *s, uint64_t seed)
{
	uint64_t	h = seed;
	char		buf[64];

	while (*s)
	{
		size_t		n = 0;

		while (*s == ' ')
			s++;
		while (*s && *s != ' ' && n < sizeof(buf))
		{
			char		c = *s++;

			buf[n++] = (c >= 'A' && c <= 'Z') ? (char) (c + 32) : c;
		}
		if (n > 0)
			h = sentimen_hash_combine(h, sentimen_hash64(buf, n, 0));
	}
	return h;
}

/* index of the alias with this name key, -1 if none */
static int
person_alias(uint64_t key)
{
	static uint64_t keys[N_ALIASES];
	static bool ready = false;

	if (!ready)
	{
		for (size_t i = 0; i < N_ALIASES; i++)
			keys[i] = phrase_key(person_aliases[i][0], KEY_SEED_NAME);
		ready = true;
	}
	for (size_t i = 0; i < N_ALIASES; i++)
		if (keys[i] == key)
			return (int) i;
	return -1;
}

/* sort keys: ascending order of the key, then of the index */
typedef struct sort_item
{
	double		key;
	uint32_t	idx;
} sort_item;

/* a sentence's tagger tokens as a token source for the sentiment model */
typedef struct sent_tokens
{
	const sentimen_ntoken *t;
	size_t		n;
	size_t		base;			/* byte offset of the sentence */
} sent_tokens;

static bool
sent_tokens_next(void *p, sentimen_token *tok)
{
	sent_tokens *s = p;

	if (s->n == 0)
		return false;
	memset(tok, 0, sizeof(*tok));
	tok->start = s->t->start - s->base;
	tok->len = s->t->len;
	tok->cp_start = s->t->cp_start;
	tok->cp_len = s->t->cp_len;
	tok->type = s->t->type;
	tok->flags = s->t->flags;
	tok->norm = s->t->norm;
	tok->norm_len = s->t->norm_len;
	tok->hash = s->t->hash;
	s->t++;
	s->n--;
	return true;
}

static int
cmp_items(const void *x, const void *y)
{
	const sort_item *a = x,
			   *b = y;

	if (a->key != b->key)
		return a->key < b->key ? -1 : 1;
	return a->idx < b->idx ? -1 : a->idx > b->idx ? 1 : 0;
}

void
sentimen_entities_extract(const sentimen_tagger *tagger, const sentimen_model *sentiment,
						  const char *text, size_t len, sentimen_entity_result *r,
						  const sentimen_allocator *a)
{
	sentimen_entities_extract_with(tagger, sentiment, NULL, text, len, r, a);
}

/*
 * A headline written in title case ("Elon Musk Ancam Gugat Microsoft") or in
 * capitals: every word looks like a name, so the tagger's reading of case is
 * void there.
 */
static bool
headline_case(const sentimen_ntoken *toks, size_t sb, size_t se)
{
	size_t		words = 0,
				caps = 0;

	for (size_t i = sb; i < se; i++)
		if (toks[i].type == SENTIMEN_TOK_WORD && toks[i].norm_len >= 2)
		{
			words++;
			caps += (toks[i].flags & (SENTIMEN_TF_UPPER_INITIAL | SENTIMEN_TF_ALL_UPPER)) != 0;
		}
	return words >= 3 && caps * 10 >= words * 8;
}

static int
cmp_cand_pos(const void *x, const void *y)
{
	const cand *a = x,
			   *b = y;

	return a->b < b->b ? -1 : a->b > b->b ? 1 : 0;
}

/*
 * Names in a headline-case sentence: the longest name found elsewhere in the
 * text (known), else the gazetteer's, starting at each capitalised word.
 * Writes spans into out (token ranges) and returns how many.
 */
static size_t
headline_names(const sentimen_ntoken *toks, size_t sb, size_t se, const hmap *known,
			   cand *out, size_t cap)
{
	static const sentimen_entity_type gz_types[3] = {
		SENTIMEN_ENT_PERSON, SENTIMEN_ENT_ORG, SENTIMEN_ENT_LOC
	};
	size_t		k = 0;

	for (size_t i = sb; i < se && k < cap;)
	{
		size_t		found = 0;
		sentimen_entity_type type = SENTIMEN_ENT_NONE;

		if (toks[i].in_date || !capitalised(&toks[i]))
		{
			i++;
			continue;
		}
		for (size_t L = se - i < 6 ? se - i : 6; known && L >= 1 && found == 0; L--)
		{
			int64_t		t;
			bool		ok = capitalised(&toks[i + L - 1]);

			for (size_t j = i; j < i + L && ok; j++)
				ok = !toks[j].in_date;
			if (ok && (t = hmap_get(known, norm_key(toks, i, i + L, KEY_SEED_NAME))) >= 0)
			{
				found = L;
				type = (sentimen_entity_type) t;
			}
		}
		for (int g = 0; g < 3 && found == 0; g++)
			if (toks[i].span_feats & SENTIMEN_SPAN_B(g))
			{
				size_t		j = i + 1;

				while (j < se && (toks[j].span_feats & SENTIMEN_SPAN_I(g)))
					j++;
				found = j - i;
				type = gz_types[g];
			}
		if (found > 0)
		{
			out[k].b = i;
			out[k].e = i + found;
			out[k].type = type;
			k++;
			i += found;
		}
		else
			i++;
	}
	return k;
}

/*
 * A headline-case sentence's tagger spans, checked against the names known
 * from the rest of the text and from the gazetteer: a span that holds two or
 * more such names ("Elon Musk Ancam Gugat Microsoft") is replaced by them, a
 * span that cuts a known name is replaced by it, and known names the tagger
 * missed are added.
 */
/*
 * The candidates of sentence `sent` among the first n_sorted of cl (which are
 * in sentence order): [*lo, *hi).  Looking only there, and at the names this
 * call adds, keeps a text of many headline-case sentences linear; scanning
 * every candidate for every such sentence was quadratic (1M words took hours;
 * found by sql/bad_input.sql).
 */
static void
sentence_range(const cand_list *cl, size_t n_sorted, uint32_t sent, size_t *lo, size_t *hi)
{
	size_t		a = 0,
				b = n_sorted;

	while (a < b)
	{
		size_t		m = a + (b - a) / 2;

		if (cl->v[m].sent < sent)
			a = m + 1;
		else
			b = m;
	}
	*lo = a;
	b = n_sorted;
	while (a < b)
	{
		size_t		m = a + (b - a) / 2;

		if (cl->v[m].sent <= sent)
			a = m + 1;
		else
			b = m;
	}
	*hi = a;
}

static void
fix_headline(const sentimen_ntoken *toks, size_t sb, size_t se, uint32_t sent, const hmap *known,
			 cand_list *cl, size_t n_sorted, const sentimen_allocator *a)
{
	size_t		cap = se - sb + 1;
	size_t		lo,
				hi,
				first_new = cl->n;
	cand	   *names = sentimen_alloc(a, cap * sizeof(cand));
	size_t		nn = headline_names(toks, sb, se, known, names, cap);
	bool	   *used = sentimen_alloc(a, (nn ? nn : 1) * sizeof(bool));

	memset(used, 0, (nn ? nn : 1) * sizeof(bool));
	sentence_range(cl, n_sorted, sent, &lo, &hi);
	for (size_t c = lo; c < hi; c++)
	{
		cand	   *t = &cl->v[c];
		size_t		inside = 0;
		bool		cut = false;

		if (t->sent != sent || t->ov >= 0 || t->type == SENTIMEN_ENT_DATE ||
			t->type == SENTIMEN_ENT_NONE)
			continue;
		for (size_t q = 0; q < nn; q++)
		{
			if (names[q].b >= t->b && names[q].e <= t->e)
				inside++;
			else if (names[q].b < t->e && names[q].e > t->b)
				cut = true;
		}
		if (inside >= 2 || cut)
		{
			t->type = SENTIMEN_ENT_NONE;	/* replaced by the names below */
			for (size_t q = 0; q < nn; q++)
				if (names[q].b < t->e && names[q].e > t->b)
					used[q] = true;
		}
		else
		{
			/* the tagger's span stands */
			for (size_t q = 0; q < nn; q++)
				if (names[q].b < t->e && names[q].e > t->b)
					names[q].type = SENTIMEN_ENT_NONE;
		}
	}
	for (size_t q = 0; q < nn; q++)
	{
		bool		clash = false;

		if (names[q].type == SENTIMEN_ENT_NONE)
			continue;
		/* this sentence's candidates, then the names added by this call */
		for (size_t c = lo; c < cl->n && !clash; c++)
		{
			if (c == hi)
				c = first_new;
			if (c >= cl->n)
				break;
			if (cl->v[c].sent == sent && cl->v[c].type != SENTIMEN_ENT_NONE &&
				cl->v[c].b < names[q].e && cl->v[c].e > names[q].b)
				clash = true;
		}
		if (!clash && (used[q] || known))
			cand_push(cl, names[q].b, names[q].e, names[q].type, sent);
	}
	sentimen_free(a, names);
	sentimen_free(a, used);
}

void
sentimen_entities_extract_with(const sentimen_tagger *tagger, const sentimen_model *sentiment,
							   const sentimen_entity_overrides *ov, const char *text, size_t len,
							   sentimen_entity_result *r, const sentimen_allocator *a)
{
	const sentimen_tagger *tg = tagger ? tagger : sentimen_default_tagger();
	sentimen_ntoken *toks;
	size_t	   *sents;
	size_t		n,
				ns;
	int		   *tags;
	cand_list	cl = {NULL, 0, 0, a};
	mention_info *mi;
	uint32_t   *order;
	uint32_t   *ent_of;
	size_t		ne = 0;
	sentimen_entity *ents;
	uint32_t  (*type_votes)[SENTIMEN_ENT_NTYPES];
	hmap		exact,
				partial,
				initials,
				alias;
	size_t	   *deferred = NULL,
				n_deferred = 0,
				deferred_cap = 0;

	memset(r, 0, sizeof(*r));
	sentimen_arena_init(&r->arena, a);
	sentimen_ner_tokenize(text, len, &toks, &n, &sents, &ns, &r->arena, a);
	tags = sentimen_alloc(a, (n ? n : 1) * sizeof(int));

	for (size_t s = 0; s < ns; s++)
	{
		size_t		sb = sents[s],
					se = s + 1 < ns ? sents[s + 1] : n;

		sentimen_check_interrupts();
		if (tg)
		{
			size_t		tag_n = se - sb;
			bool		cased = false;

			sentimen_tagger_annotate(&tg->gz, toks + sb, se - sb);

			/*
			 * Names are written with capitals.  In a sentence where no word
			 * after the first is capitalised, only its opening words can be
			 * a name ("Sutrisno mengatakan ..."): tag those alone.
			 */
			for (size_t i = sb + 1; i < se && !cased; i++)
				cased = (toks[i].flags & (SENTIMEN_TF_UPPER_INITIAL | SENTIMEN_TF_ALL_UPPER)) != 0;
			if (!cased && tag_n > 3)
			{
				tag_n = 3;
				for (size_t i = sb + tag_n; i < se; i++)
					tags[i] = SENTIMEN_TAG_O;
			}
			sentimen_tagger_tag(tg, toks + sb, tag_n, tags + sb, a);
		}
		else
		{
			sentimen_dates_mark(toks + sb, se - sb);
			for (size_t i = sb; i < se; i++)
				tags[i] = SENTIMEN_TAG_O;
		}
		if (tg && headline_case(toks, sb, se))
		{
			/* names in it are looked up once the rest of the text is read */
			if (n_deferred == deferred_cap)
			{
				deferred_cap = deferred_cap ? deferred_cap * 2 : 8;
				deferred = deferred ? sentimen_realloc(a, deferred, deferred_cap * sizeof(size_t))
					: sentimen_alloc(a, deferred_cap * sizeof(size_t));
			}
			deferred[n_deferred++] = s;
		}
		{
			size_t		first = cl.n;

			sentence_candidates(toks, tags, sb, se, (uint32_t) s, &cl);
			if (ov && ov->n > 0)
				override_candidates(ov, toks, sb, se, (uint32_t) s, &cl, first);
		}
	}
	if (n_deferred > 0)
	{
		hmap		known;
		size_t		nbefore = cl.n;
		bool		have_known = false;

		/* names of the other sentences */
		hmap_init(&known, cl.n, a);
		for (size_t k = 0, d = 0; k < nbefore; k++)
		{
			while (d < n_deferred && deferred[d] < cl.v[k].sent)
				d++;
			if (cl.v[k].type == SENTIMEN_ENT_DATE || (d < n_deferred && deferred[d] == cl.v[k].sent))
				continue;
			hmap_put(&known, norm_key(toks, cl.v[k].b, cl.v[k].e, KEY_SEED_NAME),
					 (uint32_t) cl.v[k].type);
			have_known = true;
		}
		{
			size_t		n_sorted = cl.n;	/* in sentence order up to here */

			for (size_t d = 0; d < n_deferred; d++)
			{
				size_t		s = deferred[d];

				fix_headline(toks, sents[s], s + 1 < ns ? sents[s + 1] : n, (uint32_t) s,
							 have_known ? &known : NULL, &cl, n_sorted, a);
			}
		}
		hmap_free(&known);
		sentimen_free(a, deferred);
		{
			size_t		w = 0;

			for (size_t k = 0; k < cl.n; k++)
				if (cl.v[k].type != SENTIMEN_ENT_NONE)
					cl.v[w++] = cl.v[k];
			cl.n = w;
		}
		/* no candidates at all leaves cl.v NULL, which qsort must not see */
		if (cl.n > 1)
			qsort(cl.v, cl.n, sizeof(cand), cmp_cand_pos);
	}

	/* names, keys and aliases of the mentions */
	mi = sentimen_alloc(a, (cl.n ? cl.n : 1) * sizeof(mention_info));
	hmap_init(&alias, 8, a);
	for (size_t k = 0; k < cl.n; k++)
	{
		cand	   *c = &cl.v[k];

		name_range(toks, c, &mi[k].nb, &mi[k].ne);
		mi[k].words = word_count(toks, mi[k].nb, mi[k].ne);
		mi[k].key = norm_key(toks, mi[k].nb, mi[k].ne,
							 c->type == SENTIMEN_ENT_DATE ? KEY_SEED_DATE : KEY_SEED_NAME);
		if (c->ov >= 0)
		{
			/* every name of a gazetteer entity resolves to its canonical name */
			mi[k].key = sentimen_hash64(ov->names[c->ov], ov->name_lens[c->ov], KEY_SEED_CANON);
			continue;
		}
		if (c->type == SENTIMEN_ENT_DATE)
			continue;
		/* "(BEI)" inside the span, or right after it as its own mention */
		if (mi[k].ne < c->e)
			hmap_put(&alias, norm_key(toks, mi[k].ne, c->e, KEY_SEED_NAME), (uint32_t) k);
		if (k + 1 < cl.n && cl.v[k + 1].type != SENTIMEN_ENT_DATE &&
			cl.v[k + 1].b == c->e + 1 && cl.v[k + 1].b >= 1 && is_char(&toks[c->e], '(') &&
			cl.v[k + 1].e < n && is_char(&toks[cl.v[k + 1].e], ')'))
			hmap_put(&alias, norm_key(toks, cl.v[k + 1].b, cl.v[k + 1].e, KEY_SEED_NAME),
					 (uint32_t) k);
	}

	/* resolve, longest names first so that short forms find them */
	order = sentimen_alloc(a, (cl.n ? cl.n : 1) * sizeof(uint32_t));
	ent_of = sentimen_alloc(a, (cl.n ? cl.n : 1) * sizeof(uint32_t));
	{
		sort_item  *si = sentimen_alloc(a, (cl.n ? cl.n : 1) * sizeof(sort_item));

		for (size_t k = 0; k < cl.n; k++)
		{
			si[k].key = -(double) mi[k].words;
			si[k].idx = (uint32_t) k;
		}
		qsort(si, cl.n, sizeof(sort_item), cmp_items);
		for (size_t k = 0; k < cl.n; k++)
			order[k] = si[k].idx;
		sentimen_free(a, si);
	}
	hmap_init(&exact, cl.n, a);
	hmap_init(&partial, 8, a);
	hmap_init(&initials, 8, a);
	ents = sentimen_arena_alloc(&r->arena, (cl.n ? cl.n : 1) * sizeof(sentimen_entity));
	type_votes = sentimen_alloc(a, (cl.n ? cl.n : 1) * sizeof(*type_votes));
	memset(type_votes, 0, (cl.n ? cl.n : 1) * sizeof(*type_votes));

	for (size_t oi = 0; oi < cl.n; oi++)
	{
		uint32_t	k = order[oi];
		cand	   *c = &cl.v[k];
		uint64_t	key = mi[k].key;
		int64_t		e = -1,
					al;
		int			pa;
		const char *alias_name = NULL;

		if (oi % 4096 == 0)
			sentimen_check_interrupts();
		if (c->type != SENTIMEN_ENT_DATE && (al = hmap_get(&alias, key)) >= 0 && al != k)
			key = mi[al].key;
		e = hmap_get(&exact, key);
		if (e < 0 && c->type == SENTIMEN_ENT_PERSON && mi[k].words <= 2)
			e = hmap_get(&partial, key);
		if (e < 0 && c->type == SENTIMEN_ENT_ORG && mi[k].words == 1 &&
			(toks[mi[k].nb].flags & SENTIMEN_TF_ALL_UPPER) && toks[mi[k].nb].norm_len >= 2)
			e = hmap_get(&initials, sentimen_hash64(toks[mi[k].nb].norm, toks[mi[k].nb].norm_len,
													UINT64_C(0x1417)));
		if (e < 0 && c->type == SENTIMEN_ENT_PERSON && (pa = person_alias(key)) >= 0)
		{
			/* a known nickname: the entity of its full name */
			alias_name = person_aliases[pa][1];
			key = phrase_key(alias_name, KEY_SEED_NAME);
			e = hmap_get(&exact, key);
			if (e >= 0)
				hmap_put(&exact, mi[k].key, (uint32_t) e);
		}
		if (e < 0)
		{
			sentimen_entity *en = &ents[ne];

			memset(en, 0, sizeof(*en));
			en->type = c->type;
			if (c->ov >= 0)
			{
				en->name = sentimen_arena_strndup(&r->arena, ov->names[c->ov],
												  ov->name_lens[c->ov]);
				en->name_len = ov->name_lens[c->ov];
			}
			else if (alias_name)
			{
				en->name_len = strlen(alias_name);
				en->name = sentimen_arena_strndup(&r->arena, alias_name, en->name_len);
			}
			else
				en->name = join_surface(toks, mi[k].nb, mi[k].ne, &r->arena, &en->name_len);
			en->first = k;
			e = (int64_t) ne++;
			hmap_put(&exact, key, (uint32_t) e);
			if (key != mi[k].key)
				hmap_put(&exact, mi[k].key, (uint32_t) e);
			if (c->type == SENTIMEN_ENT_PERSON && mi[k].words >= 2)
			{
				/* every word, and every pair of adjacent words, of a full name */
				for (size_t i = mi[k].nb; i < mi[k].ne; i++)
				{
					if (toks[i].type == SENTIMEN_TOK_PUNCT)
						continue;
					hmap_put(&partial, norm_key(toks, i, i + 1, KEY_SEED_NAME), (uint32_t) e);
					if (i + 1 < mi[k].ne)
						hmap_put(&partial, norm_key(toks, i, i + 2, KEY_SEED_NAME), (uint32_t) e);
				}
			}
			if (c->type == SENTIMEN_ENT_ORG && mi[k].words >= 2)
			{
				size_t		ni;
				uint64_t	ik = initials_key(toks, mi[k].nb, mi[k].ne, &ni);

				if (ni >= 2)
					hmap_put(&initials, ik, (uint32_t) e);
			}
		}
		else
			hmap_put(&exact, mi[k].key, (uint32_t) e);
		ent_of[k] = (uint32_t) e;
		/* the gazetteer's type outvotes the tagger's */
		type_votes[e][c->type] += c->ov >= 0 ? 1000000 : 1;
		if (k < ents[e].first)
			ents[e].first = k;
	}

	/* mentions in text order */
	r->n_mentions = cl.n;
	r->mentions = sentimen_arena_alloc(&r->arena, (cl.n ? cl.n : 1) * sizeof(sentimen_mention));
	for (size_t k = 0; k < cl.n; k++)
	{
		cand	   *c = &cl.v[k];
		sentimen_mention *m = &r->mentions[k];
		const sentimen_ntoken *tb = &toks[c->b],
				   *te = &toks[c->e - 1];

		m->type = c->type;
		m->start = tb->start;
		m->len = te->start + te->len - tb->start;
		m->cp_start = tb->cp_start;
		m->cp_len = te->cp_start + te->cp_len - tb->cp_start;
		m->sentence = c->sent;
		m->entity = ent_of[k];
		ents[ent_of[k]].mentions++;
	}

	/* type by vote; salience from frequency, position and the lead sentence */
	{
		uint32_t	max_m = 1;

		for (size_t e = 0; e < ne; e++)
		{
			sentimen_entity *en = &ents[e];
			uint32_t	best = type_votes[e][en->type];

			if (en->type != SENTIMEN_ENT_DATE)
				for (int t = 1; t < SENTIMEN_ENT_NTYPES; t++)
					if (t != SENTIMEN_ENT_DATE && type_votes[e][t] > best)
					{
						best = type_votes[e][t];
						en->type = (sentimen_entity_type) t;
					}
			if (en->mentions > max_m)
				max_m = en->mentions;
		}
		for (size_t e = 0; e < ne; e++)
		{
			sentimen_entity *en = &ents[e];
			const sentimen_mention *fm = &r->mentions[en->first];
			double		pos = len ? (double) fm->start / (double) len : 0;
			double		s = 0.5 * en->mentions / max_m + 0.3 * (1.0 - pos) +
				(fm->sentence == 0 ? 0.2 : 0.0);

			if (en->type == SENTIMEN_ENT_DATE)
				s *= 0.5;
			en->salience = s < 0 ? 0 : s > 1 ? 1 : s;
		}
	}

	/* sentiment toward each entity: the mean reading of its sentences */
	if (sentiment && ne > 0)
	{
		double	   *sum = sentimen_alloc(a, ne * SENTIMEN_MAX_CLASSES * sizeof(double));
		double	   *ssum = sentimen_alloc(a, ne * sizeof(double));
		uint32_t   *nsent = sentimen_alloc(a, ne * sizeof(uint32_t));
		int64_t    *last = sentimen_alloc(a, ne * sizeof(int64_t));
		uint32_t	nc = sentiment->n_classes;

		memset(sum, 0, ne * SENTIMEN_MAX_CLASSES * sizeof(double));
		memset(ssum, 0, ne * sizeof(double));
		memset(nsent, 0, ne * sizeof(uint32_t));
		for (size_t e = 0; e < ne; e++)
			last[e] = -1;
		for (size_t k = 0; k < cl.n;)
		{
			uint32_t	s = cl.v[k].sent;
			size_t		kend = k;
			bool		need = false;

			while (kend < cl.n && cl.v[kend].sent == s)
			{
				if (r->mentions[kend].type != SENTIMEN_ENT_DATE)
					need = true;
				kend++;
			}
			if (need)
			{
				size_t		sb = sents[s],
							se = s + 1 < ns ? sents[s + 1] : n;
				size_t		b0 = toks[sb].start,
							b1 = toks[se - 1].start + toks[se - 1].len;
				sentimen_result res;

				sent_tokens src = {toks + sb, se - sb, b0};

				sentimen_classify_tokens(sentiment, text + b0, b1 - b0, sent_tokens_next, &src,
										 &res, a);
				for (size_t j = k; j < kend; j++)
				{
					uint32_t	e = r->mentions[j].entity;

					if (last[e] == (int64_t) s)
						continue;
					last[e] = s;
					nsent[e]++;
					ssum[e] += res.score;
					for (uint32_t c = 0; c < nc; c++)
						sum[e * SENTIMEN_MAX_CLASSES + c] += res.probs[c];
				}
			}
			k = kend;
		}
		for (size_t e = 0; e < ne; e++)
		{
			sentimen_entity *en = &ents[e];

			if (en->type == SENTIMEN_ENT_DATE || nsent[e] == 0)
				continue;
			en->has_sentiment = true;
			en->score = ssum[e] / nsent[e];
			en->label = 0;
			for (uint32_t c = 0; c < nc; c++)
				if (sum[e * SENTIMEN_MAX_CLASSES + c] > sum[e * SENTIMEN_MAX_CLASSES + en->label])
					en->label = (int) c;
			en->confidence = sum[e * SENTIMEN_MAX_CLASSES + en->label] / nsent[e];
		}
		sentimen_free(a, sum);
		sentimen_free(a, ssum);
		sentimen_free(a, nsent);
		sentimen_free(a, last);
	}

	/* most salient first; renumber the mentions' entity indexes */
	{
		sort_item  *eo = sentimen_alloc(a, (ne ? ne : 1) * sizeof(sort_item));
		uint32_t   *rank = sentimen_alloc(a, (ne ? ne : 1) * sizeof(uint32_t));

		/* salience descending, ties by first mention (entities are created in no text order) */
		for (size_t e = 0; e < ne; e++)
		{
			eo[e].key = -ents[e].salience * 4294967296.0 + ents[e].first;
			eo[e].idx = (uint32_t) e;
		}
		qsort(eo, ne, sizeof(sort_item), cmp_items);
		r->entities = sentimen_arena_alloc(&r->arena, (ne ? ne : 1) * sizeof(sentimen_entity));
		for (size_t i = 0; i < ne; i++)
		{
			r->entities[i] = ents[eo[i].idx];
			rank[eo[i].idx] = (uint32_t) i;
		}
		r->n_entities = ne;
		for (size_t k = 0; k < cl.n; k++)
			r->mentions[k].entity = rank[r->mentions[k].entity];
		sentimen_free(a, eo);
		sentimen_free(a, rank);
	}

	hmap_free(&exact);
	hmap_free(&partial);
	hmap_free(&initials);
	hmap_free(&alias);
	sentimen_free(a, type_votes);
	sentimen_free(a, order);
	sentimen_free(a, ent_of);
	sentimen_free(a, mi);
	if (cl.v)
		sentimen_free(a, cl.v);
	sentimen_free(a, tags);
	sentimen_free(a, toks);
	sentimen_free(a, sents);
}

void
sentimen_entities_free(sentimen_entity_result *r)
{
	sentimen_arena_free(&r->arena);
	memset(r, 0, sizeof(*r));
}
