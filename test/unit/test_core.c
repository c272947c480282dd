/*
 * test_core.c: unit tests of the sentimen core (no PostgreSQL).
 *
 * Run with `make unittest`.  Each CHECK prints the failing expression; the
 * exit status is the number of failures (capped).
 */
#include "../../src/core/channel.h"
#include "../../src/core/classify.h"
#include "../../src/core/corpus.h"
#include "../../src/core/dates.h"
#include "../../src/core/entities.h"
#include "../../src/core/featurize.h"
#include "../../src/core/hash.h"
#include "../../src/core/lexicon.h"
#include "../../src/core/metrics.h"
#include "../../src/core/model.h"
#include "../../src/core/normalize.h"
#include "../../src/core/stem.h"
#include "../../src/core/tokenize.h"
#include "../../src/core/train.h"
#include "../../src/core/utf8.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int failures = 0;
static int checks = 0;
static const sentimen_allocator *A = &sentimen_malloc_allocator;

#define CHECK(cond) \
	do { \
		checks++; \
		if (!(cond)) \
		{ \
			failures++; \
			fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
		} \
	} while (0)

#define CHECK_STR(got, want) \
	do { \
		checks++; \
		if (strcmp((got), (want)) != 0) \
		{ \
			failures++; \
			fprintf(stderr, "%s:%d: got \"%s\", want \"%s\"\n", __FILE__, __LINE__, (got), (want)); \
		} \
	} while (0)

/* normalised form of s */
static char *
norm(const char *s)
{
	static char out[256];
	sentimen_normalizer n;
	sentimen_buf b;

	sentimen_normalizer_init(&n, A);
	sentimen_buf_init(&b, A);
	sentimen_normalize_append(&n, s, strlen(s), &b);
	snprintf(out, sizeof(out), "%s", b.data ? b.data : "");
	sentimen_buf_free(&b);
	sentimen_normalizer_free(&n);
	return out;
}

/* tokens of s joined by '|', with the given options */
static char *
toks(const char *s, int options)
{
	static char out[2048];
	size_t		o = 0;
	sentimen_tokenizer tz;
	sentimen_token t;

	out[0] = '\0';
	sentimen_tokenizer_init(&tz, s, strlen(s), options, A);
	while (sentimen_tokenizer_next(&tz, &t))
		o += snprintf(out + o, sizeof(out) - o, "%s%.*s", o ? "|" : "", (int) t.norm_len, t.norm);
	sentimen_tokenizer_free(&tz);
	return out;
}

static void
test_normalize(void)
{
	CHECK_STR(norm("Jakarta"), "jakarta");
	CHECK_STR(norm("ＪＡＫＡＲＴＡ"), "jakarta");	/* fullwidth: NFKC */
	CHECK_STR(norm("ﬁnal"), "final");	/* ligature: NFKC */
	CHECK_STR(norm("Straße"), "strasse");	/* case folding */
	CHECK_STR(norm("Cafe\xcc\x81"), "caf\xc3\xa9");	/* composed */
	CHECK_STR(norm("ÉLYSÉE"), "élysée");
	CHECK_STR(norm(""), "");
	CHECK(sentimen_utf8_valid("abc", 3));
	CHECK(!sentimen_utf8_valid("\xc0\xaf", 2));	/* overlong */
	CHECK(!sentimen_utf8_valid("\xed\xa0\x80", 3));	/* surrogate */
	CHECK(!sentimen_utf8_valid("\xf4\x90\x80\x80", 4));	/* > U+10FFFF */
	CHECK(!sentimen_utf8_valid("\xe2\x82", 2));	/* truncated */
}

static int	interrupt_calls = 0;

static void
count_interrupt(void)
{
	interrupt_calls++;
}

static void
test_tokenize(void)
{
	int			S = SENTIMEN_TOKOPT_SENTIMENT;

	CHECK_STR(toks("Elon Musk Ancam Gugat Microsoft", S), "elon|musk|ancam|gugat|microsoft");
	/* clitics, slang, elongation */
	CHECK_STR(toks("bukunya gak bagussss", S), "buku|nya|tidak|bagus");
	CHECK_STR(toks("bukunya gak bagussss", 0), "bukunya|gak|bagus");
	CHECK_STR(toks("apakah meskipun hanya adalah sekolah", S), "apa|kah|meski|pun|hanya|adalah|sekolah");
	CHECK_STR(toks("bacalah tulisannya", S), "baca|lah|tulisan|nya");
	/* reduplication stays one token */
	CHECK_STR(toks("anak-anak tiba-tiba", S), "anak-anak|tiba-tiba");
	/* URLs, domains, mentions, hashtags, e-mail */
	CHECK_STR(toks("lihat https://detik.com/a?b=1. ok", S), "lihat|https://detik.com/a?b=1|.|oke");
	CHECK_STR(toks("kata detik.com hari ini", S), "kata|detik.com|hari|ini");
	/* TLDs in any case; a full stop before a space or a capital is no TLD */
	CHECK_STR(toks("baca DETIK.COM dan Kompas.Id", S), "baca|detik.com|dan|kompas.id");
	CHECK_STR(toks("akhir. Com", S), "akhir|.|com");
	CHECK_STR(toks("@jokowi #MerdekaBelajar redaksi@tempo.co.id", S),
			  "@jokowi|#merdekabelajar|redaksi@tempo.co.id");
	/* numbers, dates, times, money */
	CHECK_STR(toks("Rp10.000 naik 3,5% pada 12/3/2024 pukul 10.00", S),
			  "rp10.000|naik|3,5|%|pada|12/3/2024|pukul|10.00");
	/* abbreviations keep their dot, sentence dots are separate */
	CHECK_STR(toks("dr. Budi S.H. M.Si. datang. Lalu", S), "dr.|budi|s.h.|m.si.|datang|.|lalu");
	/* emoji: one token per emoji (with its modifiers) */
	CHECK_STR(toks("sedih 😭😭 👍🏽", S), "sedih|😭|😭|👍🏽");
	CHECK_STR(toks("", S), "");
	CHECK_STR(toks("   \n\t ", S), "");

	/* offsets: the surface of every token is its substring of the input */
	{
		const char *text = "Presiden Joko Widodo (Jokowi) — bukunya 😭 12/3 “kutipan” ｆｕｌｌ\xff\xfe x";
		sentimen_tokenizer tz;
		sentimen_token t;
		size_t		cp_total = sentimen_utf8_count(text, strlen(text));

		sentimen_tokenizer_init(&tz, text, strlen(text), S, A);
		while (sentimen_tokenizer_next(&tz, &t))
		{
			size_t		cps = 0,
						i;

			/* byte and code point offsets agree */
			for (i = 0; i < t.start; i++)
				if (((unsigned char) text[i] & 0xC0) != 0x80)
					cps++;
			CHECK(cps == t.cp_start);
			CHECK(sentimen_utf8_count(text + t.start, t.len) == t.cp_len);
			CHECK(t.start + t.len <= strlen(text));
			CHECK(t.cp_start + t.cp_len <= cp_total);
			CHECK(t.hash == sentimen_hash64(t.norm, t.norm_len, 0));
		}
		sentimen_tokenizer_free(&tz);
	}

	/*
	 * ASCII words of every length to 20 lower-cased eight bytes at a time:
	 * at the end of the text, before a space, a comma, a non-ASCII
	 * letter's bytes or a capital; elongation found only where there is one
	 */
	{
		const char *tails[] = {"", " X", ", y", "\xc3\x89", "Z"};
		int			good = 0,
					total = 0;

		for (size_t len = 1; len <= 20; len++)
			for (size_t k = 0; k < sizeof(tails) / sizeof(tails[0]); k++)
			{
				char		text[64],
							want[32];
				sentimen_tokenizer tz;
				sentimen_token t;

				for (size_t i = 0; i < len; i++)
				{
					want[i] = (char) ('a' + (i * 5) % 26);
					text[i] = (i % 3 == 0) ? (char) (want[i] - 32) : want[i];
				}
				want[len] = '\0';
				strcpy(text + len, tails[k]);
				sentimen_tokenizer_init(&tz, text, strlen(text), 0, A);
				total++;
				if (sentimen_tokenizer_next(&tz, &t) && (k == 3 || k == 4 || t.len == len))
				{
					/* a non-ASCII letter or a capital after it is part of the word */
					good += (k >= 3 || (t.norm_len == len && memcmp(t.norm, want, len) == 0 &&
										!(t.flags & SENTIMEN_TF_ELONGATED)));
				}
				sentimen_tokenizer_free(&tz);
			}
		CHECK(good == total);
	}
	{
		const char *cases[][2] = {
			{"BaGuUUs", "bagus"}, {"baguuus", "bagus"}, {"a.bbb.", "a.b."}, {"Aaa", "a"},
			{"1000", "1000"}, {"ab-ab", "ab-ab"}, {"Kerennnnnnnnnnnn!", "keren"},
			{"AZAZAZAZAZ", "azazazazaz"}, {"ZYXWVUTSRQPONMLKJIHGFEDCBA", "zyxwvutsrqponmlkjihgfedcba"}
		};

		for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		{
			sentimen_tokenizer tz;
			sentimen_token t;

			sentimen_tokenizer_init(&tz, cases[i][0], strlen(cases[i][0]), 0, A);
			CHECK(sentimen_tokenizer_next(&tz, &t) && t.norm_len == strlen(cases[i][1]) &&
				  memcmp(t.norm, cases[i][1], t.norm_len) == 0);
			sentimen_tokenizer_free(&tz);
		}
	}

	/* flags */
	{
		sentimen_tokenizer tz;
		sentimen_token t;
		const char *text = "KPK Jokowi anak-anak 12/3 !";

		sentimen_tokenizer_init(&tz, text, strlen(text), S, A);
		CHECK(sentimen_tokenizer_next(&tz, &t) && (t.flags & SENTIMEN_TF_ALL_UPPER));
		CHECK(sentimen_tokenizer_next(&tz, &t) && (t.flags & SENTIMEN_TF_UPPER_INITIAL) &&
			  !(t.flags & SENTIMEN_TF_ALL_UPPER));
		CHECK(sentimen_tokenizer_next(&tz, &t) && (t.flags & SENTIMEN_TF_REDUP));
		CHECK(sentimen_tokenizer_next(&tz, &t) && t.type == SENTIMEN_TOK_NUMBER &&
			  (t.flags & SENTIMEN_TF_DATE_LIKE));
		CHECK(sentimen_tokenizer_next(&tz, &t) && t.type == SENTIMEN_TOK_PUNCT &&
			  (t.flags & SENTIMEN_TF_SENT_END));
		CHECK(!sentimen_tokenizer_next(&tz, &t));
		sentimen_tokenizer_free(&tz);
	}

	/* line breaks before a token are counted; \r\n counts once */
	{
		sentimen_tokenizer tz;
		sentimen_token t;
		const char *text = "Judul\r\n\r\nIsi";

		sentimen_tokenizer_init(&tz, text, strlen(text), S, A);
		CHECK(sentimen_tokenizer_next(&tz, &t) && t.newlines_before == 0);
		CHECK(sentimen_tokenizer_next(&tz, &t) && t.newlines_before == 2);
		sentimen_tokenizer_free(&tz);
	}

	/*
	 * A single long token checks for interrupts while it is read (the backend
	 * cancels there): 8 MB of one word, of one URL, of "!", of one hashtag.
	 */
	{
		static const char *const heads[] = {"", "http://x.id/", "!", "#"};
		size_t		len = (size_t) 8 << 20;
		char	   *text = malloc(len);

		for (size_t h = 0; h < sizeof(heads) / sizeof(heads[0]); h++)
		{
			sentimen_tokenizer tz;
			sentimen_token t;
			size_t		hl = strlen(heads[h]);

			memset(text, heads[h][0] == '!' ? '!' : 'a', len);
			memcpy(text, heads[h], hl);
			interrupt_calls = 0;
			sentimen_interrupt_hook = count_interrupt;
			sentimen_tokenizer_init(&tz, text, len, S, A);
			CHECK(sentimen_tokenizer_next(&tz, &t) && t.len == len);
			CHECK(!sentimen_tokenizer_next(&tz, &t));
			sentimen_tokenizer_free(&tz);
			sentimen_interrupt_hook = NULL;
			/* at least one per megabyte */
			CHECK(interrupt_calls >= 8);
		}
		/* a URL followed by 8 MB of dots: the URL ends before them, found by scanning back */
		memset(text, '.', len);
		memcpy(text, "http://x.id/a", 13);
		{
			sentimen_tokenizer tz;
			sentimen_token t;

			interrupt_calls = 0;
			sentimen_interrupt_hook = count_interrupt;
			sentimen_tokenizer_init(&tz, text, len, S, A);
			CHECK(sentimen_tokenizer_next(&tz, &t) && t.type == SENTIMEN_TOK_URL && t.len == 13);
			sentimen_tokenizer_free(&tz);
			sentimen_interrupt_hook = NULL;
			/* forward over the dots and back: one per megabyte each way */
			CHECK(interrupt_calls >= 15);
		}
		free(text);
	}
}

static void
test_lexicon(void)
{
	CHECK(sentimen_lexicon_tables_sorted());
	CHECK(sentimen_polarity_size() > 500);
	CHECK(sentimen_slang_size() > 200);
#define H(w) sentimen_hash64((w), strlen(w), 0)
	CHECK_STR(sentimen_slang_lookup("gak", 3, H("gak")), "tidak");
	CHECK(sentimen_slang_lookup("tidak", 5, H("tidak")) == NULL);
	CHECK(sentimen_word_role_lookup("tidak", 5, H("tidak")) == SENTIMEN_ROLE_NEGATOR);
	CHECK(sentimen_word_role_lookup("namun", 5, H("namun")) == SENTIMEN_ROLE_CONTRAST);
	CHECK(sentimen_word_role_lookup("sangat", 6, H("sangat")) == SENTIMEN_ROLE_INTENSIFIER);
	CHECK(sentimen_polarity_exact("gugat", 5, H("gugat")) < 0);
	CHECK(sentimen_polarity_exact("prestasi", 8, H("prestasi")) > 0);
	CHECK(sentimen_phrase_polarity(H("luar"), H("biasa")) > 0);
	CHECK(sentimen_phrase_polarity(H("biasa"), H("luar")) == 0);
	{
		sentimen_word_info wi;

		/* polarity through an affix: menggugat -> gugat */
		sentimen_word_info_of("menggugat", 9, H("menggugat"), &wi);
		CHECK(wi.polarity < 0 && wi.has_root && wi.root_hash == H("gugat"));
		/* memoised answer is the same */
		sentimen_word_info_of("menggugat", 9, H("menggugat"), &wi);
		CHECK(wi.polarity < 0 && wi.root_hash == H("gugat"));
		sentimen_word_info_of("kebakaran", 9, H("kebakaran"), &wi);
		CHECK(wi.polarity < 0);
		sentimen_word_info_of("meja", 4, H("meja"), &wi);
		CHECK(wi.polarity == 0 && !wi.has_root);
	}
	CHECK(sentimen_is_dotted_abbrev("dr", 2));
	CHECK(!sentimen_is_dotted_abbrev("jakarta", 7));
	CHECK(sentimen_clitic_exception("sekolah", 7, H("sekolah")));
#undef H
}

/* the unigram terms the featuriser emits, in order, each once */
typedef struct term_log
{
	char		terms[200][80];
	int			n;
} term_log;

static void
log_unigram(void *ctx, uint32_t bucket, float value, int pool, int domain, const char *term,
			size_t term_len)
{
	term_log   *l = ctx;

	(void) bucket;
	(void) value;
	(void) pool;
	(void) domain;
	if (term == NULL || memchr(term, ' ', term_len) || term_len >= sizeof(l->terms[0]) ||
		l->n == (int) (sizeof(l->terms) / sizeof(l->terms[0])))
		return;
	if (l->n > 0 && strlen(l->terms[l->n - 1]) == term_len &&
		memcmp(l->terms[l->n - 1], term, term_len) == 0)
		return;
	memcpy(l->terms[l->n], term, term_len);
	l->terms[l->n++][term_len] = '\0';
}

static void
test_featurize_order(void)
{
	/*
	 * The featuriser reads tokens in batches (for prefetching) and copies
	 * their normalised forms: over several batches, with a word too long for
	 * a batch's copy between them, every word is still featurised once, in
	 * order, with its own text.
	 */
	char		text[4096];
	char		words[60][80];
	int			nw = 0;
	size_t		len = 0;
	sentimen_feature_config cfg;
	sentimen_feature_counts counts;
	term_log   *l = calloc(1, sizeof(term_log));

	for (int i = 0; i < 50; i++)
	{
		if (i == 20 || i == 31)
		{
			/* 78 letters, no letter doubled (elongation is normalised) */
			strcpy(words[nw++], "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz");
		}
		snprintf(words[nw++], sizeof(words[0]), "zq%c%c", 'l' + i / 10, 'b' + i % 10);
	}
	for (int i = 0; i < nw; i++)
		len += (size_t) snprintf(text + len, sizeof(text) - len, "%s%s", i ? " " : "", words[i]);
	sentimen_feature_config_default(&cfg);
	sentimen_featurize(&cfg, text, len, true, log_unigram, NULL, l, &counts, A);
	CHECK(l->n == nw);
	for (int i = 0; i < nw && i < l->n; i++)
	{
		/* terms are cut at 64 bytes */
		CHECK(strncmp(l->terms[i], words[i], 64) == 0);
		CHECK(strlen(l->terms[i]) == (strlen(words[i]) > 64 ? 64 : strlen(words[i])));
	}
	CHECK(counts.words[SENTIMEN_POOL_BODY] == (size_t) nw);
	free(l);
}

static void
test_stem(void)
{
	sentimen_stem_candidates c;

	CHECK(sentimen_stem_candidates_of("menggugat", 9, &c) > 0 && strcmp(c.word[0], "gugat") == 0);
	CHECK(sentimen_stem_candidates_of("digugat", 7, &c) > 0 && strcmp(c.word[0], "gugat") == 0);
	CHECK(sentimen_stem_candidates_of("gugatan", 7, &c) > 0 && strcmp(c.word[0], "gugat") == 0);
	CHECK(sentimen_stem_candidates_of("menulis", 7, &c) > 0 && strcmp(c.word[0], "tulis") == 0);
	CHECK(sentimen_stem_candidates_of("memukul", 7, &c) > 0 && strcmp(c.word[0], "pukul") == 0);
	CHECK(sentimen_stem_candidates_of("meja", 4, &c) == 0);
	CHECK(sentimen_stem_candidates_of("Jakarta", 7, &c) == 0);	/* not lower-case ASCII */
}

static void
test_hash(void)
{
	/* the hash is part of the model format: pin it */
	CHECK(sentimen_hash64("", 0, 0) == sentimen_hash64("", 0, 0));
	CHECK(sentimen_hash64("gugat", 5, 0) != sentimen_hash64("gugat", 5, 1));
	CHECK(sentimen_hash64("abcdefgh", 8, 0) != sentimen_hash64("abcdefgi", 8, 0));
	CHECK(sentimen_hash64("gugat", 5, 0) == UINT64_C(0x641f354a43b8dd49));

	/* with room to read past the end, the same value whatever follows the bytes */
	{
		char		buf[48];
		int			same = 0;

		for (size_t len = 0; len <= 32; len++)
			for (int fill = 0; fill < 3; fill++)
			{
				for (size_t i = 0; i < sizeof(buf); i++)
					buf[i] = (char) (i < len ? 'a' + (i * 7) % 26 : fill == 0 ? 0 : fill == 1 ? 0xff : 'x');
				same += sentimen_hash64_avail(buf, len, sizeof(buf), 0x5afe) ==
					sentimen_hash64(buf, len, 0x5afe);
			}
		CHECK(same == 33 * 3);
	}
}

static void
test_json(void)
{
	sentimen_arena ar;
	const char *names[] = {"label", "text"};
	char	   *v[2];
	size_t		vl[2];

	sentimen_arena_init(&ar, A);
	CHECK(sentimen_json_strings("{\"label\": \"positif\", \"n\": [1, {\"a\": null}], \"text\": \"a\\nb \\u00e9 \\ud83d\\ude00\"}",
								strlen("{\"label\": \"positif\", \"n\": [1, {\"a\": null}], \"text\": \"a\\nb \\u00e9 \\ud83d\\ude00\"}"),
								names, 2, v, vl, &ar) == SENTIMEN_OK);
	CHECK(v[0] && strcmp(v[0], "positif") == 0);
	CHECK(v[1] && strcmp(v[1], "a\nb \xc3\xa9 \xf0\x9f\x98\x80") == 0);
	CHECK(sentimen_json_strings("{\"label\": null}", 15, names, 2, v, vl, &ar) == SENTIMEN_OK && v[0] == NULL);
	CHECK(sentimen_json_strings("{\"label\": \"x\"", 13, names, 2, v, vl, &ar) == SENTIMEN_ERR_PARSE);
	CHECK(sentimen_json_strings("[1]", 3, names, 2, v, vl, &ar) == SENTIMEN_ERR_PARSE);
	CHECK(sentimen_json_strings("{\"a\": tru}", 10, names, 2, v, vl, &ar) == SENTIMEN_ERR_PARSE);
	CHECK(sentimen_json_strings("{\"text\": \"\\u0000\"}", 18, names, 2, v, vl, &ar) == SENTIMEN_OK &&
		  strcmp(v[1], "\xef\xbf\xbd") == 0);	/* NUL becomes U+FFFD */
	{
		/* deep nesting is refused, not a stack overflow */
		char		deep[400];

		memset(deep, '[', sizeof(deep));
		memcpy(deep, "{\"a\":", 5);
		CHECK(sentimen_json_strings(deep, sizeof(deep), names, 2, v, vl, &ar) == SENTIMEN_ERR_PARSE);
	}
	{
		char	   *label,
				   *text;
		size_t		tl;
		const char *js;

		CHECK(sentimen_corpus_parse_line("label\ttext\n", 11, false, &label, &text, &tl, &ar) == SENTIMEN_ERR_NO_DATA);
		CHECK(sentimen_corpus_parse_line("positive\tbagus sekali\n", 22, false, &label, &text, &tl, &ar) == SENTIMEN_OK &&
			  strcmp(label, "positive") == 0 && strcmp(text, "bagus sekali") == 0);
		js = "{\"label\": \"netral\", \"title\": \"Judul\", \"body\": \"Isi.\"}";

		CHECK(sentimen_corpus_parse_line(js, strlen(js), true, &label, &text, &tl, &ar) == SENTIMEN_OK &&
			  strcmp(text, "Judul\n\nIsi.") == 0);
		CHECK(sentimen_corpus_parse_line("tanpa tab", 9, false, &label, &text, &tl, &ar) == SENTIMEN_ERR_PARSE);
	}
	CHECK_STR(sentimen_canonical_label("positive"), "positif");
	CHECK_STR(sentimen_canonical_label("neutral"), "netral");
	CHECK_STR(sentimen_canonical_label("olahraga"), "olahraga");
	sentimen_arena_free(&ar);
}

static void
test_metrics(void)
{
	sentimen_eval e;

	sentimen_eval_init(&e, 3);
	/* gold 0: 2 right, gold 1: 1 right 1 wrong (pred 2), gold 2: 1 right */
	sentimen_eval_add(&e, 0, 0, 0.9, 0.9);
	sentimen_eval_add(&e, 0, 0, 0.8, 0.8);
	sentimen_eval_add(&e, 1, 1, 0.6, 0.6);
	sentimen_eval_add(&e, 1, 2, 0.7, 0.2);
	sentimen_eval_add(&e, 2, 2, 0.95, 0.95);
	CHECK(fabs(sentimen_eval_accuracy(&e) - 0.8) < 1e-9);
	CHECK(fabs(sentimen_eval_precision(&e, 2) - 0.5) < 1e-9);
	CHECK(fabs(sentimen_eval_recall(&e, 1) - 0.5) < 1e-9);
	CHECK(fabs(sentimen_eval_macro_f1(&e) - (1.0 + 2.0 / 3 + 2.0 / 3) / 3) < 1e-9);
	/* ECE: bins 0.6 (1 right, conf .6), 0.7 (0 right, .7), 0.8 (.8, 1), 0.9 (.9+.95, 2) */
	CHECK(fabs(sentimen_eval_ece(&e) - (0.4 + 0.7 + 0.2 + 0.15) / 5) < 1e-9);
}

/* a tiny model trained in-process: build, validate, corrupt */
static void
test_train_and_model(void)
{
	sentimen_dataset ds;
	sentimen_train_config cfg;
	void	   *blob;
	size_t		size;
	sentimen_model m;
	sentimen_result r;
	static const char *pos[] = {"bagus sekali", "saya senang", "pelayanan ramah dan cepat",
	"makanan enak", "hebat dan keren", "sangat puas"};
	static const char *neg[] = {"jelek sekali", "saya kecewa", "pelayanan lambat dan kasar",
	"makanan basi", "buruk dan mahal", "sangat marah"};

	sentimen_dataset_init(&ds, A);
	sentimen_dataset_sentiment_classes(&ds);
	for (int rep = 0; rep < 3; rep++)
		for (int i = 0; i < 6; i++)
		{
			sentimen_dataset_add(&ds, pos[i], strlen(pos[i]), 2, 1.0f, 0);
			sentimen_dataset_add(&ds, neg[i], strlen(neg[i]), 0, 1.0f, 0);
		}
	sentimen_train_config_default(&cfg);
	cfg.fcfg.hash_bits = 16;
	cfg.calib_folds = 0;
	CHECK(sentimen_train(&cfg, &ds, "unit test", A, &blob, &size) == SENTIMEN_OK);
	CHECK(sentimen_model_open(&m, blob, size) == SENTIMEN_OK);
	if (m.hdr)
	{
		sentimen_classify(&m, "bagus dan ramah", 15, &r, A);
		CHECK(r.label == 2 && r.score > 0 && r.confidence > 0.5);
		sentimen_classify(&m, "jelek dan kasar", 15, &r, A);
		CHECK(r.label == 0 && r.score < 0);
		CHECK_STR(m.meta, "unit test");
		/* explanation weights add up with the bias and document features */
		{
			sentimen_explain_term *terms;
			size_t		n;
			double		sum = 0.0;

			sentimen_explain(&m, "bagus dan ramah", 15, &r, &terms, &n, A);
			CHECK(n > 0);
			for (size_t i = 0; i < n; i++)
			{
				sum += terms[i].weight;
				if (i > 0)
					CHECK(fabs(terms[i].weight) <= fabs(terms[i - 1].weight));
			}
			CHECK(sum > 0);
			free(terms);
		}
	}

	/* corruption is detected */
	{
		char	   *copy = malloc(size);
		sentimen_model m2;

		memcpy(copy, blob, size);
		copy[size / 2] ^= 0x40;
		CHECK(sentimen_model_open(&m2, copy, size) == SENTIMEN_ERR_MODEL_CORRUPT);
		memcpy(copy, blob, size);
		CHECK(sentimen_model_open(&m2, copy, size - 8) == SENTIMEN_ERR_MODEL_CORRUPT);
		CHECK(sentimen_model_open(&m2, copy, 10) == SENTIMEN_ERR_MODEL_CORRUPT);
		memcpy(copy, "NOTAMODL", 8);
		CHECK(sentimen_model_open(&m2, copy, size) == SENTIMEN_ERR_MODEL_CORRUPT);
		memcpy(copy, blob, size);
		((sentimen_model_header *) copy)->format_version = 99;
		CHECK(sentimen_model_open(&m2, copy, size) == SENTIMEN_ERR_MODEL_VERSION);
		free(copy);
	}
	free(blob);
	sentimen_dataset_free(&ds);
}

/* the toy data of test_train_and_model, 3 times over */
static void
toy_dataset(sentimen_dataset *ds)
{
	static const char *pos[] = {"bagus sekali", "saya senang", "pelayanan ramah dan cepat",
	"makanan enak", "hebat dan keren", "sangat puas"};
	static const char *neg[] = {"jelek sekali", "saya kecewa", "pelayanan lambat dan kasar",
	"makanan basi", "buruk dan mahal", "sangat marah"};

	sentimen_dataset_init(ds, A);
	sentimen_dataset_sentiment_classes(ds);
	for (int rep = 0; rep < 3; rep++)
		for (int i = 0; i < 6; i++)
		{
			sentimen_dataset_add(ds, pos[i], strlen(pos[i]), 2, 1.0f, 0);
			sentimen_dataset_add(ds, neg[i], strlen(neg[i]), 0, 1.0f, 0);
		}
}

/* the explained weight of the one-word text `word` for it (0 if absent) */
static double
toy_weight(const void *blob, size_t size, const char *word)
{
	sentimen_model m;
	sentimen_result r;
	sentimen_explain_term *terms;
	size_t		n;
	double		w = 0.0;

	if (sentimen_model_open(&m, blob, size) != SENTIMEN_OK)
		return NAN;
	sentimen_explain(&m, word, strlen(word), &r, &terms, &n, A);
	for (size_t i = 0; i < n; i++)
		if (strcmp(terms[i].term, word) == 0)
			w = terms[i].weight;
	free(terms);
	return w;
}

/*
 * NB prior: a word whose counts separate the classes ("mantap", positive
 * rows only) keeps its weight while a word seen on both sides ("zumba", two
 * positive rows and one negative) is held nearer zero than under plain L2.
 */
static void
test_nb_prior(void)
{
	static const char *extra[] = {"mantap zumba", "keren zumba", "payah zumba", "mantap"};
	static const int labels[] = {2, 2, 0, 2};
	sentimen_dataset ds;
	sentimen_train_config cfg;
	void	   *plain,
			   *nb;
	size_t		n_plain,
				n_nb;
	double		rp,
				rn;

	sentimen_train_config_default(&cfg);
	cfg.fcfg.hash_bits = 16;
	cfg.fcfg.char_min = cfg.fcfg.char_max = 0;
	cfg.calib_folds = 0;
	toy_dataset(&ds);
	for (int i = 0; i < 4; i++)
		sentimen_dataset_add(&ds, extra[i], strlen(extra[i]), labels[i], 1.0f, 0);
	CHECK(sentimen_train(&cfg, &ds, "t", A, &plain, &n_plain) == SENTIMEN_OK);
	cfg.nb_prior = 1.0;
	CHECK(sentimen_train(&cfg, &ds, "t", A, &nb, &n_nb) == SENTIMEN_OK);
	CHECK(toy_weight(nb, n_nb, "mantap") > 0.1);
	CHECK(toy_weight(plain, n_plain, "zumba") > 0.0);
	rp = toy_weight(plain, n_plain, "zumba") / toy_weight(plain, n_plain, "mantap");
	rn = toy_weight(nb, n_nb, "zumba") / toy_weight(nb, n_nb, "mantap");
	CHECK(rn >= 0.0 && rn < 0.8 * rp);
	free(plain);
	free(nb);
	sentimen_dataset_free(&ds);
}

/*
 * Self-training: pool rows are ignored without it (same model bytes); with
 * it, words seen only in the pool learn the polarity of the pool rows the
 * first fit labels.  The unlabelled loader skips labelled and repeated texts.
 */
static void
test_self_training(void)
{
	static const char *pool[] = {"bagus sekali zorbak", "hebat zorbak", "jelek sekali gumpli",
	"buruk gumpli"};
	sentimen_dataset ds;
	sentimen_train_config cfg;
	void	   *plain,
			   *ignored,
			   *self;
	size_t		n_plain,
				n_ignored,
				n_self;

	sentimen_train_config_default(&cfg);
	cfg.fcfg.hash_bits = 16;
	cfg.fcfg.char_min = cfg.fcfg.char_max = 0;	/* as shipped: words alone */
	cfg.calib_folds = 0;
	toy_dataset(&ds);
	CHECK(sentimen_train(&cfg, &ds, "t", A, &plain, &n_plain) == SENTIMEN_OK);
	for (int i = 0; i < 4; i++)
		sentimen_dataset_add(&ds, pool[i], strlen(pool[i]), SENTIMEN_UNLABELED, 1.0f, 1);
	CHECK(sentimen_train(&cfg, &ds, "t", A, &ignored, &n_ignored) == SENTIMEN_OK);
	CHECK(n_plain == n_ignored && memcmp(plain, ignored, n_plain) == 0);
	cfg.self_per_class = 2;
	cfg.calib_folds = 3;		/* calibration folds self-train too */
	CHECK(sentimen_train(&cfg, &ds, "t", A, &self, &n_self) == SENTIMEN_OK);
	/* words seen only in the pool weigh nothing without it */
	CHECK(toy_weight(plain, n_plain, "zorbak") == 0.0);
	CHECK(toy_weight(self, n_self, "zorbak") > 0.1);
	CHECK(toy_weight(self, n_self, "gumpli") < -0.1);
	free(plain);
	free(ignored);
	free(self);
	sentimen_dataset_free(&ds);

	/* the loader of unlabelled texts */
	{
		char		path[] = "/tmp/sentimen_unit_XXXXXX.jsonl";
		int			fd = mkstemps(path, 6);
		FILE	   *f = fd >= 0 ? fdopen(fd, "w") : NULL;
		sentimen_arena arena;
		char		err[256];

		CHECK(f != NULL);
		if (f == NULL)
			return;
		fputs("{\"text\": \"bagus sekali\"}\n"	/* a labelled text: skipped */
			  "{\"title\": \"Judul\", \"body\": \"Isi berita.\"}\n"
			  "{\"title\": null, \"body\": \"Isi saja.\"}\n"
			  "{\"text\": \"Isi saja.\"}\n"	/* a repeat: skipped */
			  "{\"label\": \"positif\", \"text\": \"teks ketiga\"}\n"
			  "{\"text\": \"teks keempat\"}\n", f);
		fclose(f);
		toy_dataset(&ds);
		sentimen_arena_init(&arena, A);
		CHECK(sentimen_corpus_load_unlabeled(path, &ds, 1, 2.0f, 3, &arena, err, sizeof(err))
			  == SENTIMEN_OK);
		CHECK(ds.n == 36 + 3);
		if (ds.n == 39)
		{
			CHECK(ds.rows[36].len == 18 && memcmp(ds.rows[36].text, "Judul\n\nIsi berita.", 18) == 0);
			CHECK_STR(ds.rows[37].text, "Isi saja.");
			CHECK_STR(ds.rows[38].text, "teks ketiga");
			CHECK(ds.rows[38].label == SENTIMEN_UNLABELED && ds.rows[38].weight == 2.0f &&
				  ds.rows[38].group == 1);
		}
		sentimen_dataset_free(&ds);
		sentimen_arena_free(&arena);
		unlink(path);
	}
}

/* behaviour of the compiled-in model on cases the product must get right */
/* a tokeniser without options as a token source */
static bool
plain_tokens_next(void *src, sentimen_token *tok)
{
	return sentimen_tokenizer_next((sentimen_tokenizer *) src, tok);
}

static void
test_default_model(void)
{
	const sentimen_model *m = sentimen_default_model();
	sentimen_result r;

	if (m == NULL)
	{
		fprintf(stderr, "note: compiled-in model unusable (%s); skipping its tests\n",
				sentimen_status_message(sentimen_default_model_status()));
		return;
	}
#define LABEL(text) (sentimen_classify(m, (text), strlen(text), &r, A), sentimen_model_class_name(m, r.label))
	CHECK_STR(LABEL("Elon Musk Ancam Gugat Microsoft"), "negatif");
	CHECK_STR(LABEL("Ekspor Kopi Naik 20 Persen, Petani Sejahtera"), "positif");
	CHECK_STR(LABEL("KPK Tetapkan Bupati Sebagai Tersangka Korupsi"), "negatif");
	CHECK_STR(LABEL("pelayanannya sangat memuaskan, makanannya enak"), "positif");
	CHECK_STR(LABEL("pelayanannya tidak memuaskan, makanannya tidak enak"), "negatif");
#undef LABEL
	/*
	 * The per-word cache of the scorer changes nothing (twice: cold, then
	 * warm), nor does folding the dense features.
	 */
	for (int pass = 0; pass < 2; pass++)
	{
		static const char *const texts[] = {
			"Elon Musk Ancam Gugat Microsoft",
			"pelayanannya tidak memuaskan, makanannya tidak enak sekali",
			"Judul Berita Penting\n\nIsi berita yang cukup panjang tentang ekonomi yang tumbuh dan anak-anak yang bahagia.",
			"harga naik turun tetapi pelayanan bagus, meskipun antrean lama"
		};

		for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		{
			sentimen_result r1,
						r2;

			sentimen_result r3;

			sentimen_classify_no_cache = true;
			sentimen_classify(m, texts[i], strlen(texts[i]), &r1, A);
			sentimen_classify_no_cache = false;
			sentimen_classify(m, texts[i], strlen(texts[i]), &r2, A);
			for (uint32_t c = 0; c < m->n_classes; c++)
				CHECK(fabs(r1.logits[c] - r2.logits[c]) < 1e-6);
			/* and the dense features folded per word or not: the same logits */
			sentimen_classify_no_fold = true;
			sentimen_classify(m, texts[i], strlen(texts[i]), &r3, A);
			sentimen_classify_no_fold = false;
			for (uint32_t c = 0; c < m->n_classes; c++)
				CHECK(fabs(r3.logits[c] - r2.logits[c]) < 1e-5);
		}
	}
	/*
	 * A sentence given as tokens read without options (as the tagger reads
	 * it) scores exactly as its text: clitics, slang, elongation, numbers,
	 * abbreviations, a URL, emoji, non-ASCII.
	 */
	{
		static const char *const texts[] = {
			"Bukunya bagus, gaknya jelek, sekolahnya jauh dan hanya itu saja.",
			"Pelayanannya sangaaat memuaskan!!! Harganya Rp10.000 per 12/3/2024.",
			"Dr. Budi dari Jl. Sudirman bilang: lihat detik.com ya 😀 anak-anak",
			"Kafe Ça Va di Bandung TIDAK enak, tapi tempatnyapun nyaman",
			""
		};

		for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		{
			sentimen_tokenizer tz;
			sentimen_result r1,
						r2;

			sentimen_classify(m, texts[i], strlen(texts[i]), &r1, A);
			sentimen_tokenizer_init(&tz, texts[i], strlen(texts[i]), 0, A);
			sentimen_classify_tokens(m, texts[i], strlen(texts[i]), plain_tokens_next, &tz, &r2, A);
			sentimen_tokenizer_free(&tz);
			CHECK(r1.label == r2.label && r1.words == r2.words);
			for (uint32_t c = 0; c < m->n_classes; c++)
				CHECK(r1.logits[c] == r2.logits[c]);
		}
	}
	/* score and confidence in range; empty text gets a defined answer */
	sentimen_classify(m, "", 0, &r, A);
	CHECK(r.score >= -1 && r.score <= 1 && r.confidence >= 0 && r.confidence <= 1);
	CHECK(isfinite(r.score) && isfinite(r.confidence));
}

/* date spans of a text: "text|text|..." of the DATE mentions */
static void
dates_of(const char *text, char *out, size_t cap)
{
	sentimen_entity_result r;
	size_t		o = 0;

	out[0] = '\0';
	sentimen_entities_extract(NULL, NULL, text, strlen(text), &r, &sentimen_malloc_allocator);
	for (size_t i = 0; i < r.n_mentions; i++)
		if (r.mentions[i].type == SENTIMEN_ENT_DATE && o + r.mentions[i].len + 2 < cap)
		{
			if (o > 0)
				out[o++] = '|';
			memcpy(out + o, text + r.mentions[i].start, r.mentions[i].len);
			o += r.mentions[i].len;
			out[o] = '\0';
		}
	sentimen_entities_free(&r);
}

static void
test_dates(void)
{
	char		buf[512];

	CHECK(sentimen_is_month_word("april", 5));
	CHECK(!sentimen_is_month_word("apr", 3));
	CHECK(sentimen_is_weekday_word("jumat", 5));
	dates_of("mulai 25 April 2023, kata Musk", buf, sizeof(buf));
	CHECK_STR(buf, "25 April 2023");
	dates_of("Rapat Senin (12/3) pukul 10.00 WIB di DPR", buf, sizeof(buf));
	CHECK_STR(buf, "Senin (12/3) pukul 10.00 WIB");
	dates_of("Harga naik sejak Desember lalu dan turun pada April", buf, sizeof(buf));
	CHECK_STR(buf, "Desember lalu|April");
	dates_of("Jumat, 5 Januari 2024 dan 2024-01-05 serta 5/1/2024", buf, sizeof(buf));
	CHECK_STR(buf, "Jumat, 5 Januari 2024|2024-01-05|5/1/2024");
	dates_of("Konser April di Jakarta. Skor 3/4 bukan tanggal 45/13.", buf, sizeof(buf));
	CHECK_STR(buf, "");
	dates_of("dua minggu lagi, pada tahun 2025, 17 Agt 2025", buf, sizeof(buf));
	CHECK_STR(buf, "2025|17 Agt 2025");
}

static void
test_entities(void)
{
	const char *text = "Presiden Joko Widodo meminta Komisi Pemberantasan Korupsi (KPK) bertindak. "
		"KPK berjanji, kata Widodo. Elon Musk menggugat Microsoft pada 25 April 2023. Musk marah.";
	sentimen_entity_result r;
	int			musk = -1,
				kpk = -1,
				jw = -1;

	CHECK(sentimen_default_tagger() != NULL);
	sentimen_entities_extract(NULL, sentimen_default_model(), text, strlen(text), &r,
							  &sentimen_malloc_allocator);
	for (size_t e = 0; e < r.n_entities; e++)
	{
		const sentimen_entity *en = &r.entities[e];

		CHECK(en->salience >= 0 && en->salience <= 1);
		CHECK(e == 0 || r.entities[e - 1].salience >= en->salience);
		if (strcmp(en->name, "Elon Musk") == 0)
			musk = (int) e;
		if (strcmp(en->name, "Komisi Pemberantasan Korupsi") == 0)
			kpk = (int) e;
		if (strcmp(en->name, "Joko Widodo") == 0)
			jw = (int) e;
		/* "April" is part of the date only */
		CHECK(strstr(en->name, "April") == NULL || en->type == SENTIMEN_ENT_DATE);
		CHECK(en->has_sentiment == (en->type != SENTIMEN_ENT_DATE));
	}
	CHECK(musk >= 0 && r.entities[musk].mentions == 2 && r.entities[musk].type == SENTIMEN_ENT_PERSON);
	CHECK(kpk >= 0 && r.entities[kpk].mentions == 2 && r.entities[kpk].type == SENTIMEN_ENT_ORG);
	CHECK(jw >= 0 && r.entities[jw].mentions == 2);
	for (size_t i = 0; i < r.n_mentions; i++)
	{
		const sentimen_mention *m = &r.mentions[i];

		CHECK(m->start + m->len <= strlen(text));
		CHECK(m->cp_start == sentimen_utf8_count(text, m->start));
		CHECK(i == 0 || r.mentions[i - 1].start + r.mentions[i - 1].len <= m->start);
		CHECK(m->entity < r.n_entities);
	}
	sentimen_entities_free(&r);

	/* nothing to find */
	sentimen_entities_extract(NULL, sentimen_default_model(), "", 0, &r, &sentimen_malloc_allocator);
	CHECK(r.n_mentions == 0 && r.n_entities == 0);
	sentimen_entities_free(&r);

	/* a title-case headline with no name in it (found by fuzz_entities: qsort of NULL) */
	sentimen_entities_extract(NULL, sentimen_default_model(), "Harga Naik Tajam Hari Ini", 25, &r,
							  &sentimen_malloc_allocator);
	CHECK(r.n_entities == 0);
	sentimen_entities_free(&r);
}

static void
test_default_channel(void)
{
	const sentimen_model *m = sentimen_default_channel();
	const sentimen_model *sm = sentimen_default_model();
	sentimen_result r;

	if (m == NULL)
	{
		fprintf(stderr, "note: compiled-in channel model unusable (%s); skipping its tests\n",
				sentimen_status_message(sentimen_default_channel_status()));
		return;
	}
	CHECK(sentimen_channel_check(m) == SENTIMEN_OK);
	CHECK(m->n_classes == SENTIMEN_N_CHANNELS);
	/* the sentiment model is not a channel model */
	if (sm)
		CHECK(sentimen_channel_check(sm) == SENTIMEN_ERR_MODEL_KIND);
#define CHANNEL(text) (sentimen_classify(m, (text), strlen(text), &r, A), sentimen_model_class_name(m, r.label))
	CHECK_STR(CHANNEL("Timnas Indonesia menang 2-0 atas Vietnam\n\nGol dicetak pada babak kedua, pelatih memuji lini tengah."), "olahraga");
	CHECK_STR(CHANNEL("Rupiah menguat, IHSG ditutup naik\n\nNilai tukar rupiah menguat terhadap dolar AS seiring investor asing masuk ke pasar saham."), "ekonomi");
#undef CHANNEL
	/* alternating with the sentiment model, the shared word cache changes nothing */
	for (int pass = 0; pass < 2; pass++)
	{
		static const char *const text = "Harga mobil listrik turun, penjualan naik di pameran otomotif";
		sentimen_result r1,
					r2;

		sentimen_classify_no_cache = true;
		sentimen_classify(m, text, strlen(text), &r1, A);
		sentimen_classify_no_cache = false;
		if (sm)
			sentimen_classify(sm, text, strlen(text), &r2, A);
		sentimen_classify(m, text, strlen(text), &r2, A);
		for (uint32_t c = 0; c < m->n_classes; c++)
			CHECK(fabs(r1.logits[c] - r2.logits[c]) < 1e-6);
		CHECK(r2.confidence > 0 && r2.confidence <= 1);
	}
	/* no words: words == 0, which the SQL function turns into NULL */
	sentimen_classify(m, " \t\n ...", 7, &r, A);
	CHECK(r.words == 0);
}

/* domain lexicon and gazetteer overrides (issue 4) */
static void
test_overrides(void)
{
	const sentimen_allocator *A = &sentimen_malloc_allocator;
	const sentimen_model *m = sentimen_default_model();
	sentimen_term_overrides to;
	sentimen_entity_overrides eo;
	sentimen_result r0,
				r1;
	sentimen_entity_result er;
	const char *t = "Bank Mandiri meluncurkan fitur paylater baru untuk nasabah.";
	bool		found = false;

	sentimen_term_overrides_init(&to, A);
	CHECK(sentimen_term_overrides_add(&to, "", 0, 1.0) == SENTIMEN_ERR_INVALID_ARGUMENT);
	CHECK(sentimen_term_overrides_add(&to, "paylater", 8, -12.0) == SENTIMEN_OK);
	CHECK(sentimen_term_overrides_add(&to, "fitur baru", 10, 0.5) == SENTIMEN_OK);
	sentimen_classify(m, t, strlen(t), &r0, A);
	sentimen_classify_with(m, NULL, t, strlen(t), &r1, A);
	CHECK(r0.score == r1.score);
	sentimen_classify_with(m, &to, t, strlen(t), &r1, A);
	CHECK(r1.score < r0.score - 0.2);
	CHECK_STR(sentimen_model_class_name(m, r1.label), "negatif");
	sentimen_term_overrides_free(&to);

	CHECK(sentimen_entity_type_parse("org", 3) == SENTIMEN_ENT_ORG);
	CHECK(sentimen_entity_type_parse("DATE", 4) == SENTIMEN_ENT_DATE);
	sentimen_entity_overrides_init(&eo, A);
	CHECK(sentimen_entity_overrides_add(&eo, "x", 1, SENTIMEN_ENT_DATE, NULL, 0) ==
		  SENTIMEN_ERR_INVALID_ARGUMENT);
	CHECK(sentimen_entity_overrides_add(&eo, "paylater", 8, SENTIMEN_ENT_PRODUCT,
										"PayLater Mandiri", 16) == SENTIMEN_OK);
	sentimen_entities_extract_with(NULL, m, &eo, t, strlen(t), &er, A);
	for (size_t i = 0; i < er.n_entities; i++)
		if (strcmp(er.entities[i].name, "PayLater Mandiri") == 0 &&
			er.entities[i].type == SENTIMEN_ENT_PRODUCT)
			found = true;
	CHECK(found);
	sentimen_entities_free(&er);
	sentimen_entity_overrides_free(&eo);
}

int
main(void)
{
	test_normalize();
	test_tokenize();
	test_lexicon();
	test_featurize_order();
	test_stem();
	test_hash();
	test_json();
	test_metrics();
	test_train_and_model();
	test_self_training();
	test_nb_prior();
	test_default_model();
	test_dates();
	test_entities();
	test_default_channel();
	test_overrides();
	printf("%d checks, %d failures\n", checks, failures);
	return failures > 100 ? 100 : failures;
}
