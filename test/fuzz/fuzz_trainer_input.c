/*
 * fuzz_trainer_input.c: the trainer's input parsers on arbitrary bytes.
 *
 * Input: one control byte, then the data.  Control % 3 picks the format:
 * 0 TSV (label<TAB>text), 1 JSONL, 2 CoNLL (token<TAB>TAG).  Each line is
 * given to sentimen_corpus_parse_line as an exact-size buffer (the length is
 * the contract, not a NUL), JSON lines also to sentimen_json_strings, and
 * the whole input is written to a file of the right extension and read with
 * sentimen_corpus_load or sentimen_conll_load, as the CLI does; TSV and JSONL
 * files also with sentimen_corpus_load_unlabeled (the self-training pool).
 */
#include "fuzz_common.h"

#include <unistd.h>

#include "../../src/core/corpus.h"
#include "../../src/core/tagger.h"
#include "../../src/core/train.h"

static char paths[3][64];

static void
remove_files(void)
{
	for (int i = 0; i < 3; i++)
		if (paths[i][0])
			unlink(paths[i]);
}

static const char *
file_with(const unsigned char *data, size_t size, int fmt)
{
	static const char *const ext[] = {"tsv", "jsonl", "conll"};
	FILE	   *f;

	if (paths[0][0] == '\0' && paths[1][0] == '\0' && paths[2][0] == '\0')
		atexit(remove_files);
	/* in memory where there is a tmpfs: writing a disk file each execution cost 2/3 of the time */
	if (paths[fmt][0] == '\0')
		snprintf(paths[fmt], sizeof(paths[fmt]), "%s/sentimen-fuzz-%d.%s",
				 access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp", (int) getpid(), ext[fmt]);
	f = fopen(paths[fmt], "wb");
	FUZZ_CHECK(f != NULL);
	if (size)
		FUZZ_CHECK(fwrite(data, 1, size, f) == size);
	fclose(f);
	return paths[fmt];
}

static void
lines(const unsigned char *data, size_t size, bool jsonl)
{
	static const char *const names[] = {"label", "text", "title", "body"};
	size_t		pos = 0;

	while (pos < size)
	{
		const unsigned char *nl = memchr(data + pos, '\n', size - pos);
		size_t		len = nl ? (size_t) (nl - (data + pos)) + 1 : size - pos;
		char	   *line = fuzz_copy(data + pos, len);
		sentimen_arena arena;
		char	   *label,
				   *text;
		size_t		text_len;

		sentimen_arena_init(&arena, A);
		if (sentimen_corpus_parse_line(line, len, jsonl, &label, &text, &text_len, &arena) == SENTIMEN_OK)
		{
			FUZZ_CHECK(label != NULL && text != NULL);
			FUZZ_CHECK(strlen(text) == text_len || memchr(text, '\0', text_len) != NULL);
		}
		if (jsonl)
		{
			char	   *out[4];
			size_t		out_len[4];

			if (sentimen_json_strings(line, len, names, 4, out, out_len, &arena) == SENTIMEN_OK)
				for (int i = 0; i < 4; i++)
					FUZZ_CHECK(out[i] == NULL || out[i][out_len[i]] == '\0');
		}
		sentimen_arena_free(&arena);
		free(line);
		pos += len;
	}
}

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	int			fmt;
	char		err[256];
	sentimen_arena arena;

	if (size < 1)
		return 0;
	fmt = data[0] % 3;
	data++;
	size--;
	sentimen_arena_init(&arena, A);
	if (fmt < 2)
	{
		sentimen_dataset ds;

		lines(data, size, fmt == 1);
		sentimen_dataset_init(&ds, A);
		if (fmt == 1 || size % 2)
			sentimen_dataset_sentiment_classes(&ds);
		(void) sentimen_corpus_load(file_with(data, size, fmt), &ds, 0, 1.0f, size % 2 == 0,
									&arena, err, sizeof(err));
		for (size_t i = 0; i < ds.n; i++)
			FUZZ_CHECK(ds.rows[i].label >= 0 && (uint32_t) ds.rows[i].label < ds.n_classes);
		/* the same file as the unlabelled pool of self-training, after them */
		{
			size_t		labelled = ds.n;

			(void) sentimen_corpus_load_unlabeled(file_with(data, size, fmt), &ds, 1, 1.0f,
												  size % 3, &arena, err, sizeof(err));
			FUZZ_CHECK(size % 3 == 0 || ds.n - labelled <= size % 3);
			for (size_t i = labelled; i < ds.n; i++)
			{
				FUZZ_CHECK(ds.rows[i].label == SENTIMEN_UNLABELED && ds.rows[i].group == 1);
				/* no text twice, none already labelled */
				for (size_t j = 0; j < i; j++)
					FUZZ_CHECK(ds.rows[j].len != ds.rows[i].len ||
							   memcmp(ds.rows[j].text, ds.rows[i].text, ds.rows[i].len) != 0);
			}
		}
		sentimen_dataset_free(&ds);
	}
	else
	{
		sentimen_tagged_sentence *sents = NULL;
		size_t		n = 0,
					cap = 0;

		(void) sentimen_conll_load(file_with(data, size, fmt), 1.0f, size % 2 == 1, 0,
								   &sents, &n, &cap, &arena, A, err, sizeof(err));
		for (size_t i = 0; i < n; i++)
		{
			for (size_t k = 0; k < sents[i].n; k++)
			{
				FUZZ_CHECK(sents[i].tags[k] >= 0 && sents[i].tags[k] < SENTIMEN_NTAGS);
				/* well formed: I-X only after B-X or I-X */
				if (sents[i].tags[k] != SENTIMEN_TAG_O && sents[i].tags[k] % 2 == 0)
					FUZZ_CHECK(k > 0 && (sents[i].tags[k - 1] + 1) / 2 == (sents[i].tags[k] + 1) / 2);
			}
			sentimen_free(A, sents[i].toks);
			sentimen_free(A, sents[i].tags);
		}
		sentimen_free(A, sents);
	}
	sentimen_arena_free(&arena);
	return 0;
}
