/*
 * tokenize.c: streaming Indonesian tokeniser (see tokenize.h).
 */
#include "tokenize.h"
#include "hash.h"
#include "lexicon.h"
#include "utf8.h"

#include <string.h>
#include <utf8proc.h>

enum cclass
{
	C_SPACE,
	C_NEWLINE,
	C_LETTER,
	C_MARK,
	C_DIGIT,
	C_PUNCT,
	C_SYMBOL,
	C_IGNORABLE,				/* format characters: ZWJ, soft hyphen, BOM, LRM */
	C_INVALID
};

static const unsigned char ascii_class[128] = {
	/* 0x00-0x1f: controls are spaces, except line breaks */
	C_SPACE, C_SPACE, C_SPACE, C_SPACE, C_SPACE, C_SPACE, C_SPACE, C_SPACE,
	C_SPACE, C_SPACE, C_NEWLINE, C_SPACE, C_SPACE, C_NEWLINE, C_SPACE, C_SPACE,
	C_SPACE, C_SPACE, C_SPACE, C_SPACE, C_SPACE, C_SPACE, C_SPACE, C_SPACE,
	C_SPACE, C_SPACE, C_SPACE, C_SPACE, C_SPACE, C_SPACE, C_SPACE, C_SPACE,
	/* space ! " # $ % & ' ( ) * + , - . / */
	C_SPACE, C_PUNCT, C_PUNCT, C_PUNCT, C_SYMBOL, C_PUNCT, C_PUNCT, C_PUNCT,
	C_PUNCT, C_PUNCT, C_PUNCT, C_SYMBOL, C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT,
	/* 0-9 : ; < = > ? */
	C_DIGIT, C_DIGIT, C_DIGIT, C_DIGIT, C_DIGIT, C_DIGIT, C_DIGIT, C_DIGIT,
	C_DIGIT, C_DIGIT, C_PUNCT, C_PUNCT, C_SYMBOL, C_SYMBOL, C_SYMBOL, C_PUNCT,
	/* @ A-O */
	C_PUNCT, C_LETTER, C_LETTER, C_LETTER, C_LETTER, C_LETTER, C_LETTER, C_LETTER,
	C_LETTER, C_LETTER, C_LETTER, C_LETTER, C_LETTER, C_LETTER, C_LETTER, C_LETTER,
	/* P-Z [ \ ] ^ _ */
	C_LETTER, C_LETTER, C_LETTER, C_LETTER, C_LETTER, C_LETTER, C_LETTER, C_LETTER,
	C_LETTER, C_LETTER, C_LETTER, C_PUNCT, C_PUNCT, C_PUNCT, C_SYMBOL, C_PUNCT,
	/* ` a-o */
	C_SYMBOL, C_LETTER, C_LETTER, C_LETTER, C_LETTER, C_LETTER, C_LETTER, C_LETTER,
	C_LETTER, C_LETTER, C_LETTER, C_LETTER, C_LETTER, C_LETTER, C_LETTER, C_LETTER,
	/* p-z { | } ~ DEL */
	C_LETTER, C_LETTER, C_LETTER, C_LETTER, C_LETTER, C_LETTER, C_LETTER, C_LETTER,
	C_LETTER, C_LETTER, C_LETTER, C_PUNCT, C_SYMBOL, C_PUNCT, C_SYMBOL, C_SPACE
};

static int
cclass_of(int32_t cp)
{
	if (cp < 0)
		return C_INVALID;
	if (cp < 128)
		return ascii_class[cp];
	if (cp == 0x85)
		return C_NEWLINE;
	switch (utf8proc_category(cp))
	{
		case UTF8PROC_CATEGORY_LU:
		case UTF8PROC_CATEGORY_LL:
		case UTF8PROC_CATEGORY_LT:
		case UTF8PROC_CATEGORY_LM:
		case UTF8PROC_CATEGORY_LO:
			return C_LETTER;
		case UTF8PROC_CATEGORY_MN:
		case UTF8PROC_CATEGORY_MC:
		case UTF8PROC_CATEGORY_ME:
			return C_MARK;
		case UTF8PROC_CATEGORY_ND:
			return C_DIGIT;
		case UTF8PROC_CATEGORY_PC:
		case UTF8PROC_CATEGORY_PD:
		case UTF8PROC_CATEGORY_PS:
		case UTF8PROC_CATEGORY_PE:
		case UTF8PROC_CATEGORY_PI:
		case UTF8PROC_CATEGORY_PF:
		case UTF8PROC_CATEGORY_PO:
			return C_PUNCT;
		case UTF8PROC_CATEGORY_ZS:
		case UTF8PROC_CATEGORY_CC:
			return C_SPACE;
		case UTF8PROC_CATEGORY_ZL:
		case UTF8PROC_CATEGORY_ZP:
			return C_NEWLINE;
		case UTF8PROC_CATEGORY_CF:
			return C_IGNORABLE;
		default:
			return C_SYMBOL;
	}
}

static inline int
peek(const sentimen_tokenizer *tz, size_t pos, int32_t *cp)
{
	if (pos >= tz->len)
	{
		*cp = -2;
		return 0;
	}
	return sentimen_utf8_decode((const unsigned char *) tz->text + pos, tz->len - pos, cp);
}

static inline int
class_at(const sentimen_tokenizer *tz, size_t pos, int32_t *cp_out)
{
	int32_t		cp;

	peek(tz, pos, &cp);
	if (cp_out)
		*cp_out = cp;
	if (cp == -2)
		return -1;
	return cclass_of(cp);
}

/*
 * A single token can be as long as the text (100 MB of letters, one URL, a
 * run of "!"): its scanning and normalising loops check for interrupts every
 * SCAN_CHECK_BYTES, as the token loop does every few thousand tokens.
 */
#define SCAN_CHECK_BYTES ((size_t) 1 << 20)

static inline void
scan_check(size_t p, size_t *next)
{
	if (p >= *next)
	{
		sentimen_check_interrupts();
		*next = p + SCAN_CHECK_BYTES;
	}
}

static inline bool
is_alnum_class(int c)
{
	return c == C_LETTER || c == C_DIGIT || c == C_MARK;
}

static inline char
lower_ascii(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char) (c + 32) : c;
}

void
sentimen_tokenizer_init(sentimen_tokenizer *tz, const char *text, size_t len,
						int options, const sentimen_allocator *a)
{
	memset(tz, 0, sizeof(*tz));
	tz->text = text;
	tz->len = len;
	tz->options = options;
	sentimen_normalizer_init(&tz->normalizer, a);
	sentimen_buf_init(&tz->norm, a);
}

void
sentimen_tokenizer_free(sentimen_tokenizer *tz)
{
	sentimen_normalizer_free(&tz->normalizer);
	sentimen_buf_free(&tz->norm);
}

const char *
sentimen_token_type_name(sentimen_token_type t)
{
	switch (t)
	{
		case SENTIMEN_TOK_WORD:
			return "word";
		case SENTIMEN_TOK_NUMBER:
			return "number";
		case SENTIMEN_TOK_URL:
			return "url";
		case SENTIMEN_TOK_EMAIL:
			return "email";
		case SENTIMEN_TOK_MENTION:
			return "mention";
		case SENTIMEN_TOK_HASHTAG:
			return "hashtag";
		case SENTIMEN_TOK_PUNCT:
			return "punct";
		case SENTIMEN_TOK_SYMBOL:
			return "symbol";
	}
	return "?";
}

/* case-insensitive ASCII prefix test at pos (pfx is lower case, n its length) */
static bool
ascii_prefix_ci_n(const sentimen_tokenizer *tz, size_t pos, const char *pfx, size_t n)
{

	if (tz->len - pos < n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (lower_ascii(tz->text[pos + i]) != pfx[i])
			return false;
	return true;
}

#define ascii_prefix_ci(tz, pos, lit) ascii_prefix_ci_n((tz), (pos), (lit), sizeof(lit) - 1)

static const struct
{
	const char *name;
	size_t		len;
}			tlds[] = {
#define TLD(s) {s, sizeof(s) - 1}
	TLD("com"), TLD("id"), TLD("co"), TLD("net"), TLD("org"), TLD("go"), TLD("ac"), TLD("or"),
	TLD("sch"), TLD("info"), TLD("tv"), TLD("io"), TLD("news"), TLD("me"), TLD("biz"),
	TLD("my"), TLD("sg"), TLD("web"), TLD("mil"), TLD("gov"), TLD("edu"), TLD("uk"), TLD("au"),
	{NULL, 0}
#undef TLD
};

/* If text[pos] starts ".tld" followed by a non-alphanumeric, return its length. */
static size_t
tld_at(const sentimen_tokenizer *tz, size_t pos)
{
	if (pos + 2 >= tz->len || tz->text[pos] != '.')
		return 0;
	/* a "." after a word is mostly a full stop: a TLD starts with a letter */
	if (!(tz->text[pos + 1] >= 'a' && tz->text[pos + 1] <= 'z') &&
		!(tz->text[pos + 1] >= 'A' && tz->text[pos + 1] <= 'Z'))
		return 0;
	for (int i = 0; tlds[i].name; i++)
	{
		size_t		n = tlds[i].len;
		int			c;

		if (lower_ascii(tz->text[pos + 1]) == tlds[i].name[0] &&
			ascii_prefix_ci_n(tz, pos + 1, tlds[i].name, n))
		{
			c = class_at(tz, pos + 1 + n, NULL);
			if (c != C_LETTER && c != C_DIGIT && c != C_MARK)
				return n + 1;
		}
	}
	return 0;
}

/* Scan a URL starting at pos; returns its end. */
static size_t
scan_url(const sentimen_tokenizer *tz, size_t pos)
{
	size_t		p = pos;
	size_t		check = pos + SCAN_CHECK_BYTES;
	size_t		back = 0;

	while (p < tz->len)
	{
		int32_t		cp;
		int			k = peek(tz, p, &cp);
		int			c = cclass_of(cp);

		if (c == C_SPACE || c == C_NEWLINE || c == C_INVALID || cp == '<' || cp == '>' ||
			cp == '"')
			break;
		p += k;
		scan_check(p, &check);
	}
	/* trailing punctuation belongs to the sentence, not the URL */
	check = SCAN_CHECK_BYTES;
	while (p > pos && strchr(".,;:!?)]}'\"", tz->text[p - 1]) != NULL)
	{
		p--;
		scan_check(++back, &check);
	}
	return p;
}

static bool
is_sentence_final(int32_t cp)
{
	return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026 /* … */ ;
}

static size_t
count_cps(const char *s, size_t len)
{
	return sentimen_utf8_count(s, len);
}

/* Case flags of a word's surface form. */
static unsigned
case_flags(const char *s, size_t len)
{
	size_t		i = 0;
	int			letters = 0;
	int			upper = 0;
	bool		first_seen = false;
	unsigned	flags = 0;

	while (i < len)
	{
		int32_t		cp;
		int			k = sentimen_utf8_decode((const unsigned char *) s + i, len - i, &cp);
		int			cat;

		i += k;
		if (cp < 0)
			continue;
		if (cp >= 128)
			flags |= SENTIMEN_TF_NON_ASCII;
		if (cp < 128)
		{
			if (cp >= 'A' && cp <= 'Z')
				cat = UTF8PROC_CATEGORY_LU;
			else if (cp >= 'a' && cp <= 'z')
				cat = UTF8PROC_CATEGORY_LL;
			else
				cat = UTF8PROC_CATEGORY_ND;
		}
		else
			cat = utf8proc_category(cp);
		if (cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT)
		{
			letters++;
			upper++;
			if (!first_seen)
				flags |= SENTIMEN_TF_UPPER_INITIAL;
			first_seen = true;
		}
		else if (cat == UTF8PROC_CATEGORY_LL || cat == UTF8PROC_CATEGORY_LO ||
				 cat == UTF8PROC_CATEGORY_LM)
		{
			letters++;
			first_seen = true;
		}
	}
	if (letters >= 2 && upper == letters)
		flags |= SENTIMEN_TF_ALL_UPPER;
	return flags;
}

/*
 * Lower-case the ASCII word s[0..len) into out (room for len + 8 bytes), eight
 * bytes at a time: one step for most words instead of a loop whose exit is
 * mispredicted once per word.  `avail` bytes may be read from s (the rest of
 * the text); a step may read past the word into them and store past len in
 * out: those bytes are ignored.  Bytes past the word may be non-ASCII; their
 * carries move towards later bytes only (little-endian; elsewhere the byte
 * loop does it all), never into the word's.
 */
static inline void
lower_ascii_word(const char *s, size_t len, size_t avail, char *out)
{
	const uint64_t ones = UINT64_C(0x0101010101010101);
	size_t		i = 0;

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	for (; i < len && i + 8 <= avail; i += 8)
	{
		uint64_t	x,
					upper;

		memcpy(&x, s + i, 8);
		/* high bit of each byte: >= 'A' and not > 'Z' (bytes below 0x80) */
		upper = (x + ones * (0x80 - 'A')) & ~(x + ones * (0x80 - 'Z' - 1)) & (ones * 0x80);
		x |= upper >> 2;
		memcpy(out + i, &x, 8);
	}
#endif
	for (; i < len; i++)
		out[i] = lower_ascii(s[i]);
}

/* Collapse runs of 3+ identical ASCII letters to one; true if changed. */
static bool
collapse_elongation(sentimen_buf *b)
{
	size_t		w = 0;
	bool		changed = false;
	bool		any = false;

	for (size_t i = 2; i < b->len && !any; i++)
		any = b->data[i] == b->data[i - 1] && b->data[i] == b->data[i - 2];
	if (!any)
		return false;
	for (size_t r = 0; r < b->len;)
	{
		char		c = b->data[r];
		size_t		run = 1;

		while (r + run < b->len && b->data[r + run] == c)
			run++;
		if (run >= 3 && c >= 'a' && c <= 'z')
		{
			b->data[w++] = c;
			changed = true;
		}
		else
		{
			memmove(b->data + w, b->data + r, run);
			w += run;
		}
		r += run;
	}
	b->len = w;
	b->data[w] = '\0';
	return changed;
}

static void
set_norm(sentimen_tokenizer *tz, const char *s, size_t len)
{
	tz->norm.len = 0;
	sentimen_buf_append(&tz->norm, s, len);
}

/* the clitic a normalised word ends with, or NULL */
static const char *
clitic_suffix(const char *w, size_t len)
{
	static const char *const clitics[] = {"nya", "lah", "kah", "pun"};

	if (len < 6 || w[len - 4] == '-')
		return NULL;
	for (int i = 0; i < 4; i++)
		if (memcmp(w + len - 3, clitics[i], 3) == 0)
			return clitics[i];
	return NULL;
}

/*
 * The sentiment options on a word whose normal form is in *norm with hash h:
 * map slang and split a clitic.  Sets tok->hash (and shortens tok when a
 * clitic is split off); returns the clitic ("nya", ...) or NULL.
 */
static bool
map_slang(sentimen_token *tok, sentimen_buf *norm, uint64_t *h)
{
	const char *formal = sentimen_slang_lookup(norm->data, norm->len, *h);

	if (formal == NULL)
		return false;
	norm->len = 0;
	sentimen_buf_append(norm, formal, strlen(formal));
	tok->flags |= SENTIMEN_TF_SLANG;
	*h = sentimen_hash64(norm->data, norm->len, 0);
	return true;
}

static const char *
sentiment_options(int options, const char *surface, sentimen_token *tok, sentimen_buf *norm,
				  uint64_t h)
{
	const char *clitic = NULL;

	/*
	 * A slang word is replaced whole.  Otherwise split a clitic when the
	 * surface ends with it too (so offsets hold) and the word is not one that
	 * merely looks like it ("sekolah", "hanya").
	 */
	if ((options & SENTIMEN_TOKOPT_MAP_SLANG) && map_slang(tok, norm, &h))
		;
	else if ((options & SENTIMEN_TOKOPT_SPLIT_CLITICS) && !(tok->flags & SENTIMEN_TF_HAS_DIGIT) &&
			 tok->len >= 6 && (clitic = clitic_suffix(norm->data, norm->len)) != NULL &&
			 lower_ascii(surface[tok->len - 3]) == clitic[0] &&
			 lower_ascii(surface[tok->len - 2]) == clitic[1] &&
			 lower_ascii(surface[tok->len - 1]) == clitic[2] &&
			 !sentimen_clitic_exception(norm->data, norm->len, h))
	{
		/* the host keeps everything but the last three bytes */
		tok->len -= 3;
		tok->cp_len -= 3;
		tok->flags |= SENTIMEN_TF_HAS_CLITIC;
		norm->len -= 3;
		norm->data[norm->len] = '\0';
		h = sentimen_hash64(norm->data, norm->len, 0);
		/* the host itself may be informal: "gaknya" */
		if (options & SENTIMEN_TOKOPT_MAP_SLANG)
			(void) map_slang(tok, norm, &h);
	}
	else
		clitic = NULL;
	tok->hash = h;
	return clitic;
}

/*
 * Post-process a word: normalise, collapse elongation, detect reduplication,
 * map slang and split a clitic.  Sets tok->hash for the final norm.
 */
static void
finish_word(sentimen_tokenizer *tz, sentimen_token *tok, bool ascii, bool maybe_elongated)
{
	const char *surface = tz->text + tok->start;
	const char *clitic;
	uint64_t	h;
	bool		long_token = tok->len >= SCAN_CHECK_BYTES;

	/* each pass below is linear; a long token checks between them */
	if (long_token)
		sentimen_check_interrupts();
	tz->norm.len = 0;
	if (ascii)
	{
		/* NFKC + case folding of ASCII is lower-casing */
		sentimen_buf_reserve(&tz->norm, tok->len + 8);
		lower_ascii_word(surface, tok->len, (size_t) (tz->text + tz->len - surface),
						 tz->norm.data);
		tz->norm.len = tok->len;
		tz->norm.data[tok->len] = '\0';
	}
	else
		sentimen_normalize_append(&tz->normalizer, surface, tok->len, &tz->norm);
	if (tz->norm.data == NULL)
		set_norm(tz, "", 0);
	if (long_token)
		sentimen_check_interrupts();

	if (tok->type != SENTIMEN_TOK_WORD)
	{
		tok->hash = sentimen_hash64(tz->norm.data, tz->norm.len, 0);
		return;
	}

	if (!ascii)
		tok->flags |= case_flags(surface, tok->len);
	if (long_token)
		sentimen_check_interrupts();
	/* an ASCII word is known to need no collapsing when its scan saw no "aaa" */
	if ((!ascii || maybe_elongated) && collapse_elongation(&tz->norm))
		tok->flags |= SENTIMEN_TF_ELONGATED;
	if (long_token)
		sentimen_check_interrupts();

	if (tok->flags & SENTIMEN_TF_HYPHEN)
	{
		const char *hy = memchr(tz->norm.data, '-', tz->norm.len);

		if (hy)
		{
			size_t		l1 = (size_t) (hy - tz->norm.data);
			size_t		l2 = tz->norm.len - l1 - 1;

			if (l1 == l2 && memcmp(tz->norm.data, hy + 1, l1) == 0)
				tok->flags |= SENTIMEN_TF_REDUP;
		}
	}

	h = sentimen_hash64_avail(tz->norm.data, tz->norm.len, tz->norm.cap, 0);
	if (long_token)
		sentimen_check_interrupts();
	if (tz->options == 0)
	{
		tok->hash = h;
		return;
	}
	clitic = sentiment_options(tz->options, surface, tok, &tz->norm, h);
	if (clitic)
	{
		tz->pending = true;
		tz->pending_tok = *tok;
		tz->pending_tok.start = tok->start + tok->len;
		tz->pending_tok.len = 3;
		tz->pending_tok.cp_start = tok->cp_start + tok->cp_len;
		tz->pending_tok.cp_len = 3;
		tz->pending_tok.flags = SENTIMEN_TF_CLITIC;
		tz->pending_tok.newlines_before = 0;
		memcpy(tz->pending_norm, clitic, 4);
	}
}

/*
 * The sentiment view of a token read without the sentiment options: the same
 * code as the tokeniser's, so that a featuriser fed these tokens sees exactly
 * what it would see tokenising the text itself.
 */
int
sentimen_token_sentiment_view(const char *text, const sentimen_token *in, sentimen_buf *norm,
							  sentimen_token out[2])
{
	const char *clitic;

	out[0] = *in;
	if (in->type != SENTIMEN_TOK_WORD)
		return 1;
	norm->len = 0;
	sentimen_buf_append(norm, in->norm, in->norm_len);
	clitic = sentiment_options(SENTIMEN_TOKOPT_SENTIMENT, text + in->start, &out[0], norm, in->hash);
	out[0].norm = norm->data;
	out[0].norm_len = norm->len;
	if (clitic == NULL)
		return 1;
	out[1] = out[0];
	out[1].start = out[0].start + out[0].len;
	out[1].len = 3;
	out[1].cp_start = out[0].cp_start + out[0].cp_len;
	out[1].cp_len = 3;
	out[1].flags = SENTIMEN_TF_CLITIC;
	out[1].newlines_before = 0;
	out[1].norm = clitic;
	out[1].norm_len = 3;
	out[1].hash = sentimen_hash64(clitic, 3, 0);
	return 2;
}

/*
 * Scan a word or number starting at pos (a letter or digit).  Returns the end
 * and sets type/flags.
 */
static size_t
scan_word(sentimen_tokenizer *tz, size_t pos, sentimen_token *tok, bool *ascii,
		  bool *maybe_elongated)
{
	size_t		p = pos;
	int			prev = -1;
	bool		has_letter = false;
	bool		has_digit = false;
	bool		date_sep = false;
	int			letters = 0;
	int			upper = 0;
	size_t		check = pos + SCAN_CHECK_BYTES;
	unsigned	f1 = 0,
				f2 = 0;			/* the two bytes before, case folded */
	bool		triple = false;

	tok->flags = 0;
	while (p < tz->len)
	{
		int32_t		cp;
		int			k;
		int			c;
		unsigned char b = (unsigned char) tz->text[p];

		scan_check(p, &check);
		/* fast path: plain ASCII letters and digits */
		if (b < 0x80 && (ascii_class[b] == C_LETTER || ascii_class[b] == C_DIGIT))
		{
			/* three equal in a row ("baguuus"): the elongation pass is needed */
			unsigned	f = b | 0x20u;

			triple |= (f == f1) & (f == f2);
			f2 = f1;
			f1 = f;
			if (ascii_class[b] == C_LETTER)
			{
				if (b <= 'Z')
				{
					if (letters == 0)
						tok->flags |= SENTIMEN_TF_UPPER_INITIAL;
					upper++;
				}
				letters++;
				has_letter = true;
			}
			else
				has_digit = true;
			prev = ascii_class[b];
			p++;
			continue;
		}
		k = peek(tz, p, &cp);
		c = cclass_of(cp);
		f1 = f2 = 0;
		if (cp >= 0x80)
			*ascii = false;
		if (c == C_LETTER || c == C_MARK || c == C_DIGIT)
		{
			if (c == C_LETTER)
				has_letter = true;
			if (c == C_DIGIT)
				has_digit = true;
			prev = c;
			p += k;
			continue;
		}
		if (c == C_IGNORABLE)
		{
			/* a soft hyphen or ZWJ inside a word does not split it */
			if (is_alnum_class(class_at(tz, p + k, NULL)))
			{
				p += k;
				continue;
			}
			break;
		}
		if (c == C_PUNCT || c == C_SYMBOL)
		{
			int32_t		ncp;
			int			nc = class_at(tz, p + k, &ncp);

			if ((cp == '-' || cp == 0x2010 || cp == 0x2011) && is_alnum_class(prev) &&
				(nc == C_LETTER || nc == C_DIGIT))
			{
				tok->flags |= SENTIMEN_TF_HYPHEN;
				if (prev == C_DIGIT && nc == C_DIGIT)
					date_sep = true;
				p += k;
				prev = C_PUNCT;
				continue;
			}
			if ((cp == '\'' || cp == 0x2019) && prev == C_LETTER && nc == C_LETTER)
			{
				p += k;
				prev = C_PUNCT;
				continue;
			}
			if ((cp == '.' || cp == ',' || cp == ':' || cp == '/') && prev == C_DIGIT &&
				nc == C_DIGIT)
			{
				if (cp == '/')
					date_sep = true;
				p += k;
				prev = C_PUNCT;
				continue;
			}
			if (cp == '_' && is_alnum_class(prev) && is_alnum_class(nc))
			{
				p += k;
				prev = C_PUNCT;
				continue;
			}
			if (cp == '@' && is_alnum_class(prev) && is_alnum_class(nc))
			{
				/* e-mail address: local@domain.tld */
				size_t		q = p + k;
				bool		dot = false;

				while (q < tz->len)
				{
					int32_t		qc;
					int			qk = peek(tz, q, &qc);
					int			qcl = cclass_of(qc);

					scan_check(q, &check);
					if (is_alnum_class(qcl) || qc == '-' || qc == '_')
						q += qk;
					else if (qc == '.' && is_alnum_class(class_at(tz, q + 1, NULL)))
					{
						dot = true;
						q += qk;
					}
					else
						break;
				}
				if (dot)
				{
					tok->type = SENTIMEN_TOK_EMAIL;
					return q;
				}
			}
		}
		break;
	}

	tok->type = has_letter ? SENTIMEN_TOK_WORD : SENTIMEN_TOK_NUMBER;
	*maybe_elongated = triple;

	/*
	 * *ascii is about the word itself.  The loop above also clears it for the
	 * non-ASCII character that merely ends the word ("Indonesia" before a
	 * closing quote U+201D); the word was then taken as non-ASCII here, lost
	 * its case flags, and scan_token(), seeing an all-ASCII word, skipped
	 * case_flags().  Besides the lost capital, the tagger caches a word's
	 * features by its surface, so results depended on which articles the
	 * backend had tagged before (found by test/sharding.sh: a shard and the
	 * coordinator disagreed on the same article).
	 */
	if (!*ascii)
	{
		*ascii = true;
		for (size_t i = pos; i < p; i++)
			if ((unsigned char) tz->text[i] >= 0x80)
			{
				*ascii = false;
				break;
			}
	}
	if (*ascii && letters >= 2 && upper == letters)
		tok->flags |= SENTIMEN_TF_ALL_UPPER;
	if (!*ascii)
		tok->flags &= ~SENTIMEN_TF_UPPER_INITIAL;	/* case_flags() decides */
	if (has_digit)
		tok->flags |= SENTIMEN_TF_HAS_DIGIT;
	if (!has_letter && date_sep)
		tok->flags |= SENTIMEN_TF_DATE_LIKE;

	if (has_letter && p < tz->len && tz->text[p] == '.')
	{
		size_t		wlen = p - pos;
		size_t		tl;
		char		low[16];
		bool		ascii_letters = wlen < sizeof(low);

		/* bare domain names: detik.com, kompas.co.id */
		if ((tl = tld_at(tz, p)) > 0 && wlen >= 2)
		{
			size_t		q = p + tl;

			while ((tl = tld_at(tz, q)) > 0)
			{
				q += tl;
				scan_check(q, &check);
			}
			tok->type = SENTIMEN_TOK_URL;
			return q;
		}
		for (size_t i = 0; ascii_letters && i < wlen; i++)
		{
			char		ch = tz->text[pos + i];

			if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')))
				ascii_letters = false;
			else
				low[i] = lower_ascii(ch);
		}
		if (ascii_letters)
		{
			/* dotted initials and degrees: S.H., M.Si., a.n., U.S. */
			size_t		q = p + 1;
			bool		dotted = false;

			if (wlen <= 2)
			{
				for (;;)
				{
					size_t		r = q;

					while (r < tz->len && r - q < 3 &&
						   ((tz->text[r] >= 'a' && tz->text[r] <= 'z') ||
							(tz->text[r] >= 'A' && tz->text[r] <= 'Z')))
						r++;
					if (r > q && r < tz->len && tz->text[r] == '.')
					{
						q = r + 1;
						dotted = true;
						continue;
					}
					break;
				}
			}
			if (dotted || sentimen_is_dotted_abbrev(low, wlen))
			{
				/* the dotted part was not scanned above ("a.bbb.") */
				*maybe_elongated = true;
				tok->flags |= SENTIMEN_TF_ABBREV;
				return dotted ? q : p + 1;
			}
		}
	}
	return p;
}

/* Emoji and other symbols, with their modifiers and ZWJ sequences. */
static size_t
scan_symbol(sentimen_tokenizer *tz, size_t pos)
{
	int32_t		cp;
	size_t		p = pos + peek(tz, pos, &cp);
	size_t		check = pos + SCAN_CHECK_BYTES;

	/* regional indicator pairs form a flag */
	if (cp >= 0x1F1E6 && cp <= 0x1F1FF)
	{
		int32_t		n;
		int			k = peek(tz, p, &n);

		if (n >= 0x1F1E6 && n <= 0x1F1FF)
			return p + k;
		return p;
	}
	for (;;)
	{
		int32_t		n;
		int			k = peek(tz, p, &n);

		if (k == 0)
			break;
		scan_check(p, &check);
		if ((n >= 0xFE00 && n <= 0xFE0F) || (n >= 0x1F3FB && n <= 0x1F3FF) ||
			(n >= 0xE0020 && n <= 0xE007F) || n == 0x20E3)
		{
			p += k;				/* variation selector, skin tone, tag, keycap */
			continue;
		}
		if (n == 0x200D)
		{
			int32_t		m;
			int			k2 = peek(tz, p + k, &m);

			if (k2 && cclass_of(m) == C_SYMBOL)
			{
				p += k + k2;
				continue;
			}
		}
		break;
	}
	return p;
}

bool
sentimen_tokenizer_next(sentimen_tokenizer *tz, sentimen_token *tok)
{
	size_t		start;
	size_t		end;
	unsigned	newlines = 0;
	size_t		skipped = 0;
	int32_t		cp;
	int			c;
	bool		ascii = true;
	bool		maybe_elongated = true;	/* unless scan_word saw no "aaa" */

	if (tz->pending)
	{
		tz->pending = false;
		*tok = tz->pending_tok;
		tok->norm = tz->pending_norm;
		tok->norm_len = 3;
		tok->hash = sentimen_hash64(tok->norm, 3, 0);
		return true;
	}

	/* skip the gap, counting line breaks (\r\n counts once) */
	while (tz->pos < tz->len)
	{
		int			k;

		if (tz->text[tz->pos] == ' ')
		{
			tz->pos++;
			tz->cp_pos++;
			continue;
		}
		k = peek(tz, tz->pos, &cp);

		c = cclass_of(cp);
		if (c == C_NEWLINE)
		{
			if (!(cp == '\n' && tz->pos > 0 && tz->text[tz->pos - 1] == '\r'))
				if (newlines < 255)
					newlines++;
		}
		else if (c != C_SPACE && c != C_IGNORABLE && c != C_INVALID && c != C_MARK)
			break;
		tz->pos += k;
		tz->cp_pos++;
		if ((++skipped & 0xFFFF) == 0)
			sentimen_check_interrupts();
	}
	if (tz->pos >= tz->len)
		return false;

	if ((++tz->count & 0xFFF) == 0)
		sentimen_check_interrupts();

	start = tz->pos;
	memset(tok, 0, sizeof(*tok));
	tok->start = start;
	tok->cp_start = tz->cp_pos;
	tok->newlines_before = newlines;
	peek(tz, start, &cp);
	c = cclass_of(cp);

	if (((cp | 0x20) == 'h' && (ascii_prefix_ci(tz, start, "http://") ||
								 ascii_prefix_ci(tz, start, "https://"))) ||
		((cp | 0x20) == 'w' && ascii_prefix_ci(tz, start, "www.") &&
		 is_alnum_class(class_at(tz, start + 4, NULL))))
	{
		tok->type = SENTIMEN_TOK_URL;
		end = scan_url(tz, start);
	}
	else if ((cp == '@' || cp == '#') && start + 1 < tz->len &&
			 (is_alnum_class(class_at(tz, start + 1, NULL)) || tz->text[start + 1] == '_'))
	{
		size_t		p = start + 1;
		size_t		check = p + SCAN_CHECK_BYTES;

		tok->type = cp == '@' ? SENTIMEN_TOK_MENTION : SENTIMEN_TOK_HASHTAG;
		while (p < tz->len)
		{
			int32_t		n;
			int			k = peek(tz, p, &n);

			scan_check(p, &check);
			if (is_alnum_class(cclass_of(n)) || n == '_')
				p += k;
			else if (n == '.' && cp == '@' && is_alnum_class(class_at(tz, p + 1, NULL)))
				p += k;
			else
				break;
		}
		end = p;
	}
	else if (c == C_LETTER || c == C_DIGIT)
		end = scan_word(tz, start, tok, &ascii, &maybe_elongated);
	else if (c == C_PUNCT)
	{
		size_t		p = start + peek(tz, start, &cp);
		size_t		check = p + SCAN_CHECK_BYTES;

		tok->type = SENTIMEN_TOK_PUNCT;
		if (is_sentence_final(cp))
		{
			int32_t		n;
			int			k;

			while ((k = peek(tz, p, &n)) > 0 && is_sentence_final(n))
			{
				p += k;
				scan_check(p, &check);
			}
			tok->flags |= SENTIMEN_TF_SENT_END;
		}
		else
		{
			int32_t		n;
			int			k;

			while ((k = peek(tz, p, &n)) > 0 && n == cp && p - start < 64)
				p += k;
		}
		end = p;
	}
	else
	{
		tok->type = SENTIMEN_TOK_SYMBOL;
		end = scan_symbol(tz, start);
	}

	tok->len = end - start;
	if (ascii && tok->type == SENTIMEN_TOK_WORD)
		tok->cp_len = tok->len;
	else
	{
		if (tok->len >= SCAN_CHECK_BYTES)
			sentimen_check_interrupts();
		tok->cp_len = count_cps(tz->text + start, tok->len);
		ascii = tok->cp_len == tok->len;
	}
	tz->pos = end;
	tz->cp_pos += tok->cp_len;

	finish_word(tz, tok, ascii, maybe_elongated);
	tok->norm = tz->norm.data;
	tok->norm_len = tz->norm.len;
	return true;
}
