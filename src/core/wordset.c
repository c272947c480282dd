/*
 * wordset.c: see wordset.h.
 */
#include "wordset.h"
#include "hash.h"

#include <string.h>

void
sentimen_wordset_add(sentimen_wordset *ws, const char *const *words, uint32_t bits)
{
	for (; *words; words++)
	{
		uint64_t	key = sentimen_hash64(*words, strlen(*words), 0) | 1;
		size_t		s = (size_t) (key >> 32) & (SENTIMEN_WORDSET_CAP - 1);

		while (ws->keys[s] != 0 && ws->keys[s] != key)
			s = (s + 1) & (SENTIMEN_WORDSET_CAP - 1);
		ws->keys[s] = key;
		ws->vals[s] |= bits;
	}
	ws->ready = true;
}

uint32_t
sentimen_wordset_get(const sentimen_wordset *ws, uint64_t hash)
{
	uint64_t	key = hash | 1;

	for (size_t s = (size_t) (key >> 32) & (SENTIMEN_WORDSET_CAP - 1);;
		 s = (s + 1) & (SENTIMEN_WORDSET_CAP - 1))
	{
		if (ws->keys[s] == key)
			return ws->vals[s];
		if (ws->keys[s] == 0)
			return 0;
	}
}
