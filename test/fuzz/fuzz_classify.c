/*
 * fuzz_classify.c: sentimen_classify, then (by the input) one of: scoring
 * without the cache (and without folding the dense features),
 * sentimen_explain, scoring from tokens, the channel model,
 * on arbitrary bytes (see fuzz_tokenize.c for why arbitrary, not only valid
 * UTF-8).  Checked: probabilities are finite and sum to one, the score is in
 * [-1, 1], the label is a class of the model, explain terms are valid UTF-8,
 * and the per-word cache changes nothing: scoring without it gives the same
 * result (a function declared IMMUTABLE may not depend on what the backend
 * scored before); for text without line breaks, scoring the tokens read
 * without options (the entity path) gives the same logits.
 */
#include "fuzz_common.h"

#include <math.h>

#include "../../src/core/channel.h"
#include "../../src/core/classify.h"
#include "../../src/core/tokenize.h"

static void
check_result(const sentimen_model *m, const sentimen_result *r)
{
	double		sum = 0;

	FUZZ_CHECK(r->label >= 0 && (uint32_t) r->label < m->n_classes);
	for (uint32_t c = 0; c < m->n_classes; c++)
	{
		FUZZ_CHECK(isfinite(r->probs[c]) && r->probs[c] >= 0 && r->probs[c] <= 1);
		sum += r->probs[c];
	}
	FUZZ_CHECK(fabs(sum - 1.0) < 1e-6);
	FUZZ_CHECK(isfinite(r->score) && r->score >= -1.0 - 1e-9 && r->score <= 1.0 + 1e-9);
	FUZZ_CHECK(isfinite(r->confidence) && r->confidence >= 0 && r->confidence <= 1.0 + 1e-9);
}

/* the tokeniser without options as a token source; notes line breaks */
typedef struct plain_src
{
	sentimen_tokenizer tz;
	bool		newlines;
} plain_src;

static bool
plain_next(void *p, sentimen_token *tok)
{
	plain_src  *src = p;

	if (!sentimen_tokenizer_next(&src->tz, tok))
		return false;
	if (tok->newlines_before > 0)
		src->newlines = true;
	return true;
}

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	const sentimen_model *m = sentimen_default_model();
	const sentimen_model *ch = sentimen_default_channel();
	char	   *s = fuzz_copy(data, size);
	sentimen_result r,
				r2;
	sentimen_explain_term *terms;
	size_t		n;

	FUZZ_CHECK(m != NULL && ch != NULL);
	sentimen_classify(m, s, size, &r, A);
	check_result(m, &r);

	/*
	 * Then one of four cross-checks, chosen by the input (every one sees
	 * every kind of input, and an execution costs two scorings, not five).
	 */
	switch ((size + (size ? data[0] : 0)) % 4)
	{
		case 0:
			/* without the cache: the same; nor folding the dense features: up to rounding */
			sentimen_classify_no_cache = true;
			sentimen_classify(m, s, size, &r2, A);
			FUZZ_CHECK(r2.label == r.label);
			for (uint32_t c = 0; c < m->n_classes; c++)
				FUZZ_CHECK(fabs(r2.probs[c] - r.probs[c]) < 1e-9);
			sentimen_classify_no_fold = true;
			sentimen_classify(m, s, size, &r2, A);
			sentimen_classify_no_fold = false;
			sentimen_classify_no_cache = false;
			for (uint32_t c = 0; c < m->n_classes; c++)
				FUZZ_CHECK(fabs(r2.logits[c] - r.logits[c]) < 1e-4);
			break;
		case 1:
			sentimen_explain(m, s, size, &r2, &terms, &n, A);
			check_result(m, &r2);
			FUZZ_CHECK(r2.label == r.label);
			for (size_t i = 0; i < n; i++)
			{
				FUZZ_CHECK(isfinite(terms[i].weight));
				FUZZ_CHECK(sentimen_utf8_valid(terms[i].term, strlen(terms[i].term)));
				if (i > 0)
					FUZZ_CHECK(fabs(terms[i].weight) <= fabs(terms[i - 1].weight));
			}
			sentimen_free(A, terms);
			break;
		case 2:

			/*
			 * The entity path scores a sentence from the tagger's tokens: the
			 * same result as scoring its text, for text without line breaks.
			 */
			if (memchr(s, '\n', size) == NULL && memchr(s, '\r', size) == NULL)
			{
				plain_src	src;

				sentimen_tokenizer_init(&src.tz, s, size, 0, A);
				src.newlines = false;
				sentimen_classify_tokens(m, s, size, plain_next, &src, &r2, A);
				sentimen_tokenizer_free(&src.tz);
				if (!src.newlines)
					for (uint32_t c = 0; c < m->n_classes; c++)
						FUZZ_CHECK(r2.logits[c] == r.logits[c]);
			}
			break;
		default:
			sentimen_classify(ch, s, size, &r2, A);
			check_result(ch, &r2);
			break;
	}
	free(s);
	return 0;
}
