/*
 * entities.c: named entities from SQL.
 *
 *   sentimen_mentions(text)      -> setof (mention, type, entity, start, length)
 *   sentimen_entities(text)      -> setof (entity, type, mentions, salience, label, score)
 *   sentimen_entities_json(text) -> jsonb
 *
 * Positions are 1-based characters, so substr(input, start, length) is the
 * mention.  The one-argument forms depend only on compiled-in models
 * (IMMUTABLE); the forms with a profile argument (NULL: sentimen.profile) also
 * read the profile's gazetteer entries (STABLE).
 */
#include "sentimen_pg.h"

#include "fmgr.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/json.h"
#include "utils/jsonb.h"
#include "utils/memutils.h"

#include "../core/entities.h"
#include "sentimen_custom.h"

PG_FUNCTION_INFO_V1(sentimen_sql_mentions);
PG_FUNCTION_INFO_V1(sentimen_sql_entities);
PG_FUNCTION_INFO_V1(sentimen_sql_entities_json);

static const sentimen_tagger *
pg_default_tagger(void)
{
	const sentimen_tagger *t = sentimen_default_tagger();

	if (t == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("the compiled-in entity tagger is unusable: %s",
						sentimen_status_message(sentimen_default_tagger_status())),
				 errhint("Rebuild the extension with \"make model\" and reinstall it.")));
	return t;
}

/*
 * Run the extraction in its own memory context, so that a long article's
 * working memory goes away with the row.  The caller deletes *cxt.
 */
static void
extract_ov(text *t, const sentimen_entity_overrides *ov, bool with_sentiment,
		   sentimen_entity_result *r, char **utf8, MemoryContext *cxt)
{
	const sentimen_tagger *tg = pg_default_tagger();
	const sentimen_model *sm = with_sentiment ? sentimen_pg_default_model() : NULL;
	MemoryContext old;
	size_t		len;

	*cxt = AllocSetContextCreate(CurrentMemoryContext, "sentimen entities",
								 ALLOCSET_DEFAULT_SIZES);
	old = MemoryContextSwitchTo(*cxt);
	*utf8 = sentimen_text_to_utf8(t, &len);
	sentimen_entities_extract_with(tg, sm, ov, *utf8, len, r, &sentimen_pg_allocator);
	MemoryContextSwitchTo(old);
}

/* the profile's gazetteer when called with a profile argument */
#define extract(t, ws, r, s, cxt) \
	extract_ov((t), profile_entities(fcinfo), (ws), (r), (s), (cxt))

static const sentimen_entity_overrides *
profile_entities(FunctionCallInfo fcinfo)
{
	const sentimen_pg_profile *p;

	if (PG_NARGS() < 2)
		return NULL;
	p = sentimen_pg_get_profile(fcinfo, 1);
	return p ? &p->entities : NULL;
}

static int32
clamp_int(size_t v)
{
	return v > PG_INT32_MAX ? PG_INT32_MAX : (int32) v;
}

Datum
sentimen_sql_mentions(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	sentimen_entity_result r;
	MemoryContext cxt;
	char	   *s;

	InitMaterializedSRF(fcinfo, 0);
	if (PG_ARGISNULL(0))
		return (Datum) 0;
	extract(PG_GETARG_TEXT_PP(0), false, &r, &s, &cxt);
	for (size_t i = 0; i < r.n_mentions; i++)
	{
		const sentimen_mention *m = &r.mentions[i];
		const sentimen_entity *e = &r.entities[m->entity];
		Datum		values[5];
		bool		nulls[5] = {false, false, false, false, false};

		values[0] = PointerGetDatum(sentimen_utf8_to_text(s + m->start, m->len));
		values[1] = PointerGetDatum(cstring_to_text(sentimen_entity_type_name(m->type)));
		values[2] = PointerGetDatum(sentimen_utf8_to_text(e->name, e->name_len));
		values[3] = Int32GetDatum(clamp_int(m->cp_start + 1));
		values[4] = Int32GetDatum(clamp_int(m->cp_len));
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		if ((i & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
	}
	MemoryContextDelete(cxt);
	return (Datum) 0;
}

Datum
sentimen_sql_entities(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	sentimen_entity_result r;
	MemoryContext cxt;
	char	   *s;
	const sentimen_model *sm = sentimen_pg_default_model();

	InitMaterializedSRF(fcinfo, 0);
	if (PG_ARGISNULL(0))
		return (Datum) 0;
	extract(PG_GETARG_TEXT_PP(0), true, &r, &s, &cxt);
	for (size_t i = 0; i < r.n_entities; i++)
	{
		const sentimen_entity *e = &r.entities[i];
		Datum		values[6];
		bool		nulls[6] = {false, false, false, false, false, false};

		values[0] = PointerGetDatum(sentimen_utf8_to_text(e->name, e->name_len));
		values[1] = PointerGetDatum(cstring_to_text(sentimen_entity_type_name(e->type)));
		values[2] = Int32GetDatum((int32) e->mentions);
		values[3] = Float8GetDatum(e->salience);
		if (e->has_sentiment)
		{
			values[4] = PointerGetDatum(cstring_to_text(sentimen_model_class_name(sm, e->label)));
			values[5] = Float8GetDatum(e->score);
		}
		else
			nulls[4] = nulls[5] = true;
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		if ((i & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
	}
	MemoryContextDelete(cxt);
	return (Datum) 0;
}

static void
json_key_string(StringInfo buf, const char *key, const char *val, size_t len)
{
	char	   *v = pnstrdup(val, len);

	escape_json(buf, key);
	appendStringInfoChar(buf, ':');
	escape_json(buf, v);
	pfree(v);
}

/* [{"entity": ..., "type": ..., "mentions": n, "salience": x, "label": ..., "score": x}, ...] */
static Datum
entities_jsonb(const sentimen_entity_result *rp, MemoryContext cxt)
{
	const sentimen_entity_result r = *rp;
	const sentimen_model *sm = sentimen_pg_default_model();
	StringInfoData buf;
	Datum		result;

	initStringInfo(&buf);
	appendStringInfoChar(&buf, '[');
	for (size_t i = 0; i < r.n_entities; i++)
	{
		const sentimen_entity *e = &r.entities[i];
		text	   *name = sentimen_utf8_to_text(e->name, e->name_len);

		if (i > 0)
			appendStringInfoString(&buf, ", ");
		appendStringInfoChar(&buf, '{');
		json_key_string(&buf, "entity", VARDATA_ANY(name), VARSIZE_ANY_EXHDR(name));
		appendStringInfoString(&buf, ", ");
		json_key_string(&buf, "type", sentimen_entity_type_name(e->type),
						strlen(sentimen_entity_type_name(e->type)));
		appendStringInfo(&buf, ", \"mentions\":%u, \"salience\":%.4f, ", e->mentions, e->salience);
		if (e->has_sentiment)
		{
			const char *label = sentimen_model_class_name(sm, e->label);

			json_key_string(&buf, "label", label, strlen(label));
			appendStringInfo(&buf, ", \"score\":%.4f}", e->score);
		}
		else
			appendStringInfoString(&buf, "\"label\":null, \"score\":null}");
		if ((i & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
	}
	appendStringInfoChar(&buf, ']');
	MemoryContextDelete(cxt);
	result = DirectFunctionCall1(jsonb_in, CStringGetDatum(buf.data));
	pfree(buf.data);
	return result;
}

Datum
sentimen_sql_entities_json(PG_FUNCTION_ARGS)
{
	sentimen_entity_result r;
	MemoryContext cxt;
	char	   *s;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	extract(PG_GETARG_TEXT_PP(0), true, &r, &s, &cxt);
	PG_RETURN_DATUM(entities_jsonb(&r, cxt));
}

/* for the annotation trigger: UTF-8 text in, jsonb out */
Datum
sentimen_pg_entities_jsonb(const char *s, size_t len, const sentimen_entity_overrides *ov)
{
	const sentimen_tagger *tg = pg_default_tagger();
	const sentimen_model *sm = sentimen_pg_default_model();
	sentimen_entity_result r;
	MemoryContext cxt = AllocSetContextCreate(CurrentMemoryContext, "sentimen entities",
											  ALLOCSET_DEFAULT_SIZES);
	MemoryContext old = MemoryContextSwitchTo(cxt);

	sentimen_entities_extract_with(tg, sm, ov, s, len, &r, &sentimen_pg_allocator);
	MemoryContextSwitchTo(old);
	return entities_jsonb(&r, cxt);
}
