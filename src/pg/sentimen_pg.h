/*
 * sentimen_pg.h: shared helpers of the PostgreSQL glue.
 */
#ifndef SENTIMEN_PG_H
#define SENTIMEN_PG_H

#include "postgres.h"

#include "fmgr.h"
#include "access/tupdesc.h"

#include "../core/common.h"
#include "../core/model.h"

/* palloc-backed allocator: memory belongs to CurrentMemoryContext */
extern const sentimen_allocator sentimen_pg_allocator;

/*
 * UTF-8 bytes of a text value.  In a UTF8 database this points into the
 * (detoasted) value; otherwise the text is converted, or refused with an error
 * when it cannot be read as UTF-8 (SQL_ASCII with invalid bytes).
 */
extern char *sentimen_text_to_utf8(text *t, size_t *len);

/* A text datum in the server encoding from UTF-8 bytes. */
extern text *sentimen_utf8_to_text(const char *s, size_t len);

/* Raise the error matching a core status. */
extern void sentimen_report_status(sentimen_status st, const char *what) pg_attribute_noreturn();

/*
 * The blessed tuple descriptor of a function returning a composite, built
 * once per call site and kept in fn_extra.
 */
extern TupleDesc sentimen_pg_result_desc(FunctionCallInfo fcinfo);

/* The compiled-in sentiment model, or an error. */
extern const sentimen_model *sentimen_pg_default_model(void);

#endif							/* SENTIMEN_PG_H */
