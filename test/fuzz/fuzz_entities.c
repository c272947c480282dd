/*
 * fuzz_entities.c: sentimen_entities_extract (tokeniser for tagging, dates,
 * the compiled-in CRF tagger and gazetteer, resolution, per-entity
 * sentiment) on arbitrary bytes.  Checked: every mention lies inside the
 * input and points at an entity; for valid UTF-8 its code point offsets
 * match its byte offsets, which is what makes substr(input, start, length)
 * equal the mention in SQL.
 */
#include "fuzz_common.h"

#include <math.h>

#include "../../src/core/entities.h"

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	const sentimen_model *m = sentimen_default_model();
	char	   *s = fuzz_copy(data, size);
	bool		valid = sentimen_utf8_valid(s, size);
	sentimen_entity_result r;

	FUZZ_CHECK(m != NULL && sentimen_default_tagger() != NULL);
	sentimen_entities_extract(NULL, m, s, size, &r, A);
	for (size_t i = 0; i < r.n_mentions; i++)
	{
		const sentimen_mention *mn = &r.mentions[i];

		FUZZ_CHECK(mn->start <= size && mn->len > 0 && mn->len <= size - mn->start);
		FUZZ_CHECK(mn->entity < r.n_entities);
		if (i > 0)
			FUZZ_CHECK(mn->start >= r.mentions[i - 1].start);
		if (valid)
		{
			FUZZ_CHECK(mn->cp_start == sentimen_utf8_count(s, mn->start));
			FUZZ_CHECK(mn->cp_len == sentimen_utf8_count(s + mn->start, mn->len));
		}
	}
	for (size_t i = 0; i < r.n_entities; i++)
	{
		const sentimen_entity *e = &r.entities[i];

		FUZZ_CHECK(e->name != NULL && e->name_len == strlen(e->name));
		FUZZ_CHECK(e->mentions > 0 && e->first < r.n_mentions);
		FUZZ_CHECK(isfinite(e->salience) && e->salience >= 0 && e->salience <= 1.0 + 1e-9);
		if (e->has_sentiment)
			FUZZ_CHECK(isfinite(e->score) && e->score >= -1.0 - 1e-9 && e->score <= 1.0 + 1e-9);
	}
	sentimen_entities_free(&r);
	free(s);
	return 0;
}
