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

/*
 * Extra gazetteer entries (a domain gazetteer): a name of up to
 * SENTIMEN_GAZ_MAX_WORDS words found in the text (compared on normal forms,
 * so case-insensitively) becomes a mention of the given type whose entity is
 * the canonical name; it replaces whatever the tagger saw over those words.
 * The canonical name is an entry of its own, so "Jokowi" -> "Joko Widodo"
 * also makes "Joko Widodo" one entity with it.
 */
#define SENTIMEN_GAZ_MAX_WORDS 8

typedef struct sentimen_gazetteer_entry
{
	uint64_t	key;			/* hash of the name's normal forms; 0 = empty slot */
	uint32_t	canonical;		/* index into names */
	sentimen_entity_type type;
} sentimen_gazetteer_entry;

typedef struct sentimen_entity_overrides
{
	sentimen_gazetteer_entry *tab;
	size_t		n,
				cap;			/* power of two */
	char	  **names;			/* canonical names (arena) */
	size_t	   *name_lens;
	size_t		n_names,
				names_cap;
	uint32_t	max_words;
	sentimen_arena arena;
	const sentimen_allocator *a;
} sentimen_entity_overrides;

extern void sentimen_entity_overrides_init(sentimen_entity_overrides *o, const sentimen_allocator *a);
extern void sentimen_entity_overrides_free(sentimen_entity_overrides *o);

/*
 * Add name -> (type, canonical); canonical NULL or empty means the name
 * itself.  SENTIMEN_ERR_INVALID_ARGUMENT for a name without words, one longer
 * than SENTIMEN_GAZ_MAX_WORDS, or a type other than PERSON, ORG, LOC,
 * PRODUCT, EVENT.
 */
extern sentimen_status sentimen_entity_overrides_add(sentimen_entity_overrides *o, const char *name,
													 size_t name_len, sentimen_entity_type type,
													 const char *canonical, size_t canonical_len);

/* Type of a name ("PERSON", case-insensitive); SENTIMEN_ENT_NONE if unknown. */
extern sentimen_entity_type sentimen_entity_type_parse(const char *s, size_t len);

/* sentimen_entities_extract() with extra gazetteer entries (NULL: the same). */
extern void sentimen_entities_extract_with(const sentimen_tagger *tagger,
										   const sentimen_model *sentiment,
										   const sentimen_entity_overrides *ov,
										   const char *text, size_t len,
										   sentimen_entity_result *r,
										   const sentimen_allocator *a);

#endif							/* SENTIMEN_ENTITIES_H */
