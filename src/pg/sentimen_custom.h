/*
 * sentimen_custom.h: domain profiles, stored models and their per-backend
 * caches (profile.c, models.c).
 */
#ifndef SENTIMEN_CUSTOM_H
#define SENTIMEN_CUSTOM_H

#include "sentimen_pg.h"

#include "fmgr.h"

#include "../core/classify.h"
#include "../core/entities.h"

typedef struct sentimen_pg_profile
{
	sentimen_term_overrides terms;
	sentimen_entity_overrides entities;
} sentimen_pg_profile;

/* GUC sentimen.profile (called from _PG_init) */
extern void sentimen_pg_profile_init(void);

/*
 * Profile named by argument argno (when present and not NULL) or by
 * sentimen.profile; NULL when neither names one.  An unknown profile is an
 * error.  The result lives in the cache until the tables change.
 */
extern const sentimen_pg_profile *sentimen_pg_get_profile(FunctionCallInfo fcinfo, int argno);
extern const char *sentimen_pg_profile_name(FunctionCallInfo fcinfo, int argno);

/*
 * A stored classifier model of sentimen_models by name, validated (corrupt or
 * incompatible: an error), cached until the table changes.
 */
extern const sentimen_model *sentimen_pg_stored_model(FunctionCallInfo fcinfo, const char *name);

/* the schema of the extension (that of the called function) */
extern Oid	sentimen_pg_schema(FunctionCallInfo fcinfo);

/* cache generation; bumped when an extension table changes */
extern uint64 sentimen_pg_cache_generation(Oid nsp);
extern MemoryContext sentimen_pg_cache_context(void);

/* an allocator over a given memory context */
extern void sentimen_pg_context_allocator(sentimen_allocator *a, MemoryContext cxt);

/* entities of UTF-8 text as the jsonb of sentimen_entities_json() */
extern Datum sentimen_pg_entities_jsonb(const char *s, size_t len,
										const sentimen_entity_overrides *ov);

#endif							/* SENTIMEN_CUSTOM_H */
