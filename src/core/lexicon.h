/*
 * lexicon.h: the project's own word lists (written for sentimen, no third-party
 * data): informal spellings, negators, intensifiers, contrast words, a
 * news-oriented polarity lexicon and abbreviations that keep their dot.
 *
 * Lookups take the word's sentimen_hash64(word, len, 0), which the tokeniser
 * computes once per token, so no lookup hashes the word again.
 */
#ifndef SENTIMEN_LEXICON_H
#define SENTIMEN_LEXICON_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

/* Word roles used by the featuriser. */
typedef enum sentimen_word_role
{
	SENTIMEN_ROLE_NONE = 0,
	SENTIMEN_ROLE_NEGATOR,		/* tidak, bukan, belum, ... */
	SENTIMEN_ROLE_INTENSIFIER,	/* sangat, banget, ... */
	SENTIMEN_ROLE_DIMINISHER,	/* agak, sedikit, ... */
	SENTIMEN_ROLE_CONTRAST,		/* tetapi, namun: what follows counts more */
	SENTIMEN_ROLE_CONCESSIVE	/* meski, walaupun: the clause counts less */
} sentimen_word_role;

/* formal form of an informal spelling, or NULL */
extern const char *sentimen_slang_lookup(const char *word, size_t len, uint64_t hash);

extern sentimen_word_role sentimen_word_role_lookup(const char *word, size_t len, uint64_t hash);

/* Polarity of the exact single-word entry, in [-3, 3]; 0 when unknown. */
extern int	sentimen_polarity_exact(const char *word, size_t len, uint64_t hash);

/* Polarity of a two-word phrase ("luar biasa", "gagal bayar") from the words' hashes. */
extern int	sentimen_phrase_polarity(uint64_t first, uint64_t second);

/* What the featuriser needs to know about a content word (memoised). */
typedef struct sentimen_word_info
{
	int			polarity;		/* of the word, else of its first candidate root that has one */
	bool		has_root;		/* an affix was stripped (see stem.h) */
	bool		phrase_first;	/* some two-word phrase starts with this word */
	sentimen_word_role role;
	uint64_t	root_hash;		/* sentimen_hash64 of the first candidate root */
} sentimen_word_info;

/* start loading the memo entry sentimen_word_info_of() will read (a hint) */
extern void sentimen_word_info_prefetch(uint64_t hash);

extern void sentimen_word_info_of(const char *word, size_t len, uint64_t hash,
								  sentimen_word_info *info);

/* true for abbreviations written with a final dot ("dr.", "tbk.", "dll.") */
extern bool sentimen_is_dotted_abbrev(const char *lower, size_t len);

/* true when the word must not lose a clitic-looking ending ("hanya", "sekolah") */
extern bool sentimen_clitic_exception(const char *word, size_t len, uint64_t hash);

/* sizes and a consistency check, for the unit tests */
extern size_t sentimen_polarity_size(void);
extern size_t sentimen_slang_size(void);
extern bool sentimen_lexicon_tables_sorted(void);

#endif							/* SENTIMEN_LEXICON_H */
