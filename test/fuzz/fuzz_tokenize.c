/*
 * fuzz_tokenize.c: the normaliser and the tokeniser on arbitrary bytes.
 *
 * The PostgreSQL glue only ever passes valid UTF-8 (a UTF8 database verifies
 * its text, a SQL_ASCII one is checked, other encodings are converted), but
 * the CLI passes file bytes as they are, and utf8.h promises that invalid
 * sequences are skipped safely.  So the contract fuzzed here is the wider
 * one: any bytes.  Checked: tokens lie inside the input, in order, with
 * non-empty normal forms of valid UTF-8; for valid UTF-8 input the code
 * point offsets agree with the byte offsets (substr() in SQL relies on it).
 */
#include "fuzz_common.h"

#include "../../src/core/normalize.h"
#include "../../src/core/tokenize.h"

static void
run(const char *s, size_t len, int options, bool valid)
{
	sentimen_tokenizer tz;
	sentimen_token tok;
	size_t		prev_end = 0;

	sentimen_tokenizer_init(&tz, s, len, options, A);
	while (sentimen_tokenizer_next(&tz, &tok))
	{
		FUZZ_CHECK(tok.start <= len && tok.len <= len - tok.start);
		FUZZ_CHECK(tok.norm != NULL);
		FUZZ_CHECK(sentimen_utf8_valid(tok.norm, tok.norm_len));
		/* a split-off clitic shares its host's span; others move forward */
		if (!(tok.flags & SENTIMEN_TF_CLITIC))
			FUZZ_CHECK(tok.start >= prev_end);
		if (!(tok.flags & SENTIMEN_TF_CLITIC))
			prev_end = tok.start + tok.len;
		if (valid)
		{
			FUZZ_CHECK(tok.cp_start == sentimen_utf8_count(s, tok.start));
			FUZZ_CHECK(tok.cp_len == sentimen_utf8_count(s + tok.start, tok.len));
		}
	}
	sentimen_tokenizer_free(&tz);
}

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	char	   *s = fuzz_copy(data, size);
	bool		valid = sentimen_utf8_valid(s, size);
	sentimen_normalizer n;
	sentimen_buf out;

	sentimen_normalizer_init(&n, A);
	sentimen_buf_init(&out, A);
	sentimen_normalize_append(&n, s, size, &out);
	FUZZ_CHECK(sentimen_utf8_valid(out.data ? out.data : "", out.len));
	sentimen_buf_free(&out);
	sentimen_normalizer_free(&n);

	run(s, size, SENTIMEN_TOKOPT_SENTIMENT, valid);
	run(s, size, 0, valid);
	free(s);
	return 0;
}
