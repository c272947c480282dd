/*
 * wordset.h: a small fixed set of words looked up by the hash of a token's
 * normal form (sentimen_token.hash), for the rule modules: one probe per
 * token instead of string compares against every list entry.
 */
#ifndef SENTIMEN_WORDSET_H
#define SENTIMEN_WORDSET_H

#include "common.h"

#define SENTIMEN_WORDSET_CAP 512	/* power of two, > 2x the words */

typedef struct sentimen_wordset
{
	uint64_t	keys[SENTIMEN_WORDSET_CAP];	/* hash | 1, 0 = empty */
	uint32_t	vals[SENTIMEN_WORDSET_CAP];
	bool		ready;
} sentimen_wordset;

/* Add each word of a NULL-terminated list (lower case) with value bits (ORed). */
extern void sentimen_wordset_add(sentimen_wordset *ws, const char *const *words, uint32_t bits);

/* The bits of the word with this normal-form hash, 0 if absent. */
extern uint32_t sentimen_wordset_get(const sentimen_wordset *ws, uint64_t hash);

#endif							/* SENTIMEN_WORDSET_H */
