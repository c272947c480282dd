/*
 * profile.c: domain profiles (lexicon overrides and extra gazetteer entries
 * held in the extension's tables), the sentimen.profile GUC, and the
 * per-backend cache of compiled profiles and stored models.
 *
 * Invalidation: the extension's tables carry a statement-level trigger
 * (sentimen_table_changed) that queues a relcache invalidation of the table.
 * It reaches every backend at commit (and this one at the end of the
 * command); our relcache callback then bumps a generation counter, and a
 * cached profile or model built under an older generation is rebuilt on its
 * next use.  A call on a valid cache costs one comparison.
 */
#include "sentimen_pg.h"

#include "access/htup_details.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"

#include "sentimen_custom.h"

static char *profile_guc = NULL;

/* bumped by the relcache callback when one of our tables changed */
static uint64 generation = 1;
static Oid	table_oids[3] = {InvalidOid, InvalidOid, InvalidOid};
static bool callback_registered = false;

static MemoryContext cache_cxt = NULL;

#define MAX_PROFILES 16

typedef struct profile_entry
{
	char	   *name;			/* NULL: unused slot */
	uint64		generation;
	MemoryContext cxt;
	sentimen_allocator alloc;
	sentimen_pg_profile prof;
	uint64		last_use;
} profile_entry;

static profile_entry profiles[MAX_PROFILES];
static uint64 use_clock = 0;

static void *
cx_alloc(void *ctx, size_t size)
{
	return MemoryContextAllocExtended((MemoryContext) ctx, size, MCXT_ALLOC_HUGE);
}

static void *
cx_realloc(void *ctx, void *ptr, size_t size)
{
	return repalloc_huge(ptr, size);
}

static void
cx_free(void *ctx, void *ptr)
{
	pfree(ptr);
}

void
sentimen_pg_context_allocator(sentimen_allocator *a, MemoryContext cxt)
{
	a->alloc = cx_alloc;
	a->realloc = cx_realloc;
	a->free = cx_free;
	a->ctx = cxt;
}

static void
relcache_callback(Datum arg, Oid relid)
{
	if (relid == InvalidOid || relid == table_oids[0] || relid == table_oids[1] ||
		relid == table_oids[2])
	{
		generation++;
		/* look the tables up again: they may have been dropped and re-created */
		table_oids[0] = table_oids[1] = table_oids[2] = InvalidOid;
	}
}

void
sentimen_pg_profile_init(void)
{
	DefineCustomStringVariable("sentimen.profile",
							   "Domain profile used by the sentimen functions that take a profile, when none is given.",
							   "Names a profile of sentimen_lexicon and sentimen_gazetteer; empty for none.",
							   &profile_guc,
							   "",
							   PGC_USERSET,
							   0,
							   NULL, NULL, NULL);
	MarkGUCPrefixReserved("sentimen");
}

uint64
sentimen_pg_cache_generation(Oid nsp)
{
	if (!callback_registered)
	{
		CacheRegisterRelcacheCallback(relcache_callback, (Datum) 0);
		callback_registered = true;
	}
	if (!OidIsValid(table_oids[0]))
	{
		table_oids[0] = get_relname_relid("sentimen_lexicon", nsp);
		table_oids[1] = get_relname_relid("sentimen_gazetteer", nsp);
		table_oids[2] = get_relname_relid("sentimen_models", nsp);
	}
	return generation;
}

MemoryContext
sentimen_pg_cache_context(void)
{
	if (cache_cxt == NULL)
		cache_cxt = AllocSetContextCreate(CacheMemoryContext, "sentimen cache",
										  ALLOCSET_SMALL_SIZES);
	return cache_cxt;
}

Oid
sentimen_pg_schema(FunctionCallInfo fcinfo)
{
	Oid			nsp = get_func_namespace(fcinfo->flinfo->fn_oid);

	if (!OidIsValid(nsp))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_SCHEMA),
				 errmsg("cannot find the schema of the sentimen extension")));
	return nsp;
}

const char *
sentimen_pg_profile_name(FunctionCallInfo fcinfo, int argno)
{
	if (argno >= 0 && argno < PG_NARGS() && !PG_ARGISNULL(argno))
	{
		char	   *s = text_to_cstring(PG_GETARG_TEXT_PP(argno));

		return s[0] ? s : NULL;
	}
	if (profile_guc && profile_guc[0])
		return profile_guc;
	return NULL;
}

static void
load_profile(Oid nsp, profile_entry *pe)
{
	const char *schema = quote_identifier(get_namespace_name(nsp));
	StringInfoData q;
	Oid			argtypes[1] = {TEXTOID};
	Datum		args[1];
	uint64		rows = 0;
	int			ret;

	args[0] = CStringGetTextDatum(pe->name);
	initStringInfo(&q);
	if ((ret = SPI_connect()) != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed: %s", SPI_result_code_string(ret));

	appendStringInfo(&q, "SELECT term, weight FROM %s.sentimen_lexicon WHERE profile = $1", schema);
	ret = SPI_execute_with_args(q.data, 1, argtypes, args, NULL, true, 0);
	if (ret != SPI_OK_SELECT)
		elog(ERROR, "reading sentimen_lexicon failed: %s", SPI_result_code_string(ret));
	rows += SPI_processed;
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		bool		n1,
					n2;
		Datum		term = SPI_getbinval(tup, SPI_tuptable->tupdesc, 1, &n1);
		Datum		w = SPI_getbinval(tup, SPI_tuptable->tupdesc, 2, &n2);
		size_t		len;
		char	   *s;

		if (n1 || n2)
			continue;
		s = sentimen_text_to_utf8(DatumGetTextPP(term), &len);
		/* rows were checked on the way in; a term that fails now is skipped */
		(void) sentimen_term_overrides_add(&pe->prof.terms, s, len, DatumGetFloat8(w));
		if ((i & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
	}

	resetStringInfo(&q);
	appendStringInfo(&q, "SELECT name, type, canonical FROM %s.sentimen_gazetteer WHERE profile = $1", schema);
	ret = SPI_execute_with_args(q.data, 1, argtypes, args, NULL, true, 0);
	if (ret != SPI_OK_SELECT)
		elog(ERROR, "reading sentimen_gazetteer failed: %s", SPI_result_code_string(ret));
	rows += SPI_processed;
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		bool		n1,
					n2,
					n3;
		Datum		name = SPI_getbinval(tup, SPI_tuptable->tupdesc, 1, &n1);
		Datum		type = SPI_getbinval(tup, SPI_tuptable->tupdesc, 2, &n2);
		Datum		canon = SPI_getbinval(tup, SPI_tuptable->tupdesc, 3, &n3);
		size_t		nlen,
					clen = 0;
		char	   *ns,
				   *cs = NULL,
				   *ts;
		sentimen_entity_type et;

		if (n1 || n2)
			continue;
		ns = sentimen_text_to_utf8(DatumGetTextPP(name), &nlen);
		ns = pnstrdup(ns, nlen);
		if (!n3)
			cs = sentimen_text_to_utf8(DatumGetTextPP(canon), &clen);
		ts = TextDatumGetCString(type);
		et = sentimen_entity_type_parse(ts, strlen(ts));
		(void) sentimen_entity_overrides_add(&pe->prof.entities, ns, nlen, et, cs, clen);
		if ((i & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
	}
	SPI_finish();
	pfree(q.data);

	if (rows == 0)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("sentimen profile \"%s\" does not exist", pe->name),
				 errdetail("Neither sentimen_lexicon nor sentimen_gazetteer has a row with this profile."),
				 errhint("Add rows for the profile, or reset sentimen.profile.")));
}

const sentimen_pg_profile *
sentimen_pg_get_profile(FunctionCallInfo fcinfo, int argno)
{
	const char *name = sentimen_pg_profile_name(fcinfo, argno);
	Oid			nsp;
	uint64		gen;
	profile_entry *pe = NULL;
	profile_entry *victim = &profiles[0];

	if (name == NULL)
		return NULL;
	nsp = sentimen_pg_schema(fcinfo);
	gen = sentimen_pg_cache_generation(nsp);
	for (int i = 0; i < MAX_PROFILES; i++)
	{
		if (profiles[i].name && strcmp(profiles[i].name, name) == 0)
		{
			pe = &profiles[i];
			break;
		}
		if (profiles[i].name == NULL || (victim->name && profiles[i].last_use < victim->last_use))
			victim = &profiles[i];
	}
	if (pe && pe->generation == gen)
	{
		pe->last_use = ++use_clock;
		return &pe->prof;
	}
	if (pe == NULL)
	{
		pe = victim;
		if (pe->cxt)
			MemoryContextDelete(pe->cxt);
		memset(pe, 0, sizeof(*pe));
	}
	else
		MemoryContextReset(pe->cxt);
	if (pe->cxt == NULL)
		pe->cxt = AllocSetContextCreate(sentimen_pg_cache_context(), "sentimen profile",
										ALLOCSET_DEFAULT_SIZES);
	/* not valid until loaded: an error below leaves it to be rebuilt */
	pe->generation = 0;
	pe->name = MemoryContextStrdup(pe->cxt, name);
	sentimen_pg_context_allocator(&pe->alloc, pe->cxt);
	sentimen_term_overrides_init(&pe->prof.terms, &pe->alloc);
	sentimen_entity_overrides_init(&pe->prof.entities, &pe->alloc);
	load_profile(nsp, pe);
	pe->generation = gen;
	pe->last_use = ++use_clock;
	return &pe->prof;
}

/*
 * Trigger on the extension's tables.  FOR EACH ROW (BEFORE INSERT OR UPDATE):
 * refuse a term or name that the core cannot use, naming it.  FOR EACH
 * STATEMENT (AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE): queue the
 * invalidation of the caches.
 */
PG_FUNCTION_INFO_V1(sentimen_table_changed);

Datum
sentimen_table_changed(PG_FUNCTION_ARGS)
{
	TriggerData *td = (TriggerData *) fcinfo->context;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("sentimen_table_changed() must be called as a trigger")));
	if (TRIGGER_FIRED_FOR_STATEMENT(td->tg_event))
	{
		CacheInvalidateRelcacheByRelid(RelationGetRelid(td->tg_relation));
		return PointerGetDatum(NULL);
	}
	{
		HeapTuple	tup = TRIGGER_FIRED_BY_UPDATE(td->tg_event) ? td->tg_newtuple : td->tg_trigtuple;
		TupleDesc	desc = RelationGetDescr(td->tg_relation);
		const char *rel = RelationGetRelationName(td->tg_relation);
		MemoryContext cxt = AllocSetContextCreate(CurrentMemoryContext, "sentimen check",
												  ALLOCSET_SMALL_SIZES);
		MemoryContext old = MemoryContextSwitchTo(cxt);
		sentimen_allocator a;
		bool		isnull;

		sentimen_pg_context_allocator(&a, cxt);
		if (strcmp(rel, "sentimen_lexicon") == 0)
		{
			Datum		term = heap_getattr(tup, SPI_fnumber(desc, "term"), desc, &isnull);
			sentimen_term_overrides o;
			size_t		len;
			char	   *s;

			if (!isnull)
			{
				s = sentimen_text_to_utf8(DatumGetTextPP(term), &len);
				sentimen_term_overrides_init(&o, &a);
				if (sentimen_term_overrides_add(&o, s, len, 0.0) != SENTIMEN_OK)
					ereport(ERROR,
							(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
							 errmsg("lexicon term \"%s\" is not usable", TextDatumGetCString(term)),
							 errdetail("A term is a word or a phrase of 1 to %d tokens.",
									   SENTIMEN_OVERRIDE_MAX_WORDS)));
			}
		}
		else if (strcmp(rel, "sentimen_gazetteer") == 0)
		{
			Datum		name = heap_getattr(tup, SPI_fnumber(desc, "name"), desc, &isnull);
			bool		tnull,
						cnull;
			Datum		type = heap_getattr(tup, SPI_fnumber(desc, "type"), desc, &tnull);
			Datum		canon = heap_getattr(tup, SPI_fnumber(desc, "canonical"), desc, &cnull);
			sentimen_entity_overrides o;
			size_t		nlen,
						clen = 0;
			char	   *ns,
					   *cs = NULL,
					   *ts;

			if (!isnull && !tnull)
			{
				ts = TextDatumGetCString(type);
				ns = sentimen_text_to_utf8(DatumGetTextPP(name), &nlen);
				ns = pnstrdup(ns, nlen);
				if (!cnull)
					cs = sentimen_text_to_utf8(DatumGetTextPP(canon), &clen);
				sentimen_entity_overrides_init(&o, &a);
				if (sentimen_entity_overrides_add(&o, ns, nlen, sentimen_entity_type_parse(ts, strlen(ts)),
												  cs, clen) != SENTIMEN_OK)
					ereport(ERROR,
							(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
							 errmsg("gazetteer entry \"%s\" (%s) is not usable",
									TextDatumGetCString(name), ts),
							 errdetail("A name and a canonical name have 1 to %d words; the type is PERSON, ORG, LOC, PRODUCT or EVENT.",
									   SENTIMEN_GAZ_MAX_WORDS)));
			}
		}
		MemoryContextSwitchTo(old);
		MemoryContextDelete(cxt);
		return PointerGetDatum(tup);
	}
}
