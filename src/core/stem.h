/*
 * stem.h: a light Indonesian affix stripper.
 *
 * Not a full stemmer (there is no root dictionary to check against): it
 * strips one derivational suffix (-kan, -an, -i) and one or two prefixes
 * (meN-, peN-, di-, ter-, ber-, ke-, se-, per-) and reports the candidate
 * roots, with the sound changes of meN-/peN- undone ("menulis" -> "tulis",
 * "nulis").  The lexicon checks candidates in order; the featuriser uses the
 * first one as a root feature so "menggugat", "digugat" and "gugatan" share
 * weight.
 */
#ifndef SENTIMEN_STEM_H
#define SENTIMEN_STEM_H

#include <stddef.h>

#define SENTIMEN_STEM_MAX_CANDIDATES 6
#define SENTIMEN_STEM_MAX_LEN 48

typedef struct sentimen_stem_candidates
{
	int			n;
	char		word[SENTIMEN_STEM_MAX_CANDIDATES][SENTIMEN_STEM_MAX_LEN];
	size_t		len[SENTIMEN_STEM_MAX_CANDIDATES];
} sentimen_stem_candidates;

/*
 * Fill c with candidate roots of a lower-case ASCII word, most plausible
 * first; the word itself is not included.  Returns c->n (0 for short,
 * non-ASCII or unaffixed words).
 */
extern int	sentimen_stem_candidates_of(const char *word, size_t len, sentimen_stem_candidates *c);

#endif							/* SENTIMEN_STEM_H */
