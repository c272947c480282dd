/*
 * models.c: models trained in SQL and stored in sentimen_models, and the
 * scoring functions that take a model name or a profile.
 *
 *   sentimen_train(model_name, query, test_fraction, l2, iterations, replace)
 *       -> setof (class, precision, recall, f1, support)
 *   sentimen_score(text, model_name, profile) -> sentimen_result   (STABLE)
 *   sentimen_label(text, profile) -> text                          (STABLE)
 *
 * The training query runs through SPI with the caller's privileges (no
 * SECURITY DEFINER), so row-level security and grants hold.
 */
#include "sentimen_pg.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "portability/instr_time.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

#include "sentimen_custom.h"
#include "../core/corpus.h"
#include "../core/hash.h"
#include "../core/train.h"

PG_FUNCTION_INFO_V1(sentimen_sql_train);
PG_FUNCTION_INFO_V1(sentimen_sql_score_with);
PG_FUNCTION_INFO_V1(sentimen_sql_label_profile);

/* ---- the cache of stored models ---- */

#define MAX_MODELS 8

typedef struct model_entry
{
	char	   *name;
	uint64		generation;
	MemoryContext cxt;
	sentimen_model model;
	uint64		last_use;
} model_entry;

static model_entry models[MAX_MODELS];
static uint64 model_clock = 0;

const sentimen_model *
sentimen_pg_stored_model(FunctionCallInfo fcinfo, const char *name)
{
	Oid			nsp = sentimen_pg_schema(fcinfo);
	uint64		gen = sentimen_pg_cache_generation(nsp);
	model_entry *me = NULL;
	model_entry *victim = &models[0];
	StringInfoData q;
	Oid			argtypes[1] = {TEXTOID};
	Datum		args[1];
	int			ret;
	bytea	   *b;
	bool		isnull;
	void	   *blob;
	size_t		size;
	sentimen_status st;

	for (int i = 0; i < MAX_MODELS; i++)
	{
		if (models[i].name && strcmp(models[i].name, name) == 0)
		{
			me = &models[i];
			break;
		}
		if (models[i].name == NULL || (victim->name && models[i].last_use < victim->last_use))
			victim = &models[i];
	}
	if (me && me->generation == gen)
	{
		me->last_use = ++model_clock;
		return &me->model;
	}
	if (me == NULL)
		me = victim;
	if (me->cxt)
		MemoryContextDelete(me->cxt);
	memset(me, 0, sizeof(*me));

	initStringInfo(&q);
	appendStringInfo(&q, "SELECT model FROM %s.sentimen_models WHERE name = $1",
					 quote_identifier(get_namespace_name(nsp)));
	args[0] = CStringGetTextDatum(name);
	if ((ret = SPI_connect()) != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed: %s", SPI_result_code_string(ret));
	ret = SPI_execute_with_args(q.data, 1, argtypes, args, NULL, true, 1);
	if (ret != SPI_OK_SELECT)
		elog(ERROR, "reading sentimen_models failed: %s", SPI_result_code_string(ret));
	if (SPI_processed == 0)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("sentimen model \"%s\" does not exist", name),
				 errhint("Train one with sentimen_train(), or see the view sentimen_model_list.")));
	b = DatumGetByteaPP(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
	if (isnull)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("sentimen model \"%s\" has no model data", name)));
	size = VARSIZE_ANY_EXHDR(b);
	me->cxt = AllocSetContextCreate(sentimen_pg_cache_context(), "sentimen stored model",
									ALLOCSET_DEFAULT_SIZES);
	/* palloc memory is MAXALIGNed (8 bytes), as the model reader needs */
	blob = MemoryContextAllocExtended(me->cxt, size ? size : 1, MCXT_ALLOC_HUGE);
	memcpy(blob, VARDATA_ANY(b), size);
	SPI_finish();
	pfree(q.data);

	st = sentimen_model_open(&me->model, blob, size);
	if (st != SENTIMEN_OK)
	{
		MemoryContextDelete(me->cxt);
		me->cxt = NULL;
		ereport(ERROR,
				(errcode(st == SENTIMEN_ERR_MODEL_CORRUPT ? ERRCODE_DATA_CORRUPTED
						 : ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("sentimen model \"%s\" is unusable: %s", name, sentimen_status_message(st)),
				 errdetail(st == SENTIMEN_ERR_MODEL_CORRUPT
						   ? "The stored bytes fail the model's format or checksum checks."
						   : "The model was built by an incompatible version of sentimen."),
				 errhint("Drop it with sentimen_drop_model() and train it again.")));
	}
	me->name = MemoryContextStrdup(me->cxt, name);
	me->generation = gen;
	me->last_use = ++model_clock;
	return &me->model;
}

/* ---- scoring with a model and/or a profile ---- */

/* sentimen_score(text, model_name text, profile text DEFAULT NULL) */
Datum
sentimen_sql_score_with(PG_FUNCTION_ARGS)
{
	TupleDesc	tupdesc;
	const sentimen_model *m;
	const sentimen_pg_profile *p;
	sentimen_result r;
	size_t		len;
	char	   *s;
	Datum		values[3];
	bool		nulls[3] = {false, false, false};

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	tupdesc = sentimen_pg_result_desc(fcinfo);
	if (PG_ARGISNULL(1))
		m = sentimen_pg_default_model();
	else
	{
		char	   *name = text_to_cstring(PG_GETARG_TEXT_PP(1));

		m = sentimen_pg_stored_model(fcinfo, name);
	}
	p = sentimen_pg_get_profile(fcinfo, 2);
	s = sentimen_text_to_utf8(PG_GETARG_TEXT_PP(0), &len);
	sentimen_classify_with(m, p ? &p->terms : NULL, s, len, &r, &sentimen_pg_allocator);
	values[0] = PointerGetDatum(cstring_to_text(sentimen_model_class_name(m, r.label)));
	values[1] = Float8GetDatum(r.score);
	values[2] = Float8GetDatum(r.confidence);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}

/* sentimen_label(text, profile text) */
Datum
sentimen_sql_label_profile(PG_FUNCTION_ARGS)
{
	const sentimen_model *m = sentimen_pg_default_model();
	const sentimen_pg_profile *p;
	sentimen_result r;
	size_t		len;
	char	   *s;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	p = sentimen_pg_get_profile(fcinfo, 1);
	s = sentimen_text_to_utf8(PG_GETARG_TEXT_PP(0), &len);
	sentimen_classify_with(m, p ? &p->terms : NULL, s, len, &r, &sentimen_pg_allocator);
	PG_RETURN_TEXT_P(cstring_to_text(sentimen_model_class_name(m, r.label)));
}

/* ---- training ---- */

static void
train_progress(void *ctx, const char *message)
{
	const char *name = ctx;

	ereport(NOTICE,
			(errmsg("sentimen_train(%s): %s", name, message)));
}

/* deterministic held-out split of row i */
static bool
held_out(size_t i, double fraction)
{
	uint64_t	h = sentimen_mix64((uint64_t) i * UINT64_C(0x9E3779B97F4A7C15) + 42);

	return (double) (h >> 11) * (1.0 / 9007199254740992.0) < fraction;
}

Datum
sentimen_sql_train(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	char	   *name;
	char	   *query;
	double		test_fraction = PG_ARGISNULL(2) ? 0.2 : PG_GETARG_FLOAT8(2);
	double		l2 = PG_ARGISNULL(3) ? 1e-5 : PG_GETARG_FLOAT8(3);
	int			iterations = PG_ARGISNULL(4) ? 100 : PG_GETARG_INT32(4);
	bool		replace = PG_ARGISNULL(5) ? false : PG_GETARG_BOOL(5);
	Oid			nsp = sentimen_pg_schema(fcinfo);
	const char *schema = quote_identifier(get_namespace_name(nsp));
	MemoryContext tcxt,
				old;
	sentimen_allocator ta;
	sentimen_dataset all,
				train;
	sentimen_train_config cfg;
	SPIPlanPtr	plan;
	Portal		portal;
	StringInfoData q;
	int			ret;
	size_t		skipped = 0;
	void	   *blob;
	size_t		size;
	sentimen_status st;
	sentimen_model model;
	uint32_t	nc;
	uint64_t	conf[SENTIMEN_MAX_CLASSES][SENTIMEN_MAX_CLASSES];
	size_t		n_test = 0,
				correct = 0;
	double		macro = 0.0;
	StringInfoData metrics;
	instr_time	t0,
				t1;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("model_name and query must not be NULL")));
	name = text_to_cstring(PG_GETARG_TEXT_PP(0));
	query = text_to_cstring(PG_GETARG_TEXT_PP(1));
	if (name[0] == '\0')
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("model_name must not be empty")));
	if (!(test_fraction > 0.0 && test_fraction < 1.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("test_fraction must be between 0 and 1 (exclusive), not %g", test_fraction)));
	if (!(l2 >= 0.0 && l2 < 1.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("l2 must be in [0, 1), not %g", l2)));
	if (iterations < 1 || iterations > 10000)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("iterations must be between 1 and 10000, not %d", iterations)));

	InitMaterializedSRF(fcinfo, 0);
	INSTR_TIME_SET_CURRENT(t0);

	tcxt = AllocSetContextCreate(CurrentMemoryContext, "sentimen training", ALLOCSET_DEFAULT_SIZES);
	sentimen_pg_context_allocator(&ta, tcxt);
	sentimen_dataset_init(&all, &ta);
	all.n_classes = 0;

	if ((ret = SPI_connect()) != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed: %s", SPI_result_code_string(ret));

	/* refuse a name in use before spending time on training */
	initStringInfo(&q);
	if (!replace)
	{
		Oid			argtypes[1] = {TEXTOID};
		Datum		args[1] = {CStringGetTextDatum(name)};

		appendStringInfo(&q, "SELECT 1 FROM %s.sentimen_models WHERE name = $1", schema);
		ret = SPI_execute_with_args(q.data, 1, argtypes, args, NULL, true, 1);
		if (ret != SPI_OK_SELECT)
			elog(ERROR, "reading sentimen_models failed: %s", SPI_result_code_string(ret));
		if (SPI_processed > 0)
			ereport(ERROR,
					(errcode(ERRCODE_DUPLICATE_OBJECT),
					 errmsg("sentimen model \"%s\" already exists", name),
					 errhint("Pass replace => true, or drop it with sentimen_drop_model().")));
	}

	/* read the rows: (text, label) */
	plan = SPI_prepare(query, 0, NULL);
	if (plan == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_SYNTAX_ERROR),
				 errmsg("training query could not be prepared: %s", SPI_result_code_string(SPI_result))));
	if (!SPI_is_cursor_plan(plan))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("training query must return rows (text, label)")));
	portal = SPI_cursor_open(NULL, plan, NULL, NULL, false);
	for (;;)
	{
		SPI_cursor_fetch(portal, true, 1000);
		if (SPI_processed == 0)
			break;
		if (SPI_tuptable->tupdesc->natts < 2)
			ereport(ERROR,
					(errcode(ERRCODE_DATATYPE_MISMATCH),
					 errmsg("training query must return two columns (text, label), not %d",
							SPI_tuptable->tupdesc->natts)));
		for (uint64 i = 0; i < SPI_processed; i++)
		{
			HeapTuple	tup = SPI_tuptable->vals[i];
			char	   *tx = SPI_getvalue(tup, SPI_tuptable->tupdesc, 1);
			char	   *lb = SPI_getvalue(tup, SPI_tuptable->tupdesc, 2);
			char	   *u,
					   *ul;
			int			c;

			if (tx == NULL || lb == NULL || lb[0] == '\0')
			{
				skipped++;
				continue;
			}
			u = pg_server_to_any(tx, strlen(tx), PG_UTF8);
			ul = pg_server_to_any(lb, strlen(lb), PG_UTF8);
			if (strlen(ul) >= SENTIMEN_CLASS_NAME_LEN)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("label \"%s\" is too long", lb),
						 errdetail("Labels have at most %d bytes.", SENTIMEN_CLASS_NAME_LEN - 1)));
			c = sentimen_dataset_class(&all, sentimen_canonical_label(ul), true);
			if (c < 0)
				ereport(ERROR,
						(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
						 errmsg("training data has more than %d labels", SENTIMEN_MAX_CLASSES)));
			old = MemoryContextSwitchTo(tcxt);
			u = pstrdup(u);
			MemoryContextSwitchTo(old);
			sentimen_dataset_add(&all, u, strlen(u), c, 1.0f, 0);
			pfree(tx);
			pfree(lb);
		}
		SPI_freetuptable(SPI_tuptable);
		CHECK_FOR_INTERRUPTS();
	}
	SPI_cursor_close(portal);
	if (all.n_classes < 2)
		ereport(ERROR,
				(errcode(ERRCODE_NO_DATA_FOUND),
				 errmsg("training data has %u label%s; at least 2 are needed", all.n_classes,
						all.n_classes == 1 ? "" : "s")));

	/* split */
	sentimen_dataset_init(&train, &ta);
	train.n_classes = all.n_classes;
	memcpy(train.class_names, all.class_names, sizeof(all.class_names));
	for (size_t i = 0; i < all.n; i++)
		if (!held_out(i, test_fraction))
			sentimen_dataset_add(&train, all.rows[i].text, all.rows[i].len, all.rows[i].label, 1.0f, 0);
	n_test = all.n - train.n;
	if (train.n < 10 || n_test < 2)
		ereport(ERROR,
				(errcode(ERRCODE_NO_DATA_FOUND),
				 errmsg("too few rows to train and evaluate: %zu for training, %zu held out",
						train.n, n_test),
				 errhint("Give at least a few dozen labelled rows.")));
	ereport(NOTICE,
			(errmsg("sentimen_train(%s): %zu rows (%zu skipped with NULL text or label), %u labels; %zu for training, %zu held out",
					name, all.n, skipped, all.n_classes, train.n, n_test)));

	/* the shipped model's settings (models/sentiment.args), faster calibration */
	sentimen_train_config_default(&cfg);
	cfg.l2 = l2;
	cfg.max_iter = iterations;
	cfg.calib_folds = 2;
	cfg.prune = 0.04f;
	cfg.seed = 42;
	cfg.fcfg.flags |= SENTIMEN_FC_LONG_AUG | SENTIMEN_FC_HEAD_AUG;
	cfg.fcfg.lexicon_weight = 0.3f;
	cfg.fcfg.char_min = cfg.fcfg.char_max = 0;
	(void) sentimen_train_config_use_embeddings(&cfg, SENTIMEN_FC_CLUSTERS);
	cfg.progress = train_progress;
	cfg.progress_ctx = name;

	old = MemoryContextSwitchTo(tcxt);
	st = sentimen_train(&cfg, &train, "trained in SQL by sentimen_train()", &ta, &blob, &size);
	MemoryContextSwitchTo(old);
	if (st != SENTIMEN_OK)
		sentimen_report_status(st, "sentimen_train");
	st = sentimen_model_open(&model, blob, size);
	if (st != SENTIMEN_OK)
		sentimen_report_status(st, "sentimen_train");

	/* evaluate on the held-out rows */
	nc = model.n_classes;
	memset(conf, 0, sizeof(conf));
	for (size_t i = 0; i < all.n; i++)
	{
		sentimen_result r;
		MemoryContext rc;

		if (!held_out(i, test_fraction))
			continue;
		rc = MemoryContextSwitchTo(tcxt);
		sentimen_classify(&model, all.rows[i].text, all.rows[i].len, &r, &ta);
		MemoryContextSwitchTo(rc);
		conf[all.rows[i].label][r.label]++;
		if (all.rows[i].label == r.label)
			correct++;
		if ((i & 255) == 0)
			CHECK_FOR_INTERRUPTS();
	}
	initStringInfo(&metrics);
	appendStringInfo(&metrics, "{\"classes\": {");
	for (uint32_t c = 0; c < nc; c++)
	{
		uint64_t	tp = conf[c][c],
					gold = 0,
					pred = 0;
		double		p,
					rcl,
					f;
		Datum		values[5];
		bool		nulls[5] = {false, false, false, false, false};
		const char *cn = sentimen_model_class_name(&model, (int) c);

		for (uint32_t k = 0; k < nc; k++)
		{
			gold += conf[c][k];
			pred += conf[k][c];
		}
		p = pred ? (double) tp / pred : 0.0;
		rcl = gold ? (double) tp / gold : 0.0;
		f = p + rcl > 0 ? 2 * p * rcl / (p + rcl) : 0.0;
		macro += f;
		values[0] = CStringGetTextDatum(cn);
		values[1] = Float8GetDatum(p);
		values[2] = Float8GetDatum(rcl);
		values[3] = Float8GetDatum(f);
		values[4] = Int32GetDatum((int32) gold);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		appendStringInfo(&metrics, "%s\"%s\": {\"precision\": %.4f, \"recall\": %.4f, \"f1\": %.4f, \"support\": %llu}",
						 c ? ", " : "", cn, p, rcl, f, (unsigned long long) gold);
	}
	macro /= nc;
	{
		Datum		values[5];
		bool		nulls[5] = {false, true, true, false, false};

		values[0] = CStringGetTextDatum("macro");
		values[1] = values[2] = (Datum) 0;
		values[3] = Float8GetDatum(macro);
		values[4] = Int32GetDatum((int32) n_test);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	INSTR_TIME_SET_CURRENT(t1);
	INSTR_TIME_SUBTRACT(t1, t0);
	appendStringInfo(&metrics, "}, \"macro_f1\": %.4f, \"accuracy\": %.4f, \"seconds\": %.2f}",
					 macro, (double) correct / n_test, INSTR_TIME_GET_DOUBLE(t1));

	/* store it, with the caller's privileges */
	{
		Oid			argtypes[8] = {TEXTOID, BYTEAOID, TEXTARRAYOID, INT4OID, INT4OID, FLOAT8OID,
		JSONBOID, JSONBOID};
		Datum		args[8];
		bytea	   *bv = palloc(VARHDRSZ + size);
		Datum	   *cls = palloc(nc * sizeof(Datum));
		StringInfoData settings;

		memcpy(VARDATA(bv), blob, size);
		SET_VARSIZE(bv, VARHDRSZ + size);
		for (uint32_t c = 0; c < nc; c++)
			cls[c] = CStringGetTextDatum(sentimen_model_class_name(&model, (int) c));
		initStringInfo(&settings);
		appendStringInfo(&settings, "{\"test_fraction\": %g, \"l2\": %g, \"iterations\": %d, \"calib_folds\": %d, \"prune\": %g, \"clusters\": %s}",
						 test_fraction, l2, iterations, cfg.calib_folds, (double) cfg.prune,
						 (cfg.fcfg.flags & SENTIMEN_FC_CLUSTERS) ? "true" : "false");
		args[0] = CStringGetTextDatum(name);
		args[1] = PointerGetDatum(bv);
		args[2] = PointerGetDatum(construct_array(cls, (int) nc, TEXTOID, -1, false, TYPALIGN_INT));
		args[3] = Int32GetDatum((int32) train.n);
		args[4] = Int32GetDatum((int32) n_test);
		args[5] = Float8GetDatum(macro);
		args[6] = DirectFunctionCall1(jsonb_in, CStringGetDatum(metrics.data));
		args[7] = DirectFunctionCall1(jsonb_in, CStringGetDatum(settings.data));
		resetStringInfo(&q);
		appendStringInfo(&q,
						 "INSERT INTO %s.sentimen_models (name, model, classes, n_train, n_test, macro_f1, metrics, settings) "
						 "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
						 "ON CONFLICT (name) DO UPDATE SET model = EXCLUDED.model, classes = EXCLUDED.classes, "
						 "n_train = EXCLUDED.n_train, n_test = EXCLUDED.n_test, macro_f1 = EXCLUDED.macro_f1, "
						 "metrics = EXCLUDED.metrics, settings = EXCLUDED.settings, "
						 "trained_at = now(), trained_by = current_user",
						 schema);
		ret = SPI_execute_with_args(q.data, 8, argtypes, args, NULL, false, 0);
		if (ret != SPI_OK_INSERT)
			elog(ERROR, "storing the model failed: %s", SPI_result_code_string(ret));
	}
	SPI_finish();
	ereport(NOTICE,
			(errmsg("sentimen_train(%s): held-out macro-F1 %.4f, accuracy %.4f on %zu rows; %.1f s",
					name, macro, (double) correct / n_test, n_test, INSTR_TIME_GET_DOUBLE(t1))));
	MemoryContextDelete(tcxt);
	return (Datum) 0;
}
