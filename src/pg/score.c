/*
 * score.c: article-level sentiment from SQL.
 *
 *   sentimen_score(text)    -> sentimen_result (label, score, confidence)
 *   sentimen_label(text)    -> text
 *   sentimen_explain(text)  -> setof (term text, weight float8)
 *   sentimen_tokens(text)   -> text[]
 *
 * All depend only on compiled-in data, hence IMMUTABLE and PARALLEL SAFE.
 */
#include "sentimen_pg.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "../core/classify.h"
#include "../core/tokenize.h"

PG_FUNCTION_INFO_V1(sentimen_sql_score);
PG_FUNCTION_INFO_V1(sentimen_sql_label);
PG_FUNCTION_INFO_V1(sentimen_sql_explain);
PG_FUNCTION_INFO_V1(sentimen_sql_tokens);

static void
classify_arg(FunctionCallInfo fcinfo, const sentimen_model **m, sentimen_result *r)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	size_t		len;
	char	   *s = sentimen_text_to_utf8(t, &len);

	*m = sentimen_pg_default_model();
	sentimen_classify(*m, s, len, r, &sentimen_pg_allocator);
}

Datum
sentimen_sql_score(PG_FUNCTION_ARGS)
{
	const sentimen_model *m;
	sentimen_result r;
	TupleDesc	tupdesc = sentimen_pg_result_desc(fcinfo);
	Datum		values[3];
	bool		nulls[3] = {false, false, false};

	classify_arg(fcinfo, &m, &r);
	values[0] = PointerGetDatum(cstring_to_text(sentimen_model_class_name(m, r.label)));
	values[1] = Float8GetDatum(r.score);
	values[2] = Float8GetDatum(r.confidence);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}

Datum
sentimen_sql_label(PG_FUNCTION_ARGS)
{
	const sentimen_model *m;
	sentimen_result r;

	classify_arg(fcinfo, &m, &r);
	PG_RETURN_TEXT_P(cstring_to_text(sentimen_model_class_name(m, r.label)));
}

Datum
sentimen_sql_explain(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	text	   *t = PG_GETARG_TEXT_PP(0);
	size_t		len;
	char	   *s;
	const sentimen_model *m = sentimen_pg_default_model();
	sentimen_result r;
	sentimen_explain_term *terms;
	size_t		n;

	InitMaterializedSRF(fcinfo, 0);
	s = sentimen_text_to_utf8(t, &len);
	sentimen_explain(m, s, len, &r, &terms, &n, &sentimen_pg_allocator);
	for (size_t i = 0; i < n; i++)
	{
		Datum		values[2];
		bool		nulls[2] = {false, false};

		values[0] = PointerGetDatum(sentimen_utf8_to_text(terms[i].term, strlen(terms[i].term)));
		values[1] = Float8GetDatum(terms[i].weight);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		if ((i & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
	}
	pfree(terms);
	return (Datum) 0;
}

Datum
sentimen_sql_tokens(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	size_t		len;
	char	   *s = sentimen_text_to_utf8(t, &len);
	sentimen_tokenizer tz;
	sentimen_token tok;
	ArrayBuildState *astate = initArrayResult(TEXTOID, CurrentMemoryContext, false);

	sentimen_tokenizer_init(&tz, s, len, SENTIMEN_TOKOPT_SENTIMENT, &sentimen_pg_allocator);
	while (sentimen_tokenizer_next(&tz, &tok))
		accumArrayResult(astate, PointerGetDatum(sentimen_utf8_to_text(tok.norm, tok.norm_len)),
						 false, TEXTOID, CurrentMemoryContext);
	sentimen_tokenizer_free(&tz);
	PG_RETURN_DATUM(makeArrayResult(astate, CurrentMemoryContext));
}
