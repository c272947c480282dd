/*
 * lexicon.c: lookups in the project's own word lists (lexicon_data.h).
 */
#include "lexicon.h"
#include "hash.h"
#include "stem.h"

#include <stdint.h>
#include <string.h>

#include "lexicon_data.h"

#define LEN(a) (sizeof(a) / sizeof((a)[0]))

static inline bool
same(const char *w, size_t len, const char *entry)
{
	return strncmp(entry, w, len) == 0 && entry[len] == '\0';
}

/*
 * Hash-index lookup: index[slot] is entry + 1 (0 = empty), linear probing.
 * The indexes are generated with the same hash (tools/lexicon_lists.py).
 */
#define HLOOKUP(table, field, index, w, len, hash, result) \
	do { \
		size_t mask_ = LEN(index##_index) - 1; \
		size_t s_ = (hash) & mask_; \
		(result) = -1; \
		while ((index##_index)[s_] != 0) \
		{ \
			unsigned e_ = (index##_index)[s_] - 1; \
			if ((index##_hash)[e_] == (hash) && same((w), (len), (table)[e_] field)) \
			{ \
				(result) = (long) e_; \
				break; \
			} \
			s_ = (s_ + 1) & mask_; \
		} \
	} while (0)

const char *
sentimen_slang_lookup(const char *word, size_t len, uint64_t hash)
{
	long		i;

	HLOOKUP(slang_table, .from, slang, word, len, hash, i);
	return i < 0 ? NULL : slang_table[i].to;
}

sentimen_word_role
sentimen_word_role_lookup(const char *word, size_t len, uint64_t hash)
{
	long		i;

	HLOOKUP(role_table, .word, role, word, len, hash, i);
	return i < 0 ? SENTIMEN_ROLE_NONE : (sentimen_word_role) role_table[i].role;
}

int
sentimen_polarity_exact(const char *word, size_t len, uint64_t hash)
{
	long		i;

	HLOOKUP(polarity_table, .word, polarity, word, len, hash, i);
	return i < 0 ? 0 : polarity_table[i].polarity;
}

int
sentimen_phrase_polarity(uint64_t first, uint64_t second)
{
	uint64_t	key = sentimen_hash_combine(first, second);
	size_t		lo = 0,
				hi = LEN(phrase_table);

	while (lo < hi)
	{
		size_t		mid = (lo + hi) / 2;

		if (phrase_table[mid].key == key)
			return phrase_table[mid].polarity;
		if (phrase_table[mid].key < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/*
 * Stem-based lookups cost several probes per word; news vocabulary is
 * Zipfian, so a small direct-mapped memo (per process, keyed by the full
 * 64-bit hash and the length) answers most of them.  It never changes a
 * result.
 */
#define MEMO_SIZE 16384
static struct
{
	uint64_t	hash;
	uint64_t	root_hash;
	uint32_t	len;
	int8_t		polarity;
	uint8_t		role;
	bool		has_root;
	bool		phrase_first;
	bool		used;
}			memo[MEMO_SIZE];

static inline size_t
memo_slot(uint64_t hash)
{
	return (hash >> 20) & (MEMO_SIZE - 1);
}

void
sentimen_word_info_prefetch(uint64_t hash)
{
	__builtin_prefetch(&memo[memo_slot(hash)]);
}

void
sentimen_word_info_of(const char *word, size_t len, uint64_t hash, sentimen_word_info *info)
{
	size_t		slot = memo_slot(hash);
	sentimen_stem_candidates c;
	int			p;

	if (memo[slot].used && memo[slot].hash == hash && memo[slot].len == len)
	{
		info->polarity = memo[slot].polarity;
		info->has_root = memo[slot].has_root;
		info->root_hash = memo[slot].root_hash;
		info->role = (sentimen_word_role) memo[slot].role;
		info->phrase_first = memo[slot].phrase_first;
		return;
	}
	info->role = sentimen_word_role_lookup(word, len, hash);
	info->phrase_first = false;
	for (size_t i = 0; i < LEN(phrase_first_table); i++)
		if (phrase_first_table[i] == hash)
			info->phrase_first = true;
	p = sentimen_polarity_exact(word, len, hash);
	sentimen_stem_candidates_of(word, len, &c);
	for (int k = 0; k < c.n && p == 0; k++)
		p = sentimen_polarity_exact(c.word[k], c.len[k], sentimen_hash64(c.word[k], c.len[k], 0));
	info->polarity = p;
	info->has_root = c.n > 0;
	info->root_hash = c.n > 0 ? sentimen_hash64(c.word[0], c.len[0], 0) : 0;

	memo[slot].hash = hash;
	memo[slot].len = (uint32_t) len;
	memo[slot].polarity = (int8_t) p;
	memo[slot].has_root = info->has_root;
	memo[slot].root_hash = info->root_hash;
	memo[slot].role = (uint8_t) info->role;
	memo[slot].phrase_first = info->phrase_first;
	memo[slot].used = true;
}

bool
sentimen_is_dotted_abbrev(const char *lower, size_t len)
{
	long		i;

	HLOOKUP(abbrev_table, , abbrev, lower, len, sentimen_hash64(lower, len, 0), i);
	return i >= 0;
}

bool
sentimen_clitic_exception(const char *word, size_t len, uint64_t hash)
{
	long		i;

	HLOOKUP(clitic_exception_table, , clitic_exception, word, len, hash, i);
	return i >= 0;
}

size_t
sentimen_polarity_size(void)
{
	return LEN(polarity_table);
}

size_t
sentimen_slang_size(void)
{
	return LEN(slang_table);
}

/* For the unit tests: every table must be strictly sorted (no duplicates). */
bool
sentimen_lexicon_tables_sorted(void)
{
#define CHECK(table, field) \
	for (size_t i = 1; i < LEN(table); i++) \
		if (strcmp((table)[i - 1] field, (table)[i] field) >= 0) \
			return false;
	CHECK(slang_table, .from);
	CHECK(role_table, .word);
	CHECK(polarity_table, .word);
	CHECK(abbrev_table, );
	CHECK(clitic_exception_table, );
#undef CHECK
	for (size_t i = 1; i < LEN(phrase_table); i++)
		if (phrase_table[i - 1].key >= phrase_table[i].key)
			return false;
	return true;
}
