/*
 * sentimen_pg.c: module entry point and the glue shared by all SQL functions
 * (allocator, encoding conversion, error mapping).
 */
#include "sentimen_pg.h"
#include "sentimen_custom.h"

#include "fmgr.h"
#include "funcapi.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

PG_MODULE_MAGIC;

void		_PG_init(void);

static void *
pg_alloc(void *ctx, size_t size)
{
	return palloc_extended(size, MCXT_ALLOC_HUGE);
}

static void *
pg_realloc(void *ctx, void *ptr, size_t size)
{
	return repalloc_huge(ptr, size);
}

static void
pg_free(void *ctx, void *ptr)
{
	pfree(ptr);
}

const sentimen_allocator sentimen_pg_allocator = {pg_alloc, pg_realloc, pg_free, NULL};

static void
pg_interrupt_hook(void)
{
	CHECK_FOR_INTERRUPTS();
}

void
_PG_init(void)
{
	sentimen_interrupt_hook = pg_interrupt_hook;
	sentimen_pg_profile_init();
}

char *
sentimen_text_to_utf8(text *t, size_t *len)
{
	char	   *s = VARDATA_ANY(t);
	int			n = VARSIZE_ANY_EXHDR(t);
	int			enc = GetDatabaseEncoding();

	if (enc == PG_UTF8)
	{
		*len = (size_t) n;
		return s;
	}
	if (enc == PG_SQL_ASCII)
	{
		/* SQL_ASCII stores bytes without an encoding: read them as UTF-8 or refuse */
		if (pg_encoding_verifymbstr(PG_UTF8, s, n) != n)
			ereport(ERROR,
					(errcode(ERRCODE_CHARACTER_NOT_IN_REPERTOIRE),
					 errmsg("input is not valid UTF-8"),
					 errdetail("In a SQL_ASCII database sentimen reads text as UTF-8."),
					 errhint("Convert the text to UTF-8, or use a UTF8 database.")));
		*len = (size_t) n;
		return s;
	}
	{
		/* the result is NUL-terminated only when it is a new string */
		char	   *conv = (char *) pg_do_encoding_conversion((unsigned char *) s, n, enc, PG_UTF8);

		*len = conv == s ? (size_t) n : strlen(conv);
		return conv;
	}
}

text *
sentimen_utf8_to_text(const char *s, size_t len)
{
	char	   *conv;

	if (len > (size_t) MaxAllocSize - VARHDRSZ)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("result is too large")));
	conv = pg_any_to_server(s, (int) len, PG_UTF8);
	if (conv == s)
		return cstring_to_text_with_len(s, (int) len);
	return cstring_to_text(conv);
}

void
sentimen_report_status(sentimen_status st, const char *what)
{
	int			code;

	switch (st)
	{
		case SENTIMEN_ERR_MODEL_CORRUPT:
			code = ERRCODE_DATA_CORRUPTED;
			break;
		case SENTIMEN_ERR_MODEL_VERSION:
		case SENTIMEN_ERR_MODEL_KIND:
			code = ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE;
			break;
		case SENTIMEN_ERR_TOO_LARGE:
			code = ERRCODE_PROGRAM_LIMIT_EXCEEDED;
			break;
		case SENTIMEN_ERR_PARSE:
			code = ERRCODE_INVALID_TEXT_REPRESENTATION;
			break;
		case SENTIMEN_ERR_NO_DATA:
			code = ERRCODE_NO_DATA_FOUND;
			break;
		case SENTIMEN_ERR_INVALID_ARGUMENT:
			code = ERRCODE_INVALID_PARAMETER_VALUE;
			break;
		default:
			code = ERRCODE_INTERNAL_ERROR;
			break;
	}
	ereport(ERROR,
			(errcode(code),
			 errmsg("%s: %s", what, sentimen_status_message(st))));
	pg_unreachable();
}

const sentimen_model *
sentimen_pg_default_model(void)
{
	const sentimen_model *m = sentimen_default_model();

	if (m == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("the compiled-in sentiment model is unusable: %s",
						sentimen_status_message(sentimen_default_model_status())),
				 errhint("Rebuild the extension with \"make model\" and reinstall it.")));
	return m;
}

TupleDesc
sentimen_pg_result_desc(FunctionCallInfo fcinfo)
{
	TupleDesc	tupdesc = (TupleDesc) fcinfo->flinfo->fn_extra;

	if (tupdesc == NULL)
	{
		MemoryContext old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
		TupleDesc	td;

		if (get_call_result_type(fcinfo, NULL, &td) != TYPEFUNC_COMPOSITE)
			ereport(ERROR,
					(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
					 errmsg("function returning record called in context that cannot accept type record")));
		tupdesc = BlessTupleDesc(CreateTupleDescCopy(td));
		fcinfo->flinfo->fn_extra = tupdesc;
		MemoryContextSwitchTo(old);
	}
	return tupdesc;
}
