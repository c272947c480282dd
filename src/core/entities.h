/*
 * entities.h: who and what a text mentions, one entity per real-world thing,
 * and the sentiment toward each.
 *
 * Pipeline: tokenise for tagging, split sentences, mark rule-based dates
 * (dates.h), tag PERSON/ORG/LOC with the tagger, add EVENT and PRODUCT from
 * the gazetteer and event cue words ("Piala Dunia 2022"), drop any entity
 * that overlaps a date (so "April" in "25 April 2023" is never a band), then
 * resolve mentions to entities: titles stripped ("Presiden Joko Widodo" ->
 * "Joko Widodo"), short person mentions linked to the full name ("Musk" ->
 * "Elon Musk"), abbreviations linked to their expansion ("Komisi
 * Pemberantasan Korupsi (KPK)").  The sentiment toward an entity is the
 * sentiment model's reading of the sentences that mention it.
 */
#ifndef SENTIMEN_ENTITIES_H
#define SENTIMEN_ENTITIES_H

#include "classify.h"
#include "tagger.h"

typedef struct sentimen_mention
{
	sentimen_entity_type type;
	size_t		start,
				len;			/* bytes in the text */
	size_t		cp_start,
				cp_len;			/* code points in the text (0-based start) */
	uint32_t	sentence;
	uint32_t	entity;			/* index into the entities */
} sentimen_mention;

typedef struct sentimen_entity
{
	sentimen_entity_type type;
	char	   *name;			/* canonical name (arena) */
	size_t		name_len;
	uint32_t	mentions;
	uint32_t	first;			/* first mention (index) */
	double		salience;		/* [0, 1] */
	bool		has_sentiment;	/* false for dates, or without a sentiment model */
	int			label;			/* class index of the sentiment model */
	double		score;			/* P(positif) - P(negatif) over its sentences */
	double		confidence;
} sentimen_entity;

typedef struct sentimen_entity_result
{
	sentimen_mention *mentions; /* in text order */
	size_t		n_mentions;
	sentimen_entity *entities;	/* most salient first */
	size_t		n_entities;
	sentimen_arena arena;		/* owns everything above */
} sentimen_entity_result;

/*
 * Find the mentions and entities of UTF-8 text.  tagger: NULL uses the
 * compiled-in one; sentiment: NULL leaves the entities without sentiment.
 * Free the result with sentimen_entities_free().
 */
extern void sentimen_entities_extract(const sentimen_tagger *tagger, const sentimen_model *sentiment,
									  const char *text, size_t len, sentimen_entity_result *r,
									  const sentimen_allocator *a);

extern void sentimen_entities_free(sentimen_entity_result *r);

#endif							/* SENTIMEN_ENTITIES_H */
