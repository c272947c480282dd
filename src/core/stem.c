/*
 * stem.c: light Indonesian affix stripping (see stem.h).
 */
#include "stem.h"

#include <stdbool.h>
#include <string.h>

#define MIN_ROOT 3

static void
add(sentimen_stem_candidates *c, const char *pre, const char *s, size_t len)
{
	size_t		plen = pre ? strlen(pre) : 0;

	if (c->n >= SENTIMEN_STEM_MAX_CANDIDATES || len + plen < MIN_ROOT ||
		len + plen >= SENTIMEN_STEM_MAX_LEN)
		return;
	for (int i = 0; i < c->n; i++)
		if (c->len[i] == len + plen && memcmp(c->word[i], pre ? pre : "", plen) == 0 &&
			memcmp(c->word[i] + plen, s, len) == 0)
			return;
	if (plen)
		memcpy(c->word[c->n], pre, plen);
	memcpy(c->word[c->n] + plen, s, len);
	c->word[c->n][len + plen] = '\0';
	c->len[c->n] = len + plen;
	c->n++;
}

static inline bool
is_vowel(char ch)
{
	return ch == 'a' || ch == 'e' || ch == 'i' || ch == 'o' || ch == 'u';
}

static inline bool
starts(const char *w, size_t len, const char *p)
{
	size_t		n = strlen(p);

	return len > n && memcmp(w, p, n) == 0;
}

/*
 * Strip one prefix from w and add the roots it may hide.  Returns true when a
 * prefix was found.
 */
static bool
strip_prefix(const char *w, size_t len, sentimen_stem_candidates *c)
{
	const char *r;
	size_t		rl;

	/* meN- and peN- with their sound changes */
	if (starts(w, len, "me") || starts(w, len, "pe"))
	{
		bool		pe = w[0] == 'p';

		if (starts(w + 2, len - 2, "ng"))
		{
			r = w + 4;
			rl = len - 4;
			if (rl && is_vowel(r[0]))
			{
				add(c, NULL, r, rl);	/* mengambil -> ambil */
				add(c, "k", r, rl); /* mengirim -> kirim */
			}
			else
				add(c, NULL, r, rl);	/* menggugat -> gugat */
			return true;
		}
		if (starts(w + 2, len - 2, "ny"))
		{
			r = w + 4;
			rl = len - 4;
			add(c, "s", r, rl); /* menyerang -> serang */
			add(c, "ny", r, rl);
			return true;
		}
		if (w[2] == 'n' && len > 3)
		{
			r = w + 3;
			rl = len - 3;
			if (is_vowel(r[0]))
			{
				add(c, "t", r, rl); /* menulis -> tulis */
				add(c, "n", r, rl); /* menikah -> nikah */
			}
			else
				add(c, NULL, r, rl);	/* mendukung -> dukung */
			return true;
		}
		if (w[2] == 'm' && len > 3)
		{
			r = w + 3;
			rl = len - 3;
			if (starts(r, rl, "per"))
			{
				add(c, NULL, r + 3, rl - 3);	/* memperbaiki -> baiki */
				return true;
			}
			if (is_vowel(r[0]))
			{
				add(c, "p", r, rl); /* memukul -> pukul */
				add(c, "m", r, rl); /* memakan -> makan */
			}
			else
				add(c, NULL, r, rl);	/* membantu -> bantu */
			return true;
		}
		if (pe && w[2] == 'r' && len > 3)
		{
			add(c, NULL, w + 3, len - 3);	/* perbaikan -> baik */
			add(c, "r", w + 3, len - 3);
			return true;
		}
		if (pe && w[2] == 'l' && starts(w + 3, len - 3, "ajar"))
		{
			add(c, NULL, w + 3, len - 3);	/* pelajar -> ajar */
			return true;
		}
		/* me- before l, r, w, y: melihat -> lihat */
		add(c, NULL, w + 2, len - 2);
		return true;
	}
	if (starts(w, len, "diper"))
	{
		add(c, NULL, w + 5, len - 5);
		return true;
	}
	if (starts(w, len, "di") || starts(w, len, "ke") || starts(w, len, "se"))
	{
		add(c, NULL, w + 2, len - 2);
		return true;
	}
	if (starts(w, len, "ter") || starts(w, len, "ber"))
	{
		add(c, NULL, w + 3, len - 3);	/* terbakar -> bakar */
		add(c, "r", w + 3, len - 3);	/* terasa -> rasa */
		return true;
	}
	if (starts(w, len, "bel") && starts(w + 3, len - 3, "ajar"))
	{
		add(c, NULL, w + 3, len - 3);
		return true;
	}
	if (starts(w, len, "be") && len > 3 && w[2] == 'k')
	{
		add(c, NULL, w + 2, len - 2);	/* bekerja -> kerja */
		return true;
	}
	return false;
}

int
sentimen_stem_candidates_of(const char *w, size_t len, sentimen_stem_candidates *c)
{
	size_t		bases_len[3];
	int			nb = 0;

	c->n = 0;
	if (len < 5 || len >= SENTIMEN_STEM_MAX_LEN)
		return 0;
	for (size_t i = 0; i < len; i++)
		if (w[i] < 'a' || w[i] > 'z')
			return 0;

	/* suffix-stripped bases */
	if (len >= 3 + MIN_ROOT && memcmp(w + len - 3, "kan", 3) == 0)
		bases_len[nb++] = len - 3;
	else if (len >= 2 + MIN_ROOT && memcmp(w + len - 2, "an", 2) == 0)
		bases_len[nb++] = len - 2;
	if (len >= 1 + 4 && w[len - 1] == 'i')
		bases_len[nb++] = len - 1;

	/* prefix and suffix stripped, then prefix only, then suffix only */
	for (int b = 0; b < nb; b++)
		strip_prefix(w, bases_len[b], c);
	strip_prefix(w, len, c);
	for (int b = 0; b < nb; b++)
		add(c, NULL, w, bases_len[b]);
	return c->n;
}
