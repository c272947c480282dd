/*
 * dates.c: rule-based date and time spans (see dates.h).
 */
#include "dates.h"
#include "hash.h"
#include "wordset.h"

#include <string.h>

static const char *const months_full[] = {
	"januari", "februari", "pebruari", "maret", "april", "mei", "juni", "juli",
	"agustus", "september", "oktober", "nopember", "november", "desember",
	"january", "february", "march", "may", "june", "july", "august", "october",
	"december", NULL
};

/* abbreviations count only next to a day number or a year */
static const char *const months_abbr[] = {
	"jan", "feb", "peb", "mar", "apr", "jun", "jul", "agu", "agt", "ags", "aug",
	"sep", "sept", "okt", "oct", "nov", "nop", "des", "dec", NULL
};

static const char *const weekdays[] = {
	"senin", "selasa", "rabu", "kamis", "jumat", "jum'at", "sabtu", "minggu", "ahad",
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", NULL
};

/* words after a month or weekday that make it a date: "Desember lalu" */
static const char *const relative_after[] = {
	"lalu", "kemarin", "depan", "mendatang", "ini", "nanti", NULL
};

/* words before a bare month or year that make it a date: "pada April" */
static const char *const cue_before[] = {
	"pada", "sejak", "hingga", "sampai", "awal", "akhir", "pertengahan", "bulan",
	"tahun", "medio", "per", "selama", "jelang", "menjelang", "tanggal", "tgl", NULL
};

static const char *const time_zones[] = {
	"wib", "wita", "wit", "gmt", "utc", "pagi", "siang", "sore", "malam", "dini", NULL
};

/* word classes, looked up by the hash of a token's normal form */
#define C_MONTH		0x01
#define C_MONTH_ABBR 0x02
#define C_WEEKDAY	0x04
#define C_RELATIVE	0x08
#define C_CUE		0x10
#define C_ZONE		0x20
#define C_PUKUL		0x40

static sentimen_wordset classes;

static uint32_t
word_class(uint64_t hash)
{
	if (!classes.ready)
	{
		static const char *const pukul[] = {"pukul", NULL};

		sentimen_wordset_add(&classes, months_full, C_MONTH);
		sentimen_wordset_add(&classes, months_abbr, C_MONTH_ABBR);
		sentimen_wordset_add(&classes, weekdays, C_WEEKDAY);
		sentimen_wordset_add(&classes, relative_after, C_RELATIVE);
		sentimen_wordset_add(&classes, cue_before, C_CUE);
		sentimen_wordset_add(&classes, time_zones, C_ZONE);
		sentimen_wordset_add(&classes, pukul, C_PUKUL);
	}
	return sentimen_wordset_get(&classes, hash);
}

bool
sentimen_is_month_word(const char *norm, size_t len)
{
	return (word_class(sentimen_hash64(norm, len, 0)) & C_MONTH) != 0;
}

bool
sentimen_is_weekday_word(const char *norm, size_t len)
{
	return (word_class(sentimen_hash64(norm, len, 0)) & C_WEEKDAY) != 0;
}

#define W(i, cls) ((i) < n && (word_class(toks[i].hash) & (cls)) != 0)

static bool
all_digits(const sentimen_ntoken *t, size_t minlen, size_t maxlen)
{
	if (t->len < minlen || t->len > maxlen)
		return false;
	for (size_t k = 0; k < t->len; k++)
		if (t->surface[k] < '0' || t->surface[k] > '9')
			return false;
	return true;
}

static int
num_value(const sentimen_ntoken *t)
{
	int			v = 0;

	for (size_t k = 0; k < t->len; k++)
		v = v * 10 + (t->surface[k] - '0');
	return v;
}

static bool
is_daynum(const sentimen_ntoken *toks, size_t n, size_t i)
{
	return i < n && all_digits(&toks[i], 1, 2) && num_value(&toks[i]) >= 1 &&
		num_value(&toks[i]) <= 31;
}

static bool
is_year(const sentimen_ntoken *toks, size_t n, size_t i)
{
	return i < n && all_digits(&toks[i], 4, 4) && num_value(&toks[i]) >= 1900 &&
		num_value(&toks[i]) <= 2100;
}

static bool
is_month(const sentimen_ntoken *toks, size_t n, size_t i, bool allow_abbr)
{
	if (i >= n || toks[i].type != SENTIMEN_TOK_WORD)
		return false;
	/* "Jan." keeps its dot in the surface; the norm drops it */
	return (word_class(toks[i].hash) & (allow_abbr ? C_MONTH | C_MONTH_ABBR : C_MONTH)) != 0;
}

static bool
is_weekday(const sentimen_ntoken *toks, size_t n, size_t i)
{
	return i < n && toks[i].type == SENTIMEN_TOK_WORD && W(i, C_WEEKDAY);
}

static bool
is_punct(const sentimen_ntoken *toks, size_t n, size_t i, char c)
{
	return i < n && toks[i].len == 1 && toks[i].surface[0] == c;
}

/* d/m, d/m/y, y-m-d: a number token with a slash or dash that reads as a date */
static bool
is_numeric_date(const sentimen_ntoken *t)
{
	int			parts[3] = {0, 0, 0},
				digits[3] = {0, 0, 0},
				np = 0;
	char		sep = 0;

	if (t->type != SENTIMEN_TOK_NUMBER)
		return false;
	for (size_t k = 0; k < t->len; k++)
	{
		char		c = t->surface[k];

		if (c >= '0' && c <= '9')
		{
			if (digits[np] >= 4)
				return false;
			parts[np] = parts[np] * 10 + (c - '0');
			digits[np]++;
		}
		else if ((c == '/' || c == '-') && (sep == 0 || sep == c) && np < 2 && digits[np] > 0)
		{
			sep = c;
			np++;
		}
		else
			return false;
	}
	if (sep == 0 || digits[np] == 0)
		return false;
	if (np == 1)
	{
		/* "12/3"; "2014-2019" is a range of years */
		if (sep == '-' && digits[0] == 4 && digits[1] == 4)
			return parts[0] >= 1900 && parts[1] <= 2100;
		return sep == '/' && digits[0] <= 2 && digits[1] <= 2 &&
			parts[0] >= 1 && parts[0] <= 31 && parts[1] >= 1 && parts[1] <= 12;
	}
	if (digits[0] == 4)			/* 2024-03-12 */
		return parts[1] >= 1 && parts[1] <= 12 && parts[2] >= 1 && parts[2] <= 31;
	return digits[0] <= 2 && digits[1] <= 2 && (digits[2] == 2 || digits[2] == 4) &&
		parts[0] >= 1 && parts[0] <= 31 && parts[1] >= 1 && parts[1] <= 12;
}

/* "10.00", "10:30", "9" as a clock time */
static bool
is_clock(const sentimen_ntoken *t)
{
	int			h = 0,
				m = 0,
				hd = 0,
				md = 0;
	bool		sep = false;

	if (t->type != SENTIMEN_TOK_NUMBER)
		return false;
	for (size_t k = 0; k < t->len; k++)
	{
		char		c = t->surface[k];

		if (c >= '0' && c <= '9')
		{
			if (sep)
				m = m * 10 + (c - '0'), md++;
			else
				h = h * 10 + (c - '0'), hd++;
			/* a clock has at most 2 + 2 digits; stop before a long number overflows int (UBSan, fuzz_entities) */
			if (hd > 2 || md > 2)
				return false;
		}
		else if ((c == '.' || c == ':') && !sep)
			sep = true;
		else
			return false;
	}
	if (hd == 0 || hd > 2 || h > 24)
		return false;
	return !sep || (md == 2 && m < 60);
}

/*
 * Length (tokens) of the calendar date starting at i, 0 if none:
 * "25 April 2023", "25 April", "April 2023", "April 25, 2023", "12/3/2024".
 */
static size_t
calendar_date(const sentimen_ntoken *toks, size_t n, size_t i)
{
	if (i < n && is_numeric_date(&toks[i]))
	{
		/*
		 * "12/3" alone could be a score or a fraction: only in a dateline's
		 * parentheses "(12/3)" or after a cue word; "12/3/2024" always.
		 */
		int			slashes = 0;
		bool		short_form;

		for (size_t k = 0; k < toks[i].len; k++)
			slashes += toks[i].surface[k] == '/';
		short_form = slashes == 1;

		if (!short_form ||
			(i > 0 && is_punct(toks, n, i - 1, '(') && is_punct(toks, n, i + 1, ')')) ||
			(i > 0 && (W(i - 1, C_CUE) || is_weekday(toks, n, i - 1))))
			return 1;
	}
	if (is_daynum(toks, n, i) && is_month(toks, n, i + 1, true))
	{
		/* 25 April 2023; a trailing "2023" only if it reads as a year */
		return is_year(toks, n, i + 2) ? 3 : 2;
	}
	if (is_month(toks, n, i, false) || (is_month(toks, n, i, true) && is_year(toks, n, i + 1)))
	{
		if (is_year(toks, n, i + 1))
			return 2;
		if (is_daynum(toks, n, i + 1))
		{
			/* April 25, 2023 */
			if (is_punct(toks, n, i + 2, ',') && is_year(toks, n, i + 3))
				return 4;
			return is_year(toks, n, i + 2) ? 3 : 2;
		}
	}
	return 0;
}

/* Length of the date or time expression starting at i, 0 if none. */
static size_t
date_at(const sentimen_ntoken *toks, size_t n, size_t i)
{
	size_t		k;

	if (toks[i].type != SENTIMEN_TOK_WORD && toks[i].type != SENTIMEN_TOK_NUMBER)
		return 0;

	/* weekday, optionally followed by a date: "Senin (12/3)", "Senin, 12 Maret 2023" */
	if (is_weekday(toks, n, i))
	{
		size_t		j = i + 1;

		if (is_punct(toks, n, j, '(') && j + 2 < n && is_numeric_date(&toks[j + 1]) &&
			is_punct(toks, n, j + 2, ')'))
			return 4;
		if (is_punct(toks, n, j, ',') && (k = calendar_date(toks, n, j + 1)) > 0)
			return 2 + k;
		if ((k = calendar_date(toks, n, j)) > 0)
			return 1 + k;
		if (W(j, C_RELATIVE))
			return 2;
		/* "minggu" is also "week": only the capitalised weekday stands alone */
		if (toks[i].flags & SENTIMEN_TF_UPPER_INITIAL)
			return 1;
		return 0;
	}

	/* clock times: "pukul 10.00 WIB" */
	if (W(i, C_PUKUL) && i + 1 < n && is_clock(&toks[i + 1]))
	{
		k = 2;
		if (is_punct(toks, n, i + 2, '-') && i + 3 < n && is_clock(&toks[i + 3]))
			k = 4;
		if (W(i + k, C_ZONE))
			k++;
		return k;
	}

	if ((k = calendar_date(toks, n, i)) > 0)
		return k;

	/* "Desember lalu", "pada April", "tahun 2023" */
	if (is_month(toks, n, i, false))
	{
		if (W(i + 1, C_RELATIVE))
			return 2;
		if (i > 0 && W(i - 1, C_CUE))
			return 1;
		return 0;
	}
	if (is_year(toks, n, i) && i > 0 && W(i - 1, C_CUE))
		return 1;
	return 0;
}

size_t
sentimen_dates_mark(sentimen_ntoken *toks, size_t n)
{
	size_t		spans = 0;

	for (size_t i = 0; i < n; i++)
		toks[i].in_date = toks[i].date_begin = false;
	for (size_t i = 0; i < n;)
	{
		size_t		k;

		/* every rule starts at a number or a word of one of the classes */
		if (toks[i].type != SENTIMEN_TOK_NUMBER &&
			(toks[i].type != SENTIMEN_TOK_WORD || word_class(toks[i].hash) == 0))
		{
			i++;
			continue;
		}
		k = date_at(toks, n, i);

		if (k == 0)
		{
			i++;
			continue;
		}
		/* a clock time right after a date joins it: "Senin (12/3) pukul 10.00 WIB" */
		while (i + k < n && W(i + k, C_PUKUL) && date_at(toks, n, i + k) > 0)
			k += date_at(toks, n, i + k);
		toks[i].date_begin = true;
		for (size_t j = i; j < i + k; j++)
			toks[j].in_date = true;
		spans++;
		i += k;
	}
	return spans;
}
