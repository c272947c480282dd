/*
 * trigger.c: sentimen_annotate(), a BEFORE INSERT OR UPDATE ... FOR EACH ROW
 * trigger that fills annotation columns from text columns.
 *
 * Arguments are key=value pairs:
 *   text=title,body      text columns, joined by a blank line (the first is
 *                        the title line the sentiment model weighs apart)
 *   label=COL            text:  sentimen label
 *   score=COL            float8: score in [-1, 1]
 *   confidence=COL       float8: probability of the label
 *   entities=COL         jsonb: sentimen_entities_json()
 *   channel=COL          text:  sentimen_channel() channel
 *   profile=NAME         domain profile (default: sentimen.profile)
 *   model=NAME           stored model for label/score/confidence
 * On UPDATE the annotations are recomputed only when a text column changed.
 * Wrong configuration fails at the first row, naming the column.
 */
#include "sentimen_pg.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"

#include "sentimen_custom.h"
#include "../core/channel.h"

PG_FUNCTION_INFO_V1(sentimen_annotate);

#define MAX_TEXT_COLS 8

enum
{
	T_LABEL, T_SCORE, T_CONFIDENCE, T_ENTITIES, T_CHANNEL, N_TARGETS
};

static const char *const target_keys[N_TARGETS] = {"label", "score", "confidence", "entities", "channel"};

typedef struct annotate_config
{
	int			n_text;
	int			text_att[MAX_TEXT_COLS];
	int			target_att[N_TARGETS];	/* 0 = not wanted */
	char	   *profile;
	char	   *model;
} annotate_config;

static void
bad_config(TriggerData *td, const char *msg, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("trigger \"%s\" on \"%s\": %s", td->tg_trigger->tgname,
					RelationGetRelationName(td->tg_relation), msg),
			 detail ? errdetail("%s", detail) : 0,
			 errhint("Arguments are key=value: text=COL[,COL...], label=COL, score=COL, confidence=COL, entities=COL, channel=COL, profile=NAME, model=NAME.")));
}

static int
column(TriggerData *td, const char *col, const char *role, const Oid *types, int ntypes,
	   const char *type_names)
{
	TupleDesc	desc = RelationGetDescr(td->tg_relation);
	int			att = SPI_fnumber(desc, col);
	Oid			t;

	if (att <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_COLUMN),
				 errmsg("trigger \"%s\" on \"%s\": column \"%s\" (%s) does not exist",
						td->tg_trigger->tgname, RelationGetRelationName(td->tg_relation), col, role)));
	if (TupleDescAttr(desc, att - 1)->attgenerated)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_COLUMN_DEFINITION),
				 errmsg("trigger \"%s\" on \"%s\": column \"%s\" (%s) is a generated column",
						td->tg_trigger->tgname, RelationGetRelationName(td->tg_relation), col, role)));
	t = getBaseType(SPI_gettypeid(desc, att));
	for (int i = 0; i < ntypes; i++)
		if (t == types[i])
			return att;
	ereport(ERROR,
			(errcode(ERRCODE_DATATYPE_MISMATCH),
			 errmsg("trigger \"%s\" on \"%s\": column \"%s\" (%s) has type %s, not %s",
					td->tg_trigger->tgname, RelationGetRelationName(td->tg_relation), col, role,
					format_type_be(t), type_names)));
	pg_unreachable();
}

static void
parse_config(TriggerData *td, annotate_config *cfg)
{
	Trigger    *tg = td->tg_trigger;
	static const Oid text_types[] = {TEXTOID, VARCHAROID};
	static const Oid float_types[] = {FLOAT8OID};
	static const Oid jsonb_types[] = {JSONBOID};
	bool		any_target = false;

	memset(cfg, 0, sizeof(*cfg));
	for (int i = 0; i < tg->tgnargs; i++)
	{
		char	   *arg = pstrdup(tg->tgargs[i]);
		char	   *eq = strchr(arg, '=');
		char	   *key,
				   *val;
		int			k;

		if (eq == NULL)
			bad_config(td, psprintf("argument \"%s\" is not key=value", arg), NULL);
		*eq = '\0';
		key = arg;
		val = eq + 1;
		if (strcmp(key, "text") == 0)
		{
			char	   *save = NULL;

			for (char *c = strtok_r(val, ",", &save); c; c = strtok_r(NULL, ",", &save))
			{
				while (*c == ' ')
					c++;
				if (cfg->n_text == MAX_TEXT_COLS)
					bad_config(td, "too many text columns", NULL);
				cfg->text_att[cfg->n_text++] = column(td, c, "text", text_types, 2, "text or varchar");
			}
			continue;
		}
		if (strcmp(key, "profile") == 0)
		{
			cfg->profile = val[0] ? val : NULL;
			continue;
		}
		if (strcmp(key, "model") == 0)
		{
			cfg->model = val[0] ? val : NULL;
			continue;
		}
		for (k = 0; k < N_TARGETS; k++)
			if (strcmp(key, target_keys[k]) == 0)
				break;
		if (k == N_TARGETS)
			bad_config(td, psprintf("unknown argument \"%s\"", key), NULL);
		if (k == T_SCORE || k == T_CONFIDENCE)
			cfg->target_att[k] = column(td, val, key, float_types, 1, "double precision");
		else if (k == T_ENTITIES)
			cfg->target_att[k] = column(td, val, key, jsonb_types, 1, "jsonb");
		else
			cfg->target_att[k] = column(td, val, key, text_types, 2, "text or varchar");
		any_target = true;
	}
	if (cfg->n_text == 0)
		bad_config(td, "no text column", "Name the text columns with text=COL or text=title,body.");
	if (!any_target)
		bad_config(td, "no target column",
				   "Name at least one of label=, score=, confidence=, entities=, channel=.");
}

static const sentimen_model *
channel_model(void)
{
	const sentimen_model *m = sentimen_default_channel();

	if (m == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("the compiled-in channel model is unusable: %s",
						sentimen_status_message(sentimen_default_channel_status()))));
	return m;
}

Datum
sentimen_annotate(PG_FUNCTION_ARGS)
{
	TriggerData *td = (TriggerData *) fcinfo->context;
	TupleDesc	desc;
	HeapTuple	newtup;
	annotate_config cfg;
	MemoryContext rowcxt,
				old;
	StringInfoData doc;
	bool		any_text = false;
	int			cols[N_TARGETS];
	Datum		values[N_TARGETS];
	bool		nulls[N_TARGETS];
	int			nrep = 0;
	HeapTuple	result;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("sentimen_annotate() must be called as a trigger")));
	if (!TRIGGER_FIRED_FOR_ROW(td->tg_event) || !TRIGGER_FIRED_BEFORE(td->tg_event) ||
		!(TRIGGER_FIRED_BY_INSERT(td->tg_event) || TRIGGER_FIRED_BY_UPDATE(td->tg_event)))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("sentimen_annotate() must be a BEFORE INSERT OR UPDATE ... FOR EACH ROW trigger")));

	desc = RelationGetDescr(td->tg_relation);
	newtup = TRIGGER_FIRED_BY_UPDATE(td->tg_event) ? td->tg_newtuple : td->tg_trigtuple;

	/* per-row work in its own context, freed before returning */
	rowcxt = fcinfo->flinfo->fn_extra;
	if (rowcxt == NULL)
	{
		rowcxt = AllocSetContextCreate(fcinfo->flinfo->fn_mcxt, "sentimen annotate row",
									   ALLOCSET_DEFAULT_SIZES);
		fcinfo->flinfo->fn_extra = rowcxt;
	}
	old = MemoryContextSwitchTo(rowcxt);
	parse_config(td, &cfg);

	/* on UPDATE, nothing to do unless a text column changed */
	if (TRIGGER_FIRED_BY_UPDATE(td->tg_event))
	{
		bool		changed = false;

		for (int i = 0; i < cfg.n_text && !changed; i++)
		{
			bool		n1,
						n2;
			Datum		a = heap_getattr(td->tg_trigtuple, cfg.text_att[i], desc, &n1);
			Datum		b = heap_getattr(newtup, cfg.text_att[i], desc, &n2);

			if (n1 != n2 || (!n1 && !datum_image_eq(a, b, false, -1)))
				changed = true;
		}
		if (!changed)
		{
			MemoryContextSwitchTo(old);
			MemoryContextReset(rowcxt);
			return PointerGetDatum(newtup);
		}
	}

	/* the document: text columns joined by a blank line (title first) */
	initStringInfo(&doc);
	for (int i = 0; i < cfg.n_text; i++)
	{
		bool		isnull;
		Datum		d = heap_getattr(newtup, cfg.text_att[i], desc, &isnull);
		size_t		len;
		char	   *s;

		if (isnull)
			continue;
		s = sentimen_text_to_utf8(DatumGetTextPP(d), &len);
		if (len == 0)
			continue;
		if (doc.len > 0)
			appendStringInfoString(&doc, "\n\n");
		appendBinaryStringInfo(&doc, s, (int) len);
		any_text = true;
	}

	for (int k = 0; k < N_TARGETS; k++)
	{
		if (cfg.target_att[k] == 0)
			continue;
		cols[nrep] = cfg.target_att[k];
		nulls[nrep] = true;
		values[nrep] = (Datum) 0;
		nrep++;
	}

	if (any_text)
	{
		const sentimen_pg_profile *prof = NULL;
		sentimen_result r;
		const sentimen_model *m = NULL;
		bool		want_sent = cfg.target_att[T_LABEL] || cfg.target_att[T_SCORE] ||
			cfg.target_att[T_CONFIDENCE];
		int			j = 0;

		if (cfg.profile)
		{
			/* the trigger's profile argument outranks the GUC */
			LOCAL_FCINFO(pfc, 1);

			InitFunctionCallInfoData(*pfc, fcinfo->flinfo, 1, InvalidOid, NULL, NULL);
			pfc->args[0].value = CStringGetTextDatum(cfg.profile);
			pfc->args[0].isnull = false;
			prof = sentimen_pg_get_profile(pfc, 0);
		}
		else
			prof = sentimen_pg_get_profile(fcinfo, -1);
		if (want_sent)
		{
			m = cfg.model ? sentimen_pg_stored_model(fcinfo, cfg.model) : sentimen_pg_default_model();
			sentimen_classify_with(m, prof ? &prof->terms : NULL, doc.data, doc.len, &r,
								   &sentimen_pg_allocator);
		}
		for (int k = 0; k < N_TARGETS; k++)
		{
			if (cfg.target_att[k] == 0)
				continue;
			nulls[j] = false;
			switch (k)
			{
				case T_LABEL:
					values[j] = CStringGetTextDatum(sentimen_model_class_name(m, r.label));
					break;
				case T_SCORE:
					values[j] = Float8GetDatum(r.score);
					break;
				case T_CONFIDENCE:
					values[j] = Float8GetDatum(r.confidence);
					break;
				case T_ENTITIES:
					values[j] = sentimen_pg_entities_jsonb(doc.data, doc.len,
														   prof ? &prof->entities : NULL);
					break;
				case T_CHANNEL:
					{
						const sentimen_model *cm = channel_model();
						sentimen_result cr;

						sentimen_classify(cm, doc.data, doc.len, &cr, &sentimen_pg_allocator);
						if (cr.words == 0)
							nulls[j] = true;
						else
							values[j] = CStringGetTextDatum(sentimen_model_class_name(cm, cr.label));
						break;
					}
			}
			j++;
		}
	}

	MemoryContextSwitchTo(old);
	/* the new tuple in the caller's context; the row context goes */
	result = heap_modify_tuple_by_cols(newtup, desc, nrep, cols, values, nulls);
	MemoryContextReset(rowcxt);
	return PointerGetDatum(result);
}
