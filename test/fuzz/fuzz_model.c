/*
 * fuzz_model.c: the model readers on mutated blobs.
 *
 * Input: one control byte, then the blob.  Control bits 0-1 pick the reader
 * (0, 3: sentimen_model_open, a classifier; 1: sentimen_tagger_open, a tagger
 * with its gazetteer; 2: sentimen_embeddings_open).  With bit 2 set the
 * harness rewrites total_size and the CRC-32 of the blob first, so that the
 * fuzzer gets past the checksum and exercises the shape checks behind it: a
 * stored model with a valid checksum must still never make the reader or the
 * code using the model read out of bounds or loop forever.  A blob that
 * opens is then used: a fixed text is classified, tagged or looked up.
 *
 * Seeds (test/fuzz/run.sh): small models trained by bin/sentimen on a few
 * lines of ../shared/data, and the compiled-in models cut short.
 */
#include "fuzz_common.h"

#include <math.h>

#include "../../src/core/classify.h"
#include "../../src/core/embed.h"
#include "../../src/core/entities.h"
#include "../../src/core/hash.h"
#include "../../src/core/model.h"
#include "../../src/core/tagger.h"

static const char text[] =
	"Presiden Joko Widodo meresmikan Bandara Kertajati di Majalengka, Jawa Barat, "
	"pada 25 April 2023. Warga tidak senang, tetapi harga tiket murah! #mudik @kemenhub";

static void
fix_header(unsigned char *blob, size_t size, int which)
{
	if (which == 2)
	{
		sentimen_embed_header h;
		uint32_t	crc;

		if (size < sizeof(h))
			return;
		memcpy(&h, blob, sizeof(h));
		h.total_size = size;
		h.checksum = 0;
		crc = sentimen_crc32(&h, sizeof(h), 0);
		h.checksum = sentimen_crc32(blob + sizeof(h), size - sizeof(h), crc);
		memcpy(blob, &h, sizeof(h));
	}
	else
	{
		sentimen_model_header h;
		uint32_t	crc;

		if (size < sizeof(h))
			return;
		memcpy(&h, blob, sizeof(h));
		h.total_size = size;
		h.checksum = 0;
		crc = sentimen_crc32(&h, sizeof(h), 0);
		h.checksum = sentimen_crc32(blob + sizeof(h), size - sizeof(h), crc);
		memcpy(blob, &h, sizeof(h));
	}
}

static void
use_classifier(const sentimen_model *m)
{
	sentimen_result r;
	sentimen_explain_term *terms;
	size_t		n;
	double		sum = 0;

	sentimen_classify(m, text, sizeof(text) - 1, &r, A);
	FUZZ_CHECK(r.label >= 0 && (uint32_t) r.label < m->n_classes);
	for (uint32_t c = 0; c < m->n_classes; c++)
		sum += r.probs[c];
	/* weights are bounded int16 * weight_scale < 1, so the sum is finite */
	FUZZ_CHECK(isfinite(sum));
	FUZZ_CHECK(strlen(sentimen_model_class_name(m, r.label)) < SENTIMEN_CLASS_NAME_LEN);
	sentimen_explain(m, text, sizeof(text) - 1, &r, &terms, &n, A);
	sentimen_free(A, terms);
}

static void
use_tagger(const sentimen_tagger *t)
{
	sentimen_entity_result r;

	sentimen_entities_extract(t, NULL, text, sizeof(text) - 1, &r, A);
	for (size_t i = 0; i < r.n_mentions; i++)
		FUZZ_CHECK(r.mentions[i].start + r.mentions[i].len <= sizeof(text) - 1);
	sentimen_entities_free(&r);
}

static void
use_embeddings(const sentimen_embeddings *e)
{
	static const char *const words[] = {"presiden", "harga", "tidak", "murah", "xyzzy"};
	long		acc = 0;

	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
	{
		int64_t		slot = sentimen_embeddings_slot(e, sentimen_hash64(words[i], strlen(words[i]), 0));

		if (slot >= 0)
		{
			FUZZ_CHECK((uint64_t) slot <= e->mask);
			for (uint32_t d = 0; d < e->dim; d++)
				acc += e->vectors[(size_t) slot * e->dim + d];
			acc += e->clusters[slot];
		}
	}
	(void) acc;
}

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	int			which;
	unsigned char *blob;

	if (size < 1)
		return 0;
	which = data[0] & 3;
	if (which == 3)
		which = 0;
	size--;
	/* malloc is 16-byte aligned, as the readers require; exact size for ASan */
	blob = malloc(size ? size : 1);
	memcpy(blob, data + 1, size);
	if (data[0] & 4)
		fix_header(blob, size, which);

	if (which == 0)
	{
		sentimen_model m;

		if (sentimen_model_open(&m, blob, size) == SENTIMEN_OK)
			use_classifier(&m);
	}
	else if (which == 1)
	{
		sentimen_tagger t;

		if (sentimen_tagger_open(&t, blob, size) == SENTIMEN_OK)
			use_tagger(&t);
	}
	else
	{
		sentimen_embeddings e;

		if (sentimen_embeddings_open(&e, blob, size) == SENTIMEN_OK)
			use_embeddings(&e);
	}
	free(blob);
	return 0;
}
