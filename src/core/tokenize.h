/*
 * tokenize.h: streaming Indonesian tokeniser.
 *
 * Tokens are produced one at a time, so memory does not grow with the input.
 * Every token keeps its byte and code point offsets in the original text
 * (substr(input, cp_start + 1, cp_len) is the surface form) and carries a
 * normalised form: NFKC + case folding, letter runs of three or more
 * collapsed ("bagusss" -> "bagus"), informal spellings mapped ("gak" ->
 * "tidak") and, in sentiment mode, clitics split off ("bukunya" -> "buku",
 * "nya").
 */
#ifndef SENTIMEN_TOKENIZE_H
#define SENTIMEN_TOKENIZE_H

#include "common.h"
#include "normalize.h"

typedef enum sentimen_token_type
{
	SENTIMEN_TOK_WORD = 1,		/* letters, possibly with digits, hyphens, apostrophes */
	SENTIMEN_TOK_NUMBER,		/* 10.000  3,5  12/3/2024  10.00  2014-2019 */
	SENTIMEN_TOK_URL,			/* http://..., www..., detik.com */
	SENTIMEN_TOK_EMAIL,
	SENTIMEN_TOK_MENTION,		/* @user */
	SENTIMEN_TOK_HASHTAG,		/* #tag */
	SENTIMEN_TOK_PUNCT,
	SENTIMEN_TOK_SYMBOL			/* emoji, currency and other symbols */
} sentimen_token_type;

/* token flags */
#define SENTIMEN_TF_UPPER_INITIAL	0x0001	/* first letter upper case */
#define SENTIMEN_TF_ALL_UPPER		0x0002	/* letters all upper case (2+ letters) */
#define SENTIMEN_TF_HAS_DIGIT		0x0004
#define SENTIMEN_TF_REDUP			0x0008	/* full reduplication: anak-anak */
#define SENTIMEN_TF_HYPHEN			0x0010	/* contains a joining hyphen */
#define SENTIMEN_TF_ELONGATED		0x0020	/* letter run collapsed */
#define SENTIMEN_TF_ABBREV			0x0040	/* ends with an abbreviation dot */
#define SENTIMEN_TF_SENT_END		0x0080	/* punctuation ending a sentence */
#define SENTIMEN_TF_DATE_LIKE		0x0100	/* number with / or - (12/3, 2024-03-12) */
#define SENTIMEN_TF_SLANG			0x0200	/* norm comes from the slang table */
#define SENTIMEN_TF_CLITIC			0x0400	/* this token is a clitic split off the previous word */
#define SENTIMEN_TF_HAS_CLITIC		0x0800	/* a clitic was split off this word */
#define SENTIMEN_TF_NON_ASCII		0x1000

/* tokeniser options */
#define SENTIMEN_TOKOPT_SPLIT_CLITICS	0x01
#define SENTIMEN_TOKOPT_MAP_SLANG		0x02
#define SENTIMEN_TOKOPT_SENTIMENT		(SENTIMEN_TOKOPT_SPLIT_CLITICS | SENTIMEN_TOKOPT_MAP_SLANG)

typedef struct sentimen_token
{
	size_t		start;			/* byte offset in the input */
	size_t		len;			/* byte length in the input */
	size_t		cp_start;		/* code point offset in the input */
	size_t		cp_len;			/* length in code points */
	sentimen_token_type type;
	unsigned	flags;
	unsigned	newlines_before;	/* line breaks in the gap before it (capped at 255) */
	const char *norm;			/* normalised form, valid until the next call */
	size_t		norm_len;
	uint64_t	hash;			/* sentimen_hash64(norm, norm_len, 0) */
} sentimen_token;

typedef struct sentimen_tokenizer
{
	const char *text;
	size_t		len;
	size_t		pos;			/* byte position of the scan */
	size_t		cp_pos;			/* code point position of the scan */
	int			options;
	size_t		count;			/* tokens produced, for interrupt checks */
	sentimen_normalizer normalizer;
	sentimen_buf norm;
	/* a clitic waiting to be returned after its host word */
	bool		pending;
	sentimen_token pending_tok;
	char		pending_norm[4];
} sentimen_tokenizer;

extern void sentimen_tokenizer_init(sentimen_tokenizer *tz, const char *text, size_t len,
									int options, const sentimen_allocator *a);
extern void sentimen_tokenizer_free(sentimen_tokenizer *tz);

/* Next token; false at the end of the input. */
extern bool sentimen_tokenizer_next(sentimen_tokenizer *tz, sentimen_token *tok);

extern const char *sentimen_token_type_name(sentimen_token_type t);

/*
 * What the sentiment options (SENTIMEN_TOKOPT_SENTIMENT) make of a token read
 * without them from text: the token itself, slang mapped, and the clitic split
 * off it, if any.  Fills out[] (norms in norm, or in's own); returns 1 or 2.
 * Tokenising with the options gives the same tokens.
 */
extern int	sentimen_token_sentiment_view(const char *text, const sentimen_token *in,
										  sentimen_buf *norm, sentimen_token out[2]);

#endif							/* SENTIMEN_TOKENIZE_H */
