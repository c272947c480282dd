/*
 * channel.c: the channel ("Jenis Media") of a news text from SQL.
 *
 *   sentimen_channel(text) -> sentimen_channel_result (channel, confidence)
 *
 * channel is one of nasional, internasional, ekonomi, olahraga, hiburan,
 * tekno, otomotif, gaya_hidup; confidence is its probability.  A text without
 * words ('', blank, punctuation only) has no channel: the result is NULL.
 * Depends only on the compiled-in model: IMMUTABLE and PARALLEL SAFE.
 */
#include "sentimen_pg.h"

#include "access/htup_details.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/builtins.h"

#include "../core/channel.h"
#include "../core/classify.h"

PG_FUNCTION_INFO_V1(sentimen_sql_channel);

static const sentimen_model *
pg_default_channel(void)
{
	const sentimen_model *m = sentimen_default_channel();

	if (m == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("the compiled-in channel model is unusable: %s",
						sentimen_status_message(sentimen_default_channel_status())),
				 errhint("Rebuild the extension with \"make model\" and reinstall it.")));
	return m;
}

Datum
sentimen_sql_channel(PG_FUNCTION_ARGS)
{
	TupleDesc	tupdesc = sentimen_pg_result_desc(fcinfo);
	text	   *t = PG_GETARG_TEXT_PP(0);
	const sentimen_model *m;
	sentimen_result r;
	size_t		len;
	char	   *s;
	Datum		values[2];
	bool		nulls[2] = {false, false};

	m = pg_default_channel();
	s = sentimen_text_to_utf8(t, &len);
	sentimen_classify(m, s, len, &r, &sentimen_pg_allocator);
	if (r.words == 0)
		PG_RETURN_NULL();
	values[0] = PointerGetDatum(cstring_to_text(sentimen_model_class_name(m, r.label)));
	values[1] = Float8GetDatum(r.confidence);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}
